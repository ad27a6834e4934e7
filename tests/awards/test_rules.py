"""Table-driven tests of the eligibility rules of DESIGN.md §5."""

import datetime

import pytest

from awards.eligibility.engine import evaluate
from awards.models import AwardType
from tests.awards import helpers as h
from tests.factories import MemberFactory

Y = 2025


def statuses(verdict):
    return {r.rule: r.status for r in verdict.results}


def member_case(world, setup):
    member = MemberFactory(organization=world.union_a1, joined_on=datetime.date(2000, 9, 1), gender="female")
    setup(member)
    return member


# (case id, award code, setup(member), overall status, {rule: status} that must hold)
INDIVIDUAL = [
    ("ldtt-htt", "LDTT", lambda m: h.rate(m, Y, "HTT"), "pass", {"rating_at_least": "pass"}),
    ("ldtt-ht", "LDTT", lambda m: h.rate(m, Y, "HT"), "fail", {"rating_at_least": "fail"}),
    ("ldtt-9-months", "LDTT", lambda m: h.rate(m, Y, "HTXS", months=9), "fail", {"min_months_worked": "fail"}),
    ("ldtt-40-days-absent", "LDTT", lambda m: h.rate(m, Y, "HTT", absent=40), "fail", {"max_absent_days": "fail"}),
    ("ldtt-39-days-absent", "LDTT", lambda m: h.rate(m, Y, "HTT", absent=39), "pass", {}),
    ("ldtt-reprimand", "LDTT", lambda m: (h.rate(m, Y), h.discipline(m, Y)), "fail", {"no_discipline_in_year": "fail"}),
    ("ldtt-reprimand-last-year", "LDTT", lambda m: (h.rate(m, Y), h.discipline(m, Y - 1)), "pass", {}),
    (
        "ldtt-open-case",
        "LDTT",
        lambda m: (h.rate(m, Y), h.discipline(m, Y, decided=False)),
        "defer",
        {"no_open_case": "defer"},
    ),
    ("ldtt-open-complaint", "LDTT", lambda m: (h.rate(m, Y), h.complaint(m, Y)), "defer", {"no_open_case": "defer"}),
    ("cstdcs-htxs", "CSTDCS", lambda m: h.rate(m, Y, "HTXS"), "pass", {"one_of": "pass", "vote_threshold": "info"}),
    (
        "cstdcs-htt-initiative",
        "CSTDCS",
        lambda m: (h.rate(m, Y, "HTT"), h.initiative(m, Y)),
        "pass",
        {"one_of": "pass"},
    ),
    ("cstdcs-htt-research", "CSTDCS", lambda m: (h.rate(m, Y, "HTT"), h.research(m, Y)), "pass", {"one_of": "pass"}),
    ("cstdcs-htt-only", "CSTDCS", lambda m: h.rate(m, Y, "HTT"), "fail", {"one_of": "fail"}),
    (
        "cstdcs-unrecognised-initiative",
        "CSTDCS",
        lambda m: (h.rate(m, Y, "HTT"), h.initiative(m, Y, scope="", status="registered")),
        "fail",
        {"one_of": "fail"},
    ),
    (
        "cstd-tinh-3-years",
        "CSTD_TINH",
        lambda m: (
            [h.award(m, code="CSTDCS", year=y) for y in (Y - 2, Y - 1, Y)],
            h.initiative(m, Y - 1, "provincial"),
        ),
        "pass",
        {"title_in_consecutive_years": "pass", "initiative_recognised": "pass"},
    ),
    (
        "cstd-tinh-gap",
        "CSTD_TINH",
        lambda m: ([h.award(m, code="CSTDCS", year=y) for y in (Y - 3, Y - 1, Y)], h.initiative(m, Y, "provincial")),
        "fail",
        {"title_in_consecutive_years": "fail"},
    ),
    (
        "cstd-tinh-this-year-pending",
        "CSTD_TINH",
        lambda m: ([h.award(m, code="CSTDCS", year=y) for y in (Y - 2, Y - 1)], h.initiative(m, Y, "provincial")),
        "warn",
        {"title_in_consecutive_years": "warn"},
    ),
    (
        "cstd-tinh-grassroots-initiative",
        "CSTD_TINH",
        lambda m: ([h.award(m, code="CSTDCS", year=y) for y in (Y - 2, Y - 1, Y)], h.initiative(m, Y)),
        "fail",
        {"initiative_recognised": "fail"},
    ),
    (
        "cstd-tq",
        "CSTD_TQ",
        lambda m: (
            h.award(m, code="CSTD_TINH", year=Y - 1),
            h.award(m, code="CSTD_TLD", year=Y),
            h.initiative(m, Y - 2, "national"),
        ),
        "pass",
        {"title_in_consecutive_years": "pass"},
    ),
    (
        "cstd-tq-one-title",
        "CSTD_TQ",
        lambda m: (
            h.award(m, code="CSTD_TINH", year=Y - 2),
            h.award(m, code="CSTD_TLD", year=Y),
            h.initiative(m, Y, "national"),
        ),
        "fail",
        {"title_in_consecutive_years": "fail"},
    ),
    (
        "bk-ldld-cstdcs-2-years",
        "BK_LDLD_CN",
        lambda m: [h.award(m, code="CSTDCS", year=y) for y in (Y - 1, Y)],
        "pass",
        {"one_of": "pass"},
    ),
    (
        "bk-ldld-htxs-2-years-2-initiatives",
        "BK_LDLD_CN",
        lambda m: (h.rate(m, Y - 1, "HTXS"), h.rate(m, Y, "HTXS"), h.initiative(m, Y - 1), h.initiative(m, Y)),
        "pass",
        {"one_of": "pass"},
    ),
    (
        "bk-ldld-htxs-1-initiative",
        "BK_LDLD_CN",
        lambda m: (h.rate(m, Y - 1, "HTXS"), h.rate(m, Y, "HTXS"), h.initiative(m, Y)),
        "fail",
        {"one_of": "fail"},
    ),
    ("knc-20-years", "KNC_CD", lambda m: None, "pass", {"min_service_years": "pass", "once_per_person": "pass"}),
    ("knc-twice", "KNC_CD", lambda m: h.award(m, code="KNC_CD", year=2020), "fail", {"once_per_person": "fail"}),
    (
        "gvn-thematic-excludes-comprehensive",
        "BK_TLD_GVN",
        lambda m: h.award(m, code="BK_TLD_CN", year=Y),
        "fail",
        {"no_same_level_conflict": "fail", "quota": "pass"},
    ),
    ("gvn-other-year", "BK_TLD_GVN", lambda m: h.award(m, code="BK_TLD_CN", year=Y - 1), "pass", {}),
]


