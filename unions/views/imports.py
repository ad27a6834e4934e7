"""Member upload, and the pages every import shares: matching columns, preview, confirm, errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.decorators import about, audited
from core.forms import read_choices
from core.imports.pipeline import ParsedFile

from .. import access, exports
from ..forms import ImportMappingForm, MemberImportForm
from ..importers import member_files
from ..models import ImportBatch
from ..services import import_batches

SHOWN_ERRORS = 200


def _batch_get_for(user, pk):
    # The file and its parsed rows can weigh megabytes: read only where they are used (mapping, error file).
    return (
        ImportBatch.objects.visible_to(user)
        .select_related("organization", "actor")
        .defer("content", "parsed")
        .get(pk=pk)
    )


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def member_import(request):
    form = MemberImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = member_files.batch_create(
            actor=request.user,
            organization=form.cleaned_data["organization"],
            upload=form.cleaned_data["file"],
            update_existing=form.cleaned_data["update_existing"],
        )
        return redirect("unions:import_detail", pk=batch.pk)
    recent = list(
        ImportBatch.objects.visible_to(request.user)
        .filter(actor=request.user, kind="members")
        .only("pk", "filename", "status", "created_at", "total_rows", "created_count", "updated_count")[:10]
    )
    read_choices(form)
    return render(request, "unions/member_import.html", {"form": form, "recent": recent})


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def member_import_template(request):
    return exports.response(member_files.template_workbook(request.user), "mau-nhap-doan-vien.xlsx")


def _mapping_form(batch, data=None):
    """Built from the sheets and columns of the parsed file only, not from its (possibly many) rows."""
    sheets = ImportBatch.objects.filter(pk=batch.pk).values_list("parsed__sheets", flat=True).first()
    if not sheets:
        return None
    parsed = ParsedFile.from_json({"sheets": sheets, "rows": [], "warnings": [], "needs_mapping": False})
    return ImportMappingForm(data, parsed=parsed, importer=import_batches.importer_of(batch))


@login_required
@access.declares(access.READ)
def import_detail(request, pk):
    batch = access.get_for(request.user, _batch_get_for, pk)
    importer = import_batches.importer_of(batch)
    context = {
        "batch": batch,
        "errors": batch.errors[:SHOWN_ERRORS],
        "headings": batch.counts.get("headings") or importer.headings(),
        "upload_url": importer.upload_url(batch),
    }
    if batch.status == ImportBatch.Status.DONE:
        context["done_url"] = importer.done_url(batch)
    if (
        batch.status in (ImportBatch.Status.MAPPING, ImportBatch.Status.PREVIEWED, ImportBatch.Status.INVALID)
        and batch.actor_id == request.user.pk
    ):
        context["mapping"] = _mapping_form(batch)
    context["earlier"] = (
        ImportBatch.objects.visible_to(request.user)
        .filter(sha256=batch.sha256, kind=batch.kind, status=ImportBatch.Status.DONE)
        .exclude(pk=batch.pk)
        .only("finished_at")
        .first()
    )
    template = "unions/_import_status.html" if request.htmx else "unions/import_detail.html"
    return render(request, template, context)


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def import_map(request, pk):
    batch = access.get_for(request.user, _batch_get_for, pk)
    access.require(request.user, import_batches.importer_of(batch).permission, batch.organization)
    form = _mapping_form(batch, request.POST)
    if form is None:
        return redirect("unions:import_detail", pk=batch.pk)
    if form.is_valid():
        try:
            import_batches.batch_map(
                actor=request.user, batch=batch, choices=form.choices(), sheets=form.cleaned_data["sheets"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose a field for every column and tick at least one sheet."))
    return redirect("unions:import_detail", pk=batch.pk)


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def import_confirm(request, pk):
    batch = access.get_for(request.user, _batch_get_for, pk)
    try:
        import_batches.batch_confirm(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("unions:import_detail", pk=batch.pk)


@login_required
@access.declares(access.READ)
@audited("export")
def import_errors(request, pk):
    batch = access.get_for(request.user, _batch_get_for, pk)
    if not batch.errors or not batch.parsed:
        messages.info(request, _("This file has no row errors."))
        return redirect("unions:import_detail", pk=batch.pk)
    about(request, obj=batch, label=_("Rows with errors of %(file)s") % {"file": batch.filename})
    return exports.response(member_files.error_workbook(batch), f"loi-nhap-{batch.pk}.xlsx")
