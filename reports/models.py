from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.access import OrgScopedQuerySet
from unions.models import Organization

from .periods import Period


class ReportRun(models.Model):
    """One report of an organisation for one period; re-running replaces its content."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        MONTH = "month", _("Monthly")
        HALF = "half", _("Half-year review")
        YEAR = "year", _("Year-end review")
        TERM = "term", _("End of term")
        RANGE = "range", _("Custom period")

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="report_runs"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rebuilt_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    narrative = models.TextField(_("narrative"), blank=True)
    # The sections of the báo cáo that figures cannot write, kept from one build to the next.
    situation = models.TextField(_("I. Situation"), blank=True)
    assessment = models.TextField(_("III. Overall assessment"), blank=True)
    direction = models.TextField(_("IV. Direction"), blank=True)
    excel = models.FileField(upload_to="reports/", blank=True)
    pdf = models.FileField(upload_to="reports/", blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "organization__path"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "period_start", "period_end"], name="one_report_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.period.label}"

    @property
    def period(self):
        kind = self.kind if self.kind in ("year", "half", "term") else "range"
        return Period(kind, self.period_start, self.period_end)


class MetricSnapshot(models.Model):
    """A metric's value frozen by a report run; `child` is the path of a child organisation, or empty."""

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="snapshots")
    code = models.CharField(max_length=80)
    child = models.CharField(max_length=255, blank=True)
    value = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "code", "child"], name="one_value_per_metric")]

    def __str__(self):
        return f"{self.code}={self.value}"


class MetricRollup(models.Model):
    """A metric's value for an organisation's whole subtree and one standard period (see reports/rollups.py).

    Kept for the organisations down to ROLLUP_MAX_DEPTH (provinces and the unions directly under them),
    whose subtrees are too large to count live; zero values are not stored.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=32)
    code = models.CharField(max_length=64)
    value = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "period", "code"], name="one_rollup_value")]

    def __str__(self):
        return f"{self.organization_id} {self.period} {self.code}={self.value}"


class RollupState(models.Model):
    """Which periods the rollup table holds and when it was last rebuilt in full (a single row)."""

    periods = models.JSONField(default=list)
    max_depth = models.PositiveSmallIntegerField(default=0)
    # Which codes the rows hold (reports/rollups.LAYOUT): a table built by an older release is not read until
    # it is rebuilt, so a new breakdown never reads as zeros in between.
    layout = models.PositiveSmallIntegerField(default=0)
    rebuilt_at = models.DateTimeField(null=True)
    refreshed_at = models.DateTimeField(null=True)
    rebuild_seconds = models.FloatField(null=True)

    def __str__(self):
        return f"rollups to depth {self.max_depth}, {len(self.periods)} periods"
