"""Putting mistakes right: withdrawing a proposal, undoing a ballot, correcting or cancelling a decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_service_errors
from unions import access

from ..forms.corrections import DecisionCancelForm, DecisionCorrectForm, WithdrawForm
from ..forms.proposals import ReasonForm
from ..models import Decision, Proposal
from ..selectors import proposals as selectors
from ..selectors import timeline
from ..services import corrections
from .actions import post_action


def proposal_extras(user, proposal):
    """What the proposal page adds for its timeline and corrections (one query: the timeline)."""
    status = proposal.status
    return {
        "timeline": timeline.proposal_timeline(proposal),
        "can_withdraw": status == Proposal.Status.SUBMITTED
        and access.can(user, access.PROPOSAL_SUBMIT, proposal.from_org),
        "can_undo_approval": status == Proposal.Status.COUNCIL
        and proposal.decision_id is None
        and access.can(user, access.PROPOSAL_REVIEW, proposal.to_org),
    }


@login_required
@require_POST
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_withdraw(request, pk):
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return post_action(
        request,
        pk,
        lambda u, p: corrections.proposal_withdraw(actor=u, proposal=p, reason=reason),
        _("The proposal was withdrawn and is a draft again."),
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def proposal_undo_approval(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return post_action(
        request,
        pk,
        lambda u, p: corrections.proposal_undo_approval(actor=u, proposal=p, reason=reason),
        _("The council's ballot was undone."),
    )


def _decision_form_view(request, pk, form_class, initial, run, title, success):
    decision = access.get_for(request.user, selectors.decision_get_for, pk, access.DECISION_ISSUE)
    form = form_class(request.POST or None, initial=initial(decision))
    if request.method == "POST" and form.is_valid():
        try:
            run(request.user, decision, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("awards:decision_detail", pk=decision.pk)
    context = {"form": form, "title": title % {"number": decision.number}, "decision": decision}
    return render(request, "awards/decision_correct_form.html", context)


@login_required
@access.declares(access.DECISION_ISSUE)
def decision_correct(request, pk):
    def initial(decision):
        return {f: getattr(decision, f) for f in ("number", "signed_on", "signer_name", "signer_title")}

    def run(user, decision, data):
        corrections.decision_correct(actor=user, decision=decision, **data)

    return _decision_form_view(
        request,
        pk,
        DecisionCorrectForm,
        initial,
        run,
        _("Correct decision %(number)s"),
        _("The decision was corrected."),
    )


@login_required
@access.declares(access.DECISION_ISSUE)
def decision_cancel(request, pk):
    def run(user, decision, data):
        corrections.decision_cancel(actor=user, decision=decision, reason=data["reason"])

    return _decision_form_view(
        request,
        pk,
        DecisionCancelForm,
        lambda d: {},
        run,
        _("Cancel decision %(number)s"),
        _("The decision was cancelled with its awards."),
    )


def decision_extras(user, decision):
    """What the decision page adds: its timeline (one query) and whether the user may correct or cancel it."""
    in_force = decision.status == Decision.Status.VALID
    return {
        "timeline": timeline.decision_timeline(decision),
        "can_correct": in_force
        and decision.issuer_id is not None
        and access.can(user, access.DECISION_ISSUE, decision),
    }
