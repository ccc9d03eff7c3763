"""The Celery app for `celery -A app.worker.entry worker|beat`: a Flask app built from the environment.

Building the app here, at import, is the point of this module: the celery command imports it to find `celery`.
"""

from app import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