@pytest.mark.parametrize(
    ("code", "setup", "overall", "expected"), [c[1:] for c in INDIVIDUAL], ids=[c[0] for c in INDIVIDUAL]
)
def test_individual_rules(world, code, setup, overall, expected):
    member = member_case(world, setup)
    verdict = evaluate(member, AwardType.objects.get(code=code), Y, on=datetime.date(Y, 12, 1))
    got = statuses(verdict)
    assert verdict.status == overall, [(r.rule, r.status, r.message) for r in verdict.results]
    for rule_name, status in expected.items():
        assert got[rule_name] == status


def test_knc_needs_twenty_years(world):
    member = MemberFactory(organization=world.union_a1, joined_on=datetime.date(2010, 1, 1))
    verdict = evaluate(member, AwardType.objects.get(code="KNC_CD"), Y)
    result = next(r for r in verdict.results if r.rule == "min_service_years")
    assert (result.status, result.message) == ("fail", "15 năm công tác công đoàn; cần đủ 20 năm.")


def test_initiative_used_by_another_award_does_not_count(world):
    member = MemberFactory(organization=world.union_a1)
    h.rate(member, Y, "HTT")
    used = h.initiative(member, Y)
    a = h.award(member, code="BLDST", year=Y - 1)
    a.initiative = used
    a.save()
    verdict = evaluate(member, AwardType.objects.get(code="CSTDCS"), Y)
    assert statuses(verdict)["one_of"] == "fail"


def _union_with_members(world, n, ldtt, cstdcs=0, ratings="HT"):
    from tests.factories import add_org

    union = add_org(world.district_a, "grassroots", f"Công đoàn Công ty {n}-{ldtt}-{cstdcs}")
    members = [MemberFactory(organization=union) for _ in range(n)]
    for i, m in enumerate(members):
        if ratings:
            h.rate(m, Y, ratings)
        if i < ldtt:
            h.award(m, code="LDTT", year=Y)
        if i < cstdcs:
            h.award(m, code="CSTDCS", year=Y)
    return union, members


