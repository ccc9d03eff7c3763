"""Matching: subscriptions, the inbox of pushed matches, feedback and recommendations."""

from flask.blueprints import BlueprintSetupState

from app.declarations import events
from app.matches import listeners
from app.matches.routes import bp


@bp.record_once
def connect_listeners(state: BlueprintSetupState) -> None:
    """Keep the index and the push queue in step with the market of the app this blueprint joins."""
    events.published.connect(listeners.on_published, sender=state.app)
    events.unpublished.connect(listeners.on_unpublished, sender=state.app)
