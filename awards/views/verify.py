"""The public page a certificate's QR code and short code lead to: is this certificate genuine and still valid?

No sign-in, nothing of the signed-in site (its own bare layout), only what the paper itself shows with the
middle names masked. Every request counts against one address's limit, found or not, so codes cannot be
guessed by trying; the limit is kept in the cache all web processes share (settings.RATELIMIT_USE_CACHE).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from ..certificates import qr, wording
from ..models import Award
from ..selectors import certificates as selectors
from ..services import certificates as services

GROUP = "certificate-verification"


def mask_name(full_name):
    """Family and given name in full, middle names as initials: "Nguyễn Thị Lan" → "Nguyễn T. Lan"."""
    parts = full_name.split()
    if len(parts) <= 2:
        return " ".join(parts)
    return " ".join([parts[0], *(f"{p[0]}." for p in parts[1:-1]), parts[-1]])


def _limited(request):
    return render(request, "verify/limited.html", status=429)


@never_cache
@ratelimit(group=GROUP, key="ip", rate=settings.VERIFICATION_RATE, block=False)
def certificate(request, token):
    if request.limited:
        return _limited(request)
    award = selectors.award_for_verification(qr.normalise(token))
    if award is None:
        return render(request, "verify/not_found.html", status=404)
    services.verification_count(award=award)
    revocation = getattr(award, "revocation", None) if award.status == Award.Status.REVOKED else None
    return render(
        request,
        "verify/certificate.html",
        {
            "award": award,
            "title": wording.document_title(award.award_type),
            "recipient": mask_name(award.member.full_name) if award.member_id else award.organization.name,
            "valid": award.status == Award.Status.VALID,
            "revocation": revocation,
            "code": qr.short_code(award.verification_token),
        },
    )


@never_cache
@ratelimit(group=GROUP, key="ip", rate=settings.VERIFICATION_RATE, block=False)
def lookup(request):
    """Typing the short code printed under the QR code."""
    if request.limited:
        return _limited(request)
    code = qr.normalise(request.GET.get("code", ""))
    if code:
        return HttpResponseRedirect(reverse("verify:certificate", args=[code]))
    return render(request, "verify/lookup.html")
