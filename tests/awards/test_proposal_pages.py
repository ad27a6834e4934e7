import io
import re
import unicodedata

from django.urls import reverse
from pypdf import PdfReader

from tests.awards import helpers as h


def pdf_text(content):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_certificate_pdf_has_the_vietnamese_text(client, world):
    award = h.award(world.member_a1, code="CSTDCS", year=2025)
    award.decision.issuer, award.decision.number = world.district_a, "215/QĐ-LĐLĐ"
    award.decision.signer_name, award.decision.signer_title = "Nguyễn Thùy Chi", "Phó Chủ tịch"
    award.decision.save()
    award.gold_book_number = "SV-2025-00017"
    award.save()
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("awards:certificate", args=[award.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.getvalue())
    for expected in (
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "Tặng",
        "Ông Nguyễn Văn An",
        "Trường Tiểu học Xuân Đỉnh",
        "Quyết định số 215/QĐ-LĐLĐ ngày 20/12/2025",
        "Số vào sổ vàng: SV-2025-00017",
        "Nguyễn Thùy Chi",
        "Độc lập - Tự do - Hạnh phúc",
    ):
        assert expected in text, expected
