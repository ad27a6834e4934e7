from unions import access

from ..models import Registration

R = Registration.Review


def registrations_to_review_for(user, review=R.PENDING):
    """Registrations still pending their result, of the unions whose level above the user is, by review mark
    (None: all of them); the union's own order."""
    rows = Registration.objects.visible_to(user, access.REGISTRATION_REVIEW).filter(
        status=Registration.Status.REGISTERED
    )
    if review is not None:
        rows = rows.filter(review=review)
    return rows.select_related("campaign", "organization", "member").order_by(
        "organization__path", "campaign_id", "member__search_name", "pk"
    )
