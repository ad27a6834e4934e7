"""Eligibility that stays true (issue 13.4): the lines of open proposals follow the data the rules read."""

import datetime
from typing import cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardType, Proposal, ProposalLine
from awards.selectors.rule_links import with_reasons
from awards.services import eligibility_refresh, inputs, proposals
from campaigns.services import initiatives
from tests.awards import helpers as h
from tests.factories import MemberFactory
from tests.waiting import wait_until
from unions.models import Member
from unions.services import members as member_services

Y = 2025


def t(code):
    return AwardType.objects.get(code=code)


def proposal_with(world, people, code="LDTT"):
    p = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Năm 2025")
    for member in people:
        proposals.line_add(actor=world.officer_union_a1, proposal=p, award_type=t(code), member=member)
    return p


def rate(world, *rows):
    inputs.ratings_save(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        year=Y,
        rows=[(member, rating, 12, 0) for member, rating in rows],
    )


@pytest.fixture
def three(world, award_catalogue):
    return [
        MemberFactory(organization=world.union_a1, full_name=name, search_name=name.lower())
        for name in ("Trần Thị Mai", "Hoàng Văn Nam", "Đỗ Thị Hoa")
    ]


def line_of(p, member):
    return p.lines.get(member=member)


# -- marked stale by the services that change what the rules read ------------------------------------------------


def test_saving_ratings_marks_the_lines_of_open_proposals_in_the_same_transaction(world, three):
    mai, nam, _hoa = three
    open_p = proposal_with(world, [mai, nam])
    closed = proposal_with(world, [mai])
    Proposal.objects.filter(pk=closed.pk).update(status=Proposal.Status.DECIDED)
    assert line_of(open_p, mai).eligibility_checked_at is not None

    rate(world, (mai, "HTT"))

    assert line_of(open_p, mai).eligibility_checked_at is None
    assert line_of(open_p, nam).eligibility_checked_at is not None  # not among the rows saved
    assert line_of(closed, mai).eligibility_checked_at is not None  # decided: its results are history


def test_a_member_outside_the_change_keeps_a_fresh_line(world, three):
    mai, nam, _hoa = three
    p = proposal_with(world, [mai, nam])
    h.rate(mai, Y, "HTT")  # written straight to the table: no service, no marking
    member_services.member_update(actor=world.officer_union_a1, member=nam, employed_from=datetime.date(Y, 4, 1))
    assert line_of(p, nam).eligibility_checked_at is None  # employment dates: months worked
    assert line_of(p, mai).eligibility_checked_at is not None


def test_recognising_an_initiative_marks_its_authors_lines(world, three):
    mai, _nam, _hoa = three
    h.rate(mai, Y, "HTT")
    p = proposal_with(world, [mai], code="CSTDCS")
    assert line_of(p, mai).eligibility_status == "fail"
    i = initiatives.initiative_create(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        authors=[(mai, 100)],
        title="Phần mềm xếp thời khoá biểu",
        kind="technical",
        year=Y,
        description="Tiết kiệm 200 giờ công",
    )
    assert line_of(p, mai).eligibility_checked_at is not None  # only proposed: the rules do not count it
    initiatives.initiative_start_evaluation(actor=world.officer_union_a1, initiative=i)
    initiatives.initiative_recognise(
        actor=world.officer_union_a1,
        initiative=i,
        scope="grassroots",
        recognised_by="Hội đồng sáng kiến cơ sở",
        recognition_decision="12/QĐ-CĐ",
        recognised_on=datetime.date(Y, 10, 1),
    )
    assert line_of(p, mai).eligibility_checked_at is None


def test_a_collective_line_is_marked_when_a_member_of_a_division_leaves(world, three):
    p = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Tập thể")
    proposals.line_add(actor=world.officer_union_a1, proposal=p, award_type=t("TTLDTT"), organization=world.union_a1)
    in_division = MemberFactory(organization=world.division_a1)
    member_services.member_mark_left(actor=world.officer_union_a1, member=in_division, left_on=datetime.date(Y, 6, 1))
    assert p.lines.get().eligibility_checked_at is None


