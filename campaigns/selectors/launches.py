from ..models import CampaignLaunch


def launch_get_for(user, pk):
    return CampaignLaunch.objects.visible_to(user).select_related("campaign", "organization").get(pk=pk)


def launch_history(launch):
    """The record's earlier values, newest first, with who changed them (one query)."""
    return list(launch.history.select_related("history_user").order_by("-history_date", "-history_id"))
