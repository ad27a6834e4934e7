"""Writes of document templates: upload a new version (checked by drafting with sample values), choose the one
in use. Templates are not counted by any report: these services announce nothing."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from unions import access
from unions.models import Organization

from . import kinds, render
from .models import DocumentTemplate

MAX_SIZE = 5 * 1024 * 1024


def _lock(organization):
    """Versions of one organisation are numbered one after another: uploads to it wait for each other."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _check_template(content: bytes, kind: str) -> None:
    """ValidationError with the reason when the template cannot draft a document of its kind."""
    try:
        render.fill_docx(content, kinds.sample_context(kind))
    except render.TemplateProblem as problem:
        raise ValidationError(str(problem)) from problem


def template_upload(*, actor, organization, kind, upload):
    access.require(actor, access.DOCUMENT_TEMPLATE, organization)
    if upload.size > MAX_SIZE:
        raise ValidationError(_("The template is larger than 5 MB."))
    content = upload.read()
    _check_template(content, kind)
    with transaction.atomic():
        _lock(organization)
        versions = DocumentTemplate.objects.filter(organization=organization, kind=kind)
        last = versions.aggregate(last=Max("version"))["last"] or 0
        versions.filter(active=True).update(active=False)
        template = DocumentTemplate(
            organization=organization,
            kind=kind,
            version=last + 1,
            original_name=upload.name[:255],
            uploaded_by=actor,
        )
        template.file.save(f"{organization.pk}-{kind}-v{last + 1}.docx", ContentFile(content), save=False)
        template.save()
    return template


def template_activate(*, actor, template, active=True):
    """Put a version in use (the others of its kind stop), or stop using it: the parent's or the built-in
    template then applies."""
    access.require(actor, access.DOCUMENT_TEMPLATE, template.organization)
    with transaction.atomic():
        _lock(template.organization)
        if active:
            DocumentTemplate.objects.filter(
                organization=template.organization, kind=template.kind, active=True
            ).exclude(pk=template.pk).update(active=False)
        template.active = active
        template.save(update_fields=["active"])
    return template
