"""Staff open an issued decision, fill in the signature and download the drafted quyết định as Word.

Buttons are found by their targets and values, not their words: the Vietnamese of these pages is folded into
the catalogue after this test was written (locale/pending/drafts.po)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.awards.test_proposals import build, good, issue, through_council  # noqa: F401 -- fixture
from tests.documents.helpers import docx_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_download_the_drafted_decision(page, live_server, world, award_catalogue, good, sign_in, shot):  # noqa: F811
    proposal = build(world, good)
    through_council(world, proposal)
    decision, _child = issue(world, proposal)

    sign_in("staff_district_a")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    page.locator(f"a[href='/decisions/{decision.pk}/draft/']").click()
    expect(page.locator("#id_place")).to_have_value("Hà Nội")
    expect(page.locator("#id_signer_name")).to_have_value("Nguyễn Thùy Chi")
    page.locator("#id_signer_name").fill("Nguyễn Thị Thu Hà")
    page.locator("#id_recipients").fill("Các công đoàn cơ sở\nLưu: VT")
    shot("decision-draft-form")
    with page.expect_download() as download:
        page.locator("button[name=format][value=docx]").click()
    assert download.value.suggested_filename == f"quyet-dinh-{decision.pk}.docx"
    text = docx_text(Path(download.value.path()).read_bytes())
    assert "Số: 215/QĐ-LĐLĐ" in text and "Hà Nội, ngày 20 tháng 12 năm 2025" in text
    assert "Trần Thị Mai" in text and "Hoàng Văn Nam" in text
    assert "Bằng chữ: Ba triệu không trăm năm mươi nghìn đồng" in text
    assert text.endswith("Nguyễn Thị Thu Hà")
