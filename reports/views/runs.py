from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import paging
from core.downloads import download, stored_name
from core.forms import read_choices
from unions import access

from .. import services
from ..forms import ReportRequestForm, ReportTextsForm
from ..models import ReportRun


def _run_get_for(user, pk):
    return ReportRun.objects.visible_to(user).select_related("organization").get(pk=pk)


@login_required
@access.declares(access.READ)
def report_list(request):
    runs = ReportRun.objects.visible_to(request.user).select_related("organization")
    page = paging.read(Paginator(runs, 30).get_page(request.GET.get("page")))
    form = read_choices(ReportRequestForm(user=request.user))
    return render(request, "reports/report_list.html", {"page": page, "form": form})


@login_required
@require_POST
@access.declares(access.READ)
def report_request(request):
    form = ReportRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        page = Paginator(ReportRun.objects.visible_to(request.user), 30).get_page(1)
        return render(request, "reports/report_list.html", {"page": page, "form": form})
    run = services.report_request(
        actor=request.user, organization=form.cleaned_data["organization"], period=form.cleaned_data["period"]
    )
    messages.success(request, _("The report is being built; this page shows when it is ready."))
    return redirect("reports:report_detail", pk=run.pk)


@login_required
@access.declares(access.READ)
def report_detail(request, pk):
    run = access.get_for(request.user, _run_get_for, pk)
    template = "reports/_report_status.html" if request.htmx else "reports/report_detail.html"
    can_rebuild = access.can(request.user, access.REPORT_BUILD, run.organization)
    texts = ReportTextsForm(
        initial={"situation": run.situation, "assessment": run.assessment, "direction": run.direction}
    )
    return render(request, template, {"run": run, "can_rebuild": can_rebuild, "texts_form": texts})


def _download(request, pk, field):
    run = access.get_for(request.user, _run_get_for, pk)
    file = getattr(run, field)
    if run.status != ReportRun.Status.DONE or not file:
        raise Http404
    return download(file, stored_name(file))


@login_required
@access.declares(access.READ)
def report_excel(request, pk):
    return _download(request, pk, "excel")


@login_required
@access.declares(access.READ)
def report_pdf(request, pk):
    return _download(request, pk, "pdf")


@login_required
@require_POST
@access.declares(access.REPORT_BUILD)
def report_rebuild(request, pk):
    run = access.get_for(request.user, _run_get_for, pk)
    services.report_rebuild(actor=request.user, run=run)
    messages.success(request, _("The report is being rebuilt."))
    return redirect("reports:report_detail", pk=run.pk)
