"""The báo cáo of a report run: its written sections (kept on the run) and its .docx and PDF downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.drafting import draft_page
from documents.kinds import Kind
from unions import access

from .. import document, services
from ..forms import ReportTextsForm
from ..models import ReportRun
from ..selectors import run_get_for


def _done_run(request, pk, action=None):
    run = access.get_for(request.user, run_get_for, pk, action)
    if run.status != ReportRun.Status.DONE:
        raise Http404
    return run


@login_required
@access.declares(access.READ)
def report_document(request, pk):
    run = _done_run(request, pk)
    return draft_page(
        request,
        owner=run,
        org=run.organization,
        kind=Kind.REPORT,
        base=document.letterhead(run, timezone.localdate()),
        values=lambda: document.values(run),
        pdf_template="reports/bao_cao.html",
        filename=f"bao-cao-{run.pk}",
        title=_("Report as an official document"),
        back_url=reverse("reports:report_detail", args=[run.pk]),
    )


@login_required
@require_POST
@access.declares(access.REPORT_BUILD)
def report_texts(request, pk):
    run = _done_run(request, pk, access.REPORT_BUILD)
    form = ReportTextsForm(request.POST)
    if form.is_valid():
        services.report_texts_save(actor=request.user, run=run, **form.cleaned_data)
        messages.success(request, _("The sections of the report were saved."))
    return redirect("reports:report_detail", pk=run.pk)
