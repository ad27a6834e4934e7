import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.xlsx_files import member_file
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member

GOOD = [
    [
        "Nguyễn Thị Hằng",
        "Nữ",
        "05/09/1988",
        "001188012345",
        "",
        "",
        "01/09/2012",
        "Kinh",
        "Giáo viên",
        "Đại học",
        "0912345678",
        "hang@example.vn",
    ],
    ["Trần Văn Nam", "Nam", datetime.datetime(1979, 3, 2), 1079001234, "", "", "", "", "", "", "", ""],
    ["Lê Minh Châu", "Nữ", "", "", "HN-BTL-001-K1", "", "", "", "", "", "", ""],
]


def upload(content, name="doan-vien.xlsx"):
    return SimpleUploadedFile(name, content, content_type=imports.xlsx.XLSX_MIME)


def run_import(world, rows, user=None, org=None):
    user = user or world.officer_union_a1
    batch = imports.batch_create(actor=user, organization=org or world.union_a1, upload=upload(member_file(rows)))
    if batch.status == ImportBatch.Status.PREVIEWED:
        imports.batch_confirm(actor=user, batch=batch)
        batch = imports.batch_run(batch.pk)
    return batch


def test_valid_file_imports_every_row(world):
    before = Member.objects.count()
    batch = run_import(world, GOOD)
    assert batch.status == ImportBatch.Status.DONE, batch.errors
    assert batch.created_count == 3
    assert Member.objects.count() == before + 3
    nam = Member.objects.get(full_name="Trần Văn Nam")
    # The number cell lost its leading zero; the CCCD gets it back.
    assert nam.national_id == "001079001234"
    assert nam.birth_date == datetime.date(1979, 3, 2)
    assert Member.objects.get(full_name="Lê Minh Châu").organization == world.division_a1
    hang = Member.objects.get(national_id="001188012345")
    assert (hang.gender, hang.education, hang.search_name) == ("female", "university", "nguyen thi hang")
    assert hang.history.count() == 1


def test_one_bad_row_writes_nothing_and_names_row_column_and_fix(world):
    rows = GOOD + [["Phạm Văn Lỗi", "Nam", "31/02/1990", "12345", "", "", "", "", "", "", "", ""]]
    before = Member.objects.count()
    with translation.override("en"):
        batch = run_import(world, rows)
    assert batch.status == ImportBatch.Status.INVALID
    assert Member.objects.count() == before
    [error] = batch.errors
    assert (error["row"], error["name"]) == (5, "Phạm Văn Lỗi")
    date_error, id_error = error["errors"]
    assert date_error.startswith('Ngày sinh (C): "31/02/1990"') and "dd/mm/yyyy" in date_error
    assert id_error.startswith('Số CCCD (D): "12345"') and "12 digits" in id_error


def test_the_page_says_it_in_vietnamese(client, world):
    batch = run_import(world, [["Phạm Văn Lỗi", "Nam", "31/02/1990"]])
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "1/1 dòng có lỗi" in html
    assert "Ngày sinh (C): &quot;31/02/1990&quot;" in html and "dd/mm/yyyy" in html


def test_the_same_people_in_another_file_create_no_duplicates(world):
    assert run_import(world, GOOD).status == ImportBatch.Status.DONE
    count = Member.objects.count()
    with translation.override("en"):
        again = run_import(world, list(reversed(GOOD)))  # another file: the same people
    assert again.status == ImportBatch.Status.INVALID
    assert again.error_count == 3
    assert Member.objects.count() == count
    messages = " ".join(m for e in again.errors for m in e["errors"])
    assert "(same citizen ID (CCCD))" in messages and "(same name)" in messages
    assert "Update members already in the list" in messages


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "Nam"], "Full name is missing"),
        (["Vũ Văn Bình", "X"], 'Giới tính * (B): "X"'),
        (["Vũ Văn Bình", "Nam", "", "", "HN-TH-001"], 'union code "HN-TH-001" does not exist or is outside'),
        (["Vũ Văn Bình", "Nam", "", "001090012345"], "is already in the union as"),
        (["Vũ Văn Bình", "Nam", "", "", "", "", "", "", "", "Giáo sư"], '"Giáo sư" is not a level of the list'),
    ],
)
def test_row_errors(world, row, message):
    with translation.override("en"):
        batch = run_import(world, [row])
    assert batch.status == ImportBatch.Status.INVALID
    assert any(message in m for m in batch.errors[0]["errors"]), batch.errors


def test_a_cccd_of_another_union_says_to_transfer(world):
    world.member_b1.national_id = "001085000321"
    world.member_b1.save()
    with translation.override("en"):
        batch = run_import(world, [["Vũ Văn Bình", "Nam", "", world.member_b1.national_id]])
    [message] = batch.errors[0]["errors"]
    assert "transferred (chuyển sinh hoạt)" in message
    assert world.member_b1.organization.name not in message  # outside the officer's reach: not named


