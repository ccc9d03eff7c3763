"""Annual fees of granted patents: the schedule, what is due now, grace and reductions."""
