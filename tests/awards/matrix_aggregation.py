"""Permission-matrix rows, targets and budget rows of aggregation upward: approving a grassroots proposal for
sending up, sending several up as one, returning one line to its origin, reviewing registrations."""

from awards.models import AwardType, Proposal, ProposalLine
from tests.awards.matrix_proposals import REVIEW_POST
from tests.personas import ADM, OUT, A, B, L, S

MATRIX = {
    "awards:proposal_approve": ("post", "proposal_a1", "proposal.review", REVIEW_POST),
    "awards:line_return": ("post", "line_a1", "proposal.review", REVIEW_POST),
    # The district's page: its own officers of union A1 do not see the district (404), the leader may not act.
    "awards:proposal_aggregate": (
        "get",
        "district_a",
        "proposal.review",
        {A: 404, S: 200, L: 403, B: 404, OUT: 404, ADM: 200},
    ),
    "campaigns:registration_review": (
        "get",
        None,
        "registration.review",
        {A: 403, S: 200, L: 403, B: 403, OUT: 403, ADM: 200},
    ),
    "campaigns:registration_return": (
        "post",
        "registration_a1",
        "registration.review",
        {A: 403, S: 302, L: 403, B: 404, OUT: 404, ADM: 302},
    ),
}

TARGET_KIND = {"proposal_aggregate": "aggregate", "proposal_sent_up": "sent_up"}


def _sent_up(world, origin_org, award):
    """A proposal of `origin_org` whose one line went up into district A's proposal to the city."""
    origin = Proposal.objects.create(
        title=f"Đề nghị {origin_org.code}",
        from_org=origin_org,
        to_org=world.district_a,
        year=2025,
        status=Proposal.Status.FORWARDED,
    )
    line = ProposalLine.objects.create(
        proposal=origin,
        organization=origin_org,
        member=world.member_a1 if origin_org == world.union_a1 else world.member_a2,
        award_type=award,
        eligibility_status="pass",
        status=ProposalLine.Status.FORWARDED,
    )
    return origin, line


def _aggregate(world):
    award = AwardType.objects.get(code="CNG_TD")
    up = Proposal.objects.create(
        title="Đề nghị của các CĐCS quận Bắc Từ Liêm",
        from_org=world.district_a,
        to_org=world.city,
        year=2025,
        status=Proposal.Status.SUBMITTED,
    )
    origins = []
    for org in (world.union_a1, world.union_a2):
        origin, line = _sent_up(world, org, award)
        ProposalLine.objects.create(
            proposal=up,
            origin=line,
            organization=line.organization,
            member=line.member,
            award_type=award,
            eligibility_status="pass",
        )
        origins.append(origin)
    return up, origins


def make_target(world, target):
    if target == "proposal_aggregate":
        return {"pk": _aggregate(world)[0].pk}
    if target == "proposal_sent_up":
        return {"pk": _aggregate(world)[1][0].pk}
    return None


def grow(world, targets, members, orgs):
    """Lines of more grassroots proposals in the aggregated targets (one origin proposal per new union); lines
    of the sent-up targets with their copies above, some returned, some not approved."""
    award = AwardType.objects.get(code="CNG_TD")
    L = ProposalLine.Status
    # Proposals approved for sending up, waiting on district A's page.
    waiting = Proposal.objects.bulk_create(
        Proposal(
            title=f"Đề nghị chờ gửi {i}",
            from_org=orgs[i % len(orgs)],
            to_org=world.district_a,
            year=2025,
            status=Proposal.Status.UNDER_REVIEW,
        )
        for i in range(len(members))
    )
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=p, organization=p.from_org, member=m, award_type=award, status=L.APPROVED)
        for p, m in zip(waiting, members, strict=True)
    )
    for pk in targets.get("aggregate", ()):
        origins = Proposal.objects.bulk_create(
            Proposal(title=f"Đề nghị {o.pk}", from_org=o, to_org=world.district_a, year=2025, status="forwarded")
            for o in orgs
        )
        sources = ProposalLine.objects.bulk_create(
            ProposalLine(
                proposal=origins[i % len(origins)],
                organization=orgs[i % len(orgs)],
                member=m,
                award_type=award,
                eligibility_status="pass",
                status=L.FORWARDED,
            )
            for i, m in enumerate(members)
        )
        ProposalLine.objects.bulk_create(
            ProposalLine(proposal_id=pk, origin=s, organization=s.organization, member=s.member, award_type=award)
            for s in sources
        )
    for pk in targets.get("sent_up", ()):
        up = Proposal.objects.filter(lines__origin__proposal_id=pk).first()
        sources = ProposalLine.objects.bulk_create(
            ProposalLine(proposal_id=pk, organization=world.union_a1, member=m, award_type=award, status=L.FORWARDED)
            for m in members
        )
        outcomes = (L.PROPOSED, L.RETURNED, L.REJECTED)
        ProposalLine.objects.bulk_create(
            ProposalLine(
                proposal=up,
                origin=s,
                organization=s.organization,
                member=s.member,
                award_type=award,
                status=outcomes[i % 3],
                return_reason="Thiếu minh chứng" if i % 3 == 1 else "",
            )
            for i, s in enumerate(sources)
        )
