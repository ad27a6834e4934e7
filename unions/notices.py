"""Who hears of a member transfer request (see notifications/dispatch.py); the transfer services call
`send_after_commit`, these senders run in the task after the commit.

- requested: the officers of the receiving union, who answer it (they read the member's name and sending union
  only: the member is not theirs yet);
- answered (accepted, or refused with its reason): the officer who asked.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.dispatch import Message, sender
from notifications.kinds import Kind

from . import access
from .models import TransferRequest


def _load(pk):
    return TransferRequest.objects.select_related("member", "from_organization", "to_organization", "requested_by").get(
        pk=pk
    )


@sender(Kind.TRANSFER_REQUESTED)
def _requested(*, transfer_id, actor_id):
    req = _load(transfer_id)
    link = reverse("unions:transfer_detail", kwargs={"pk": req.pk})
    title = _("Transfer request: %(member)s from %(union)s") % {
        "member": req.member.full_name,
        "union": req.from_organization.name,
    }
    for role in access.officers_of([req.to_organization_id]):
        if role.user.pk != actor_id and role.user.is_active:
            yield Message(user=role.user, key=f"transfer_requested:{req.pk}", title=title, link=link)


@sender(Kind.TRANSFER_ACCEPTED)
def _answered(*, transfer_id, actor_id):
    req = _load(transfer_id)
    asker = req.requested_by
    if asker is None or not asker.is_active or asker.pk == actor_id:
        return
    values = {"member": req.member.full_name, "union": req.to_organization.name}
    if req.status == TransferRequest.Status.ACCEPTED:
        title = _("Transfer accepted: %(member)s now belongs to %(union)s") % values
    else:
        title = _("Transfer refused by %(union)s: %(member)s") % values
    link = reverse("unions:transfer_detail", kwargs={"pk": req.pk})
    yield Message(user=asker, key=f"transfer_answered:{req.pk}", title=title, body=req.reason, link=link)
