"""Issue 13.5: a collective title counts the union's divisions and groups on 31/12 and is decided in the same file
as its members' Lao động tiên tiến, conditional on them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.models import Award, AwardType, PerformanceRating, ProposalLine
from awards.selectors.candidates import candidates
from awards.selectors.collective import lines_refused_at_decision
from awards.services import proposals
from tests.awards import helpers as h
from tests.awards.test_proposals import DAY, issue, t
from tests.factories import MemberFactory, add_org
from unions.models import MemberStatus

pytestmark = pytest.mark.django_db
Y = 2025


def statuses(verdict):
    return {r.rule: r for r in verdict.results}


def evaluate_union(union, code="TTLDTT", **kw):
    from awards.eligibility.engine import evaluate

    return evaluate(union, AwardType.objects.get(code=code), Y, **kw)


@pytest.fixture
def union57(world):
    """A union of 57 members: 42 attached to it, 15 in its tổ công đoàn (10 in a tổ of a division)."""
    union, division = world.union_a1, world.division_a1
    group = add_org(union, "group", "Tổ công đoàn Văn phòng")
    group_in_division = add_org(division, "group", "Tổ công đoàn Chuyền 3")
    members = [world.member_a1] + [MemberFactory(organization=union) for _ in range(41)]
    members += [MemberFactory(organization=group) for _ in range(5)]
    members += [MemberFactory(organization=group_in_division) for _ in range(10)]
    for m in members:
        h.rate(m, Y, "HTT")
    h.rate_union(union, Y, "HTT")
    return union, members


def test_counts_members_of_divisions_and_groups(union57):
    union, members = union57
    for m in members[:40]:
        h.award(m, code="LDTT", year=Y)
    result = statuses(evaluate_union(union))["share_of_members_with_title"]
    assert result.status == "pass", result.message
    assert result.message == "40/57 đoàn viên (70.2%) đạt Lao động tiên tiến."


def test_titles_held_in_the_groups_count_toward_the_share(union57):
    union, members = union57
    # 25 attached to the union and the 15 of the tổ: 40 of 57.
    for m in members[:25] + members[42:]:
        h.award(m, code="LDTT", year=Y)
    assert statuses(evaluate_union(union))["share_of_members_with_title"].status == "pass"
    for m in members[42:47]:
        Award.objects.filter(member=m).update(status=Award.Status.REVOKED)
    assert statuses(evaluate_union(union))["share_of_members_with_title"].status == "fail"


def test_members_count_on_the_last_day_of_the_year(union57):
    union, members = union57
    # Left in March of the year: not counted. Left in January after: still a member on 31/12. Joined after.
    gone = members[0]
    gone.status, gone.left_on = MemberStatus.LEFT, datetime.date(Y, 3, 1)
    gone.save()
    later = members[1]
    later.status, later.left_on = MemberStatus.LEFT, datetime.date(Y + 1, 1, 15)
    later.save()
    MemberFactory(organization=union, joined_on=datetime.date(Y + 1, 2, 1))
    stats = evaluate_union(union).results
    counted = next(r for r in stats if r.rule == "share_of_members_with_title")
    assert "/56 đoàn viên" in counted.message
    assert counted.evidence == ["Số đoàn viên ngày 31/12/2025, kể cả công đoàn bộ phận và tổ công đoàn: 56"]


def test_members_of_another_union_do_not_count(world, union57):
    union, _members = union57
    neighbour = world.union_a2
    for _ in range(30):
        h.award(MemberFactory(organization=neighbour), code="LDTT", year=Y)
    assert "0/57" in statuses(evaluate_union(union))["share_of_members_with_title"].message


def _file(world, union, members, *, collective_first=False):
    officer = world.officer_union_a1
    p = proposals.proposal_create(actor=officer, from_org=union, year=Y, title="Đề nghị khen thưởng năm 2025")
    if collective_first:
        proposals.line_add(actor=officer, proposal=p, award_type=t("TTLDTT"), organization=union)
    for m in members:
        proposals.line_add(actor=officer, proposal=p, award_type=t("LDTT"), member=m)
    if not collective_first:
        proposals.line_add(actor=officer, proposal=p, award_type=t("TTLDTT"), organization=union)
    return p


def _collective(p):
    return p.lines.get(member__isnull=True)


def test_collective_is_conditional_on_the_members_in_the_same_file(world, union57):
    union, members = union57
    p = _file(world, union, members[:40])
    line = _collective(p)
    assert line.eligibility_status == "cond"
    assert not line.blocked
    share = next(r for r in line.eligibility if r["rule"] == "share_of_members_with_title")
    assert share["message"].startswith("Đạt nếu 40 trong số 40 đề nghị Lao động tiên tiến trong hồ sơ được thông qua.")


def test_conditional_line_can_be_submitted_in_any_order(world, union57):
    union, members = union57
    p = _file(world, union, members[:45], collective_first=True)
    # Added before its members, the line waited on nothing; the submit checks it with the file's lines.
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    assert _collective(p).eligibility_status == "cond"
    assert p.lines.filter(status=ProposalLine.Status.PROPOSED).count() == 46


def test_too_few_members_in_the_file_fails(world, union57):
    union, members = union57
    p = _file(world, union, members[:39])
    assert _collective(p).eligibility_status == "fail"
    with pytest.raises(ValidationError):
        proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)


def _council(world, p, rejected=()):
    staff = world.staff_district_a
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    proposals.proposal_start_review(actor=staff, proposal=p)
    votes = {line.pk: ((2, 7) if line.member_id in rejected else (8, 1)) for line in p.lines.all()}
    proposals.council_record(
        actor=staff, proposal=p, held_on=DAY, members_total=9, members_present=9, chair="Nguyễn Thùy Chi", votes=votes
    )


def test_council_lets_the_conditional_collective_through_and_the_decision_confers_individuals_first(world, union57):
    union, members = union57
    p = _file(world, union, members[:42])
    _council(world, p)
    assert _collective(p).status == ProposalLine.Status.APPROVED
    decision, _child = issue(world, p)
    awards = list(Award.objects.filter(decision=decision).order_by("gold_book_number"))
    assert len(awards) == 43
    # Gold-book numbers follow the order of conferring: the members, then their union.
    assert [a.member_id for a in awards[:42]] == [m.pk for m in members[:42]]
    assert awards[-1].member is None and awards[-1].organization == union
    line = _collective(p)
    assert line.status == ProposalLine.Status.AWARDED and line.eligibility_status == "pass"
    assert "42/57" in next(r for r in line.eligibility if r["rule"] == "share_of_members_with_title")["message"]


def test_collective_refused_when_the_council_rejects_its_members(world, union57):
    union, members = union57
    p = _file(world, union, members[:42])
    _council(world, p, rejected={m.pk for m in members[:3]})
    decision, _child = issue(world, p)
    assert Award.objects.filter(decision=decision, member__isnull=False).count() == 39
    assert not Award.objects.filter(organization=union, member__isnull=True).exists()
    line = _collective(p)
    assert line.status == ProposalLine.Status.REJECTED
    assert line.eligibility[0]["rule"] == "refused_at_decision"
    assert "39/57" in next(r for r in line.eligibility if r["rule"] == "share_of_members_with_title")["message"]
    assert lines_refused_at_decision(p) == [f"{union.name} (Tập thể lao động tiên tiến)"]


def test_decision_of_the_collective_alone_refused_names_it_and_issues_nothing(world, union57):
    union, members = union57
    p = _file(world, union, members[:40])
    _council(world, p, rejected={m.pk for m in members[:40]})
    with pytest.raises(ValidationError) as exc:
        issue(world, p)
    assert union.name in exc.value.messages[0]
    assert not Award.objects.filter(organization__path__startswith=union.path).exists()


def test_candidates_page_counts_the_members_in_a_draft(world, union57):
    union, members = union57
    _file(world, union, members[:40])
    page, rows = candidates(world.staff_district_a, union, Y, AwardType.objects.get(code="TTLDTT"))
    [(subject, verdict)] = rows
    assert subject == union and verdict.status == "cond" and verdict.eligible


def test_decision_page_names_the_refused_collective(client, world, union57):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    union, members = union57
    p = _file(world, union, members[:42])
    _council(world, p, rejected={m.pk for m in members[:3]})
    client.force_login(world.staff_district_a)
    response = client.post(
        reverse("awards:decision_issue", args=[p.pk]),
        {"number": "301/QĐ-LĐLĐ", "signed_on": "20/12/2025", "signer_name": "Nguyễn Thùy Chi", "signer_title": "PCT"},
    )
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(union.name in m and "Tập thể lao động tiên tiến" in m for m in shown), shown
    assert Award.objects.filter(decision__number="301/QĐ-LĐLĐ").count() == 39


def test_excellent_collective_conditional_on_a_cstdcs_in_the_file(world, union57):
    union, members = union57
    PerformanceRating.objects.filter(organization=union, member__isnull=True).update(rating="HTXS")
    for m in members[:40]:
        h.award(m, code="LDTT", year=Y)
    best = members[45]  # in a tổ of the division
    PerformanceRating.objects.filter(member=best).update(rating="HTXS")
    h.initiative(best, Y)
    officer = world.officer_union_a1
    p = proposals.proposal_create(actor=officer, from_org=union, year=Y, title="Đề nghị khen thưởng năm 2025")
    proposals.line_add(actor=officer, proposal=p, award_type=t("CSTDCS"), member=best)
    line = proposals.line_add(actor=officer, proposal=p, award_type=t("TTLDXS"), organization=union)
    result = next(r for r in line.eligibility if r["rule"] == "members_with_title_at_least")
    assert (line.eligibility_status, result["status"]) == ("cond", "cond"), line.eligibility
    assert result["message"].startswith("Đạt nếu 1 trong số 1 đề nghị Chiến sĩ thi đua cơ sở")
