from .models import Notification


def notification_list_for(user):
    return Notification.objects.filter(user=user)


def notification_get_for(user, pk):
    return notification_list_for(user).get(pk=pk)


def unread_count(user):
    return notification_list_for(user).filter(read_at__isnull=True).count()
