"""Updating members by import: matched rows update, new rows add, nothing is ever duplicated."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from core.imports.pipeline import ParsedFile
from tests.factories import MemberFactory
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member
from unions.services import import_batches

HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "SĐT"]


def _file(rows, title="DANH SÁCH ĐOÀN VIÊN NĂM 2026"):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append([])
    ws.append(HEADER)
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())


def _people(world, n=20):
    people = []
    for i in range(n):
        member = MemberFactory(
            organization=world.union_a1,
            full_name=f"Nguyễn Văn Thử {chr(65 + i)}",
            gender="male",
            birth_date=datetime.date(1980 + i, 1 + i % 12, 1 + i),
            national_id=f"0010800{i:05d}",
            phone=f"09123450{i:02d}",
        )
        people.append(member)
    return people


def _row(member, phone=None):
    return [member.full_name, "Nam", member.birth_date.strftime("%d/%m/%Y"), member.national_id, phone or member.phone]


def test_the_same_list_with_five_new_phones_and_two_new_members(client, world):
    people = _people(world)
    rows = [_row(m, phone=f"098765430{i}" if i < 5 else None) for i, m in enumerate(people)]
    rows += [
        ["Trần Thị Mới", "Nữ", "02/03/1995", "001195000001", "0911000001"],
        ["Lê Văn Mới", "Nam", "1990", "", "0911000002"],
    ]
    user = world.officer_union_a1
    with translation.override("en"):
        batch = imports.batch_create(actor=user, organization=world.union_a1, upload=_file(rows), update_existing=True)
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
    assert (batch.counts["update"], batch.counts["new"], batch.counts["unchanged"]) == (5, 2, 15)
    # The diff is on the preview, changed rows first, before anything is written.
    client.force_login(user)
    html = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "<del>0912345000</del> → <ins>0987654300</ins>" in html
    assert Member.objects.get(pk=people[0].pk).phone == "0912345000"
    before = Member.objects.count()
    import_batches.batch_confirm(actor=user, batch=batch)
    batch = import_batches.batch_run(batch.pk)
    assert (batch.status, batch.created_count, batch.updated_count) == (ImportBatch.Status.DONE, 2, 5)
    assert Member.objects.count() == before + 2
    assert [Member.objects.get(pk=m.pk).phone for m in people[:6]] == [
        "0987654300",
        "0987654301",
        "0987654302",
        "0987654303",
        "0987654304",
        "0912345005",
    ]
    updated = Member.objects.get(pk=people[0].pk)
    assert updated.history.count() == 2 and updated.history.first().history_user == user
    year_only = Member.objects.get(full_name="Lê Văn Mới")
    assert (year_only.birth_date, year_only.birth_year) == (None, 1990)


def test_without_the_option_a_known_member_is_an_error_not_a_duplicate(world):
    people = _people(world, 3)
    with translation.override("en"):
        batch = imports.batch_create(
            actor=world.officer_union_a1, organization=world.union_a1, upload=_file([_row(m) for m in people])
        )
    assert batch.status == ImportBatch.Status.INVALID
    assert batch.error_count == 3
    assert "Update members already in the list" in batch.errors[0]["errors"][0]


def test_blank_cells_change_nothing(world):
    [member] = _people(world, 1)
    row = [member.full_name, "Nam", "", member.national_id, ""]
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=_file([row]), update_existing=True
    )
    assert batch.counts["unchanged"] == 1
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    import_batches.batch_run(batch.pk)
    kept = Member.objects.get(pk=member.pk)
    assert (kept.phone, kept.birth_date) == (member.phone, member.birth_date)


def test_the_preview_shows_parsed_values_under_the_right_headings(client, world):
    """With an STT column and a title row, every value sits under its own heading, dates as dd/mm/yyyy."""
    rows = [["Phạm Thị Lan", "Nữ", 35000, "001185000777", 912345678]]  # an Excel date serial and a phone number
    batch = imports.batch_create(actor=world.officer_union_a1, organization=world.union_a1, upload=_file(rows))
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    [preview] = batch.preview
    importer = import_batches.importer_of(batch)
    shown = dict(zip(importer.shown_fields(ParsedFile.from_json(batch.parsed)), preview["values"], strict=True))
    assert "joined_on" not in shown  # the file has no such column: no empty column in the preview
    assert shown["full_name"] == "Phạm Thị Lan"
    assert shown["birth"] == "28/10/1995"
    assert shown["national_id"] == "001185000777"
    assert shown["phone"] == "0912345678"
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "28/10/1995" in html and "00:00" not in html


def test_the_file_is_read_once_per_upload(world, monkeypatch):
    from core.imports import pipeline

    calls = []
    real = pipeline.read_workbook
    monkeypatch.setattr(pipeline, "read_workbook", lambda content: calls.append(1) or real(content))
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=_file([["Phạm Thị Lan", "Nữ", "", "", ""]])
    )
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    assert import_batches.batch_run(batch.pk).status == ImportBatch.Status.DONE
    assert len(calls) == 1
