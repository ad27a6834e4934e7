"""The level above a grassroots union reviews its registrations (campaigns/services/registration_review.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions import access

from ..models import Registration
from ..selectors import campaigns as campaign_selectors
from ..selectors import registration_review as selectors
from ..services import registration_review as review

R = Registration.Review
SHOWN = {"pending": R.PENDING, "approved": R.APPROVED, "returned": R.RETURNED}


@login_required
@access.declares(access.REGISTRATION_REVIEW, required=True)
def registration_review(request):
    """Pending registrations of the unions below, ticked to approve them at once."""
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("registration") if v.isdigit()]
        chosen = list(selectors.registrations_to_review_for(request.user, None).filter(pk__in=ids))
        try:
            done = review.registrations_approve(actor=request.user, registrations=chosen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s registrations were approved.") % {"n": len(done)})
        return redirect("campaigns:registration_review")
    shown = request.GET.get("review", "pending")
    rows = selectors.registrations_to_review_for(request.user, SHOWN.get(shown, R.PENDING))
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read here, not while the template renders
    return render(
        request,
        "campaigns/registration_review.html",
        {"page": page, "shown": shown if shown in SHOWN else "pending", "query": f"review={shown}"},
    )


@login_required
@require_POST
@access.declares(access.REGISTRATION_REVIEW)
def registration_return(request, pk):
    registration = access.get_for(request.user, campaign_selectors.registration_get_for, pk, access.REGISTRATION_REVIEW)
    try:
        review.registration_return(actor=request.user, registration=registration, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration was returned to the union."))
    return redirect("campaigns:registration_review")
