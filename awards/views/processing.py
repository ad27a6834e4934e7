"""The receiving body's own steps on a proposal: the received list, assignment, approval, sign-off, settings."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_service_errors
from unions import access
from unions import selectors as union_selectors

from ..forms.processing import AssignForm, SettingsForm
from ..models import Proposal
from ..selectors import processing as selectors
from ..selectors import proposals as proposal_selectors
from ..services import processing


@login_required
@access.declares(access.READ)
def proposals_received(request):
    mine = request.GET.get("mine") == "1"
    round_id = request.GET.get("round", "")
    round_id = int(round_id) if round_id.isdigit() else None
    status = request.GET.get("status", "")
    items = selectors.received_list_for(request.user, mine=mine, round_id=round_id, status=status)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    kept = {"mine": "1" if mine else "", "round": round_id or "", "status": status}
    query = urlencode({key: value for key, value in kept.items() if value})
    return render(
        request,
        "awards/processing/received.html",
        {
            "page": page,
            "rows": list(page.object_list),
            "mine": mine,
            "round_id": round_id,
            "rounds": selectors.rounds_of_received(request.user),
            "status": status,
            "statuses": [choice for choice in Proposal.Status.choices if choice[0] != Proposal.Status.DRAFT],
            "query": query,
        },
    )


@login_required
@access.declares(access.PROPOSAL_ASSIGN)
def proposal_assign(request, pk):
    proposal = access.get_for(
        request.user, proposal_selectors.proposal_get_for, pk, access.PROPOSAL_ASSIGN, via="to_org"
    )
    form = AssignForm(request.POST or None, specialists=processing.specialists_for(proposal))
    if request.method == "POST" and form.is_valid():
        try:
            processing.proposal_assign(actor=request.user, proposal=proposal, assignee=form.cleaned_data["assignee"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment was saved."))
            return redirect("awards:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "awards/proposal_form.html",
        {"form": form, "title": _("Assign to a specialist"), "proposal": proposal},
    )


def _step(request, pk, action, run, success):
    proposal = access.get_for(request.user, proposal_selectors.proposal_get_for, pk, action, via="to_org")
    try:
        run(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("awards:proposal_detail", pk=proposal.pk)


@login_required
@require_POST
@access.declares(access.REVIEW_APPROVE)
def review_approve(request, pk):
    return _step(request, pk, access.REVIEW_APPROVE, processing.review_approve, _("The review was approved."))


@login_required
@require_POST
@access.declares(access.DECISION_SIGN_OFF)
def proposal_sign_off(request, pk):
    return _step(request, pk, access.DECISION_SIGN_OFF, processing.proposal_sign_off, _("The proposal was signed off."))


@login_required
@access.declares(access.PROCESSING_ORGANISE)
def processing_settings(request, pk):
    org = access.get_for(request.user, union_selectors.organization_get_for, pk, access.PROCESSING_ORGANISE)
    current = selectors.settings_of(org)
    initial = {"sign_off_required": bool(current and current.sign_off_required)}
    # An unticked box posts nothing: the form is bound on every POST, not only a non-empty one.
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        processing.processing_settings_set(actor=request.user, organization=org, **form.cleaned_data)
        messages.success(request, _("The processing settings were saved."))
        return redirect("awards:round_list")
    return render(
        request,
        "awards/processing/form.html",
        {"form": form, "title": _("Processing of received proposals: %(org)s") % {"org": org.name}},
    )
