"""Submission rounds of a receiving body, and reopening what a round's deadline locked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_service_errors
from unions import access

from ..forms.processing import ReopenForm, RoundForm
from ..selectors import processing as selectors
from ..selectors import proposals as proposal_selectors
from ..services import rounds


@login_required
@access.declares(access.PROCESSING_ORGANISE, required=True)
def round_list(request):
    items = list(selectors.round_list_for(request.user))
    bodies = selectors.bodies_for(request.user)
    return render(
        request,
        "awards/processing/rounds.html",
        {"rounds": items, "bodies": bodies, "reopen_form": ReopenForm()},
    )


def _form_page(request, form, title, run, success):
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("awards:round_list")
    return render(request, "awards/processing/form.html", {"form": form, "title": title})


@login_required
@access.declares(access.PROCESSING_ORGANISE, required=True)
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        _("New submission round"),
        lambda data: rounds.round_create(actor=request.user, **data),
        _("The round was created."),
    )


@login_required
@access.declares(access.PROCESSING_ORGANISE)
def round_edit(request, pk):
    submission_round = access.get_for(request.user, selectors.round_get_for, pk, access.PROCESSING_ORGANISE)
    initial = {"title": submission_round.title, "kind": submission_round.kind, "deadline": submission_round.deadline}
    form = RoundForm(request.POST or None, user=request.user, submission_round=submission_round, initial=initial)
    return _form_page(
        request,
        form,
        _("Submission round: %(title)s") % {"title": submission_round.title},
        lambda data: rounds.round_update(actor=request.user, submission_round=submission_round, **data),
        _("The round was saved."),
    )


def _until(request):
    form = ReopenForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Enter the day to reopen until as dd/mm/yyyy."))
    return form.cleaned_data["until"]


@login_required
@require_POST
@access.declares(access.PROCESSING_ORGANISE)
def round_reopen(request, pk):
    submission_round = access.get_for(request.user, selectors.round_get_for, pk, access.PROCESSING_ORGANISE)
    try:
        rounds.round_reopen(actor=request.user, submission_round=submission_round, until=_until(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The round was reopened."))
    return redirect("awards:round_list")


@login_required
@require_POST
@access.declares(access.PROCESSING_ORGANISE)
def proposal_reopen(request, pk):
    proposal = access.get_for(
        request.user, proposal_selectors.proposal_get_for, pk, access.PROCESSING_ORGANISE, via="to_org"
    )
    try:
        rounds.proposal_reopen(actor=request.user, proposal=proposal, until=_until(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal was reopened for its union."))
    return redirect("awards:proposal_detail", pk=proposal.pk)
