"""Federation staff bring in the register of awards they kept in Excel, then read the report's totals."""

from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Award
from tests.awards.test_award_import import province, register_rows, workbook  # noqa: F401 (the fixture)


def test_staff_import_the_register_and_the_dashboard_states_its_totals(
    page,
    live_server,
    province,  # noqa: F811
    award_catalogue,
    sign_in,
    shot,
    tmp_path,
    import_runner,
):
    path = tmp_path / "so-khen-thuong-2023-2024.xlsx"
    path.write_bytes(workbook(register_rows(province)))
    sign_in("staff_province")
    page.goto(live_server.url + reverse("awards:award_list"))
    page.get_by_role("link", name="Nhập khen thưởng đã có từ Excel").click()
    page.get_by_label("Liên đoàn lao động").select_option(value=str(province.na.pk))
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.locator("#import-counts")).to_contain_text("Đã kiểm tra 360 dòng, không có lỗi.")
    expect(page.locator("#import-preview")).to_contain_text("15/QĐ-LĐLĐ")
    shot("award-import-preview")
    page.locator("#import-confirm").click()
    expect(page.locator("#import-done")).to_contain_text("Đã thêm 360 dòng.", timeout=30000)
    assert Award.objects.filter(org_path__startswith=province.na.path).count() == 360

    page.goto(live_server.url + reverse("reports:dashboard") + f"?org={province.na.pk}&period=range:20230101-20240930")
    totals = page.locator("#award-totals")
    own_merit = totals.locator('tr[data-issuer="own"][data-form="bang khen"]')
    expect(own_merit).to_contain_text("94")
    expect(own_merit).to_contain_text("217")
    expect(own_merit).to_contain_text("311")
    expect(totals.locator('tr[data-issuer="above"][data-form="bang khen"]')).to_contain_text("41")
    expect(totals.locator('tr[data-issuer="own"][data-form="co thi dua"]')).to_contain_text("5")
    expect(totals.locator('tr[data-issuer="above"][data-form="co thi dua"]')).to_contain_text("3")
    shot("award-totals-dashboard")
