"""Matching: subscriptions, the inbox of pushed matches, feedback and recommendations."""

from app.declarations import events
from app.matches.listeners import on_published, on_unpublished
from app.matches.routes import bp  # noqa: F401  (the blueprint create_app registers)

# Appended once per process (the module is imported once); the lists are owned by app.declarations.
if on_published not in events.LISTENERS_PUBLISHED:
    events.LISTENERS_PUBLISHED.append(on_published)
if on_unpublished not in events.LISTENERS_UNPUBLISHED:
    events.LISTENERS_UNPUBLISHED.append(on_unpublished)
