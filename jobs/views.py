"""The page of a list export running in the background, and its file. An export belongs to whoever asked for it:
anyone else gets 404, whatever their reach (the rows were chosen with the asker's)."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from audit.decorators import about, audited
from core.downloads import download
from core.views import about_self

from . import exports, progress
from .models import Job


def _export_of(request, pk):
    return get_object_or_404(Job, pk=pk, kind=exports.KIND, created_by=request.user)


@login_required
@about_self
def export_detail(request, pk):
    job = _export_of(request, pk)
    done_total = None if job.finished else progress.read(job.args.get("token", ""))
    context = {
        "job": job,
        "export": exports.get(job.args["kind"]),
        "done": done_total[0] if done_total else 0,
        "total": done_total[1] if done_total else None,
        "percent": round(100 * done_total[0] / done_total[1]) if done_total and done_total[1] else 0,
        "available": job.status == Job.Status.SUCCEEDED and bool((job.result or {}).get("file")),
    }
    template = "jobs/_export_status.html" if request.htmx else "jobs/export_detail.html"
    return render(request, template, context)


@login_required
@about_self
@audited("export")
def export_download(request, pk):
    job = _export_of(request, pk)
    result = job.result or {}
    if job.status != Job.Status.SUCCEEDED or not result.get("file"):
        raise Http404
    try:
        stored = default_storage.open(result["file"])
    except FileNotFoundError:
        raise Http404 from None
    about(request, label=f"{result.get('label', '')} ({result.get('rows', 0)})")
    return download(stored, result["filename"])
