"""Staff print the certificates of a whole decision; anyone scanning one of them sees it is genuine."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.models import Award
from tests.awards import helpers as h
from tests.awards.certificate_pdf import qr_texts
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_print_a_decision_and_a_stranger_verifies_a_certificate(
    page, live_server, world, browser, shot, sign_in, award_catalogue
):
    first = h.award(world.member_a1, code="LDTT", year=2025)
    decision = first.decision
    decision.issuer, decision.issuer_name, decision.number = world.district_a, world.district_a.name, "215/QĐ-LĐLĐ"
    decision.save()
    first.gold_book_number = "SV-2025-00001"
    first.save()
    Award.objects.create(
        award_type=first.award_type,
        organization=world.union_a2,
        member=world.member_a2,
        year=2025,
        decision=decision,
        gold_book_number="SV-2025-00002",
    )

    sign_in("staff_district_a")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.locator("h1")).to_contain_text("215/QĐ-LĐLĐ")
    expect(page.locator("table")).to_contain_text("Lê Thị Bích")
    shot("decision-certificates")
    print_all = page.locator(f"a[href='/decisions/{decision.pk}/certificates.pdf']")
    expect(print_all).to_be_visible()
    response = page.request.get(live_server.url + print_all.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2

    [url] = qr_texts(pdf, page=1)
    assert url.startswith(live_server.url + "/v/")
    stranger = browser.new_context(locale="vi-VN").new_page()
    stranger.goto(url)
    expect(stranger.locator("#status")).to_have_class("alert alert-success")
    expect(stranger.locator("#recipient")).to_have_text("Lê T. Bích")
    expect(stranger.locator("#verification")).to_contain_text("215/QĐ-LĐLĐ")
    expect(stranger.locator("#verification")).to_contain_text("Liên đoàn Lao động quận Bắc Từ Liêm")
    expect(stranger.locator("nav")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    stranger.screenshot(path=str(ARTIFACTS / "certificate-verification.png"), full_page=True)
