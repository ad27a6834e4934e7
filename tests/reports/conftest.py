import datetime

import pytest

from awards.models import Award
from campaigns.models import Campaign, CampaignLaunch, Initiative, Registration, WorkProduct
from reports import periods
from tests.awards import helpers as h
from tests.factories import MemberFactory

Y = 2025
PERIOD = periods.year(Y)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Report files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def data(world, award_catalogue):
    """Data inside district A, and the same again in district B (which must never count for A)."""
    for union, _other in ((world.union_a1, world.union_a2), (world.union_b1, None)):
        women = [MemberFactory(organization=union, gender="female", joined_on=datetime.date(Y, 3, 1)) for _ in range(2)]
        MemberFactory(
            organization=union, joined_on=datetime.date(2010, 1, 1), left_on=datetime.date(Y - 1, 5, 1), status="left"
        )
        h.award(women[0], code="LDTT", year=Y)
        h.award(women[1], code="CSTDCS", year=Y)
        h.award(women[1], code="LDTT", year=Y - 1)
        h.award(None, org=union, code="TTLDTT", year=Y)
        revoked = h.award(women[0], code="GK_CD_CN", year=Y)
        revoked.status = Award.Status.REVOKED
        revoked.bonus_amount = 999
        revoked.save()
        Award.objects.filter(member=women[0], year=Y, award_type__code="LDTT").update(bonus_amount=710_000)
        for scope, value in (("grassroots", 10_000_000), ("provincial", 30_000_000)):
            i = h.initiative(women[0], Y, scope)
            Initiative.objects.filter(pk=i.pk).update(estimated_benefit=value)
        h.initiative(women[1], Y - 1, "grassroots")
        WorkProduct.objects.create(name="Công trình", organization=union, year=Y, plaque_on=datetime.date(Y, 9, 2))
    campaign = Campaign.objects.create(
        code="C",
        name="Phong trào",
        kind="annual",
        organizer=world.city,
        year=Y,
        start_on=PERIOD.start,
        end_on=PERIOD.end,
        registration_deadline=PERIOD.end,
        titles=["A"],
        status="launched",
        launched_on=datetime.date(Y, 1, 5),
    )
    for union in (world.union_a1, world.union_b1):
        CampaignLaunch.objects.create(
            campaign=campaign, organization=union, launched_on=datetime.date(Y, 1, 20), participants=3
        )
        Registration.objects.create(campaign=campaign, year=Y, organization=union, title="A", status="achieved")
    return world
