"""Federation staff launch a campaign; an officer launches it in the union and registers people."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import Registration
from tests.factories import bulk_members

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_campaign_from_launch_to_registrations(page, live_server, world, sign_in, shot, browser, standard_campaigns):
    bulk_members(world.union_a1, 6, prefix="Phan Thị Thu")
    sign_in("staff_district_a")
    page.locator("nav .dropdown-toggle", has_text="Phong trào").click()
    page.get_by_role("link", name="Phong trào thi đua").click()
    page.get_by_role("button", name="Tạo phong trào").click()
    page.get_by_role("link", name="Lao động giỏi, lao động sáng tạo").click()
    page.locator("#id_code").fill("BTL-LDG-2026")
    page.locator("#id_name").fill("Lao động giỏi, lao động sáng tạo quận Bắc Từ Liêm năm 2026")
    page.get_by_label("Năm").fill("2026")
    page.get_by_label("Ngày bắt đầu").fill("01/01/2026")
    page.get_by_label("Ngày kết thúc").fill("31/12/2026")
    page.get_by_label("Hạn đăng ký").fill("31/12/2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo phong trào ở trạng thái dự thảo.")
    page.get_by_role("link", name=re.compile(r"^\W*Phát động$")).click()
    page.get_by_label("Ngày phát động").fill("05/01/2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã phát động phong trào")
    expect(page.locator("[data-figure=coverage]")).to_contain_text("0/2 công đoàn cơ sở đã tổ chức phát động")
    campaign_url = page.url

    officer = browser.new_context(locale="vi-VN").new_page()
    officer.goto(live_server.url + "/accounts/login/")
    officer.get_by_label("Tên đăng nhập").fill("officer_union_a1")
    officer.get_by_label("Mật khẩu").fill("thidua2025")
    officer.get_by_role("button", name="Đăng nhập").click()
    todo = officer.locator("#todo")
    expect(todo).to_contain_text("Lao động giỏi, lao động sáng tạo quận Bắc Từ Liêm năm 2026")
    todo.get_by_role("link", name="Mở").click()
    officer.get_by_role("link", name="Ghi nhận phát động của đơn vị").click()
    officer.get_by_label("Ngày phát động").fill("12/01/2026")
    officer.get_by_label("Số người tham gia").fill("48")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.locator(".alert-success")).to_contain_text("Đã ghi nhận phát động.")

    officer.get_by_role("link", name="Đăng ký cho đoàn viên").click()
    officer.get_by_label("Danh hiệu đăng ký").select_option("Lao động tiên tiến")
    for i in range(5):
        officer.get_by_label(f"Phan Thị Thu {i}").check()
    officer.get_by_role("button", name="Đăng ký cho các đoàn viên đã chọn").click()
    expect(officer.locator(".alert-success")).to_contain_text("Đã đăng ký cho 5 đoàn viên.")
    officer.goto(campaign_url)
    officer.get_by_role("link", name="Đăng ký cho tập thể công đoàn").click()
    officer.get_by_label("Danh hiệu đăng ký").select_option("Tập thể lao động xuất sắc")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.locator(".alert-success")).to_contain_text("Đã đăng ký cho tập thể công đoàn.")
    assert Registration.objects.count() == 6

    page.goto(campaign_url)
    expect(page.locator("[data-figure=coverage]")).to_contain_text("1/2 công đoàn cơ sở đã tổ chức phát động (50,0%)")
    page.get_by_role("link", name="Lao động tiên tiến").click()
    table = page.locator("#registrations")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table).to_contain_text("Phan Thị Thu 4")
    shot("staff-sees-registrations")

    other = browser.new_context(locale="vi-VN").new_page()
    other.goto(live_server.url + "/accounts/login/")
    other.get_by_label("Tên đăng nhập").fill("officer_union_b1")
    other.get_by_label("Mật khẩu").fill("thidua2025")
    other.get_by_role("button", name="Đăng nhập").click()
    other.goto(live_server.url + "/campaigns/")
    expect(other.locator("body")).not_to_contain_text("Bắc Từ Liêm năm 2026")
    assert other.goto(campaign_url).status == 404
