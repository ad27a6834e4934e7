"""Celery entry points of awards: thin maintenance tasks, each one call to a service."""

from celery import shared_task
from django.db import OperationalError

from .services import eligibility_refresh


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def refresh_eligibility():
    """After a change of what the rules read: run them again on the stale lines of open proposals."""
    return eligibility_refresh.stale_refresh()
