"""Many subjects into a proposal in one post (from the candidates page, from achieved registrations) and one
change to many lines of a proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.forms import read_choices
from core.views import add_service_errors
from unions import access

from ..forms.awards import CandidatesForm
from ..forms.bulk import AddToProposalForm, LinesActionForm, RegistrationsFilterForm
from ..selectors import proposals as selectors
from ..selectors.registrations import achieved_registrations
from ..services import bulk_lines
from .candidates import candidates_page


def _add(request, add_form, proposer, year, award_type):
    """Run the add; the proposal's page on success, None (errors on the form) otherwise."""
    if not add_form.is_valid():
        return None
    data = add_form.cleaned_data
    try:
        proposal, added, skipped = bulk_lines.lines_add_to(
            actor=request.user,
            award_type=award_type,
            subjects=list(data["subject"]),
            proposal=data["proposal"],
            from_org=proposer,
            year=year,
            title=data["title"],
        )
    except ValidationError as error:
        add_service_errors(add_form, error)
        return None
    messages.success(
        request, ngettext("%(n)s line was added.", "%(n)s lines were added.", len(added)) % {"n": len(added)}
    )
    if skipped:
        messages.info(
            request,
            _("Already in the proposal for this award, skipped: %(names)s.") % {"names": ", ".join(skipped)},
        )
    return redirect("awards:proposal_detail", pk=proposal.pk)


@login_required
@require_POST
@access.declares(access.PROPOSAL_SUBMIT, required=True)
def candidates_add(request):
    """The ticked candidates into a chosen or new proposal; on refusal the page again, ticks kept."""
    filters = CandidatesForm(request.POST, user=request.user)
    if not filters.is_valid():
        messages.error(request, _("Choose the organisation, the year and the award again."))
        return redirect("awards:candidates")
    data = filters.cleaned_data
    proposer = bulk_lines.proposer_for(request.user, data["organization"])
    if proposer is None:
        raise PermissionDenied
    add_form = AddToProposalForm(
        request.POST, user=request.user, proposer=proposer, year=data["year"], award_type=data["award_type"]
    )
    done = _add(request, add_form, proposer, data["year"], data["award_type"])
    return done or candidates_page(request, filters, add_form)


@login_required
@access.declares(access.PROPOSAL_SUBMIT, required=True)
def registrations_add(request):
    """Registrants marked achieved in a campaign and year, into a chosen or new proposal."""
    source = request.POST if request.method == "POST" else request.GET
    filters = RegistrationsFilterForm(source or None, user=request.user)
    context: dict[str, object] = {"form": filters}
    if filters.is_valid():
        data = filters.cleaned_data
        proposer = bulk_lines.proposer_for(request.user, data["organization"])
        if proposer is None:
            raise PermissionDenied
        kwargs = {"user": request.user, "proposer": proposer, "year": data["year"], "award_type": data["award_type"]}
        add_form = (
            AddToProposalForm(request.POST, **kwargs) if request.method == "POST" else AddToProposalForm(**kwargs)
        )
        if request.method == "POST":
            done = _add(request, add_form, proposer, data["year"], data["award_type"])
            if done:
                return done
        rows = achieved_registrations(
            request.user, data["organization"], data["campaign"], data["year"], data["award_type"]
        )
        ticked = (
            set(request.POST.getlist("subject"))
            if request.method == "POST"
            else {str(r.subject_id) for r in rows if r.matches}
        )
        if rows:  # the target is drawn only under rows
            read_choices(add_form)
        context.update(rows=rows, add_form=add_form, ticked=ticked, award_type=data["award_type"], proposer=proposer)
    read_choices(filters)
    return render(request, "awards/registrations_add.html", context)


@login_required
@require_POST
@access.declares(access.PROPOSAL_SUBMIT)
def lines_bulk(request, pk):
    """One change (remove, achievement, initiative) to the ticked lines of a proposal."""
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk, access.PROPOSAL_SUBMIT, via="from_org")
    lines = list(proposal.lines.all())
    form = LinesActionForm(request.POST, user=request.user, proposal=proposal, lines=lines)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("awards:proposal_detail", pk=proposal.pk)
    data = form.cleaned_data
    common = {"actor": request.user, "proposal": proposal, "line_ids": data["line"]}
    try:
        if data["action"] == form.REMOVE:
            n = bulk_lines.lines_remove(**common)
        elif data["action"] == form.ACHIEVEMENT:
            n = bulk_lines.lines_set_achievement(**common, achievement=data["achievement"])
        else:
            n = bulk_lines.lines_set_initiative(**common, initiative=data["initiative"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, ngettext("%(n)s line was changed.", "%(n)s lines were changed.", n) % {"n": n})
    return redirect("awards:proposal_detail", pk=proposal.pk)
