"""A year-end list of nominees goes into a proposal from Excel: one file instead of one form per person."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from awards.models import ProposalLine
from awards.services import proposals
from tests.factories import MemberFactory
from unions.models import ImportBatch
from unions.services import import_batches

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Danh hiệu đề nghị", "Tập thể", "Thành tích"]


def _file(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"])
    ws.append(HEADER)
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.name = "de-nghi.xlsx"
    buffer.seek(0)
    return buffer


@pytest.fixture
def proposal(world):
    return proposals.proposal_create(
        actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title="Đề nghị khen thưởng năm 2025"
    )


def _upload(client, proposal, rows):
    response = client.post(reverse("awards:proposal_lines_import", args=[proposal.pk]), {"file": _file(rows)})
    assert response.status_code == 302, response.content.decode()[:300]
    return ImportBatch.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def test_a_list_of_nominees_becomes_lines_with_their_eligibility(client, world, proposal):
    mai = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", national_id="001190000111")
    nam = MemberFactory(organization=world.union_a1, full_name="Hoàng Văn Nam")
    client.force_login(world.officer_union_a1)
    batch = _upload(
        client,
        proposal,
        [
            [
                "Trần Thị Mai",
                "",
                1190000111,
                "Lao động tiên tiến",
                "",
                "Hoàn thành xuất sắc nhiệm vụ",
            ],  # CCCD as number
            ["hoàng văn nam", nam.birth_date.strftime("%d/%m/%Y"), "", "LAO ĐỘNG TIÊN TIẾN", "", ""],  # name + birth
            ["", "", "", "Tập thể lao động tiên tiến", world.union_a1.code, "Tập thể đoàn kết"],
        ],
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    assert batch.counts["new"] == 3
    assert not ProposalLine.objects.filter(proposal=proposal).exists()
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    assert import_batches.batch_run(batch.pk).created_count == 3
    lines = {(line.member_id, line.award_type.code): line for line in ProposalLine.objects.filter(proposal=proposal)}
    assert set(lines) == {(mai.pk, "LDTT"), (nam.pk, "LDTT"), (None, "TTLDTT")}
    assert lines[mai.pk, "LDTT"].achievement == "Hoàn thành xuất sắc nhiệm vụ"
    assert lines[mai.pk, "LDTT"].eligibility  # the rules ran for each line, as when added by hand


def test_one_bad_row_adds_nothing_and_says_why(world, proposal):
    MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", national_id="001190000111")
    rows = [
        ["Trần Thị Mai", "", "001190000111", "Lao động tiên tiến", "", ""],
        ["Người Lạ", "", "", "Lao động tiên tiến", "", ""],
        ["", "", world.member_b1.member_code, "Lao động tiên tiến", "", ""],
        ["Trần Thị Mai", "", "001190000111", "Huân chương Mặt Trời", "", ""],
        ["Trần Thị Mai", "", "001190000111", "Lao động tiên tiến", "", ""],
    ]
    upload = _file(rows)
    with translation.override("en"):
        batch = import_batches.batch_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            upload=upload,
            kind="proposal_lines",
            options={"proposal": proposal.pk},
        )
    errors = {e["row"]: " ".join(e["errors"]) for e in batch.errors}
    assert batch.status == ImportBatch.Status.INVALID
    assert "No active member" in errors[4]
    assert "no member of" in errors[5]  # another union's member code: not found here
    assert "is not an award of the catalogue" in errors[6]
    assert "already on row 3" in errors[7]
    assert not ProposalLine.objects.exists()


def test_the_template_lists_the_members_and_the_awards(client, world, proposal):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("awards:proposal_lines_template", args=[proposal.pk]))
    wb = load_workbook(io.BytesIO(response.getvalue()))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[1][:2] == (world.member_a1.member_code, "Nguyễn Văn An")
    assert any(r[0] == "Lao động tiên tiến" for r in wb.worksheets[1].iter_rows(values_only=True))


def test_a_submitted_proposal_takes_no_lines(client, world, proposal):
    nam = MemberFactory(organization=world.union_a1, full_name="Hoàng Văn Nam")
    proposals.line_add(
        actor=world.officer_union_a1,
        proposal=proposal,
        award_type=proposal.lines.model.award_type.field.related_model.objects.get(code="LDTT"),
        member=nam,
    )
    client.force_login(world.officer_union_a1)
    batch = _upload(client, proposal, [["", "", world.member_a1.member_code, "Lao động tiên tiến", "", ""]])
    proposal.status = "submitted"
    proposal.save()
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    batch = import_batches.batch_run(batch.pk)
    assert batch.status == ImportBatch.Status.FAILED
    assert ProposalLine.objects.filter(proposal=proposal).count() == 1
