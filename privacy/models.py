"""Data-subject requests and the recorded legal basis (consent) for each member's data."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.access import OrgScopedQuerySet

NOTICE_VERSION = "2026-11"


def add_working_days(start, days):
    """`start` plus `days` working days (Saturdays and Sundays skipped)."""
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


ACKNOWLEDGE_WORKING_DAYS = 2
RESOLVE_DAYS = 15


class DataSubjectRequest(models.Model):
    org_field = "member__organization"

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access to the data")
        CORRECTION = "correction", _("Correction")
        DELETION = "deletion", _("Deletion")
        OBJECTION = "objection", _("Objection to processing")

    class Status(models.TextChoices):
        OPEN = "open", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RESOLVED = "resolved", _("Resolved")
        REFUSED = "refused", _("Refused")

    CLOSED = (Status.RESOLVED, Status.REFUSED)

    member = models.ForeignKey(
        "unions.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="data_requests"
    )
    kind = models.CharField(_("request"), max_length=16, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    acknowledge_due = models.DateField(_("acknowledge by"))
    due_on = models.DateField(_("resolve by"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    resolved_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.member.member_code} · {self.received_on:%d/%m/%Y}"

    @property
    def is_closed(self):
        return self.status in self.CLOSED

    def is_overdue(self, today):
        if self.is_closed:
            return False
        if self.status == self.Status.OPEN and today > self.acknowledge_due:
            return True
        return today > self.due_on


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent of the member")
    CONTRACT = "contract", _("Membership (performing the union's obligations to the member)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    PUBLIC_INTEREST = "public_interest", _("Task in the public interest")


class MemberConsent(models.Model):
    org_field = "member__organization"

    member = models.ForeignKey(
        "unions.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="consents"
    )
    basis = models.CharField(_("legal basis"), max_length=24, choices=LegalBasis.choices)
    notice_version = models.CharField(_("privacy notice version"), max_length=20, default=NOTICE_VERSION)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("recorded legal basis")
        verbose_name_plural = _("recorded legal bases")

    def __str__(self):
        return f"{self.get_basis_display()} · {self.given_on:%d/%m/%Y}"


class Anonymisation(models.Model):
    """A member whose personal data was erased after leaving the union (the row stays for the statistics)."""

    member = models.OneToOneField(
        "unions.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="anonymisation"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self):
        return f"{self.member.member_code} · {self.done_at:%d/%m/%Y}"
