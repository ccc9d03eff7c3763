"""The test suite. Imported before any test module, so a pytest-xdist worker moves to its own PostgreSQL
database before app.config reads TEST_DATABASE_URL (tests/speed.py)."""

from tests.speed import own_database_per_worker

own_database_per_worker()
