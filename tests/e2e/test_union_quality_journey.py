"""Issue 14, point 7 in the browser: district staff rate their grassroots unions' year in one grid ("set all",
then the exceptions, one post), and a union rated well becomes a candidate for "Công đoàn cơ sở vững mạnh"."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import AwardType, UnionQualityRating
from tests.factories import add_org

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def candidates_url(live_server, world):
    award_type = AwardType.objects.get(code="CDCS_VM")
    query = f"organization={world.district_a.pk}&year=2025&award_type={award_type.pk}"
    return f"{live_server.url}{reverse('awards:candidates')}?{query}"


def row(page, union):
    return page.locator("#candidates tbody tr", has=page.get_by_role("link", name=union.name, exact=True))


def test_district_rates_its_unions_and_one_becomes_eligible_for_cdcs_vung_manh(
    page, live_server, world, sign_in, shot, award_catalogue
):
    third = add_org(world.district_a, "grassroots", "Công đoàn Công ty May Thăng Long", code="HN-BTL-003")
    sign_in("staff_district_a")

    # Before any rating, no union of the district qualifies: the rating of the year is missing.
    page.goto(candidates_url(live_server, world))
    for union in (world.union_a1, world.union_a2, third):
        expect(row(page, union)).to_have_attribute("data-status", "fail")

    # The grid, from the awards menu: the district and the year, then every union at once.
    page.locator(f"a[href='{reverse('awards:union_quality')}']").first.click()
    page.locator("#id_organization").select_option(str(world.district_a.pk))
    page.locator("#id_year").fill("2025")
    page.locator("form[method=get] button[type=submit]").click()
    page.locator("#set_all_value").select_option("HTT")
    page.locator("button[name=set_all]").click()
    grades = page.locator("#quality select[name$='-grade']")
    expect(grades).to_have_count(3)
    assert set(grades.evaluate_all("els => els.map(e => e.value)")) == {"HTT"}
    # The exceptions: one union did not complete its tasks; another's score, written the Vietnamese way.
    page.locator(f"#id_u{world.union_a2.pk}-grade").select_option("KHT")
    page.locator(f"#id_u{world.union_a1.pk}-score").fill("92,5")
    shot("union-quality-grid")
    page.locator(f"#id_u{world.union_a1.pk}-score").press("Enter")  # saves (never "set all")
    expect(page.locator(".alert-success")).to_be_visible()
    assert dict(UnionQualityRating.objects.filter(year=2025).values_list("organization_id", "grade")) == {
        world.union_a1.pk: "HTT",
        world.union_a2.pk: "KHT",
        third.pk: "HTT",
    }

    # The candidates page now reads the ratings: rated HTT qualifies (its other criteria to check by hand).
    page.goto(candidates_url(live_server, world))
    expect(row(page, world.union_a1)).to_have_attribute("data-status", "warn")
    expect(row(page, world.union_a1).locator("input[name=subject]")).to_be_visible()
    expect(row(page, world.union_a1)).to_contain_text("92,5")
    expect(row(page, third)).to_have_attribute("data-status", "warn")
    expect(row(page, world.union_a2)).to_have_attribute("data-status", "fail")
    shot("union-quality-candidates")
