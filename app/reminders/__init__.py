"""Reminders: one in-app notice (and one e-mail) per user, kind, subject and due key, whatever the domain."""

from app.reminders.routes import bp  # noqa: F401  (the blueprint create_app registers)
