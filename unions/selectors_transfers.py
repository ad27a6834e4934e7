"""Reads of member transfer requests: a request belongs to two unions, the one sending and the one receiving.

The receiving union sees the request (the member's name, code and year of birth, the sending union) but not the
member, whose row stays scoped by the sending union until the request is accepted."""

from django.db.models import Case, IntegerField, Value, When

from . import access
from .models import TransferRequest

LISTED = 100
_OPEN_FIRST = Case(
    When(status="open", then=Value(0)), default=Value(1), output_field=IntegerField()
)  # per list: the open ones come first, the answered ones are a trail, not an archive


def _both_sides(user, action):
    sending = access.scope_q(user, action, "from_organization")
    receiving = access.scope_q(user, action, "to_organization")
    parts = [q for q in (sending, receiving) if q is not None]
    if not parts:
        return TransferRequest.objects.none()
    q = parts[0] if len(parts) == 1 else parts[0] | parts[1]
    return TransferRequest.objects.filter(q)


def _rows(qs):
    return qs.select_related("member", "from_organization", "to_organization", "requested_by", "decided_by").order_by(
        "-created_at", "-id"
    )


def transfer_request_get_for(user, pk):
    """A request the user can see from either side, or DoesNotExist (a 404)."""
    return _rows(_both_sides(user, access.READ)).get(pk=pk)


def transfer_requests_incoming(user):
    """Requests into unions the user keeps, sent from unions they do not (those they move themselves)."""
    rows = access.restrict(TransferRequest.objects.all(), user, access.MEMBER_WRITE, "to_organization")
    return list(_rows(rows).order_by(_OPEN_FIRST, "-created_at", "-id")[:LISTED])


def transfer_requests_outgoing(user):
    rows = access.restrict(TransferRequest.objects.all(), user, access.MEMBER_WRITE, "from_organization")
    return list(_rows(rows).order_by(_OPEN_FIRST, "-created_at", "-id")[:LISTED])


def open_request_of(member):
    return (
        TransferRequest.objects.filter(member=member, status=TransferRequest.Status.OPEN)
        .select_related("to_organization")
        .first()
    )
