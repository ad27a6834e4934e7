"""The floor: for each page of the bench, the least a Django view could do to show the same rows.

Served by the bench's gunicorn only (benchmarks/settings.py, benchmarks/urls.py under /_floor/), through the
product's whole middleware (sessions, CSRF, authentication, second factor, audit): a view signed in like the page,
reading the user's scope in one query, running the statements of the page's baseline (benchmarks/baselines.py)
and rendering their rows into a plain table, with no base template, forms, menus or context processors. The page's
time above the floor is what the product adds to its own work; the floor's time above the SQL is Django and HTTP.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse
from django.template import engines
from django.views.decorators.http import require_GET, require_POST

from core.text import fold

from . import baselines

_TABLES = engines["django"].from_string(
    "<!doctype html><title>floor</title>"
    "{% for rows in results %}<table>"
    "{% for row in rows %}<tr>{% for value in row %}<td>{{ value }}</td>{% endfor %}</tr>{% endfor %}"
    "</table>{% endfor %}"
)


class _Org:
    def __init__(self, pk, path, depth):
        self.pk, self.path, self.depth = pk, path, depth


def _scope(user):
    """The organisation of the user's role, whose subtree the user reads (the bench accounts have one role)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT o.id, o.path, o.depth FROM unions_role r JOIN unions_organization o ON o.id = r.organization_id
            WHERE r.user_id = %s ORDER BY o.path LIMIT 1""",
            [user.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return _Org(*row)


def _render(baseline, *args, found_first=False):
    """The baseline's rows as tables; with `found_first`, a 404 when its first statement finds nothing."""
    results = baselines.run(baseline, *args).results
    if found_first and not results[0]:
        raise Http404
    return HttpResponse(_TABLES.render({"results": results}))


def _dashboard(request, baseline):
    scope = _scope(request.user)
    org = scope
    if request.GET.get("org", str(scope.pk)) != str(scope.pk):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, path, depth FROM unions_organization WHERE id = %s AND path LIKE %s",
                [request.GET["org"] if request.GET["org"].isdigit() else 0, scope.path + "%"],
            )
            row = cursor.fetchone()
        if row is None:
            raise Http404
        org = _Org(*row)
    kind, _sep, value = request.GET.get("period", "").partition(":")
    year = int(value) if kind == "year" and value.isdigit() else datetime.date.today().year
    return _render(baseline, org, year)


@login_required
@require_GET
def dashboard_live(request):
    return _dashboard(request, baselines.dashboard_live)


@login_required
@require_GET
def dashboard_rollup(request):
    return _dashboard(request, baselines.dashboard_rollup)


@login_required
@require_GET
def member_list(request):
    after = request.GET.get("after", "")
    return _render(baselines.member_page, _scope(request.user).path, int(after) if after.isdigit() else None)


@login_required
@require_POST
def member_search(request):
    text = request.POST.get("q", "").strip()
    prefix = _scope(request.user).path
    if text.isdigit() and len(text) == 12:
        return _render(baselines.member_cccd, prefix, text)
    return _render(baselines.member_search, prefix, fold(text))


@login_required
@require_POST
def pick_member(request):
    text = request.POST.get("q", "").strip()
    if not text:
        return HttpResponse("")
    return _render(baselines.member_pick, _scope(request.user).path, fold(text))


@login_required
@require_GET
def award_list(request):
    """Individual awards of the year (the bench opens the register with subject=individual)."""
    year = request.GET.get("year", "")
    return _render(
        baselines.awards_page,
        _scope(request.user).path,
        int(year) if year.isdigit() else datetime.date.today().year,
    )


@login_required
@require_GET
def proposal_detail(request, pk):
    return _render(baselines.proposal_page, _scope(request.user).path, pk, found_first=True)
