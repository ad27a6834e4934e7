"""Celery entry points of campaigns: thin maintenance tasks, each one call to a service (see jobs/registry.py)."""

from celery import shared_task

from .services.deadline_reminders import send_deadline_reminders
from .services.reminders import send_due_launch_reminders


@shared_task
def remind_due_launches():
    """Daily (Celery beat): remind the unions that have not launched a campaign launched a week ago or more."""
    return send_due_launch_reminders()


@shared_task
def remind_registration_deadlines():
    """Daily (Celery beat): unions that have not registered, 7 days and 1 day before a campaign's deadline."""
    return send_deadline_reminders()
