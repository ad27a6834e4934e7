"""An officer imports the list the union keeps: a title row, the clerk's own column titles, an unknown column."""

import datetime
import io

from openpyxl import Workbook
from playwright.sync_api import expect

from unions.models import Member


def _clerks_list():
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổ 1"
    ws.append(["CÔNG ĐOÀN TRƯỜNG THCS THÀNH CÔNG"])
    ws.append(["DANH SÁCH ĐOÀN VIÊN NĂM 2026"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Nam/Nữ", "Ngày/tháng/năm sinh dương lịch", "Số CCCD/CMND", "SĐT", "Quê quán"])
    ws.append([1, "PHẠM THỊ NGỌC ÁNH", "Nữ", "16/08/2000", 1300012345, 912345678, "Nam Định"])
    ws.append([2, "Hoàng Văn Đạt", "Nam", datetime.datetime(1987, 12, 3), "084255728", "0987 654 321", "Thái Bình"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_officer_imports_the_list_the_union_keeps(page, live_server, world, sign_in, shot, tmp_path, import_runner):
    path = tmp_path / "danh-sach-doan-vien.xlsx"
    path.write_bytes(_clerks_list())
    sign_in("officer_union_a1")
    page.get_by_role("link", name="Đoàn viên", exact=True).click()
    page.get_by_role("link", name="Nhập từ Excel").first.click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()

    # Two columns are unknown: the clerk says which field each holds.
    mapping = page.locator("#import-mapping")
    expect(mapping).to_be_visible()
    birth = mapping.locator("tr", has_text="Ngày/tháng/năm sinh dương lịch").locator("select")
    birth.select_option(label="Ngày sinh")
    home = mapping.locator("tr", has_text="Quê quán").locator("select")
    home.select_option(label="Không nhập cột này")
    shot("import-mapping")
    page.get_by_role("button", name="Kiểm tra tệp theo các cột này").click()

    warnings = page.locator("#import-warnings")
    expect(warnings).to_contain_text("Quê quán")
    expect(warnings).to_contain_text("dòng 4")  # the titles sit on row 4: the rows above are not imported
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("Phạm Thị Ngọc Ánh")  # re-capitalised, and said so in the warnings
    expect(preview).to_contain_text("16/08/2000")
    expect(preview).to_contain_text("001300012345")
    expect(preview).to_contain_text("0912345678")
    expect(preview).to_contain_text("084255728")
    shot("import-preview")
    page.set_viewport_size({"width": 390, "height": 844})  # a grassroots officer's phone
    expect(page.locator("#import-confirm")).to_be_visible()
    shot("import-preview-phone")
    page.locator("#import-confirm").click()
    expect(page.locator("#import-done")).to_be_visible(timeout=20000)

    anh = Member.objects.get(full_name="Phạm Thị Ngọc Ánh")
    dat = Member.objects.get(full_name="Hoàng Văn Đạt")
    assert (anh.birth_date, anh.national_id, anh.phone) == (datetime.date(2000, 8, 16), "001300012345", "0912345678")
    assert (dat.birth_date, dat.national_id, dat.old_id_number) == (datetime.date(1987, 12, 3), None, "084255728")
    page.get_by_role("link", name="Xem kết quả").click()
    expect(page.locator("table.table-members")).to_contain_text("Phạm Thị Ngọc Ánh")
    page.get_by_role("link", name="Phạm Thị Ngọc Ánh").first.click()
    expect(page.locator("dl")).to_contain_text("16/08/2000")
    shot("import-member-detail")
