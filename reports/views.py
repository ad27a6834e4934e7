from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from unions import access
from unions.models import Organization

from . import periods, selectors


def dashboard_context(request):
    scope = selectors.scope_for(request.user, request.GET.get("org"))
    if scope is None:
        return None
    period = periods.parse(request.GET.get("period"), timezone.localdate())
    rows = selectors.children(request.user, scope, period)
    return {
        "scope": scope, "period": period, "previous": period.previous(),
        "ancestors": [a for a in Organization.objects.get_ancestors(scope)
                      if access.has_perm_on(request.user, a, access.READ)],
        "figures": selectors.headline(scope, period), "coverage": selectors.coverage(scope, period),
        "rows": rows, "charts": selectors.charts(scope, period, rows),
        "period_choices": _period_choices(timezone.localdate().year),
        "request_kind": _request_kind(period),
    }


def _request_kind(period):
    """The report form's kind for a dashboard period."""
    if period.kind == "half":
        return "half1" if period.start.month == 1 else "half2"
    return period.kind


def _period_choices(this_year):
    choices = [(periods.year(y).code, periods.year(y).label) for y in range(this_year, this_year - 6, -1)]
    choices += [(periods.half(this_year, n).code, periods.half(this_year, n).label) for n in (1, 2)]
    choices += [(periods.term(2023, 2028).code, periods.term(2023, 2028).label),
                (periods.term(2018, 2023).code, periods.term(2018, 2023).label),
                (periods.term(2016, 2020).code, periods.term(2016, 2020).label)]
    return choices


@login_required
def dashboard(request):
    context = dashboard_context(request)
    if context is None:
        raise Http404
    return render(request, "reports/dashboard.html", context)
