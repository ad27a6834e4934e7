"""Three grassroots unions of district A each propose a member for Công nhân giỏi Thủ đô (conferred by the
city, beyond the district) and, union A1 also, a member for LĐTT (the district's own): the scene of
aggregation upward, shared by its service, page and browser tests."""

from types import SimpleNamespace

from awards.models import AwardType
from awards.services import aggregation, proposals
from tests.awards import helpers as h
from tests.factories import MemberFactory, UserFactory, add_org, role

Y = 2025
CITY_AWARD = "CNG_TD"


def city_staff(world):
    user = UserFactory(username="staff_city")
    role(user, world.city, "federation_staff")
    return user


def submitted(world, org, officer, name, *, own_line=False):
    member = MemberFactory(organization=org, full_name=name, search_name=name.lower())
    h.rate(member, Y, "HTT")
    p = proposals.proposal_create(actor=officer, from_org=org, year=Y, title=f"Đề nghị khen thưởng {org.code}")
    proposals.line_add(actor=officer, proposal=p, award_type=AwardType.objects.get(code=CITY_AWARD), member=member)
    if own_line:
        proposals.line_add(actor=officer, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=member)
    proposals.proposal_submit(actor=officer, proposal=p)
    return p


def scene(world):
    union_a3 = add_org(world.district_a, "grassroots", "Công đoàn Bệnh viện Bắc Từ Liêm", code="HN-BTL-003")
    officer_a3 = UserFactory(username="officer_union_a3")
    role(officer_a3, union_a3, "union_officer")
    return SimpleNamespace(
        union_a3=union_a3,
        officer_a3=officer_a3,
        staff_city=city_staff(world),
        p1=submitted(world, world.union_a1, world.officer_union_a1, "Trần Thị Mai", own_line=True),
        p2=submitted(world, world.union_a2, world.officer_union_a2, "Hoàng Văn Nam"),
        p3=submitted(world, union_a3, officer_a3, "Đặng Thu Hà"),
    )


def aggregated(world, s):
    """The district approves the three and sends them up as one."""
    for p in (s.p1, s.p2, s.p3):
        aggregation.proposal_approve(actor=world.staff_district_a, proposal=p)
    return aggregation.proposal_aggregate(
        actor=world.staff_district_a, organization=world.district_a, proposals=[s.p1, s.p2, s.p3]
    )
