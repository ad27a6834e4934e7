from django.db import transaction

from unions import access

from .models import ReportRun


@transaction.atomic
def report_request(*, actor, organization, period, kind=None, rebuild=False):
    """Ask for a report; one run per organisation and period. Rebuilding a finished one is explicit and logged."""
    if actor is not None:
        access.require(actor, organization, access.READ)
    kind = kind or (period.kind if period.kind in ReportRun.Kind.values else ReportRun.Kind.RANGE)
    run, created = ReportRun.objects.select_for_update().get_or_create(
        organization=organization, kind=kind, period_start=period.start, period_end=period.end,
        defaults={"requested_by": actor},
    )
    if not created and (rebuild or run.status == ReportRun.Status.FAILED):
        run.status, run.rebuilt_by = ReportRun.Status.PENDING, actor
        run.save(update_fields=["status", "rebuilt_by"])
    if run.status in (ReportRun.Status.PENDING, ReportRun.Status.FAILED):
        from .tasks import build_report

        transaction.on_commit(lambda: build_report.delay(run.pk))
    return run


@transaction.atomic
def report_rebuild(*, actor, run):
    """Closed periods stay frozen until staff rebuild them; who did it is recorded."""
    access.require(actor, run.organization, access.ORG_MANAGE)
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    run.status, run.rebuilt_by = ReportRun.Status.PENDING, actor
    run.save(update_fields=["status", "rebuilt_by"])
    from .tasks import build_report

    transaction.on_commit(lambda: build_report.delay(run.pk))
    return run