# -- refreshed: after the commit by the task, when the page opens, with “Kiểm tra lại” ----------------------------


@pytest.mark.celery_worker
def test_saving_ratings_updates_the_lines_of_open_proposals(world, three, celery_worker):
    """The acceptance case: the officer saves the year's ratings; the lines follow without anyone opening them."""
    mai, nam, _hoa = three
    p = proposal_with(world, [mai, nam])
    assert {line.eligibility_status for line in p.lines.all()} == {"fail"}  # no rating yet

    rate(world, (mai, "HTT"), (nam, "HT"))

    def refreshed():
        lines = list(p.lines.all())
        return all(line.eligibility_checked_at for line in lines) and lines

    lines = {line.member_id: line for line in wait_until(refreshed, 30, "the task to refresh the lines")}
    assert lines[mai.pk].eligibility_status == "pass"
    assert lines[nam.pk].eligibility_status == "fail"
    assert [r["rule"] for r in lines[nam.pk].eligibility if r["status"] == "fail"] == ["rating_at_least"]


def test_opening_the_page_refreshes_stale_lines(client, world, three):
    mai, _nam, _hoa = three
    p = proposal_with(world, [mai])
    rate(world, (mai, "HTT"))  # marked; the task would refresh it after the commit this test never makes
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("awards:proposal_detail", args=[p.pk])).content.decode()
    assert 'data-eligibility="pass"' in page
    line = line_of(p, mai)
    assert line.eligibility_status == "pass" and line.eligibility_checked_at is not None


def test_recheck_runs_the_rules_on_every_line_for_sender_and_reviewer(client, world, three):
    mai, nam, _hoa = three
    p = proposal_with(world, [mai, nam])
    h.rate(mai, Y, "HTT")
    h.rate(nam, Y, "HTXS")  # straight into the table: nothing marked, only a re-check sees them
    for user in (world.officer_union_a1, world.staff_district_a):
        ProposalLine.objects.filter(proposal=p).update(eligibility_status="fail")
        client.force_login(user)
        answer = client.post(reverse("awards:proposal_recheck", args=[p.pk]))
        assert answer.status_code == 302
        assert {line.eligibility_status for line in p.lines.all()} == {"pass"}


def test_recheck_refused_to_a_reader_and_on_a_decided_proposal(world, three):
    p = proposal_with(world, three[:1])
    with pytest.raises(PermissionDenied):
        eligibility_refresh.proposal_recheck(actor=world.leader_city, proposal=p)
    Proposal.objects.filter(pk=p.pk).update(status=Proposal.Status.DECIDED)
    with pytest.raises(ValidationError):
        eligibility_refresh.proposal_recheck(actor=world.officer_union_a1, proposal=p)


def _stale_proposal(world, count):
    """A proposal of `count` members (two award types) and the union itself, every line stale."""
    people = [cast(Member, MemberFactory(organization=world.union_a1)) for _ in range(count)]
    for i, member in enumerate(people):
        h.rate(member, Y, "HTXS" if i % 2 else "HTT")
    h.initiative(people[0], Y)
    h.discipline(people[-1], Y)
    p = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Lớn")
    for i, member in enumerate(people):
        code = ("LDTT", "CSTDCS", "BK_TLD_GVN")[i % 3]  # the last with the quota rule, which reads the union
        proposals.line_add(actor=world.officer_union_a1, proposal=p, award_type=t(code), member=member)
    proposals.line_add(actor=world.officer_union_a1, proposal=p, award_type=t("TTLDTT"), organization=world.union_a1)
    ProposalLine.objects.filter(proposal=p).update(eligibility_checked_at=None)
    # Moved to a division since the line was added: the line's union is no longer the member's.
    Member.objects.filter(pk__in=[m.pk for m in people[:2]]).update(organization=world.division_a1)
    return p


def _refresh_count(world, p):
    proposal = Proposal.objects.prefetch_related("lines__member", "lines__organization", "lines__award_type").get(
        pk=p.pk
    )
    lines = list(proposal.lines.all())
    with CaptureQueriesContext(connection) as queries:
        eligibility_refresh.proposal_refresh_stale(proposal, lines)
    assert all(line.eligibility_checked_at for line in p.lines.all())
    return len(queries)


