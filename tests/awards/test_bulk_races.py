"""The same bulk post sent twice at once (a double click, two tabs) adds every line once, on PostgreSQL with
real threads."""

import pytest
from django.db import connection

from awards.models import AwardType, Proposal, ProposalLine
from awards.services import bulk_lines, proposals
from tests.awards import helpers as h
from tests.awards.test_races import race, side_by_side, slowed
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)
Y = 2025


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")


@pytest.fixture
def rated(world):
    people = [MemberFactory(organization=world.union_a1) for _ in range(5)]
    for person in people:
        h.rate(person, Y, "HTT")
    return people


def post(world, subjects, **target):
    ldtt = AwardType.objects.get(code="LDTT")
    return lambda: bulk_lines.lines_add_to(actor=world.officer_union_a1, award_type=ldtt, subjects=subjects, **target)


def test_two_posts_into_one_proposal_add_each_line_once(world, rated, monkeypatch):
    proposal = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Năm")
    monkeypatch.setattr(proposals, "_lock", slowed(proposals._lock))
    outcomes = race([post(world, rated, proposal=proposal), post(world, rated, proposal=proposal)])
    assert outcomes == ["ok", "ok"], "the second waits for the first, then skips what it added"
    assert ProposalLine.objects.filter(proposal=proposal).count() == 5


def test_two_posts_creating_the_same_new_proposal_make_one(world, rated):
    target = {"from_org": world.union_a1, "year": Y, "title": "Đề nghị khen thưởng năm 2025"}
    outcomes = race([post(world, rated, **target), post(world, rated, **target)])
    assert outcomes == ["ok", "ok"]
    assert Proposal.objects.count() == 1
    assert ProposalLine.objects.count() == 5


def test_guard_without_the_union_lock_the_same_new_proposal_is_made_twice(world, rated, monkeypatch):
    monkeypatch.setattr(bulk_lines, "_lock_union", side_by_side())
    target = {"from_org": world.union_a1, "year": Y, "title": "Đề nghị khen thưởng năm 2025"}
    outcomes = race([post(world, rated, **target), post(world, rated, **target)])
    assert outcomes == ["ok", "ok"]
    assert Proposal.objects.count() == 2  # the duplicate the lock prevents
