"""The yearly ratings grid: "set all to …" then exceptions, leave by kind, saved in one post, all or nothing."""

import datetime
from decimal import Decimal
from typing import cast

from django.urls import reverse

from awards.models import LeaveRecord, PerformanceRating
from tests.factories import MemberFactory
from unions.models import Member

Y = 2025


def grid_url(world):
    return reverse("awards:ratings") + f"?organization={world.union_a1.pk}&year={Y}"


def posted(response, **changes):
    """What the browser sends back for the grid as shown, with `changes` (field name → value) applied."""
    data = {"union_rating": ""}
    for _row, form in response.context["rows"]:
        for name in form.fields:
            value = form[name].value()
            if name == "time_override":
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes)
    return data


def test_set_all_fills_every_row_without_saving(client, world):
    MemberFactory.create_batch(3, organization=world.union_a1)
    client.force_login(world.officer_union_a1)
    shown = client.get(grid_url(world))
    response = client.post(grid_url(world), posted(shown, set_all="1", set_all_value="HTT"))
    assert response.status_code == 200
    ratings = [form["rating"].value() for _row, form in response.context["rows"]]
    assert len(ratings) == 4 and set(ratings) == {"HTT"}
    assert not PerformanceRating.objects.exists()


def test_all_rows_then_one_exception_saved_in_one_post(client, world):
    MemberFactory.create_batch(3, organization=world.union_a1)
    client.force_login(world.officer_union_a1)
    filled = client.post(grid_url(world), posted(client.get(grid_url(world)), set_all="1", set_all_value="HTT"))
    a1 = f"m{world.member_a1.pk}"
    response = client.post(
        grid_url(world),
        posted(filled, **{f"{a1}-rating": "HTXS", f"{a1}-leave_sick": "3", f"{a1}-leave_maternity": "40", "save": "1"}),
    )
    assert response.status_code == 302
    saved = dict(PerformanceRating.objects.filter(year=Y, member__isnull=False).values_list("member_id", "rating"))
    assert len(saved) == 4 and saved.pop(world.member_a1.pk) == "HTXS" and set(saved.values()) == {"HTT"}
    assert dict(LeaveRecord.objects.filter(member=world.member_a1).values_list("kind", "days")) == {
        "sick": 3,
        "maternity": 40,
    }


def test_one_bad_row_saves_nothing_and_is_marked(client, world):
    other = cast(Member, MemberFactory(organization=world.union_a1))
    client.force_login(world.officer_union_a1)
    shown = client.get(grid_url(world))
    a1, a2 = f"m{world.member_a1.pk}", f"m{other.pk}"
    response = client.post(
        grid_url(world), posted(shown, **{f"{a1}-rating": "HTT", f"{a2}-rating": "HTT", f"{a2}-months_worked": "13"})
    )
    assert response.status_code == 200
    assert not PerformanceRating.objects.exists()
    bad = {row.member.pk for row, form in response.context["rows"] if form.errors}
    assert bad == {other.pk}
    assert 'class="table-danger"' in response.content.decode()


def test_months_from_employment_dates_are_shown_and_locked(client, world):
    member = cast(Member, MemberFactory(organization=world.union_a1, employed_from=datetime.date(Y, 4, 1)))
    client.force_login(world.officer_union_a1)
    response = client.get(grid_url(world))
    row, form = next((r, f) for r, f in response.context["rows"] if r.member == member)
    assert form["months_worked"].value() == 9
    assert "readonly" in str(form["months_worked"])
    PerformanceRating.objects.create(
        organization=world.union_a1, member=member, year=Y, rating="HTT", months_worked=11, time_override=True
    )
    response = client.get(grid_url(world))
    form = next(f for r, f in response.context["rows"] if r.member == member)
    assert form["months_worked"].value() == 11
    assert "readonly" not in str(form["months_worked"])


def test_leave_days_shown_are_what_the_rules_count(client, world):
    LeaveRecord.objects.create(member=world.member_a1, year=Y, kind="maternity", days=Decimal(40))
    LeaveRecord.objects.create(member=world.member_a1, year=Y, kind="sick", days=Decimal("4.5"))
    client.force_login(world.officer_union_a1)
    response = client.get(grid_url(world))
    form = next(f for r, f in response.context["rows"] if r.member == world.member_a1)
    assert form["absent_days"].value() == Decimal("4.5")