def test_refreshing_stale_lines_costs_the_same_for_3_lines_as_for_30(world, award_catalogue):
    small = _refresh_count(world, _stale_proposal(world, 3))
    large = _refresh_count(world, _stale_proposal(world, 30))
    assert small == large
    # Savepoint, lock, the members' unions, the evidence of all members (6 tables, leave, quota) and unions (9),
    # award types with their rule sets, their names, one bulk update, release: whatever the number of lines.
    assert small <= 26


def test_a_page_with_every_line_fresh_runs_no_rule(world, three):
    p = proposal_with(world, three)
    proposal = Proposal.objects.prefetch_related("lines").get(pk=p.pk)
    lines = list(proposal.lines.all())
    with CaptureQueriesContext(connection) as queries:
        eligibility_refresh.proposal_refresh_stale(proposal, lines)
    assert len(queries) == 0


# -- a refused submission keeps its results --------------------------------------------------------------------


def test_a_failed_submit_leaves_every_failing_line_marked_with_its_reasons(client, world, three):
    mai, nam, hoa = three
    p = proposal_with(world, three)  # nobody rated yet: three lines “no rating”
    # The data changes behind the lines' back (straight into the tables): only the submission's check sees it.
    h.rate(mai, Y, "HTT")
    h.rate(nam, Y, "HT")
    client.force_login(world.officer_union_a1)

    answer = client.post(reverse("awards:proposal_submit", args=[p.pk]), follow=True)

    p.refresh_from_db()
    assert p.status == Proposal.Status.DRAFT
    lines = {line.member_id: line for line in p.lines.all()}
    assert lines[mai.pk].eligibility_status == "pass"
    failing = {pk: [r["message"] for r in line.eligibility if r["status"] == "fail"] for pk, line in lines.items()}
    assert "HTT" in failing[nam.pk][0] or "Hoàn thành tốt" in failing[nam.pk][0]  # rated HT: HTT is required
    assert str(Y) in failing[hoa.pk][0]  # still no rating for the year
    assert failing[mai.pk] == []
    page = answer.content.decode()
    assert page.count('data-eligibility="fail"') == 2
    assert page.count('data-rule="rating_at_least"') == 2
    # The refusal names exactly the lines the page shows failing.
    refusal = next(str(m) for m in answer.context["messages"])
    assert nam.full_name in refusal and hoa.full_name in refusal and mai.full_name not in refusal


def test_the_service_keeps_the_results_of_a_refused_submission(world, three):
    mai, nam, _hoa = three
    p = proposal_with(world, [mai, nam])
    h.rate(mai, Y, "HTT")
    with pytest.raises(ValidationError):
        proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert line_of(p, mai).eligibility_status == "pass"
    assert line_of(p, nam).eligibility_status == "fail"


# -- each failed rule links to where its data is entered ---------------------------------------------------------


def test_failed_rules_link_to_the_page_where_their_data_is_entered(client, world, three):
    mai, nam, _hoa = three
    h.rate(nam, Y, "HTT")
    h.discipline(nam, Y)
    p = proposal_with(world, [mai, nam])
    lines = with_reasons(list(p.lines.select_related("member")), Y)
    by_member = {line.member_id: {r["rule"]: r["url"] for r in line.reasons} for line in lines}
    grid = f"{reverse('awards:ratings')}?organization={world.union_a1.pk}&year={Y}"
    assert by_member[mai.pk]["rating_at_least"] == grid
    assert by_member[nam.pk]["no_discipline_in_year"] == reverse("awards:discipline_list")
    assert "rating_at_least" not in by_member[nam.pk]  # passed: nothing to enter

    client.force_login(world.officer_union_a1)
    page = client.get(reverse("awards:proposal_detail", args=[p.pk])).content.decode()
    assert f'href="{grid.replace("&", "&amp;")}"' in page
    assert client.get(grid).status_code == 200  # the officer may enter the rating there
