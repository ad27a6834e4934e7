from .kinds import DEFAULTS, Delivery, Kind
from .models import Notification, Preference


def notification_list_for(user):
    return Notification.objects.filter(user=user)


def notification_get_for(user, pk):
    return notification_list_for(user).get(pk=pk)


def unread_count(user):
    return notification_list_for(user).filter(read_at__isnull=True).count()


def preferences_for(user):
    """{kind: delivery} for every kind: the user's choice, else the kind's default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: Delivery(chosen.get(kind, DEFAULTS[kind])) for kind in Kind}
