"""The union's own titles in the catalogue (awards/migrations/0018_union_titles.py) and the rules they run."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from awards.eligibility.engine import evaluate
from awards.models import AwardType, UnionQualityRating
from tests.awards import helpers as h
from tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are asserted as their English msgids, whatever the catalogue says."""
    with translation.override("en"):
        yield


Y = 2025
NEW_TITLES = ("CDCS_VM", "TO_CD_VM", "DVCD_XS", "GT_NDC")


def results(verdict):
    return {r.rule: r for r in verdict.results}


def rate_quality(union, year, grade, score=None):
    return UnionQualityRating.objects.create(organization=union, year=year, grade=grade, score=score)


@pytest.mark.parametrize("code", NEW_TITLES)
def test_each_new_title_has_its_legal_basis_and_validity_dates(world, code):
    award_type = AwardType.objects.get(code=code)
    assert "999/QĐ-TLĐ" in award_type.legal_basis
    # Under the regulation of 2019 until the day before the one of 29/5/2024, and under that one since.
    before = award_type.rule_set_on(datetime.date(2024, 5, 28))
    since = award_type.rule_set_on(datetime.date(2024, 5, 29))
    assert "1689/QĐ-TLĐ" in before.legal_basis and before.valid_from == datetime.date(2019, 11, 12)
    assert "999/QĐ-TLĐ" in since.legal_basis and since.valid_to is None
    assert award_type.rule_set_on(datetime.date(2019, 11, 11)) is None


# (case id, grade given by the union above or None, year it is for, status of the rule, overall verdict)
QUALITY = [
    ("htt", "HTT", Y, "pass", "warn"),
    ("htxs", "HTXS", Y, "pass", "warn"),
    ("ht", "HT", Y, "fail", "fail"),
    ("kht", "KHT", Y, "fail", "fail"),
    ("none", None, Y, "fail", "fail"),
    ("only-last-year", "HTXS", Y - 1, "fail", "fail"),
]


@pytest.mark.parametrize(("grade", "year", "status", "overall"), [c[1:] for c in QUALITY], ids=[c[0] for c in QUALITY])
def test_cdcs_vung_manh_needs_the_quality_rating_of_the_year(world, grade, year, status, overall):
    if grade:
        rate_quality(world.union_a1, year, grade, Decimal("86.5"))
    verdict = evaluate(world.union_a1, AwardType.objects.get(code="CDCS_VM"), Y)
    rule = results(verdict)["union_quality_at_least"]
    assert rule.status == status, rule.message
    # The rules the product cannot check only warn: the verdict is "eligible, check by hand" or a failure.
    assert verdict.status == overall
    assert verdict.eligible == (overall == "warn")


def test_the_quality_rule_shows_the_class_and_the_score(world):
    rate_quality(world.union_a1, Y, "HTT", Decimal("86.5"))
    rule = results(evaluate(world.union_a1, AwardType.objects.get(code="CDCS_VM"), Y))["union_quality_at_least"]
    assert "86,5" in rule.message and rule.evidence == ["Quality rating 2025: HTT, score 86,5"]


def test_the_minimum_class_is_a_parameter_of_the_rule_set(world):
    award_type = AwardType.objects.get(code="CDCS_VM")
    for rule_set in award_type.rule_sets.all():
        rule_set.rules = [{"rule": "union_quality_at_least", "params": {"min": "HTXS"}}]
        rule_set.save()
    rate_quality(world.union_a1, Y, "HTT")
    rule = results(evaluate(world.union_a1, award_type, Y))["union_quality_at_least"]
    assert rule.status == "fail" and "set in the rule set" in rule.message


def test_criteria_not_entered_say_where_they_are_configured(world):
    rule = results(evaluate(world.union_a1, AwardType.objects.get(code="TO_CD_VM"), Y))["configured_criteria"]
    assert rule.status == "warn"
    assert "Quy chế khen thưởng của tổ chức Công đoàn" in rule.message
    assert "bộ tiêu chuẩn của danh hiệu" in rule.message and "not entered yet" in rule.message


