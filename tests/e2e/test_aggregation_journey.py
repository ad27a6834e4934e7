"""Aggregation upward in the browser: district A approves three grassroots proposals and sends them to the
city as one; the city returns one line with a reason; that union's officer sees the line returned and why.

The new strings are not in the Vietnamese catalogue until the lead folds locale/pending/aggregate.po: the
steps find the controls by their ids and assert on data and on the reviewers' own words."""

import pytest
from playwright.sync_api import expect

from awards.models import Proposal
from tests.awards import aggregation_scene as sc
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "Thiếu báo cáo thành tích có xác nhận của thủ trưởng đơn vị"


def _as(browser, live_server, username):
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("thidua2025")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")
    return page


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_district_sends_three_up_as_one_and_a_returned_line_reaches_its_union(
    browser, live_server, world, award_catalogue
):
    s = sc.scene(world)
    district = _as(browser, live_server, "staff_district_a")
    for p in (s.p1, s.p2, s.p3):
        district.goto(f"{live_server.url}/proposals/{p.pk}/")
        district.locator("#approve-send-up").click()
        expect(district.locator(".alert-success")).to_be_visible()
        expect(district.locator("#approve-send-up")).to_have_count(0)
    district.locator("#go-send-up").click()
    boxes = district.locator("#candidates input[name=proposals]")
    expect(boxes).to_have_count(3)
    district.locator("#candidates [data-check-all]").check()
    district.locator("#id_title").fill("Đề nghị tặng danh hiệu Công nhân giỏi Thủ đô năm 2025")
    district.locator("#send-up-submit").click()
    expect(district.locator("h1")).to_have_text("Đề nghị tặng danh hiệu Công nhân giỏi Thủ đô năm 2025")
    expect(district.locator("#lines-by-union tbody[data-origin]")).to_have_count(3)
    up = Proposal.objects.get(from_org=world.district_a)
    assert (up.to_org, up.lines.count()) == (world.city, 3)

    city = _as(browser, live_server, "staff_city")
    city.goto(f"{live_server.url}/proposals/{up.pk}/")
    for org in (world.union_a1, world.union_a2, s.union_a3):
        expect(city.locator("#lines-by-union")).to_contain_text(org.name)
    row = city.locator("#lines-by-union tr[data-line]", has_text="Hoàng Văn Nam")
    row.locator("summary").click()
    row.locator("textarea[name=reason]").fill(REASON)
    row.locator("button[type=submit]").click()
    expect(city.locator(".alert-success")).to_be_visible()
    expect(city.locator("#lines-by-union tr[data-line]", has_text="Hoàng Văn Nam")).to_contain_text(REASON)
    _shot(city, "aggregation-city-returned-a-line")

    officer = _as(browser, live_server, "officer_union_a2")
    officer.goto(f"{live_server.url}/proposals/{s.p2.pk}/")
    returned = officer.locator("#lines-returned")
    expect(returned).to_contain_text("Hoàng Văn Nam")
    expect(returned).to_contain_text(REASON)
    _shot(officer, "aggregation-union-sees-the-return")
