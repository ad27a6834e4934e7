"""Reads for certificates: the public verification page and the layouts of pre-printed blanks."""

from unions import access

from ..models import Award, CertificateLayout


def award_for_verification(token):
    """The award a printed code names, for anyone (the page shows only what the paper already shows, masked)."""
    return (
        Award.objects.select_related("award_type", "member", "organization", "decision", "revocation")
        .filter(verification_token=token)
        .first()
    )


def layout_list_for(user):
    return CertificateLayout.objects.visible_to(user, access.DECISION_ISSUE).select_related("issuer")


def layout_get_for(user, pk):
    return CertificateLayout.objects.visible_to(user).select_related("issuer").get(pk=pk)
