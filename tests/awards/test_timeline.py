"""The proposal's timeline: every step with its state, who, when and reason, read in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Proposal
from awards.selectors.timeline import decision_timeline, proposal_timeline
from awards.services import corrections, proposals
from tests.awards import helpers as h
from tests.awards.test_proposals import Y, build, issue, through_council
from tests.factories import MemberFactory

S = Proposal.Status


@pytest.fixture
def good(world):
    a = MemberFactory(organization=world.union_a1, full_name="Phan Thị Thu", search_name="phan thi thu")
    b = MemberFactory(organization=world.union_a1, full_name="Lương Văn Tài", search_name="luong van tai")
    h.rate(a, Y, "HTT")
    h.rate(b, Y, "HTXS")
    return a, b


def test_every_step_of_a_proposal_with_who_and_the_reasons(world, good):
    officer, staff = world.officer_union_a1, world.staff_district_a
    p = build(world, good)
    proposals.proposal_submit(actor=officer, proposal=p)
    corrections.proposal_withdraw(actor=officer, proposal=p, reason="Bổ sung minh chứng")
    proposals.proposal_submit(actor=officer, proposal=p)
    proposals.proposal_start_review(actor=staff, proposal=p)
    proposals.proposal_return(actor=staff, proposal=p, reason="Thiếu biên bản họp bình xét")
    through_council(world, p)
    corrections.proposal_undo_approval(actor=staff, proposal=p, reason="Sai số phiếu")
    with CaptureQueriesContext(connection) as queries:
        steps = proposal_timeline(p)
    assert len(queries) == 1
    assert [(s.state, s.user, s.reason) for s in steps] == [
        (S.DRAFT, officer, ""),
        (S.SUBMITTED, officer, ""),
        (S.DRAFT, officer, "Bổ sung minh chứng"),
        (S.SUBMITTED, officer, ""),
        (S.UNDER_REVIEW, staff, ""),
        (S.RETURNED, staff, "Thiếu biên bản họp bình xét"),
        (S.SUBMITTED, officer, ""),
        (S.UNDER_REVIEW, staff, ""),
        (S.PUBLIC_NOTICE, staff, ""),
        (S.COUNCIL, staff, ""),
        (S.PUBLIC_NOTICE, staff, "Sai số phiếu"),
    ]
    assert all(a.when <= b.when for a, b in zip(steps, steps[1:], strict=False))


def test_the_timeline_query_does_not_grow_with_steps(world, good):
    p = build(world, good)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    with CaptureQueriesContext(connection) as few:
        proposal_timeline(p)
    for _round in range(5):
        corrections.proposal_withdraw(actor=world.officer_union_a1, proposal=p)
        proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    with CaptureQueriesContext(connection) as many:
        assert len(proposal_timeline(p)) == 12
    assert len(few) == len(many) == 1


def test_pages_show_the_timeline_and_the_actions_to_those_who_may(client, world, good):
    p = build(world, good)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    url = reverse("awards:proposal_detail", args=[p.pk])
    client.force_login(world.officer_union_a1)
    page = client.get(url).content.decode()
    assert 'id="timeline"' in page and page.count("data-state=") == 2
    assert reverse("awards:proposal_withdraw", args=[p.pk]) in page
    client.force_login(world.staff_district_a)
    assert reverse("awards:proposal_withdraw", args=[p.pk]) in client.get(url).content.decode()
    client.force_login(world.leader_city)
    assert reverse("awards:proposal_withdraw", args=[p.pk]) not in client.get(url).content.decode()
    client.force_login(world.officer_union_a1)
    response = client.post(reverse("awards:proposal_withdraw", args=[p.pk]), {"reason": "Sửa tên"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == S.DRAFT
    client.force_login(world.officer_union_b1)
    assert client.post(reverse("awards:proposal_withdraw", args=[p.pk])).status_code == 404


def test_a_decision_timeline_starts_with_its_issue(world, good):
    p = build(world, good)
    through_council(world, p)
    decision, _child = issue(world, p)
    [step] = decision_timeline(decision)
    assert (step.state, step.user, step.changes) == ("valid", world.staff_district_a, ())
