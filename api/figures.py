"""GET /api/v1/figures/?org=<id>&period=year:2025: the registry's figures of a scope and period, as the dashboard
shows them (headline figures with the previous period, the totals of awards received by issuer and form)."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from core.db_routing import replica_reads
from reports import periods
from reports import selectors as report_selectors
from reports.award_totals import award_totals


@extend_schema(
    parameters=[
        OpenApiParameter("org", OpenApiTypes.INT, description="Organisation id; the caller's top one when absent"),
        OpenApiParameter("period", OpenApiTypes.STR, description="year:2025, half:2025-1, term:2018-2023 …"),
    ],
    responses=OpenApiTypes.OBJECT,
)
@api_view(["GET"])
@replica_reads
def figures(request):
    scope = report_selectors.scope_for(request.user, request.query_params.get("org"))
    if scope is None:
        raise Http404
    period = periods.parse(request.query_params.get("period"), timezone.localdate())
    # Labels are lazy translations, the dashboard link is the site's: neither belongs in the API's JSON.
    headline = [
        {
            key: (str(value) if key in ("label", "definition", "unit") else value)
            for key, value in row.items()
            if key != "url"
        }
        for row in report_selectors.headline(scope, period)
    ]
    return Response(
        {
            "organization": scope.pk,
            "period": {"code": period.code, "start": period.start, "end": period.end, "label": str(period.label)},
            "headline": headline,
            "award_totals": [
                {
                    "issuer": t.issuer,
                    "form": t.form,
                    "label": str(t.label),
                    "collective": t.collective,
                    "individual": t.individual,
                }
                for t in award_totals(scope, period)
            ],  # fmt: skip
        }
    )
