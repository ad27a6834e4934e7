"""Every API list costs the same number of queries for a few rows and for many (as the site's pages do)."""

import datetime
import itertools
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import AwardType, Decision, Proposal, ProposalLine
from campaigns.models import Campaign, Registration
from tests.api.test_api import Y, api, objects  # noqa: F401 -- the fixture
from tests.awards import helpers as h
from tests.factories import MemberFactory, add_org
from unions.models import Member

pytestmark = pytest.mark.django_db
_n = itertools.count(1)


def _grow(world, objects, endpoint):  # noqa: F811
    """One more row of the endpoint's kind in union A1."""
    member = cast(Member, MemberFactory(organization=world.union_a1))
    if endpoint == "organizations":
        add_org(world.union_a1, "group", f"Tổ công đoàn {next(_n)}")
    elif endpoint == "campaigns":
        Campaign.objects.create(
            code=f"BTL-{next(_n)}",
            name="Giỏi việc nước",
            kind="annual",
            organizer=world.district_a,
            year=Y,
            start_on=datetime.date(Y, 1, 1),
            end_on=datetime.date(Y, 12, 31),
            registration_deadline=datetime.date(Y, 3, 31),
            titles=["Lao động tiên tiến"],
            status=Campaign.Status.LAUNCHED,
        )
    elif endpoint == "registrations":
        Registration.objects.create(
            campaign=objects["campaigns"],
            year=Y,
            organization=world.union_a1,
            member=member,
            title="Lao động tiên tiến",
        )
    elif endpoint == "initiatives":
        h.initiative(member, Y)
    elif endpoint == "proposals":
        proposal = Proposal.objects.create(title="Đề nghị", from_org=world.union_a1, to_org=world.district_a, year=Y)
        ProposalLine.objects.create(
            proposal=proposal, organization=world.union_a1, member=member, award_type=AwardType.objects.get(code="LDTT")
        )
    elif endpoint == "decisions":
        Decision.objects.create(
            number=f"{next(_n)}/QĐ-CĐCS",
            signed_on=datetime.date(Y, 12, 20),
            issuer=world.union_a1,
            issuer_name=world.union_a1.name,
            signer_name="Nguyễn Văn Vinh",
            signer_title="Chủ tịch",
        )
    elif endpoint == "awards":
        h.award(member, code="LDTT", year=Y)


@pytest.mark.parametrize(
    "endpoint",
    ["organizations", "members", "campaigns", "registrations", "initiatives", "proposals", "decisions", "awards"],
)
def test_a_list_costs_the_same_for_few_and_many_rows(world, objects, endpoint):  # noqa: F811
    client = api(world.officer_union_a1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/{endpoint}/")
        assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    for _ in range(2):
        _grow(world, objects, endpoint)
    few, rows_few = queries()
    for _ in range(25):
        _grow(world, objects, endpoint)
    many, rows_many = queries()
    assert rows_many >= rows_few + 25 or rows_many == 50
    assert many == few, f"{endpoint}: {few} queries with {rows_few} rows, {many} with {rows_many}"
