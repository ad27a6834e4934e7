from celery import shared_task
from django.utils import timezone

from .models import Campaign
from .services.reminders import REMIND_AFTER, send_launch_reminders


@shared_task
def remind_unlaunched(campaign_id):
    return send_launch_reminders(campaign_id)


@shared_task
def remind_due_launches():
    """Daily (Celery beat): queue the reminders of every campaign launched at least a week ago."""
    cutoff = timezone.localdate() - REMIND_AFTER
    ids = list(Campaign.objects.filter(status=Campaign.Status.LAUNCHED, launched_on__lte=cutoff)
               .values_list("pk", flat=True))
    for pk in ids:
        remind_unlaunched.delay(pk)
    return ids