def test_duplicate_cccd_inside_the_file(world):
    rows = [GOOD[0], ["Nguyễn Thị Hằng B", "Nữ", "", "001188012345"]]
    with translation.override("en"):
        batch = run_import(world, rows)
    assert batch.errors == [
        {
            "row": 3,
            "sheet": "",
            "name": "Nguyễn Thị Hằng B",
            "errors": ["Citizen ID (CCCD) 001188012345 is repeated: already on row 2. Keep one of the two rows."],
        }
    ]


def test_not_an_xlsx_is_refused(world):
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=upload(b"Name,Gender\nA,B\n", "list.csv")
    )
    assert batch.status == ImportBatch.Status.INVALID
    assert batch.message == "Tệp không phải Excel .xlsx. Hãy lưu lại dưới dạng .xlsx rồi tải lên lại."


def test_oversized_file_is_refused_with_a_message(client, world, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(world.officer_union_a1)
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024 + 10))
    response = client.post(reverse("unions:member_import"), {"organization": world.union_a1.pk, "file": big})
    assert response.status_code == 200
    assert "Tệp lớn hơn 1 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_row_limit(world, settings):
    settings.MEMBER_IMPORT_MAX_ROWS = 2
    batch = run_import(world, GOOD)
    assert batch.status == ImportBatch.Status.INVALID
    assert "hơn 2 dòng" in batch.message


def test_a_file_without_column_titles_is_explained(world):
    with translation.override("en"):
        batch = imports.batch_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            upload=upload(member_file([["x", "y"]], header=["Cột A", "Cột B"])),
        )
    assert batch.status == ImportBatch.Status.INVALID
    assert batch.message.startswith("No sheet of this file has the column titles of a list (Full name, Gender")


def test_a_missing_required_column_is_asked_for(world):
    with translation.override("en"):
        batch = imports.batch_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            upload=upload(member_file([["Bình", "Nam"]], header=["Tên", "Phái"])),
        )
    assert batch.status == ImportBatch.Status.MAPPING
    assert batch.message.startswith("No column was matched to Full name")


def test_confirm_twice_imports_once(world):
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=upload(member_file(GOOD))
    )
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    with pytest.raises(ValidationError):
        imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    imports.batch_run(batch.pk)
    imports.batch_run(batch.pk)
    assert Member.objects.filter(full_name="Trần Văn Nam").count() == 1


def test_rows_added_between_preview_and_confirm_are_caught(world):
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=upload(member_file(GOOD[:1]))
    )
    assert batch.status == ImportBatch.Status.PREVIEWED
    Member.objects.create(
        organization=world.union_a2,
        full_name="X",
        search_name="x",
        member_code="DVX",
        gender="female",
        national_id="001188012345",
    )
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    batch = imports.batch_run(batch.pk)
    assert batch.status == ImportBatch.Status.INVALID
    assert Member.objects.filter(national_id="001188012345").count() == 1


def test_error_workbook_lists_each_bad_row(client, world):
    batch = run_import(world, [GOOD[0], ["", "Nam"]])
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:import_errors", kwargs={"pk": batch.pk}))
    assert response["Cache-Control"] == "private, no-store"
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("Trang tính", "Dòng", "Lỗi", "Họ và tên")
    assert rows[2][1] == 3 and rows[2][2].startswith("Thiếu họ và tên")
    assert rows[1][2] in (None, "")
    assert rows[1][3] == "Nguyễn Thị Hằng"


def test_template_has_vietnamese_headers_and_reachable_codes(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_import_template"))
    wb = load_workbook(io.BytesIO(response.getvalue()))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:4] == ["Họ và tên *", "Giới tính *", "Ngày sinh", "Số CCCD"]
    codes = [row[0] for row in wb.worksheets[1].iter_rows(values_only=True)]
    assert "HN-BTL-001" in codes and "HN-BTL-001-K1" in codes
    assert "HN-BTL-002" not in codes and "HN-TH-001" not in codes


def test_filled_template_imports(client, world):
    """The officer's real path: download the template, fill it, upload it."""
    client.force_login(world.officer_union_a1)
    wb = load_workbook(io.BytesIO(client.get(reverse("unions:member_import_template")).getvalue()))
    wb.worksheets[0].append(["Đỗ Thị Mai", "Nữ", "12/12/1992", "001192000111"])
    buffer = io.BytesIO()
    wb.save(buffer)
    batch = imports.batch_create(
        actor=world.officer_union_a1, organization=world.union_a1, upload=upload(buffer.getvalue())
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
