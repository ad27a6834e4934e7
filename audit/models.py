"""The audit log: who viewed, changed or exported personal data. Rows are never changed or deleted.

On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE of the table and
the application role loses those privileges (migration 0002); here the model
refuses them too, so the ORM fails before the database does.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    ANONYMISE = "anonymise", _("Anonymised")
    LOGIN = "login", _("Signed in")


class AppendOnlyError(Exception):
    """An audit entry was about to be changed or deleted."""


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # PROTECT: a user or organisation named in the log cannot be deleted (they are deactivated or dissolved).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # A short description: for a member the member code only; never a name or the citizen ID.
    label = models.CharField(_("description"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "unions.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["actor", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.actor} {self.action} {self.label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        kwargs.pop("force_update", None)
        super().save(*args, force_insert=True, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
