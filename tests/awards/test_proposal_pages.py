import io
import re
import unicodedata

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from awards.models import AwardType, Proposal, ProposalLine
from tests.awards import helpers as h
from tests.factories import MemberFactory


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
    text = pdf_text(response.content)
    for expected in ("CHIẾN SĨ THI ĐUA CƠ SỞ", "Tặng", "Ông Nguyễn Văn An",
                     "Công đoàn Trường Tiểu học Xuân Đỉnh", "Quyết định số 215/QĐ-LĐLĐ ngày 20/12/2025",
                     "Số vào sổ vàng: SV-2025-00017", "Nguyễn Thùy Chi", "Độc lập – Tự do – Hạnh phúc"):
        assert expected in text, expected


def _proposal_with_lines(world, n):
    proposal = Proposal.objects.create(title="Đề nghị", from_org=world.union_a1, to_org=world.district_a,
                                       year=2025)
    ldtt = AwardType.objects.get(code="LDTT")
    for _ in range(n):
        m = MemberFactory(organization=world.union_a1)
        ProposalLine.objects.create(proposal=proposal, organization=world.union_a1, member=m, award_type=ldtt,
                                    eligibility_status="fail", eligibility=[{"rule": "x", "status": "fail",
                                                                             "message": "Chưa đạt"}])
    return proposal


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_proposal_pages_budget(client, world):
    client.force_login(world.staff_district_a)
    small = _proposal_with_lines(world, 3)
    large = _proposal_with_lines(world, 200)
    assert count(client, reverse("awards:proposal_detail", args=[small.pk])) == \
        count(client, reverse("awards:proposal_detail", args=[large.pk]))
    before = count(client, reverse("awards:proposal_list"))
    for _ in range(30):
        _proposal_with_lines(world, 1)
    assert count(client, reverse("awards:proposal_list")) == before
