from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from awards.selectors import proposals as proposal_selectors
from campaigns.selectors import campaigns as campaign_selectors
from reports import selectors as report_selectors
from reports.views.dashboards import dashboard
from unions import access, selectors
from unions.models import ImportBatch

from .health import readiness


@login_required
@access.declares(access.READ)
def home(request):
    user = request.user
    if access.reads_only(user):
        return dashboard(request)  # leaders read: their home is the dashboard of their subtree
    context = {
        "roots": selectors.tree_roots_for(user),
        "figures": report_selectors.home_figures(user, timezone.localdate()),
        "recent_imports": list(
            ImportBatch.objects.visible_to(user).filter(actor=user).only("pk", "filename", "status", "created_at")[:5]
        ),
        "can_write_members": access.can(user, access.MEMBER_WRITE),
        "to_launch": list(campaign_selectors.campaigns_to_launch_for(user)[:10]),
        "to_review": list(proposal_selectors.to_review_for(user)[:10]),
        "returned": list(proposal_selectors.returned_for(user)[:10]),
    }
    return render(request, "home.html", context)


@never_cache
def healthz(request):
    """Liveness: the process serves requests. Touches no database, broker or worker."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: database, applied migrations, broker and a Celery worker all answer (503 otherwise)."""
    checks = readiness(connection)
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
