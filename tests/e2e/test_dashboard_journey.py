"""A city leader reads the dashboard, changes the period and drills down to a district."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.awards import helpers as h
from tests.factories import MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_leader_dashboard(page, live_server, world, sign_in, shot, award_catalogue, import_runner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    this_year = datetime.date.today().year
    for _i in range(3):
        h.award(MemberFactory(organization=world.union_a1), code="LDTT", year=this_year - 1)
    h.award(MemberFactory(organization=world.union_b1), code="LDTT", year=this_year - 1)
    sign_in("leader_city")
    expect(page.locator("h1")).to_have_text("Liên đoàn Lao động thành phố Hà Nội")
    expect(page.locator("[data-figure=awards_individual]")).to_have_text("0")
    page.get_by_label("Thời gian").select_option(label=f"Năm {this_year - 1}")
    expect(page.locator("[data-period]")).to_have_attribute("data-period", f"year:{this_year - 1}")
    expect(page.locator("[data-figure=awards_individual]")).to_have_text("4")
    assert page.evaluate("document.querySelectorAll('canvas[data-chart]').length") >= 2
    shot("leader-dashboard")
    page.locator("#children").get_by_role("link", name="Liên đoàn Lao động quận Bắc Từ Liêm").click()
    expect(page.locator("h1")).to_have_text("Liên đoàn Lao động quận Bắc Từ Liêm")
    expect(page.locator("[data-figure=awards_individual]")).to_have_text("3")
    page.locator("[data-figure=awards_individual] a").click()
    expect(page.locator("#awards tbody tr")).to_have_count(3)
    page.go_back()
    page.get_by_role("button", name="Báo cáo kỳ này").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "done", timeout=30000)
    expect(page.locator("#narrative")).to_contain_text("3 lượt cá nhân")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
