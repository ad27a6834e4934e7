"""Who hears of a member transfer request, called after commit by unions/services/transfers.py.

The call points of the notification kinds "transfer requested" and "transfer accepted / refused": each takes the
request's id (it runs after the transaction, outside it) and sends through `notifications.services.notify`, once
per user and event. Per-kind preferences, digests or a task queue plug in here and nowhere else.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.services import notify

from . import access
from .models import TransferRequest

KIND_REQUESTED = "transfer_requested"
KIND_ANSWERED = "transfer_answered"


def _load(pk):
    return TransferRequest.objects.select_related("member", "from_organization", "to_organization", "requested_by").get(
        pk=pk
    )


def transfer_requested(pk):
    """To the officers of the receiving union: a member waits for their answer (name and sending union only)."""
    req = _load(pk)
    link = reverse("unions:transfer_detail", kwargs={"pk": req.pk})
    title = _("Transfer request: %(member)s from %(union)s") % {
        "member": req.member.full_name,
        "union": req.from_organization.name,
    }
    for role in access.officers_of([req.to_organization_id]):
        notify(user=role.user, key=f"{KIND_REQUESTED}:{req.pk}", title=title, link=link)


def transfer_answered(pk):
    """To the officer who asked: the receiving union accepted, or refused with its reason."""
    req = _load(pk)
    if req.requested_by is None:
        return
    values = {"member": req.member.full_name, "union": req.to_organization.name}
    if req.status == TransferRequest.Status.ACCEPTED:
        title = _("Transfer accepted: %(member)s now belongs to %(union)s") % values
    else:
        title = _("Transfer refused by %(union)s: %(member)s") % values
    notify(
        user=req.requested_by,
        key=f"{KIND_ANSWERED}:{req.pk}",
        title=title,
        body=req.reason,
        link=reverse("unions:transfer_detail", kwargs={"pk": req.pk}),
    )
