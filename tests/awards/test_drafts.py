"""The papers of a commendation round, drafted from the data: Word and PDF, each with what a clerk checks."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from documents import builtin, services
from documents.kinds import Kind
from tests.awards.test_proposals import build, good, issue, through_council  # noqa: F401 -- fixture
from tests.documents.helpers import docx_text, pdf_lines, pdf_text, with_paragraph

FORM = {
    "place": "Hà Nội",
    "authority": "TM.",
    "on_behalf_of": "Ban Thường vụ",
    "signer_title": "Chủ tịch",
    "signer_name": "Nguyễn Thùy Chi",
    "recipients": "Các công đoàn cơ sở\nLưu: VT",
}


@pytest.fixture
def decided(world, good):  # noqa: F811
    proposal = build(world, good)
    through_council(world, proposal)
    decision, _child = issue(world, proposal)
    proposal.refresh_from_db()
    return proposal, decision


def _download(client, user, url, fmt, **data):
    client.force_login(user)
    response = client.post(url, {**FORM, "date": "20/12/2025", **data, "format": fmt})
    assert response.status_code == 200, response.content[:500]
    return response


def test_decision_in_word_has_number_date_people_and_amounts(client, world, decided):
    _proposal, decision = decided
    url = reverse("awards:decision_draft", args=[decision.pk])
    signed = {"authority": "KT.", "on_behalf_of": "Chủ tịch", "signer_title": "Phó Chủ tịch"}
    response = _download(client, world.staff_district_a, url, "docx", **signed)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == f'attachment; filename="quyet-dinh-{decision.pk}.docx"'
    text = docx_text(response.getvalue())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI" in text  # the governing body above the issuer
    assert "LIÊN ĐOÀN LAO ĐỘNG QUẬN BẮC TỪ LIÊM" in text
    assert "Số: 215/QĐ-LĐLĐ" in text
    assert "Hà Nội, ngày 20 tháng 12 năm 2025" in text
    for name in ("Trần Thị Mai", "Hoàng Văn Nam"):
        assert name in text
    assert "710.000 đ" in text and "2.340.000 đ" in text
    assert "Tổng số tiền thưởng: 3.050.000 đ" in text
    assert "Bằng chữ: Ba triệu không trăm năm mươi nghìn đồng" in text
    assert "Nơi nhận: - Các công đoàn cơ sở; - Lưu: VT;" in text
    assert text.endswith("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thùy Chi")  # the signature block, last
    assert AuditEntry.objects.filter(action="export", object_id=str(decision.pk)).exists()


def test_decision_form_proposes_the_signature_from_the_decision(client, world, decided):
    _proposal, decision = decided
    client.force_login(world.staff_district_a)
    response = client.get(reverse("awards:decision_draft", args=[decision.pk]))
    form = response.context["form"]
    assert "number" not in form.fields  # the decision holds it
    assert form.initial["authority"] == "KT." and form.initial["signer_title"] == "Phó Chủ tịch"
    assert form.initial["place"] == "Hà Nội"


def test_decision_pdf_keeps_the_diacritics(client, world, decided):
    _proposal, decision = decided
    response = _download(client, world.staff_district_a, reverse("awards:decision_draft", args=[decision.pk]), "pdf")
    assert response["Content-Type"] == "application/pdf"
    content = response.getvalue()  # a streamed response: read once
    text = pdf_text(content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ngày 20 tháng 12 năm 2025" in text
    assert "Trần Thị Mai" in text and "Hoàng Văn Nam" in text
    assert "Bằng chữ: Ba triệu không trăm năm mươi nghìn đồng" in text
    # The quốc hiệu holds one line; the names of the bodies break after "Liên đoàn Lao động", not in the place.
    lines = pdf_lines(content)
    assert "LIÊN ĐOÀN LAO ĐỘNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "THÀNH PHỐ HÀ NỘI Độc lập - Tự do - Hạnh phúc" in lines
    assert "QUẬN BẮC TỪ LIÊM" in lines


def test_proposal_cover_letter_lists_every_line(client, world, decided):
    proposal, _decision = decided
    url = reverse("awards:proposal_draft", args=[proposal.pk])
    text = docx_text(_download(client, world.officer_union_a1, url, "docx", number="12/TTr-CĐCS").getvalue())
    assert "TỜ TRÌNH" in text and "Số: 12/TTr-CĐCS" in text
    assert "CÔNG ĐOÀN TRƯỜNG TIỂU HỌC XUÂN ĐỈNH" in text and "LIÊN ĐOÀN LAO ĐỘNG QUẬN BẮC TỪ LIÊM" in text
    assert "Kính gửi: Liên đoàn Lao động quận Bắc Từ Liêm" in text
    assert "ngày 20 tháng 12 năm 2025" in text
    assert text.count("Hoàng Văn Nam") == 2 and "Trần Thị Mai" in text  # one line per award proposed
    assert "Chiến sĩ thi đua cơ sở" in text
    pdf = pdf_text(_download(client, world.officer_union_a1, url, "pdf", number="12/TTr-CĐCS").getvalue())
    assert "Số: 12/TTr-CĐCS" in pdf and "Trần Thị Mai" in pdf


def test_council_minutes_have_attendance_and_each_ballot(client, world, decided):
    proposal, _decision = decided
    url = reverse("awards:minutes_draft", args=[proposal.pk])
    client.force_login(world.staff_district_a)
    assert client.get(url).context["form"].initial["signer_name"] == "Nguyễn Thùy Chi"  # the chair
    text = docx_text(_download(client, world.staff_district_a, url, "docx", number="03/BB-HĐTĐKT").getvalue())
    assert "BIÊN BẢN" in text and "Số: 03/BB-HĐTĐKT" in text
    assert "Hôm nay, ngày 20 tháng 12 năm 2025" in text
    assert "8/9 thành viên Hội đồng có mặt, vắng 1 thành viên" in text
    assert "Trần Thị Mai" in text and "Hoàng Văn Nam" in text
    # 8 of the 9 members voted for each line: 88,9% of all members, above the threshold.
    assert "8 1 88,9% Đạt" in text


def test_public_notice_gives_the_period_and_the_list(client, world, decided):
    proposal, _decision = decided
    url = reverse("awards:notice_draft", args=[proposal.pk])
    text = docx_text(_download(client, world.staff_district_a, url, "docx", number="05/TB-HĐTĐKT").getvalue())
    assert "THÔNG BÁO" in text and "Số: 05/TB-HĐTĐKT" in text
    assert "từ ngày 20/12/2025 đến hết ngày 25/12/2025" in text
    assert "Trần Thị Mai" in text and "Hoàng Văn Nam" in text
    pdf = pdf_text(_download(client, world.staff_district_a, url, "pdf", number="05/TB-HĐTĐKT").getvalue())
    assert "từ ngày 20/12/2025 đến hết ngày 25/12/2025" in pdf


def _upload(world, org, kind, content, user=None):
    return services.template_upload(
        actor=user or world.admin,
        organization=org,
        kind=kind,
        upload=SimpleUploadedFile("mau.docx", content),
    )


def test_a_federations_own_template_is_used_and_its_units_inherit_it(client, world, decided):
    proposal, decision = decided
    own = with_paragraph(builtin.template_bytes(Kind.PROPOSAL), "Mẫu riêng của Liên đoàn quận")
    _upload(world, world.district_a, Kind.PROPOSAL, own, user=world.staff_district_a)
    # union_a1 has no template of its own: it drafts with its federation's.
    url = reverse("awards:proposal_draft", args=[proposal.pk])
    text = docx_text(_download(client, world.officer_union_a1, url, "docx").getvalue())
    assert "Mẫu riêng của Liên đoàn quận" in text and "Trần Thị Mai" in text
    # The city's template does not replace the district's, nearer to the union.
    _upload(world, world.city, Kind.PROPOSAL, with_paragraph(own, "Mẫu của thành phố"))
    assert "Mẫu của thành phố" not in docx_text(_download(client, world.officer_union_a1, url, "docx").getvalue())
    # A decision of the district still uses the built-in one: templates are per kind.
    url = reverse("awards:decision_draft", args=[decision.pk])
    assert "Mẫu riêng" not in docx_text(_download(client, world.staff_district_a, url, "docx").getvalue())


def test_a_template_broken_after_upload_is_a_message_not_a_server_error(client, world, decided):
    from documents.models import DocumentTemplate

    proposal, _decision = decided
    template = _upload(world, world.district_a, Kind.PROPOSAL, builtin.template_bytes(Kind.PROPOSAL))
    with template.file.open("wb") as handle:  # the stored file damaged on disk
        handle.write(b"not a docx any more")
    assert DocumentTemplate.objects.get(pk=template.pk).active
    client.force_login(world.officer_union_a1)
    url = reverse("awards:proposal_draft", args=[proposal.pk])
    response = client.post(url, {**FORM, "date": "20/12/2025", "format": "docx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "cannot draft this document" in response.context["form"].non_field_errors()[0]
    template.file.storage.delete(template.file.name)  # the file lost from storage altogether
    response = client.post(url, {**FORM, "date": "20/12/2025", "format": "docx"})
    assert response.status_code == 200
    assert "missing from storage" in response.context["form"].non_field_errors()[0]


def test_drafts_answer_404_outside_reach(client, world, decided):
    proposal, decision = decided
    client.force_login(world.officer_union_b1)
    for url in (
        reverse("awards:proposal_draft", args=[proposal.pk]),
        reverse("awards:minutes_draft", args=[proposal.pk]),
        reverse("awards:notice_draft", args=[proposal.pk]),
        reverse("awards:decision_draft", args=[decision.pk]),
    ):
        assert client.post(url, {**FORM, "date": "20/12/2025", "format": "docx"}).status_code == 404


def test_papers_of_steps_not_reached_are_404(client, world, good):  # noqa: F811
    proposal = build(world, good)
    client.force_login(world.staff_district_a)
    assert client.get(reverse("awards:minutes_draft", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("awards:notice_draft", args=[proposal.pk])).status_code == 404


def test_sample_values_have_exactly_the_keys_of_real_documents(world, decided):
    """An upload is checked with the sample values: they must hold every key a real document gets, no more."""
    from awards import drafts
    from documents.kinds import sample_context

    proposal, decision = decided
    today = datetime.date(2025, 12, 20)
    real = {
        Kind.PROPOSAL: {**drafts.proposal_letterhead(proposal, today).context(), **drafts.proposal_values(proposal)},
        Kind.MINUTES: {**drafts.minutes_letterhead(proposal).context(), **drafts.minutes_values(proposal)},
        Kind.NOTICE: {**drafts.notice_letterhead(proposal).context(), **drafts.notice_values(proposal)},
        Kind.DECISION: {**drafts.decision_letterhead(decision).context(), **drafts.decision_values(decision)},
    }
    for kind, context in real.items():
        sample = sample_context(kind)
        assert set(context) == set(sample), kind
        for key, value in context.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                expected = sample[key]
                assert isinstance(expected, list) and set(value[0]) == set(expected[0]), (kind, key)
