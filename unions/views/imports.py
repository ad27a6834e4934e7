from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.services import record

from .. import access, exports, imports
from ..forms import MemberImportForm
from ..models import ImportBatch
from .common import get_or_404

PREVIEW_ROWS = 20
SHOWN_ERRORS = 200


def _batch_get_for(user, pk):
    return ImportBatch.objects.visible_to(user).select_related("organization", "actor").get(pk=pk)


@login_required
def member_import(request):
    if not access.has_perm(request.user, access.MEMBER_WRITE):
        raise PermissionDenied
    form = MemberImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        batch = imports.batch_create(
            actor=request.user, organization=form.cleaned_data["organization"], upload=form.cleaned_data["file"]
        )
        return redirect("unions:member_import_detail", pk=batch.pk)
    recent = ImportBatch.objects.visible_to(request.user).filter(actor=request.user).defer("content")[:10]
    return render(request, "unions/member_import.html", {"form": form, "recent": recent})


@login_required
def member_import_template(request):
    if not access.has_perm(request.user, access.MEMBER_WRITE):
        raise PermissionDenied
    return exports.response(imports.template_workbook(request.user), "mau-nhap-doan-vien.xlsx")


@login_required
def member_import_detail(request, pk):
    batch = get_or_404(_batch_get_for, request.user, pk)
    context = {"batch": batch, "errors": batch.errors[:SHOWN_ERRORS], "preview": []}
    if batch.status == ImportBatch.Status.PREVIEWED:
        try:
            _header, rows = imports.read_rows(bytes(batch.content))
            context["preview"] = rows[:PREVIEW_ROWS]
        except imports.FileRejected:
            pass
        context["columns"] = [imports.header_text(c) for c in imports.COLUMNS]
    earlier = (
        ImportBatch.objects.visible_to(request.user)
        .filter(sha256=batch.sha256, status=ImportBatch.Status.DONE)
        .exclude(pk=batch.pk).only("finished_at").first()
    )
    context["earlier"] = earlier
    template = "unions/_import_status.html" if request.htmx else "unions/member_import_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def member_import_confirm(request, pk):
    batch = get_or_404(_batch_get_for, request.user, pk)
    try:
        imports.batch_confirm(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        record(actor=request.user, action="create", obj=batch, request=request,
               label=_("Member import %(file)s (%(n)s rows)") % {"file": batch.filename, "n": batch.total_rows})
    return redirect("unions:member_import_detail", pk=batch.pk)


@login_required
def member_import_errors(request, pk):
    batch = get_or_404(_batch_get_for, request.user, pk)
    if not batch.errors:
        messages.info(request, _("This file has no row errors."))
        return redirect("unions:member_import_detail", pk=batch.pk)
    try:
        content = imports.error_workbook(batch)
    except imports.FileRejected as rejected:
        messages.error(request, str(rejected))
        return redirect("unions:member_import_detail", pk=batch.pk)
    record(actor=request.user, action="export", obj=batch, request=request,
           label=_("Rows with errors of %(file)s") % {"file": batch.filename})
    return exports.response(content, f"loi-nhap-doan-vien-{batch.pk}.xlsx")
