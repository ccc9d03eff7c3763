"""Annual fees of granted patents: the schedule, what is due now, grace and reductions, payments, reminders
and the calendar."""

from app.fees import calendar_routes  # noqa: E402,F401,I001  (its routes join bp)
from app.fees.routes import bp  # noqa: F401  (the blueprint create_app registers)
