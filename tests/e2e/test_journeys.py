"""Browser journeys, one per role, in Debian's Chromium."""

import pytest
from playwright.sync_api import expect

from tests.xlsx_files import member_file
from unions.models import Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROWS_WITH_ERROR = [
    ["Nguyễn Thị Hằng", "Nữ", "05/09/1988", "001188012345"],
    ["Trần Văn Nam", "Nam", "31/02/1979", "001079001234"],
]
ROWS_FIXED = [
    ["Nguyễn Thị Hằng", "Nữ", "05/09/1988", "001188012345"],
    ["Trần Văn Nam", "Nam", "28/02/1979", "001079001234"],
]


def test_officer_adds_a_member_and_imports_a_file(page, live_server, world, sign_in, shot, tmp_path, import_runner):
    sign_in("officer_union_a1")
    page.get_by_role("link", name="Thêm đoàn viên").first.click()
    page.get_by_label("Họ và tên").fill("Đinh Thị Thu Trang")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Ngày sinh").fill("14/02/1994")
    page.get_by_label("Số CCCD").fill("001194000777")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm đoàn viên Đinh Thị Thu Trang.")
    expect(page.locator("dl")).to_contain_text("14/02/1994")

    bad = tmp_path / "doan-vien.xlsx"
    bad.write_bytes(member_file(ROWS_WITH_ERROR))
    page.get_by_role("link", name="Đoàn viên", exact=True).click()
    page.get_by_role("link", name="Nhập từ Excel").first.click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.locator(".alert-danger")).to_contain_text("1/2 dòng có lỗi. Chưa nhập dòng nào")
    expect(page.locator("tr.import-error")).to_contain_text(
        'Ngày sinh (C): "31/02/1979" không phải là ngày có thật (ngày 31, tháng 2).'
    )
    shot("officer-import-error")
    assert not Member.objects.filter(national_id="001188012345").exists()

    fixed = tmp_path / "doan-vien-da-sua.xlsx"
    fixed.write_bytes(member_file(ROWS_FIXED))
    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(fixed))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã kiểm tra 2 dòng, không có lỗi.")
    page.get_by_role("button", name="Nhập 2 dòng").click()
    expect(page.locator("#import-state")).to_contain_text("Đã thêm 2 dòng.", timeout=20000)
    page.get_by_role("link", name="Xem kết quả").click()
    table = page.locator("table.table-members")
    for name in ("Nguyễn Thị Hằng", "Trần Văn Nam", "Đinh Thị Thu Trang", "Nguyễn Văn An"):
        expect(table).to_contain_text(name)
    expect(table).not_to_contain_text("Lê Thị Bích")  # another union's member
    shot("officer-members-after-import")


def test_officer_on_a_phone(page, live_server, world, sign_in, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("officer_union_a1")
    page.get_by_role("button", name="Trình đơn").click()
    page.get_by_role("link", name="Đoàn viên", exact=True).click()
    expect(page.locator("table.table-members")).to_contain_text("Nguyễn Văn An")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot("officer-phone-members")


def test_staff_browses_the_tree_of_their_district(page, live_server, world, sign_in, shot):
    sign_in("staff_district_a")
    page.get_by_role("link", name="Tổ chức").click()
    tree = page.locator(".tree").first
    expect(tree).to_contain_text("Công đoàn Trường Tiểu học Xuân Đỉnh")
    expect(tree).to_contain_text("Công đoàn Công ty Cơ khí Phú Diễn")
    page.locator("li[data-org='HN-BTL-001'] > details > summary").click()
    expect(page.locator("li[data-org='HN-BTL-001-K1']")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Tây Hồ")
    shot("staff-tree")


def test_leader_reads_but_cannot_edit(page, live_server, world, sign_in):
    sign_in("leader_city")
    page.get_by_role("link", name="Đoàn viên", exact=True).click()
    expect(page.locator("table.table-members")).to_contain_text("Phạm Đức Cường")
    expect(page.get_by_role("link", name="Thêm đoàn viên")).to_have_count(0)
    page.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page.get_by_role("link", name="Sửa")).to_have_count(0)


def test_admin_gives_a_role(page, live_server, world, sign_in, shot):
    sign_in("admin")
    page.get_by_role("link", name="Quản trị").click()
    page.get_by_role("link", name="outsider").click()
    page.get_by_label("Đơn vị").fill("xuan la")
    page.get_by_role("option", name=f"{world.union_b1.name} ({world.union_b1.code})").click()
    page.get_by_label("Vai trò").select_option(label="Cán bộ CĐCS")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm vai trò.")
    expect(page.locator(".list-group")).to_contain_text("Cán bộ CĐCS · Công đoàn Trường THCS Xuân La")
    shot("admin-role")
