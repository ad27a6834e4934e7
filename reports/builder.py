"""Building a report run: snapshots, narrative, Excel workbook and PDF, all or nothing."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import xlsx
from core.checkpoints import checkpoint
from core.db_routing import replica_reads
from unions import access
from unions.models import Organization

from . import award_totals as totals
from . import breakdowns, narrative
from . import figures as fig
from . import metrics as m
from .models import MetricSnapshot, ReportRun


def _store(field, name, content):
    """Write the file under a fixed name: a rebuilt report replaces its files instead of adding more."""
    if field.storage.exists(field.field.upload_to + name):
        field.storage.delete(field.field.upload_to + name)
    field.save(name, ContentFile(content), save=False)


def snapshot_values(run):
    scope, period = run.organization, run.period
    rows = [
        MetricSnapshot(run=run, code=code, value=value)
        for code, value in fig.values(scope, period, list(m.REGISTRY)).items()
    ]
    for code, per_child in fig.by_child(scope, period, m.CHILD_COLUMNS).items():
        for child, value in per_child.items():
            if child != scope.path:
                rows.append(MetricSnapshot(run=run, code=code, child=child, value=value))
    for code, _name, count in fig.awards_by_type(scope, period):
        rows.append(MetricSnapshot(run=run, code=f"type:{code}", value=count))
    for code, value in totals.snapshot_codes(totals.award_totals(scope, period)).items():
        rows.append(MetricSnapshot(run=run, code=code, value=value))
    levels, states = breakdowns.awards_by_level(scope, period), breakdowns.proposals_by_state(scope, period)
    for code, value in breakdowns.snapshot_codes(levels, states).items():
        rows.append(MetricSnapshot(run=run, code=code, value=value))
    return rows


def build(run_id):
    """Idempotent: a run already done is left alone; a run that died half-way is built again from scratch."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update(of=("self",)).select_related("organization").get(pk=run_id)
        if run.status == ReportRun.Status.DONE:
            return run
        run.status, run.attempts = ReportRun.Status.RUNNING, run.attempts + 1
        run.save(update_fields=["status", "attempts"])
        run.snapshots.all().delete()
        with replica_reads():
            values = snapshot_values(run)
        snapshots = MetricSnapshot.objects.bulk_create(values)
        checkpoint("report.snapshots_written")  # the crash test kills the worker here, mid-run
        with translation.override("vi"):
            content = report_content(run, snapshots)
            run.narrative = content["narrative"]
            _store(run.excel, f"bao-cao-{run.pk}.xlsx", workbook(content))
            _store(run.pdf, f"bao-cao-{run.pk}.pdf", pdf(content))
        run.status, run.finished_at, run.error = ReportRun.Status.DONE, timezone.now(), ""
        run.save()
        transaction.on_commit(lambda: notify_ready(run.pk))
    return run


def report_content(run, snapshots):
    from awards.models import AwardType

    scope, period = run.organization, run.period
    breakdown_prefixes = ("type:", "total:", "level:", "proposals:")
    figures = {s.code: s.value for s in snapshots if not s.child and not s.code.startswith(breakdown_prefixes)}
    types = {t.code: t for t in AwardType.objects.all()}
    by_type = [
        (s.code[5:], types[s.code[5:]].name, types[s.code[5:]].subject_kind, s.value)
        for s in snapshots
        if s.code.startswith("type:") and s.code[5:] in types
    ]
    by_type.sort(key=lambda row: (-types[row[0]].rank, row[1]))
    # The children of the period's last day, by their path today: a unit moved away since is still listed here.
    children = {o.path: o for o in Organization.objects.filter(path__in={s.child for s in snapshots if s.child})}
    child_rows = {}
    for s in snapshots:
        if s.child in children:
            child_rows.setdefault(s.child, {"org": children[s.child]})[s.code] = s.value
    award_totals = totals.from_snapshots(snapshots)
    by_level, proposals_by_state = breakdowns.from_snapshots(snapshots)
    return {
        "run": run,
        "scope": scope,
        "period": period,
        "figures": [(m.REGISTRY[code], figures.get(code, 0)) for code in m.REGISTRY],
        "by_type": by_type,
        "award_totals": award_totals,
        "by_level": by_level,
        "proposals_by_state": proposals_by_state,
        "children": sorted(child_rows.values(), key=lambda r: r["org"].name),
        "narrative": narrative.write(scope, period, figures, by_type, award_totals),
        "child_columns": [m.REGISTRY[c] for c in m.CHILD_COLUMNS],
    }


def workbook(content):
    wb, ws = xlsx.new_workbook(_("Figures"))
    xlsx.write_table(
        ws,
        [_("Metric"), _("Value"), _("Definition")],
        ([str(metric.label), value, str(metric.definition)] for metric, value in content["figures"]),
        widths=[46, 18, 80],
    )
    units = wb.create_sheet(_("By unit"))
    xlsx.write_table(
        units,
        [_("Unit")] + [str(c.label) for c in content["child_columns"]],
        ([r["org"].name] + [r.get(c.code, 0) for c in content["child_columns"]] for r in content["children"]),
        widths=[46] + [16] * len(content["child_columns"]),
    )
    types = wb.create_sheet(_("By award"))
    xlsx.write_table(
        types,
        [_("Award"), _("Conferrals")],
        ([name, count] for _c, name, _k, count in content["by_type"]),
        widths=[60, 14],
    )
    forms = wb.create_sheet(_("By form and issuer"))
    xlsx.write_table(
        forms,
        [_("Issued by"), _("Form of award"), _("Collectives"), _("Individuals"), _("Total")],
        ([t.issuer_label, t.label, t.collective, t.individual, t.total] for t in content["award_totals"]),
        widths=[36, 44, 14, 14, 14],
    )
    levels = wb.create_sheet(_("By level"))
    xlsx.write_table(
        levels,
        [_("Level of authority"), _("Collectives"), _("Individuals"), _("Total")],
        ([t.label, t.collective, t.individual, t.total] for t in content["by_level"]),
        widths=[44, 14, 14, 14],
    )
    states = wb.create_sheet(_("Proposals"))
    xlsx.write_table(
        states,
        [_("State of the proposal"), _("Proposals")],
        ([s.label, s.count] for s in content["proposals_by_state"]),
        widths=[44, 14],
    )
    notes = wb.create_sheet(_("Narrative"))
    xlsx.append_row(notes, [content["narrative"]])
    notes.column_dimensions["A"].width = 120
    return xlsx.to_bytes(wb)


def pdf(content):
    from weasyprint import HTML

    return HTML(string=render_to_string("reports/report_pdf.html", content)).write_pdf()


def notify_ready(run_id):
    """Leaders whose reach covers the organisation, and whoever asked, learn that the report is ready."""
    from django.urls import reverse

    from notifications.kinds import Kind
    from notifications.services import notify

    run = ReportRun.objects.select_related("organization", "requested_by").get(pk=run_id)
    org = run.organization
    users = access.leaders_over(org)
    if run.requested_by:
        users.add(run.requested_by)
    with translation.override("vi"):
        for user in users:
            if access.can(user, access.READ, org):
                notify(
                    user=user,
                    kind=Kind.REPORT_READY,
                    key=f"report-ready:{run.pk}:{run.attempts}",
                    title=_("Report ready: %(org)s, %(period)s") % {"org": org.name, "period": run.period.label},
                    link=reverse("reports:report_detail", args=[run.pk]),
                )
