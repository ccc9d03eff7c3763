"""Annual fees of granted patents: the schedule, what is due now, grace and reductions, payments."""

from app.fees.routes import bp  # noqa: F401  (the blueprint create_app registers)
