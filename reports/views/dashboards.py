from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core.db_routing import replica_reads
from unions import access
from unions.models import Organization

from .. import periods, selectors
from ..award_totals import award_totals
from ..breakdowns import awards_by_level, proposals_by_state
from .child_rows import child_rows


def dashboard_context(request):
    scope = selectors.scope_for(request.user, request.GET.get("org"))
    if scope is None:
        return None
    period = periods.parse(request.GET.get("period"), timezone.localdate())
    selectors.count_ahead(scope, period)
    rows = selectors.children(request.user, scope, period)
    return {
        "scope": scope,
        "period": period,
        "previous": period.previous(),
        "ancestors": [a for a in Organization.objects.get_ancestors(scope) if access.can(request.user, access.READ, a)],
        "figures": selectors.headline(scope, period),
        "coverage": selectors.coverage(scope, period),
        "rows": rows,
        "child_rows": child_rows(rows, period),
        "charts": selectors.charts(scope, period, rows),
        "award_totals": award_totals(scope, period),
        "by_level": awards_by_level(scope, period),
        "proposals_by_state": proposals_by_state(scope, period),
        "period_choices": _period_choices(timezone.localdate()),
        "request_kind": _request_kind(period),
    }


def _request_kind(period):
    """The report form's kind for a dashboard period."""
    if period.kind == "half":
        return "half1" if period.start.month == 1 else "half2"
    return period.kind


def _period_choices(today):
    return [(p.code, p.label) for p in periods.menu(today)]


@login_required
@access.declares(access.READ)
@replica_reads
def dashboard(request):
    context = dashboard_context(request)
    if context is None:
        raise Http404
    return render(request, "reports/dashboard.html", context)
