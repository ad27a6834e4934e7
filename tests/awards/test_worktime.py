"""Months worked and days absent computed from employment dates and leave by kind, as the LĐTT rules read them.

The three legal cases of issue 13 go through the services a clerk uses and the eligibility engine, not only
the helper: employed from 01/04 → 9 months, not eligible; 45 days absent of which 40 maternity → eligible;
45 days of sick leave → not eligible.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.eligibility.engine import evaluate
from awards.eligibility.worktime import counted_absence, months_employed
from awards.models import AwardType, LeaveRecord, PerformanceRating
from awards.services import inputs
from tests.factories import MemberFactory
from unions.models import Member
from unions.services import members as member_services

Y = 2025
D = datetime.date


def ldtt(member):
    verdict = evaluate(Member.objects.get(pk=member.pk), AwardType.objects.get(code="LDTT"), Y, on=D(Y, 12, 1))
    return verdict, {r.rule: r for r in verdict.results}


def save(world, member, *, rating="HTT", months=12, absent=0, override=False, leaves=None):
    inputs.ratings_save(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        year=Y,
        rows=[(member, rating, months, Decimal(absent), override)],
        leaves={member: leaves} if leaves else None,
    )


@pytest.fixture
def member(world):
    return MemberFactory(organization=world.union_a1, gender="female")


def test_employed_from_first_april_is_nine_months_and_not_eligible(world, member):
    member_services.member_update(actor=world.officer_union_a1, member=member, employed_from=D(Y, 4, 1))
    save(world, member, months=12)  # the clerk's old default is not what the rule reads
    verdict, results = ldtt(member)
    assert not verdict.eligible
    assert results["min_months_worked"].status == "fail"
    assert "9" in results["min_months_worked"].message


def test_forty_five_days_absent_of_which_forty_maternity_is_eligible(world, member):
    save(world, member, absent=45, leaves={"maternity": Decimal(40), "sick": Decimal(5)})
    verdict, results = ldtt(member)
    assert verdict.eligible, [(r.rule, r.status, r.message) for r in verdict.results]
    assert results["max_absent_days"].status == "pass"
    assert results["max_absent_days"].evidence == [f"Days absent {Y}: 5"]  # the msgid: its translation is pending


def test_forty_five_days_of_sick_leave_is_not_eligible(world, member):
    save(world, member, leaves={"sick": Decimal(45)})
    verdict, results = ldtt(member)
    assert not verdict.eligible
    assert results["max_absent_days"].status == "fail"


def test_the_typed_override_wins_over_dates_and_leave(world, member):
    member_services.member_update(actor=world.officer_union_a1, member=member, employed_from=D(Y, 4, 1))
    save(world, member, months=11, absent=2, override=True, leaves={"sick": Decimal(45)})
    verdict, results = ldtt(member)
    assert verdict.eligible, [(r.rule, r.status, r.message) for r in verdict.results]
    assert "11" in results["min_months_worked"].message


def test_without_dates_or_leave_the_typed_numbers_still_count(world, member):
    save(world, member, months=8)
    _verdict, results = ldtt(member)
    assert results["min_months_worked"].status == "fail"


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        pytest.param(None, None, None, id="no-dates"),
        pytest.param(D(Y, 4, 1), None, 9, id="from-1-april"),
        pytest.param(D(Y, 4, 16), None, 9, id="half-of-april-counts"),
        pytest.param(D(Y, 4, 17), None, 8, id="less-than-half-of-april"),
        pytest.param(D(2010, 1, 1), D(Y, 6, 30), 6, id="until-30-june"),
        pytest.param(D(2010, 1, 1), D(Y - 1, 12, 31), 0, id="left-before-the-year"),
        pytest.param(D(Y + 1, 1, 5), None, 0, id="starts-after-the-year"),
        pytest.param(D(2010, 1, 1), None, 12, id="whole-year"),
    ],
)
def test_months_employed(start, end, months):
    assert months_employed(Y, start, end) == months


def test_maternity_is_not_absence():
    assert counted_absence([]) is None
    assert counted_absence([("maternity", Decimal(120))]) == 0
    assert counted_absence([("sick", Decimal("2.5")), ("unpaid", 10), ("maternity", 40)]) == Decimal("12.5")


def test_leave_is_saved_changed_and_cleared_by_kind(world, member):
    save(world, member, leaves={"sick": Decimal(3), "personal": Decimal(2)})
    save(world, member, leaves={"sick": Decimal(4), "personal": None})
    assert dict(LeaveRecord.objects.filter(member=member).values_list("kind", "days")) == {"sick": 4}


def test_a_bad_row_saves_nothing_and_names_its_member(world, member):
    other = world.member_b1
    with pytest.raises(ValidationError) as exc:
        inputs.ratings_save(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            year=Y,
            rows=[(member, "HTT", 12, Decimal(0)), (other, "HTT", 12, Decimal(0))],
            leaves={member: {"sick": Decimal(400)}},
        )
    assert set(exc.value.message_dict) == {str(member.pk), str(other.pk)}
    assert not PerformanceRating.objects.filter(year=Y).exists()
    assert not LeaveRecord.objects.exists()


def test_employment_cannot_end_before_it_starts(world, member):
    with pytest.raises(ValidationError) as exc:
        member_services.member_update(
            actor=world.officer_union_a1, member=member, employed_from=D(Y, 4, 1), employed_until=D(Y, 3, 1)
        )
    assert "employed_until" in exc.value.message_dict


def test_the_member_form_takes_employment_dates_as_clerks_write_them(client, world):
    client.force_login(world.officer_union_a1)
    url = reverse("unions:member_edit", args=[world.member_a1.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(employed_from="01/04/2025", employed_until="")
    assert client.post(url, data).status_code == 302
    world.member_a1.refresh_from_db()
    assert world.member_a1.employed_from == D(2025, 4, 1)
    page = client.get(reverse("unions:member_detail", args=[world.member_a1.pk])).content.decode()
    assert "01/04/2025 – …" in page
    data.update(employed_until="01/03/2025")
    assert client.post(url, data).context["form"].errors["employed_until"]
