"""Staff open an issued decision, download the drafted quyết định as Word, print the certificates of the whole
decision, and anyone opens the verification page of one of them.

Buttons are found by their targets and values, not their words: the Vietnamese of these pages is folded into
the catalogue after this test was written (locale/pending/drafts.po)."""

import io
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.models import Award
from tests.awards.test_proposals import build, good, issue, through_council  # noqa: F401 -- fixture
from tests.documents.helpers import docx_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_download_the_drafted_decision_and_print_the_certificates(
    page,
    browser,
    live_server,
    world,
    award_catalogue,
    good,  # noqa: F811
    sign_in,
    shot,
):
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

    # The certificates of the whole decision, one page each, from the decision's page.
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    certificates = page.locator(f"a[href='/decisions/{decision.pk}/certificates.pdf']").get_attribute("href")
    response = page.request.get(live_server.url + certificates)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    assert len(pages) == 3  # one per award of the decision
    assert "Hoàng Văn Nam" in unicodedata.normalize("NFC", " ".join(p.extract_text() for p in pages))

    # Whoever holds the paper checks it, signed in or not.
    award = Award.objects.get(decision=decision, member__full_name="Hoàng Văn Nam", award_type__code="CSTDCS")
    visitor = browser.new_context(locale="vi-VN").new_page()
    visitor.goto(live_server.url + reverse("verify:certificate", args=[award.verification_token]))
    expect(visitor.locator("body")).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(visitor.locator("body")).to_contain_text("215/QĐ-LĐLĐ")
    expect(visitor.locator("#status")).to_be_visible()
