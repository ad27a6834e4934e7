"""A union proposes, the district reviews, publishes, votes and decides; the certificate carries the text."""

import io
import re
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.models import Award
from tests.awards import helpers as h
from tests.factories import MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("thidua2025")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")


def test_proposal_to_decision_and_certificate(page, live_server, world, browser, shot, award_catalogue):
    mai = MemberFactory(
        organization=world.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai", gender="female"
    )
    nam = MemberFactory(organization=world.union_a1, full_name="Hoàng Văn Nam", search_name="hoang van nam")
    kem = MemberFactory(organization=world.union_a1, full_name="Lý Văn Kém", search_name="ly van kem")
    h.rate(mai, 2025, "HTT")
    h.rate(nam, 2025, "HTXS")
    h.rate(kem, 2025, "HT")

    login(page, live_server, "officer_union_a1")
    page.get_by_role("link", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Đề nghị khen thưởng", exact=True).click()
    page.get_by_role("link", name="Lập đề nghị khen thưởng").click()
    page.locator("#id_title").fill("Đề nghị khen thưởng tổng kết năm 2025")
    page.locator("#id_year").fill("2025")
    page.get_by_role("button", name="Lưu").click()
    for member, award in ((mai, "Lao động tiên tiến"), (nam, "Chiến sĩ thi đua cơ sở"), (kem, "Lao động tiên tiến")):
        page.get_by_role("link", name="Thêm đối tượng").click()
        page.locator("#id_member").fill(member.member_code)
        page.locator("#id_member-results [data-pick]").click()  # the one member with that code
        page.locator("#id_award_type").select_option(label=award)
        page.get_by_role("button", name="Lưu").click()
        expect(page.locator(".alert-success")).to_contain_text("Đã thêm đối tượng.")
    kem_row = page.locator("#lines tr", has_text="Lý Văn Kém")
    expect(kem_row).to_contain_text("Chưa đủ tiêu chuẩn")
    expect(kem_row).to_contain_text("Xếp loại Hoàn thành (HT) năm 2025; cần từ Hoàn thành tốt (HTT) trở lên.")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.locator(".alert-danger")).to_contain_text("Lý Văn Kém")
    page.on("dialog", lambda dialog: dialog.accept())
    kem_row.get_by_role("button", name="Gỡ").click()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi hồ sơ đề nghị.")
    proposal_url = page.url

    staff = browser.new_context(locale="vi-VN").new_page()
    staff.on("dialog", lambda dialog: dialog.accept())
    login(staff, live_server, "staff_district_a")
    staff.goto(proposal_url)
    staff.get_by_role("button", name="Bắt đầu thẩm định").click()
    staff.get_by_role("link", name="Công khai lấy ý kiến").click()
    staff.locator("#id_starts_on").fill("01/12/2025")
    staff.locator("#id_ends_on").fill("10/12/2025")
    staff.get_by_role("button", name="Lưu").click()
    staff.get_by_role("link", name="Nhập kết quả bỏ phiếu của Hội đồng").click()
    staff.locator("#id_held_on").fill("15/12/2025")
    staff.locator("#id_members_total").fill("9")
    staff.locator("#id_members_present").fill("8")
    staff.locator("#id_chair").fill("Nguyễn Thùy Chi")
    # One row per line: each gets its tally (the LĐTT line needs none, but the council voted on it too).
    for box in staff.locator("input[name^=yes_]").all():
        box.fill("8")
    for box in staff.locator("input[name^=no_]").all():
        box.fill("1")
    staff.get_by_role("button", name="Lưu").click()
    expect(staff.locator(".alert-success")).to_contain_text("Đã ghi nhận kết quả bỏ phiếu.")
    staff.get_by_role("link", name="Ban hành quyết định").click()
    staff.locator("#id_number").fill("215/QĐ-LĐLĐ")
    staff.locator("#id_signed_on").fill("20/12/2025")
    staff.locator("#id_signer_name").fill("Nguyễn Thùy Chi")
    staff.locator("#id_signer_title").fill("Phó Chủ tịch")
    staff.get_by_role("button", name="Lưu").click()
    expect(staff.locator(".alert-success")).to_contain_text("Đã ban hành quyết định.")
    assert Award.objects.filter(decision__number="215/QĐ-LĐLĐ").count() == 2

    staff.get_by_role("link", name="Khen thưởng", exact=True).click()
    register = staff.locator("#awards")
    expect(register).to_contain_text("Trần Thị Mai")
    expect(register).to_contain_text("Hoàng Văn Nam")
    expect(register).to_contain_text("2.340.000")
    shot("awards-register")
    staff.get_by_role("link", name="Hoàng Văn Nam").click()
    expect(staff.locator("[data-panel=awards]")).to_contain_text("Chiến sĩ thi đua cơ sở")

    award = Award.objects.get(member=nam)
    response = staff.request.get(f"{live_server.url}/awards/{award.pk}/certificate.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    assert "Ông Hoàng Văn Nam" in text
    assert "Quyết định số 215/QĐ-LĐLĐ ngày 20/12/2025" in text
    assert "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in text
