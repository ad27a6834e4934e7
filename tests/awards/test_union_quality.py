"""The yearly quality rating of grassroots unions: given by the union above, in one grid, all rows or none."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.models import UnionQualityRating
from awards.services.union_quality import union_quality_save
from tests.factories import add_org

Y = 2025


def grid_url(org):
    return reverse("awards:union_quality") + f"?organization={org.pk}&year={Y}"


def posted(response, **changes):
    """What the browser sends back for the grid as shown, with `changes` (field name → value) applied."""
    data = {}
    for _row, form in response.context["rows"]:
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes)
    return data


def saved(org):
    return UnionQualityRating.objects.filter(organization=org, year=Y).values_list("grade", "score").first()


# --- the service -------------------------------------------------------------------------------------------


def test_district_staff_rate_their_grassroots_unions(world):
    union_quality_save(
        actor=world.staff_district_a,
        year=Y,
        rows=[(world.union_a1, "HTXS", Decimal("95"), "Dẫn đầu khối"), (world.union_a2, "HT", None, "")],
    )
    assert saved(world.union_a1) == ("HTXS", Decimal("95.0"))
    assert saved(world.union_a2) == ("HT", None)
    record = UnionQualityRating.objects.get(organization=world.union_a1, year=Y)
    assert record.rated_by == world.staff_district_a
    assert record.history.first().history_user == world.staff_district_a


def test_a_blank_class_removes_the_rating(world):
    union_quality_save(actor=world.staff_district_a, year=Y, rows=[(world.union_a1, "HTT", None, "")])
    union_quality_save(actor=world.staff_district_a, year=Y, rows=[(world.union_a1, "", None, "")])
    assert saved(world.union_a1) is None


@pytest.mark.parametrize(
    ("actor", "union"),
    [
        ("officer_union_a1", "union_a1"),  # a union never rates itself
        ("staff_district_a", "union_b1"),  # nor does a district rate another district's unions
        ("leader_city", "union_a1"),  # leaders read only
        ("staff_district_a", "division_a1"),  # a division is not a grassroots union
    ],
)
def test_only_the_union_above_rates(world, actor, union):
    with pytest.raises(PermissionDenied):
        union_quality_save(actor=getattr(world, actor), year=Y, rows=[(getattr(world, union), "HTT", None, "")])
    assert not UnionQualityRating.objects.exists()


def test_one_wrong_row_saves_nothing_and_says_which(world):
    with pytest.raises(ValidationError) as caught:
        union_quality_save(
            actor=world.staff_district_a,
            year=Y,
            rows=[(world.union_a1, "HTT", Decimal("80"), ""), (world.union_a2, "HTT", Decimal("120"), "")],
        )
    assert set(caught.value.message_dict) == {str(world.union_a2.pk)}
    assert not UnionQualityRating.objects.exists()


def test_a_score_without_a_class_is_refused(world):
    with pytest.raises(ValidationError):
        union_quality_save(actor=world.staff_district_a, year=Y, rows=[(world.union_a1, "", Decimal("70"), "")])


# --- the page ----------------------------------------------------------------------------------------------


def test_the_grid_lists_the_district_s_grassroots_unions_only(client, world):
    client.force_login(world.staff_district_a)
    response = client.get(grid_url(world.district_a))
    assert response.status_code == 200
    assert [row.union for row, _form in response.context["rows"]] == sorted(
        [world.union_a1, world.union_a2], key=lambda o: o.name
    )


def test_set_all_fills_every_row_without_saving_then_one_post_saves(client, world):
    extra = add_org(world.district_a, "grassroots", "Công đoàn Công ty May Thăng Long", code="HN-BTL-003")
    client.force_login(world.staff_district_a)
    shown = client.get(grid_url(world.district_a))
    response = client.post(grid_url(world.district_a), posted(shown, set_all="1", set_all_value="HTT"))
    assert response.status_code == 200
    assert {form["grade"].value() for _row, form in response.context["rows"]} == {"HTT"}
    assert not UnionQualityRating.objects.exists()
    # The exception typed after "set all": one union is rated higher, with its score written the Vietnamese way.
    data = posted(response, **{f"u{extra.pk}-grade": "HTXS", f"u{extra.pk}-score": "92,5"})
    response = client.post(grid_url(world.district_a), {**data, "save": "1"})
    assert response.status_code == 302
    assert saved(extra) == ("HTXS", Decimal("92.5"))
    assert saved(world.union_a1) == ("HTT", None) and saved(world.union_a2) == ("HTT", None)


def test_a_score_out_of_range_marks_its_row_and_saves_nothing(client, world):
    client.force_login(world.staff_district_a)
    shown = client.get(grid_url(world.district_a))
    data = posted(shown, **{f"u{world.union_a1.pk}-grade": "HTT", f"u{world.union_a1.pk}-score": "101", "save": "1"})
    response = client.post(grid_url(world.district_a), data)
    assert response.status_code == 200
    rows = {row.union.pk: form for row, form in response.context["rows"]}
    assert rows[world.union_a1.pk].errors and not rows[world.union_a2.pk].errors
    assert not UnionQualityRating.objects.exists()


def test_another_district_cannot_be_opened(client, world):
    client.force_login(world.staff_district_a)
    response = client.get(grid_url(world.district_b))
    # Outside reach, the organisation is not a choice: the scope form is shown again, and no grid.
    assert response.status_code == 200 and "rows" not in response.context


@pytest.mark.parametrize("persona", ["officer_union_a1", "leader_city", "outsider"])
def test_who_does_not_rate_is_refused_the_page_and_the_post(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(grid_url(world.district_a)).status_code == 403
    data = {f"u{world.union_a1.pk}-grade": "HTXS", "save": "1"}
    assert client.post(grid_url(world.district_a), data).status_code == 403
    assert not UnionQualityRating.objects.exists()


def test_the_menu_shows_the_grid_to_those_who_rate(client, world):
    client.force_login(world.staff_district_a)
    assert reverse("awards:union_quality") in client.get(reverse("awards:candidates")).content.decode()
    client.force_login(world.officer_union_a1)
    assert reverse("awards:union_quality") not in client.get(reverse("awards:candidates")).content.decode()


def test_the_grid_downloads_as_excel(client, world):
    import io

    from openpyxl import load_workbook

    union_quality_save(
        actor=world.staff_district_a, year=Y, rows=[(world.union_a1, "HTXS", Decimal("95.5"), "Dẫn đầu khối")]
    )
    client.force_login(world.staff_district_a)
    url = reverse("awards:union_quality_export") + f"?organization={world.district_a.pk}&year={Y}"
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {world.union_a1.code, world.union_a2.code}
    assert rows[world.union_a1.code][4] == 95.5 and rows[world.union_a1.code][5] == "Dẫn đầu khối"
    assert not rows[world.union_a2.code][3]  # not rated: an empty cell
    client.force_login(world.officer_union_a1)
    assert client.get(url).status_code == 403
