"""Registrations marked achieved, as subjects to propose for an award."""

from dataclasses import dataclass

from campaigns.models import Registration
from core.text import fold


@dataclass(frozen=True)
class AchievedRow:
    registration: Registration
    subject_id: int | None
    name: str
    # The title registered is the award's own name: ticked by default.
    matches: bool


def achieved_registrations(user, organization, campaign, year, award_type):
    individual = award_type.subject_kind == "individual"
    rows = (
        Registration.objects.visible_to(user)
        .filter(
            campaign=campaign,
            year=year,
            status=Registration.Status.ACHIEVED,
            org_path__startswith=organization.path,
            member__isnull=not individual,
        )
        .select_related("member", "organization")
        .order_by("organization__path", "member__search_name", "pk")
    )
    wanted = fold(award_type.name)
    return [
        AchievedRow(
            registration=r,
            subject_id=r.member_id if individual else r.organization_id,
            name=r.member.full_name if r.member is not None else r.organization.name,
            matches=fold(r.title) == wanted,
        )
        for r in rows
    ]
