"""Member transfer requests: the officers' list of incoming and outgoing requests, one request, its answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_service_errors

from .. import access, selectors_transfers
from ..forms import TransferRefuseForm
from ..models import TransferRequest
from ..services import transfers


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def transfer_list(request):
    context = {
        "incoming": selectors_transfers.transfer_requests_incoming(request.user),
        "outgoing": selectors_transfers.transfer_requests_outgoing(request.user),
    }
    return render(request, "unions/transfer_list.html", context)


def _detail(request, req, refuse_form=None):
    open_ = req.status == TransferRequest.Status.OPEN
    context = {
        "req": req,
        "can_answer": open_ and access.can(request.user, access.MEMBER_WRITE, req.to_organization),
        "can_withdraw": open_ and access.can(request.user, access.MEMBER_WRITE, req.from_organization),
        "refuse_form": refuse_form or TransferRefuseForm(),
    }
    return render(request, "unions/transfer_detail.html", context)


def _fetch(request, pk, side=None):
    """The request if the user sees it (404 otherwise); with `side`, one they may answer for that union (403)."""
    action = access.MEMBER_WRITE if side else None
    return access.get_for(request.user, selectors_transfers.transfer_request_get_for, pk, action, via=side)


@login_required
@access.declares(access.READ)
def transfer_detail(request, pk):
    return _detail(request, _fetch(request, pk))


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def transfer_accept(request, pk):
    req = _fetch(request, pk, "to_organization")
    try:
        transfers.transfer_accept(actor=request.user, transfer_request=req)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("unions:transfer_detail", pk=req.pk)
    messages.success(
        request, _("%(member)s now belongs to %(union)s.") % {"member": req.member, "union": req.to_organization}
    )
    return redirect("unions:member_detail", pk=req.member_id)


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def transfer_refuse(request, pk):
    req = _fetch(request, pk, "to_organization")
    form = TransferRefuseForm(request.POST)
    if form.is_valid():
        try:
            transfers.transfer_refuse(actor=request.user, transfer_request=req, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request was refused; the sending union sees your reason."))
            return redirect("unions:transfer_detail", pk=req.pk)
    return _detail(request, req, form)


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def transfer_withdraw(request, pk):
    req = _fetch(request, pk, "from_organization")
    try:
        transfers.transfer_withdraw(actor=request.user, transfer_request=req)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request was withdrawn."))
    return redirect("unions:transfer_detail", pk=req.pk)
