from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.downloads import download
from core.views import add_service_errors
from unions import access

from .. import certificates
from ..forms.proposals import RevokeForm
from ..models import Award
from ..selectors import proposals as selectors
from ..services import revocations
from . import corrections
from .certificates import public_base_url


def _pdf(content, filename):
    return download(content, filename, inline=True)


def _onto_blank(request):
    """?onto=blank prints only the fields, at the positions of the issuer's pre-printed blank."""
    return request.GET.get("onto") == "blank"


@login_required
@access.declares(access.READ)
def decision_detail(request, pk):
    decision = access.get_for(request.user, selectors.decision_get_for, pk)
    context = {
        "decision": decision,
        "awards": decision.awards.all(),
        "can_issue": access.can(request.user, access.DECISION_ISSUE, decision),
        **corrections.decision_extras(request.user, decision),
    }
    return render(request, "awards/decision_detail.html", context)


@login_required
@access.declares(access.READ)
def decision_certificates(request, pk):
    decision = access.get_for(request.user, selectors.decision_get_for, pk)
    awards = [a for a in decision.awards.all() if a.status == Award.Status.VALID and a.gold_book_number]
    if not awards:
        raise PermissionDenied
    pdf = certificates.render_pdf(awards, base_url=public_base_url(request), onto_blank=_onto_blank(request))
    return _pdf(pdf, f"chung-nhan-{decision.pk}.pdf")


@login_required
@access.declares(access.READ)
def certificate(request, pk):
    award = access.get_for(request.user, selectors.award_get_for, pk)
    if award.external or not award.gold_book_number or award.status != Award.Status.VALID:
        raise PermissionDenied
    pdf = certificates.render_pdf([award], base_url=public_base_url(request), onto_blank=_onto_blank(request))
    return _pdf(pdf, f"chung-nhan-{award.pk}.pdf")


@login_required
@access.declares(access.AWARD_REVOKE)
def award_revoke(request, pk):
    award = access.get_for(request.user, selectors.award_get_for, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revocations.award_revoke(actor=request.user, award=award, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The award was revoked."))
            return redirect("awards:award_list")
    elif award.status != award.Status.VALID or not access.can(
        request.user, access.AWARD_REVOKE, revocations.authority_for(award)
    ):
        raise PermissionDenied
    return render(request, "awards/form.html", {"form": form, "title": _("Revoke %(award)s") % {"award": award}})
