"""Celery entry points of notifications: the delivery of one event (sent after the commit of the service that
made it, see dispatch.py) and the daily digest (Celery beat)."""

from celery import shared_task
from django.db import OperationalError

from . import dispatch, services


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def deliver(kind, ids):
    return dispatch.deliver(kind, ids)


@shared_task
def send_digests():
    """Daily: one e-mail per user with the notifications they chose to get in a digest."""
    return services.digest_send()