COLLECTIVE = [
    ("ttldtt-70", "TTLDTT", "HTT", 10, 7, 0, "HT", "pass", {"share_of_members_with_title": "pass"}),
    ("ttldtt-69", "TTLDTT", "HTT", 100, 69, 0, "HT", "fail", {"share_of_members_with_title": "fail"}),
    ("ttldtt-rated-ht", "TTLDTT", "HT", 10, 10, 0, "HT", "fail", {"rating_at_least": "fail"}),
    ("ttldxs", "TTLDXS", "HTXS", 10, 7, 1, "HT", "pass", {"members_with_title_at_least": "pass"}),
    ("ttldxs-no-cstdcs", "TTLDXS", "HTXS", 10, 8, 0, "HT", "fail", {"members_with_title_at_least": "fail"}),
    ("ttldxs-someone-kht", "TTLDXS", "HTXS", 10, 8, 1, "KHT", "fail", {"all_members_rating_at_least": "fail"}),
]


@pytest.mark.parametrize(
    ("code", "rating", "n", "ldtt", "cstdcs", "member_rating", "overall", "expected"),
    [c[1:] for c in COLLECTIVE],
    ids=[c[0] for c in COLLECTIVE],
)
def test_collective_rules(world, code, rating, n, ldtt, cstdcs, member_rating, overall, expected):
    union, _members = _union_with_members(world, n, ldtt, cstdcs, member_rating)
    h.rate_union(union, Y, rating)
    verdict = evaluate(union, AwardType.objects.get(code=code), Y)
    assert verdict.status == overall, [(r.rule, r.status, r.message) for r in verdict.results]
    for rule_name, status in expected.items():
        assert statuses(verdict)[rule_name] == status


def test_collective_with_a_warned_member_fails(world):
    union, members = _union_with_members(world, 10, 10)
    h.rate_union(union, Y, "HTT")
    h.discipline(members[0], Y, level="warning")
    verdict = evaluate(union, AwardType.objects.get(code="TTLDTT"), Y)
    assert statuses(verdict)["nobody_disciplined"] == "fail"


def test_flag_needs_first_place_in_a_cluster(world):
    h.first_in_cluster(world.union_a1, Y, world.district_a)
    assert statuses(evaluate(world.union_a1, AwardType.objects.get(code="CO_TLD"), Y))["one_of"] == "pass"
    assert statuses(evaluate(world.union_a2, AwardType.objects.get(code="CO_TLD"), Y))["one_of"] == "fail"


@pytest.mark.parametrize(
    ("start", "kind", "passes"), [(Y - 2, "thematic", True), (Y - 1, "thematic", False), (Y - 2, "annual", False)]
)
def test_flag_for_leading_a_long_thematic_campaign(world, start, kind, passes):
    from campaigns.models import Campaign, Cluster, ClusterMember

    campaign = Campaign.objects.create(
        code=f"XSD-{start}-{kind}",
        name="Xanh – Sạch – Đẹp",
        kind=kind,
        organizer=world.city,
        year=start,
        start_on=datetime.date(start, 1, 1),
        end_on=datetime.date(Y, 12, 31),
        registration_deadline=datetime.date(Y, 1, 1),
        final_review_on=datetime.date(Y, 12, 10),
        titles=["A"],
    )
    cluster = Cluster.objects.create(name="Khối doanh nghiệp", organizer=world.district_a, year=Y, campaign=campaign)
    ClusterMember.objects.create(cluster=cluster, organization=world.union_a2, rank=1)
    result = statuses(evaluate(world.union_a2, AwardType.objects.get(code="CO_TLD"), Y))["one_of"]
    assert result == ("pass" if passes else "fail")


def test_rules_follow_the_dates_they_are_valid(world):
    award_type = AwardType.objects.get(code="LDTT")
    assert award_type.rule_set_on(datetime.date(2025, 6, 30)).legal_basis.endswith("98/2023/NĐ-CP")
    assert award_type.rule_set_on(datetime.date(2025, 7, 1)).legal_basis.endswith("152/2025/NĐ-CP")
    assert award_type.rule_set_on(datetime.date(2023, 12, 31)) is None


def test_individual_award_refused_for_a_union(world):
    verdict = evaluate(world.union_a1, AwardType.objects.get(code="LDTT"), Y)
    assert verdict.status == "fail"


def test_thematic_quota_per_federation_and_year(world):
    award_type = AwardType.objects.get(code="BK_TLD_GVN")
    award_type.annual_quota = 2
    award_type.rule_sets.update(rules=[{"rule": "quota", "params": {"per_year": 2}}])
    award_type.save()
    for _ in range(2):
        h.award(MemberFactory(organization=world.union_b1, gender="female"), code="BK_TLD_GVN", year=Y)
    candidate = MemberFactory(organization=world.union_a1, gender="female")
    result = evaluate(candidate, award_type, Y).results[0]
    assert (result.status, result.message) == ("warn", "Đã hết 2 suất chỉ tiêu của năm.")
    assert evaluate(candidate, award_type, Y - 1).results[0].status == "pass"
