"""The periodic report as a báo cáo: the administrative layout, sections I–IV, the appendix, Word and PDF."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from reports import builder, periods, services
from tests.documents.helpers import docx_text, pdf_text
from tests.reports.test_reports import Y, build, filled  # noqa: F401 -- fixture
from unions.models import Organization

LETTERHEAD = {
    "number": "45/BC-LĐLĐ",
    "place": "Hà Nội",
    "date": "20/12/2025",
    "authority": "TM.",
    "on_behalf_of": "Ban Thường vụ",
    "signer_title": "Chủ tịch",
    "signer_name": "Nguyễn Thùy Chi",
    "recipients": "Liên đoàn Lao động thành phố Hà Nội\nLưu: VT",
}


def _section(text, start, end):
    assert start in text and end in text, text[:300]
    return text[text.index(start) : text.index(end)]


def _download(client, run, fmt):
    response = client.post(reverse("reports:report_document", args=[run.pk]), {**LETTERHEAD, "format": fmt})
    assert response.status_code == 200, response.content[:300]
    return response.getvalue()


def test_the_bao_cao_of_bac_tu_liem_states_the_seed_figures_in_section_two(client, db, settings, tmp_path):
    """The term report 2018–2023 of the seed district says what the district's own report said, in section II."""
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    btl = Organization.objects.get(code="HN-BTL")
    run = builder.build(services.report_request(actor=None, organization=btl, period=periods.term(2018, 2023)).pk)
    client.force_login(get_user_model().objects.get(username="btl.staff"))
    sentences = (
        "16 lượt công nhân đạt danh hiệu “Công nhân giỏi Thủ đô”",
        "247 lượt công nhân đạt danh hiệu “Công nhân giỏi quận”",
    )
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        text = read(_download(client, run, fmt))
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert "LIÊN ĐOÀN LAO ĐỘNG QUẬN BẮC TỪ LIÊM" in text and "Số: 45/BC-LĐLĐ" in text
        assert "Hà Nội, ngày 20 tháng 12 năm 2025" in text
        results = _section(text, "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG")
        assert results.startswith("II. KẾT QUẢ THỰC HIỆN Trong nhiệm kỳ 2018–2023, toàn quận có"), fmt
        for sentence in sentences:
            assert sentence in results, fmt
        assert "Công nhân giỏi quận 247" in _section(text, "PHỤ LỤC", "2. Khen thưởng theo hình thức"), fmt
        assert "TM. BAN THƯỜNG VỤ CHỦ TỊCH" in text


@pytest.fixture
def run(filled):  # noqa: F811
    return build(filled, filled.district_a, periods.year(Y))


def test_the_written_sections_are_kept_on_the_run_and_used(client, world, run):
    client.force_login(world.staff_district_a)
    response = client.get(reverse("reports:report_detail", args=[run.pk]))
    assert 'action="{}"'.format(reverse("reports:report_texts", args=[run.pk])) in response.content.decode()
    texts = {
        "situation": "Quận có nhiều doanh nghiệp ngoài nhà nước.\nĐoàn viên tăng nhanh.",
        "assessment": "Phong trào được duy trì đều khắp.",
        "direction": "Tiếp tục đổi mới công tác khen thưởng.",
    }
    response = client.post(reverse("reports:report_texts", args=[run.pk]), texts)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.direction == texts["direction"]
    text = docx_text(_download(client, run, "docx"))
    situation = _section(text, "I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN")
    assert "Quận có nhiều doanh nghiệp ngoài nhà nước. Đoàn viên tăng nhanh." in situation
    assert "Phong trào được duy trì đều khắp." in _section(text, "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG")
    assert "Tiếp tục đổi mới công tác khen thưởng." in _section(text, "IV. PHƯƠNG HƯỚNG", "Nơi nhận:")
    # A rebuild recomputes the figures and keeps what staff wrote.
    services.report_rebuild(actor=world.staff_district_a, run=run)
    run = builder.build(run.pk)
    assert run.direction == texts["direction"]


def test_until_written_section_one_states_the_size_from_the_figures(client, world, run):
    client.force_login(world.leader_city)  # leaders read the báo cáo, they do not write it
    text = pdf_text(_download(client, run, "pdf"))
    situation = _section(text, "I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN")
    assert f"Tính đến ngày 31/12/{Y}, Liên đoàn Lao động quận Bắc Từ Liêm có 2 công đoàn cơ sở" in situation
    assert "1 lượt tập thể và 4 lượt cá nhân được các cấp công đoàn biểu dương khen thưởng." in text
    response = client.post(reverse("reports:report_texts", args=[run.pk]), {"situation": "x"})
    assert response.status_code == 403


def test_the_bao_cao_is_out_of_reach_like_the_report(client, world, run):
    client.force_login(world.officer_union_b1)
    assert (
        client.post(reverse("reports:report_document", args=[run.pk]), {**LETTERHEAD, "format": "pdf"}).status_code
        == 404
    )
    assert client.post(reverse("reports:report_texts", args=[run.pk]), {"situation": "x"}).status_code == 404
    client.logout()
    response = client.get(reverse("reports:report_document", args=[run.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_report_not_built_yet_has_no_bao_cao(client, world, filled):  # noqa: F811
    pending = services.report_request(actor=None, organization=world.district_a, period=periods.year(Y - 1))
    client.force_login(world.staff_district_a)
    assert client.get(reverse("reports:report_document", args=[pending.pk])).status_code == 404
