"""Works and products (công trình, sản phẩm) and research projects (đề tài khoa học)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from audit.decorators import audited
from core.forms import read_choices
from core.views import add_service_errors
from jobs.exports import answer as export_answer
from unions import access

from .. import exports
from ..filters.initiatives import ResearchFilter, WorkFilter
from ..forms.initiatives import ResearchForm, WorkForm
from ..selectors import initiatives as selectors
from ..services import works as services
from .initiatives import list_context

T = "campaigns/initiatives/"


def _save(request, form, run, **target):
    """Call the service with the form's data; True when saved, else errors are on the form."""
    try:
        return run(actor=request.user, **target, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def _form_page(request, form, run, *, title, detail, obj=None, **target):
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, run, **target)
        if saved:
            messages.success(request, _("Saved."))
            return redirect(detail, pk=saved.pk)
    read_choices(form)
    return render(request, T + "simple_form.html", {"form": form, "title": title, "object": obj, "detail": detail})


# Works and products


def _work_filter(request):
    return WorkFilter(request.GET, queryset=selectors.work_list_for(request.user), user=request.user)


@login_required
@access.declares(access.READ)
def work_list(request):
    context = list_context(request, _work_filter(request), selectors.work_totals)
    return render(request, T + ("_work_rows.html" if request.htmx else "work_list.html"), context)


@login_required
@access.declares(access.READ)
def work_export(request):
    # Works name no person: no audit entry.
    return export_answer(request, exports.WORK_EXPORT, request.GET)


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def work_create(request):
    form = WorkForm(request.POST or None, user=request.user)
    return _form_page(
        request, form, services.work_create, title=_("Add a work or product"), detail="initiatives:work_detail"
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def work_edit(request, pk):
    work = access.get_for(request.user, selectors.work_get_for, pk, access.MEMBER_WRITE)
    form = WorkForm(request.POST or None, instance=work, user=request.user)
    return _form_page(
        request,
        form,
        services.work_update,
        title=_("Edit work or product"),
        detail="initiatives:work_detail",
        obj=work,
        work=work,
    )


@login_required
@access.declares(access.READ)
def work_detail(request, pk):
    work = access.get_for(request.user, selectors.work_get_for, pk)
    can_edit = access.can(request.user, access.MEMBER_WRITE, work.organization)
    return render(request, T + "work_detail.html", {"work": work, "can_edit": can_edit})


# Research projects


def _research_filter(request):
    return ResearchFilter(request.GET, queryset=selectors.research_list_for(request.user), user=request.user)


def _research_totals(queryset):
    return {"count": queryset.count()}


@login_required
@access.declares(access.READ)
def research_list(request):
    context = list_context(request, _research_filter(request), _research_totals)
    return render(request, T + ("_research_rows.html" if request.htmx else "research_list.html"), context)


@login_required
@access.declares(access.READ)
@audited("export", label=_lazy("Research projects"))
def research_export(request):
    return export_answer(request, exports.RESEARCH_EXPORT, request.GET)


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def research_create(request):
    form = ResearchForm(request.POST or None, user=request.user)
    return _form_page(
        request, form, services.research_create, title=_("Add a research project"), detail="initiatives:research_detail"
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def research_edit(request, pk):
    project = access.get_for(request.user, selectors.research_get_for, pk, access.MEMBER_WRITE)
    form = ResearchForm(request.POST or None, instance=project, user=request.user)
    return _form_page(
        request,
        form,
        services.research_update,
        title=_("Edit research project"),
        detail="initiatives:research_detail",
        obj=project,
        project=project,
    )


@login_required
@access.declares(access.READ)
def research_detail(request, pk):
    project = access.get_for(request.user, selectors.research_get_for, pk)
    can_edit = access.can(request.user, access.MEMBER_WRITE, project.organization)
    return render(request, T + "research_detail.html", {"project": project, "can_edit": can_edit})
