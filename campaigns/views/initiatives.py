"""The initiative register (sổ sáng kiến): list, export, create, edit, detail and the status actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from audit.decorators import audited
from core import paging
from core.forms import read_choices
from core.views import add_service_errors
from jobs.exports import answer as export_answer
from unions import access

from .. import exports
from ..filters.initiatives import InitiativeFilter
from ..forms.initiatives import ApplyForm, InitiativeForm, RecognitionForm, RejectForm, author_formset
from ..models import Initiative
from ..selectors import initiatives as selectors
from ..services import initiatives as services

PAGE_SIZE = 25


def list_context(request, filterset, totals):
    """Paging, the query string without the page, and the totals of all filtered rows."""
    page = paging.read(Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    if not request.htmx:  # htmx asks for the rows only: the filters stay as they are
        read_choices(filterset.form)
    return {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "totals": totals(filterset.qs),
        "can_add": access.can(request.user, access.MEMBER_WRITE),
    }


def _filter(request):
    return InitiativeFilter(request.GET, queryset=selectors.initiative_list_for(request.user), user=request.user)


@login_required
@access.declares(access.READ)
def initiative_list(request):
    context = list_context(request, _filter(request), selectors.initiative_totals)
    template = (
        "campaigns/initiatives/_initiative_rows.html" if request.htmx else "campaigns/initiatives/initiative_list.html"
    )
    return render(request, template, context)


@login_required
@access.declares(access.READ)
@audited("export", label=_lazy("Initiatives and their authors"))
def initiative_export(request):
    return export_answer(request, exports.INITIATIVE_EXPORT, request.GET)


def _similar(form, initiative=None):
    data = form.cleaned_data
    return selectors.similar_initiatives(
        data["organization"], data["year"], data["title"], exclude_pk=initiative.pk if initiative else None
    )


def _save_form(request, form, authors, initiative=None):
    """Run the service; on a likely duplicate ask once for confirmation. Returns the initiative or None."""
    similar = _similar(form, initiative)
    if similar and "confirm_duplicate" not in request.POST:
        form.similar = similar
        return None
    data = dict(form.cleaned_data)
    try:
        if initiative is None:
            return services.initiative_create(actor=request.user, authors=authors.authors(), **data)
        return services.initiative_update(actor=request.user, initiative=initiative, authors=authors.authors(), **data)
    except ValidationError as error:
        add_service_errors(form, error)
    return None


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def initiative_create(request):
    form = InitiativeForm(request.POST or None, request.FILES or None, user=request.user)
    authors = author_formset(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid() and authors.is_valid():
        initiative = _save_form(request, form, authors)
        if initiative:
            messages.success(request, _("The initiative was registered."))
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    read_choices(form)
    return render(
        request,
        "campaigns/initiatives/initiative_form.html",
        {"form": form, "authors": authors, "title": _("Register an initiative")},
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def initiative_edit(request, pk):
    initiative = access.get_for(request.user, selectors.initiative_get_for, pk, access.MEMBER_WRITE)
    if initiative.status not in services.EDITABLE_STATUSES:
        messages.error(request, _("A recognised, applied or rejected initiative can no longer be edited."))
        return redirect("initiatives:initiative_detail", pk=pk)
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=initiative, user=request.user)
    authors = author_formset(request.user, request.POST or None, initiative)
    if (
        request.method == "POST"
        and form.is_valid()
        and authors.is_valid()
        and _save_form(request, form, authors, initiative)
    ):
        messages.success(request, _("Saved."))
        return redirect("initiatives:initiative_detail", pk=pk)
    read_choices(form)
    return render(
        request,
        "campaigns/initiatives/initiative_form.html",
        {"form": form, "authors": authors, "initiative": initiative, "title": _("Edit initiative")},
    )


@login_required
@access.declares(access.READ)
def initiative_detail(request, pk):
    initiative = access.get_for(request.user, selectors.initiative_get_for, pk)
    writable = access.can(request.user, access.MEMBER_WRITE, initiative.organization)
    context = {
        "initiative": initiative,
        "history": selectors.initiative_history(initiative),
        "similar": selectors.similar_initiatives(
            initiative.organization, initiative.year, initiative.title, exclude_pk=initiative.pk
        ),
        "can_edit": writable and initiative.status in services.EDITABLE_STATUSES,
        "can_evaluate": writable and initiative.status == Initiative.Status.REGISTERED,
        "can_recognise": bool(services.recognisable_scopes(request.user, initiative)),
        "can_apply": writable and initiative.status == Initiative.Status.RECOGNISED,
    }
    return render(request, "campaigns/initiatives/initiative_detail.html", context)


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def initiative_start_evaluation(request, pk):
    initiative = access.get_for(request.user, selectors.initiative_get_for, pk, access.MEMBER_WRITE)
    try:
        services.initiative_start_evaluation(actor=request.user, initiative=initiative)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The initiative was sent for evaluation."))
    return redirect("initiatives:initiative_detail", pk=pk)


def _action(request, initiative, form, run, *, title, done):
    """The shared shape of the recognise / reject / apply pages."""
    if request.method == "POST" and form.is_valid():
        try:
            run(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    return render(
        request,
        "campaigns/initiatives/initiative_action.html",
        {"form": form, "initiative": initiative, "title": title},
    )


@login_required
@access.declares(access.INITIATIVE_RECOGNISE_PROVINCIAL)
def initiative_recognise(request, pk):
    initiative = access.get_for(request.user, selectors.initiative_get_for, pk)
    scopes = services.recognisable_scopes(request.user, initiative)
    if not scopes:
        if not access.can(request.user, access.MEMBER_WRITE, initiative.organization):
            raise PermissionDenied
        messages.error(request, _("This initiative cannot be recognised in its current state."))
        return redirect("initiatives:initiative_detail", pk=pk)
    form = RecognitionForm(request.POST or None, scopes=scopes)
    return _action(
        request,
        initiative,
        form,
        services.initiative_recognise,
        title=_("Record the recognition"),
        done=_("The recognition was recorded."),
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def initiative_reject(request, pk):
    initiative = access.get_for(request.user, selectors.initiative_get_for, pk, access.MEMBER_WRITE)
    return _action(
        request,
        initiative,
        RejectForm(request.POST or None),
        services.initiative_reject,
        title=_("Reject the initiative"),
        done=_("The initiative was rejected."),
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def initiative_apply(request, pk):
    initiative = access.get_for(request.user, selectors.initiative_get_for, pk, access.MEMBER_WRITE)
    return _action(
        request,
        initiative,
        ApplyForm(request.POST or None),
        services.initiative_apply,
        title=_("Record the application and verified benefit"),
        done=_("The application was recorded."),
    )
