"""Certificates as federations print them: layout, wording per kind, printing onto blanks, reissue."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from awards.certificates import lines
from awards.models import Award, CertificateKind
from awards.services import certificates as services
from awards.services import revocations
from tests.awards import helpers as h
from tests.awards.certificate_pdf import PT_PER_MM, page_words, text_lines
from tests.factories import add_org

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _issued(award, issuer, *, number="215/QĐ-LĐLĐ", gold="SV-2025-00017"):
    decision = award.decision
    decision.issuer, decision.issuer_name, decision.number = issuer, issuer.name, number
    decision.signer_name, decision.signer_title = "Nguyễn Thùy Chi", "Phó Chủ tịch"
    decision.save()
    award.gold_book_number = gold
    award.save()
    return award


def _certificate(client, user, award, **query):
    client.force_login(user)
    response = client.get(reverse("awards:certificate", args=[award.pk]), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.getvalue()  # a streamed response: read once
    _preview(f"award-{award.pk}{'-blank' if query else ''}", content)
    return content


def _preview(name, content):
    """CERTIFICATE_PREVIEW_DIR=… keeps the PDFs, to look at them (pdftoppm -png -r 60 <file>)."""
    folder = os.environ.get("CERTIFICATE_PREVIEW_DIR")
    if folder:
        Path(folder, f"{name}.pdf").write_bytes(content)


def _block(content):
    """The header and title block: every line above the citation (issuer, national name and motto, the title,
    "Tặng", the recipient)."""
    found = text_lines(page_words(content))
    end = next(i for i, line in enumerate(found) if line["words"][:2] in (["Đạt", "danh"], ["Đã", "có"]))
    return [" ".join(line["words"]) for line in found[:end]], [" ".join(line["words"]) for line in found]


@pytest.fixture
def long_issuer(world):
    """A grassroots union with a long name, issuing its own Giấy khen (its name must break by meaning)."""
    return add_org(
        world.district_a,
        "grassroots",
        "Công đoàn Công ty Cổ phần Supe Phốt phát và Hóa chất Lâm Thao",
        code="HN-BTL-LT",
        sector="state_enterprise",
    )


CASES = {
    # id: (award code, issuer attribute)
    "danh-hieu-cstdcs": ("CSTDCS", "district_a"),
    "bang-khen": ("BK_LDLD_CN", "city"),
    "cstd-tong-lien-doan": ("CSTD_TLD", "root"),
    "ky-niem-chuong": ("KNC_CD", "root"),
    "giay-khen-long-issuer": ("GK_CD_CN", "long_issuer"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_header_and_title_block_hold_no_lone_word_and_the_national_name_is_one_line(client, world, long_issuer, case):
    code, issuer_name = CASES[case]
    issuer = long_issuer if issuer_name == "long_issuer" else getattr(world, issuer_name)
    award = _issued(h.award(world.member_a1, code=code, year=2025), issuer)
    block, _all = _block(_certificate(client, world.staff_district_a, award))
    assert NATIONAL in block, block
    assert MOTTO in block, block
    assert "Tặng" in block
    lone = [line for line in block if len(line.split()) == 1 and line != "Tặng"]
    assert lone == [], block
    assert any(line.startswith("Ông Nguyễn Văn An") for line in block), block


def test_the_long_issuer_breaks_between_words_by_meaning_and_shrinks_no_further_than_needed():
    block = lines.fit("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI", 118, max_size=12, min_size=9.5)
    assert block.lines == ("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI",)
    narrow = lines.fit("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI", 70, max_size=12, min_size=11)
    assert narrow.lines == ("LIÊN ĐOÀN LAO ĐỘNG", "THÀNH PHỐ HÀ NỘI")
    # The wrap the issue saw ("CƠ / SỞ" alone): a title too wide for one line keeps at least two words a line.
    title = lines.fit("CHIẾN SĨ THI ĐUA CƠ SỞ", 120, max_size=40, min_size=36)
    assert title.single_words == [] and len(title.lines) == 2
    assert all(lines.width_pt(line, title.size, bold=True) <= 120 * PT_PER_MM for line in title.lines)


def test_a_title_is_attained_and_the_member_works_at_the_union_employer(client, world):
    world.member_a1.job_title = "Giáo viên"
    world.member_a1.save()
    award = _issued(h.award(world.member_a1, code="CSTDCS", year=2025), world.district_a)
    content = _certificate(client, world.officer_union_a1, award)
    _block_lines, text = _block(content)
    text = " ".join(text)
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in text
    title = next(w for w in page_words(content) if w["text"] == "CHIẾN")
    assert title["bottom"] - title["top"] > 40, "the title is set large (as large as fits the width)"
    assert "Giáo viên, Trường Tiểu học Xuân Đỉnh" in text
    assert "Công đoàn Trường Tiểu học Xuân Đỉnh" not in text
    assert "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in text
    assert "Quyết định số 215/QĐ-LĐLĐ ngày 20/12/2025" in text
    assert "Số vào sổ vàng: SV-2025-00017" in text
    assert "Ngày 20 tháng 12 năm 2025" in text
    assert "PHÓ CHỦ TỊCH" in text and "Nguyễn Thùy Chi" in text


def test_a_bang_khen_cites_the_achievement_instead_of_a_title(client, world):
    award = _issued(h.award(world.member_a1, code="BK_LDLD_CN", year=2025), world.city)
    award.achievement = (
        "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm 2025."
    )
    award.save()
    _block_lines, text = _block(_certificate(client, world.staff_district_a, award))
    text = " ".join(text)
    assert "BẰNG KHEN" in text
    assert "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm 2025" in text
    assert "Đã có thành tích Đã có" not in text
    assert "Đạt danh hiệu" not in text


def test_a_division_member_works_at_the_division_of_the_employer_and_a_collective_shows_its_own_name(client, world):
    award = _issued(h.award(world.member_a1, code="LDTT", year=2025), world.district_a)
    world.member_a1.organization = world.division_a1
    world.member_a1.save()
    award.organization = world.division_a1
    award.save()
    text = " ".join(_block(_certificate(client, world.staff_district_a, award))[1])
    assert "Khối 1, Trường Tiểu học Xuân Đỉnh" in text

    collective = _issued(
        h.award(org=world.union_a2, code="GK_CD_TT", year=2025), world.district_a, number="216/QĐ-LĐLĐ", gold="SV-2"
    )
    text = " ".join(_block(_certificate(client, world.staff_district_a, collective))[1])
    assert "Công đoàn Công ty Cơ khí Phú Diễn" in text
    assert "GIẤY KHEN" in text
    assert "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025" in text


def test_the_whole_decision_prints_one_page_per_award_in_the_new_layout(client, world):
    first = _issued(h.award(world.member_a1, code="LDTT", year=2025), world.district_a, gold="SV-1")
    Award.objects.create(
        award_type=first.award_type,
        organization=world.union_a2,
        member=world.member_a2,
        year=2025,
        decision=first.decision,
        gold_book_number="SV-2",
    )
    client.force_login(world.staff_district_a)
    response = client.get(reverse("awards:decision_certificates", args=[first.decision_id]))
    assert response.status_code == 200
    content = response.getvalue()
    pages = [" ".join(" ".join(line["words"]) for line in text_lines(page_words(content, p))) for p in (0, 1)]
    assert NATIONAL in pages[0] and NATIONAL in pages[1]
    assert {"Ông Nguyễn Văn An" in pages[0], "Bà Lê Thị Bích" in pages[1]} == {True}
    assert "Trường Tiểu học Xuân Đỉnh" in pages[0] and "Công ty Cơ khí Phú Diễn" in pages[1]


# -- reissue -------------------------------------------------------------------------------------------------


def test_a_reissued_certificate_is_numbered_logged_and_says_so(client, world):
    award = _issued(h.award(world.member_a1, code="LDTT", year=2025), world.district_a)
    first = services.certificate_reissue(
        actor=world.staff_district_a, award=award, reason="Mất do lũ", reissued_on=datetime.date(2026, 3, 2)
    )
    second = services.certificate_reissue(actor=world.staff_district_a, award=award, reason="Hư hỏng")
    assert (first.number, second.number) == (1, 2)
    award.refresh_from_db()
    assert award.reissue_count == 2
    assert [r.reissue_count for r in award.history.order_by("history_id")][-2:] == [1, 2]
    assert award.history.latest().history_user == world.staff_district_a
    entries = AuditEntry.objects.filter(object_type="awards.award", object_id=str(award.pk), action="change")
    assert entries.count() == 2
    text = " ".join(_block(_certificate(client, world.staff_district_a, award))[1])
    assert re.search(r"Cấp lại lần 2 ngày \d\d/\d\d/\d{4}", text), text


def test_only_the_issuer_reissues_and_never_a_revoked_award(world):
    award = _issued(h.award(world.member_a1, code="LDTT", year=2025), world.district_a)
    with pytest.raises(PermissionDenied):
        services.certificate_reissue(actor=world.officer_union_a1, award=award, reason="Mất")
    with pytest.raises(ValidationError):
        services.certificate_reissue(actor=world.staff_district_a, award=award, reason="  ")
    revocations.award_revoke(
        actor=world.staff_district_a,
        award=award,
        ground="a",
        decision_number="9/QĐ-TH",
        decided_on=datetime.date(2026, 1, 5),
    )
    with pytest.raises(ValidationError):
        services.certificate_reissue(actor=world.staff_district_a, award=award, reason="Mất")
    award.refresh_from_db()
    assert award.reissue_count == 0


def test_the_reissue_page_records_a_reissue(client, world):
    award = _issued(h.award(world.member_a1, code="LDTT", year=2025), world.district_a)
    client.force_login(world.staff_district_a)
    url = reverse("awards:certificate_reissue", args=[award.pk])
    response = client.post(url, {"reason": "Mất khi chuyển nhà", "reissued_on": "02/03/2026"})
    assert response.status_code == 302
    reissue = award.reissues.get()
    assert (reissue.number, reissue.reissued_on, reissue.recorded_by) == (
        1,
        datetime.date(2026, 3, 2),
        world.staff_district_a,
    )


# -- pre-printed blanks --------------------------------------------------------------------------------------


def _layout(world, **positions):
    return services.layout_save(
        actor=world.staff_district_a,
        issuer=world.district_a,
        kind=CertificateKind.TITLE,
        subject_kind="individual",
        positions=positions,
        offset_x=2,
        offset_y=-1,
    )


def test_printing_onto_a_blank_puts_only_the_fields_at_their_positions(client, world):
    _layout(
        world,
        recipient={"x": 60, "y": 90, "w": 180, "size": 20},
        citation={"x": 40, "y": 120, "w": 220, "size": 13},
        decision={"x": 20, "y": 170, "w": 100, "size": 10},
    )
    award = _issued(h.award(world.member_a1, code="LDTT", year=2025), world.district_a)
    content = _certificate(client, world.staff_district_a, award, onto="blank")
    found = text_lines(page_words(content))
    text = " ".join(" ".join(line["words"]) for line in found)
    assert NATIONAL not in text and "LAO ĐỘNG TIÊN TIẾN" not in text  # printed on the blank already
    name = next(line for line in found if line["words"][:2] == ["Ông", "Nguyễn"])
    # The recipient's box: x 60 + 2 (shift) to 242 mm, top at y 90 - 1 (shift) mm; the name is centred in it.
    assert 62 * PT_PER_MM <= name["x0"] <= 152 * PT_PER_MM
    assert abs(name["top"] - 89 * PT_PER_MM) < 3 * PT_PER_MM
    assert "Đạt danh hiệu “Lao động tiên tiến” năm 2025" in text
    assert "Quyết định số 215/QĐ-LĐLĐ ngày 20/12/2025" in text
    assert "Số vào sổ vàng" not in text  # no position given: not printed


def test_the_test_print_shows_every_placed_field_and_the_layout_page_saves(client, world):
    layout = _layout(world, recipient={"x": 60, "y": 90, "w": 180, "size": 20})
    client.force_login(world.staff_district_a)
    response = client.get(reverse("awards:layout_test_print", args=[layout.pk]))
    assert response["Content-Type"] == "application/pdf"
    content = response.getvalue()
    _preview(f"layout-{layout.pk}-test", content)
    text = " ".join(w["text"] for w in page_words(content))
    assert "x 62.0 · y 89.0 mm" in text  # the recipient's box, shift included

    page = client.get(reverse("awards:layout_edit", args=[layout.pk]))
    form = page.context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data |= {"issuer": world.district_a.pk, "recipient_y": "95", "qr_x": "", "qr_y": ""}
    response = client.post(reverse("awards:layout_edit", args=[layout.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    layout.refresh_from_db()
    assert layout.positions["recipient"]["y"] == 95
    assert "qr" not in layout.positions


def test_a_field_off_the_paper_is_refused(world):
    with pytest.raises(ValidationError):
        _layout(world, recipient={"x": 60, "y": 250, "w": 180, "size": 20})
