"""Dashboard figures for one scope and period, all from the metric registry."""

from django.utils.translation import gettext as _

from unions import access, placement

from . import figures as fig
from . import metrics as m
from . import periods

HOME = ["members", "members_women", "grassroots"]
INITIATIVE_LEVELS = ("initiatives_grassroots", "initiatives_provincial", "initiatives_national")


def scope_for(user, org_id):
    """The organisation the dashboard looks at: the one asked for if in reach, else the user's top."""
    reach = access.orgs_for(user)
    if str(org_id or "").isdigit():
        chosen = reach.filter(pk=org_id).first()
        if chosen is not None:
            return chosen
        return None
    return access.root_orgs(user).first()


def frozen(scope, period_list):
    """{period code: {code: value}} of the finished reports of this scope for these periods (the latest run of
    each; a period without one is absent): past periods read their snapshots. Two reads for any number."""
    from django.db.models import Q

    from .models import MetricSnapshot, ReportRun

    which = Q()
    for period in period_list:
        which |= Q(period_start=period.start, period_end=period.end)
    runs: dict[tuple, int] = {}
    for run_id, start, end in (
        ReportRun.objects.filter(which, organization=scope, status=ReportRun.Status.DONE)
        .order_by("-finished_at")
        .values_list("id", "period_start", "period_end")
    ):
        runs.setdefault((start, end), run_id)
    if not runs:
        return {}
    found: dict[int, dict] = {run_id: {} for run_id in runs.values()}
    for run_id, code, value in MetricSnapshot.objects.filter(run_id__in=list(found), child="").values_list(
        "run_id", "code", "value"
    ):
        found[run_id][code] = value
    return {p.code: found[runs[p.start, p.end]] for p in period_list if (p.start, p.end) in runs}


def count_ahead(scope, period):
    """Every figure of the scope the dashboard shows, counted in one pass where the table does not hold them."""
    years = [periods.year(y) for y in range(period.end.year - 4, period.end.year + 1)]
    wanted = {p: ["awards_individual", "awards_collective"] for p in years}
    wanted[period.previous()] = list(m.HEADLINE)
    wanted[period] = [*m.HEADLINE, "grassroots_launched", *INITIATIVE_LEVELS]
    fig.count_ahead(scope, wanted, children=(period, m.CHILD_COLUMNS))


def headline(scope, period):
    previous = period.previous()
    snapshots = frozen(scope, [period, previous])
    snapshot, snapshot_before = snapshots.get(period.code, {}), snapshots.get(previous.code, {})
    live = fig.values_of_periods(
        scope,
        {
            period: [c for c in m.HEADLINE if c not in snapshot],
            previous: [c for c in m.HEADLINE if c not in snapshot_before],
        },
    )
    live_now, live_before = live[period.code], live[previous.code]
    figures = []
    for code in m.HEADLINE:
        metric = m.REGISTRY[code]
        now = snapshot[code] if code in snapshot else live_now[code]
        before = snapshot_before[code] if code in snapshot_before else live_before[code]
        figures.append(
            {
                "code": code,
                "label": metric.label,
                "definition": metric.definition,
                "unit": metric.unit,
                "value": now,
                "previous": before,
                "delta": now - before,
                "url": metric.url(scope, period),
            }
        )
    return figures


def coverage(scope, period):
    found = fig.values(scope, period, ["grassroots_launched", "grassroots"])
    launched, total = found["grassroots_launched"], found["grassroots"]
    return {"launched": launched, "total": total, "percent": m.coverage_percent(launched, total)}


def children(user, scope, period):
    """A row per child the scope had on the period's last day (a unit moved away since is listed where it was)."""
    kids = list(
        access.restrict(placement.children_at(scope, period.end), user, access.READ).order_by("dissolved_on", "name")
    )
    columns = fig.by_child(scope, period, m.CHILD_COLUMNS)
    rows = []
    for kid in kids:
        values = {code: columns[code].get(kid.path, 0) for code in m.CHILD_COLUMNS}
        if not kid.is_active and not any(values.values()):
            continue
        values["coverage"] = m.coverage_percent(values["grassroots_launched"], values["grassroots"])
        rows.append({"org": kid, **values})
    return rows


def charts(scope, period, rows):
    by_type = fig.awards_by_type(scope, period)[:10]
    by_year = fig.awards_by_year(scope, range(period.end.year - 4, period.end.year + 1))
    levels = INITIATIVE_LEVELS
    by_level = fig.values(scope, period, levels)
    return {
        "awards_by_type": {
            "labels": [name for _code, name, _n in by_type],
            "values": [n for *_x, n in by_type],
            "title": _("Awards by type"),
        },
        "awards_by_year": {
            "labels": [str(y) for y, _n in by_year],
            "values": [n for _y, n in by_year],
            "title": _("Awards by year"),
        },
        "initiatives": {
            "labels": [str(m.REGISTRY[c].label) for c in levels],
            "values": [by_level[c] for c in levels],
            "title": _("Initiatives by level of recognition"),
        },
        "coverage": {
            "labels": [r["org"].display_name for r in rows if r["grassroots"]],
            "values": [r["coverage"] for r in rows if r["grassroots"]],
            "title": _("Share of grassroots unions that launched a campaign (%)"),
        },
    }


def home_figures(user, today):
    """{code: figure} of the staff home page, from the registry like the dashboard: this year's figures of the
    tops of the user's reach (disjoint subtrees), added up. The link opens the list when there is one top."""
    period = periods.year(today.year)
    roots = list(access.root_orgs(user))
    totals = dict.fromkeys(HOME, 0)
    for root in roots:
        for code, value in fig.values(root, period, HOME).items():
            totals[code] += value
    return {
        code: {
            "code": code,
            "label": m.REGISTRY[code].label,
            "definition": m.REGISTRY[code].definition,
            "value": totals[code],
            "url": m.REGISTRY[code].url(roots[0], period) if len(roots) == 1 else None,
        }
        for code in HOME
    }


def run_get_for(user, pk):
    """One report run in the user's reach (its organisation read with it)."""
    from .models import ReportRun

    return ReportRun.objects.visible_to(user).select_related("organization").get(pk=pk)