def test_criteria_a_federation_typed_are_listed_to_check_by_hand(world):
    award_type = AwardType.objects.get(code="DVCD_XS")
    typed = ["Gương mẫu chấp hành chủ trương của Đảng", "Tích cực tham gia hoạt động công đoàn"]
    for rule_set in award_type.rule_sets.all():
        spec = next(s for s in rule_set.rules if s["rule"] == "configured_criteria")
        spec["params"]["criteria"] = typed
        rule_set.save()
    member = MemberFactory(organization=world.union_a1)
    rule = results(evaluate(member, award_type, Y))["configured_criteria"]
    assert rule.status == "warn" and rule.evidence == typed and typed[1] in rule.message


@pytest.mark.parametrize(
    ("disciplined", "overall"), [(False, "warn"), (True, "fail")], ids=["clean", "reprimanded-this-year"]
)
def test_doan_vien_xuat_sac_is_refused_to_a_member_disciplined_in_the_year(world, disciplined, overall):
    member = MemberFactory(organization=world.union_a1)
    if disciplined:
        h.discipline(member, Y)
    assert evaluate(member, AwardType.objects.get(code="DVCD_XS"), Y).status == overall


def test_to_cong_doan_vung_manh_waits_for_an_open_case(world):
    _open_union_complaint(world)
    verdict = evaluate(world.union_a1, AwardType.objects.get(code="TO_CD_VM"), Y)
    assert results(verdict)["no_open_case"].status == "defer"


def _open_union_complaint(world):
    from awards.models import Complaint

    Complaint.objects.create(
        organization=world.union_a1, kind="inspection", received_on=datetime.date(Y, 3, 1), summary="Thanh tra"
    )


# (case id, year, status, a word of the message)
CYCLE = [
    ("2023-congress", 2023, "pass", "2023"),
    ("2028-next-congress", 2028, "pass", "2028"),
    ("2025-between", 2025, "fail", "2028"),
    ("2007-before-the-first", 2007, "fail", "2008"),
]


@pytest.mark.parametrize(("year", "status", "word"), [c[1:] for c in CYCLE], ids=[c[0] for c in CYCLE])
def test_nguyen_duc_canh_prize_only_in_its_years(world, year, status, word):
    member = MemberFactory(organization=world.union_a1)
    rule = results(evaluate(member, AwardType.objects.get(code="GT_NDC"), year))["held_in_cycle"]
    assert rule.status == status and word in rule.message


def test_nguyen_duc_canh_prize_once_per_person(world):
    member = MemberFactory(organization=world.union_a1)
    award_type = AwardType.objects.get(code="GT_NDC")
    assert results(evaluate(member, award_type, 2028))["once_per_person"].status == "pass"
    h.award(member, code="GT_NDC", year=2023)
    verdict = evaluate(member, award_type, 2028)
    assert results(verdict)["once_per_person"].status == "fail" and verdict.status == "fail"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Công đoàn cơ sở vững mạnh", "CDCS_VM"),
        ("CĐCS vững mạnh", "CDCS_VM"),
        ("Tổ CĐ vững mạnh", "TO_CD_VM"),
        ("ĐVCĐ xuất sắc", "DVCD_XS"),
        ("Đoàn viên công đoàn xuất sắc", "DVCD_XS"),
        ("Giải thưởng Nguyễn Đức Cảnh", "GT_NDC"),
    ],
)
def test_registers_name_the_union_titles_as_clerks_write_them(world, written, code):
    from awards.award_names import Catalogue

    assert [t.code for t in Catalogue(AwardType.objects.all()).find(written)] == [code]


def test_the_prize_lists_the_subject_its_regulation_names_to_check_by_hand(world):
    member = MemberFactory(organization=world.union_a1)
    rule = results(evaluate(member, AwardType.objects.get(code="GT_NDC"), 2028))["configured_criteria"]
    assert rule.status == "warn" and "trực tiếp sản xuất tại doanh nghiệp" in rule.message
    assert "Đoàn Chủ tịch Tổng Liên đoàn" in rule.message
