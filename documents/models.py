from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unions.access import OrgScopedQuerySet
from unions.models import Organization

from .kinds import Kind


class DocumentTemplate(models.Model):
    """A Word template a federation uploaded for one kind of document. Versions are kept; one is in use.

    Units below the federation draft with it too: the lookup walks up the tree (selectors.template_for).
    """

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="document_templates"
    )
    kind = models.CharField(_("kind of document"), max_length=16, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("Word template (.docx)"), upload_to="document-templates/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    active = models.BooleanField(_("in use"), default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "version"], name="one_template_version"),
            models.UniqueConstraint(
                fields=["organization", "kind"], condition=Q(active=True), name="one_template_in_use"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.organization} · v{self.version}"
