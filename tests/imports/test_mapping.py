"""The mapping step: unknown and doubled columns wait for the clerk, and the choice is remembered."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from core.imports.pipeline import ParsedFile
from unions.importers import member_files as imports
from unions.models import ImportBatch, ImportColumnChoice, Member
from unions.services import import_batches


def _file(header, rows, hidden=()):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    for letter in hidden:
        ws.column_dimensions[letter].hidden = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("ds.xlsx", buffer.getvalue())


def _columns(batch):
    return {c.title: c for c in ParsedFile.from_json(batch.parsed).columns_to_map()}


def test_an_unknown_column_waits_for_the_clerk_and_the_choice_is_remembered(world):
    user, union = world.officer_union_a1, world.union_a1
    header = ["Họ và tên", "Giới tính", "Ngày sinh DL", "Ghi chú"]
    rows = [["Trần Thị Hoa", "Nữ", "02/09/1991", "chuyển từ tổ 2"]]
    with translation.override("en"):
        batch = imports.batch_create(actor=user, organization=union, upload=_file(header, rows))
        assert batch.status == ImportBatch.Status.MAPPING
        columns = _columns(batch)
        assert {columns["Ngày sinh DL"].status, columns["Ghi chú"].status} == {"unknown"}
        choices = {c.key: c.field for c in columns.values()}
        choices[columns["Ngày sinh DL"].key] = "birth_date"
        choices[columns["Ghi chú"].key] = ""
        batch = import_batches.batch_map(actor=user, batch=batch, choices=choices, sheets=[0])
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
    assert any('"Ghi chú" is not imported' in w for w in batch.warnings)
    assert ImportColumnChoice.objects.filter(organization=union, kind="members").count() >= 2
    # The next file of this union with the same titles goes straight to the preview.
    again = imports.batch_create(
        actor=user, organization=union, upload=_file(header, [["Lê Văn Tư", "Nam", "03/04/1985", ""]])
    )
    assert again.status == ImportBatch.Status.PREVIEWED, again.message
    import_batches.batch_confirm(actor=user, batch=again)
    import_batches.batch_run(again.pk)
    assert str(Member.objects.get(full_name="Lê Văn Tư").birth_date) == "1985-04-03"


def test_two_columns_with_the_same_title_are_not_guessed(world):
    """The first one used to win, even when hidden: now the clerk says which one."""
    header = ["Họ và tên", "Giới tính", "Điện thoại", "Điện thoại"]
    rows = [["Trần Thị Hoa", "Nữ", "0912000111", "02438261234"]]
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=_file(header, rows, hidden=["C"])
    )
    assert batch.status == ImportBatch.Status.MAPPING
    parsed = ParsedFile.from_json(batch.parsed)
    doubled = [c for c in parsed.columns_to_map() if c.status == "duplicate"]
    assert [c.letter for c in doubled] == ["C", "D"] and doubled[0].hidden
    choices = {c.key: c.field for c in parsed.columns_to_map()}
    with translation.override("en"):
        try:
            import_batches.batch_map(actor=world.officer_union_a1, batch=batch, choices=choices, sheets=[0])
        except ValidationError as refused:
            assert "Several columns were matched to Phone" in refused.messages[0]
        else:
            raise AssertionError("two columns for one field must be refused")
    choices[doubled[0].key] = ""
    batch = import_batches.batch_map(actor=world.officer_union_a1, batch=batch, choices=choices, sheets=[0])
    assert batch.status == ImportBatch.Status.PREVIEWED
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    import_batches.batch_run(batch.pk)
    assert Member.objects.get(full_name="Trần Thị Hoa").phone == "02438261234"


def test_only_the_uploader_matches_the_columns(world):
    batch = imports.batch_create(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        upload=_file(["Họ và tên", "Giới tính", "Ghi chú"], [["A B", "Nam", "x"]]),
    )
    with translation.override("en"):
        try:
            import_batches.batch_map(actor=world.staff_district_a, batch=batch, choices={}, sheets=[0])
        except ValidationError as refused:
            assert "Only the person who uploaded" in refused.messages[0]
        else:
            raise AssertionError


def test_old_uploads_lose_their_file_and_rows(world, settings):
    import datetime

    from django.utils import timezone

    batch = imports.batch_create(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        upload=_file(["Họ và tên", "Giới tính"], [["Lê Văn Tư", "Nam"]]),
    )
    assert batch.status == ImportBatch.Status.PREVIEWED
    later = timezone.now() + datetime.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS + 1)
    assert import_batches.batches_forget_files(now=later) == 1
    batch.refresh_from_db()
    assert (bytes(batch.content), batch.parsed, batch.preview, batch.status) == (b"", None, [], "invalid")
    assert batch.total_rows == 1  # the counts stay


def test_a_sheet_named_as_a_division_sends_its_rows_there(world):
    wb = Workbook()
    first = wb.active
    first.title = world.division_a1.name
    second = wb.create_sheet("Văn phòng")
    for ws, name in ((first, "Lê Thị Khối"), (second, "Lê Văn Phòng")):
        ws.append(["Họ và tên", "Giới tính"])
        ws.append([name, "Nữ" if "Thị" in name else "Nam"])
    buffer = io.BytesIO()
    wb.save(buffer)
    with translation.override("en"):
        batch = imports.batch_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            upload=SimpleUploadedFile("to.xlsx", buffer.getvalue()),
        )
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
    assert any("go to Công đoàn bộ phận Khối 1" in w for w in batch.warnings)
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    import_batches.batch_run(batch.pk)
    assert Member.objects.get(full_name="Lê Thị Khối").organization == world.division_a1
    assert Member.objects.get(full_name="Lê Văn Phòng").organization == world.union_a1
