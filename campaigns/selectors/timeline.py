"""The timeline of a registration, from its history rows in one query (core/timeline.py)."""

from core.timeline import Step, steps

from ..models import Registration


def registration_timeline(registration) -> list[Step]:
    rows = registration.history.select_related("history_user").order_by("history_date", "history_id")
    return steps(rows, state="status", labels=dict(Registration.Status.choices))
