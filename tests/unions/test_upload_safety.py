"""Uploads are checked before parsing: size, real .xlsx, zip bombs, XML bombs, row limit."""

import datetime
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Campaign, Registration
from core.imports.reader import FileRejected, read_workbook
from tests import xlsx_attacks
from tests.xlsx_files import member_file
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member
from unions.services import import_batches

NOT_XLSX = "This is not an Excel .xlsx file. Save it as .xlsx and upload again."
UNREADABLE = "The Excel file cannot be read. Save it as .xlsx and upload again."
BOMB = "The Excel file unpacks to far more data than a member list holds"

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def bomb():
    return xlsx_attacks.zip_bomb(1024)


def _upload(world, content, name="doan-vien.xlsx"):
    upload = SimpleUploadedFile(name, content, content_type=imports.xlsx.XLSX_MIME)
    return imports.batch_create(actor=world.officer_union_a1, organization=world.union_a1, upload=upload)


def _refused(world, content, message):
    before = Member.objects.count()
    batch = _upload(world, content)
    assert batch.status == ImportBatch.Status.INVALID
    assert batch.message.startswith(message), batch.message
    assert batch.total_rows == 0 and batch.errors == []
    assert Member.objects.count() == before
    return batch


def test_zip_bomb_is_refused_fast_without_inflating(world, bomb):
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 1024**3
    assert len(bomb) < 10 * 1024 * 1024
    started = time.monotonic()
    _refused(world, bomb, BOMB)
    assert time.monotonic() - started < 2


def test_a_bomb_is_also_refused_by_the_ratings_and_registration_path(world, bomb):
    """Ratings and registrations are read by the same reader, through the same flow: refused before any XML."""
    campaign = Campaign.objects.create(
        code="HN-2026",
        name="Thi đua 2026",
        kind="annual",
        organizer=world.city,
        year=2026,
        start_on=datetime.date(2026, 1, 1),
        end_on=datetime.date(2026, 12, 31),
        registration_deadline=datetime.date(2099, 12, 31),
        titles=["Lao động tiên tiến"],
        status=Campaign.Status.LAUNCHED,
    )
    started = time.monotonic()
    with pytest.raises(FileRejected, match=BOMB):
        read_workbook(bomb)
    for kind, options in (("ratings", {"year": 2025}), ("registrations", {"campaign": campaign.pk, "year": 2026})):
        batch = import_batches.batch_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            upload=SimpleUploadedFile("bomb.xlsx", bomb),
            kind=kind,
            options=options,
        )
        assert batch.status == ImportBatch.Status.INVALID and batch.message.startswith(BOMB), (kind, batch.message)
        assert batch.total_rows == 0
    assert time.monotonic() - started < 2
    assert not Registration.objects.exists()


def test_compression_ratio_limit_below_the_total_limit(world, settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 10**12
    _refused(world, xlsx_attacks.zip_bomb(8), BOMB)


def test_total_uncompressed_limit(world, settings):
    settings.UPLOAD_MAX_COMPRESSION_RATIO = 10**6
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024
    _refused(world, xlsx_attacks.zip_bomb(5), BOMB)


def test_entry_count_limit(world, settings):
    settings.UPLOAD_MAX_ZIP_ENTRIES = 50
    _refused(world, xlsx_attacks.many_entries(60), BOMB)
    assert _upload(world, xlsx_attacks.many_entries(10)).status == ImportBatch.Status.PREVIEWED


def test_text_renamed_to_xlsx_is_refused(world):
    _refused(world, xlsx_attacks.text_renamed(), NOT_XLSX)


def test_a_zip_that_is_not_a_workbook_is_refused(world):
    _refused(world, xlsx_attacks.zip_without_workbook(), NOT_XLSX)


def test_a_truncated_zip_is_refused(world):
    _refused(world, member_file([["Nguyễn Văn A", "Nam"]])[:300], UNREADABLE)


def test_defusedxml_is_what_openpyxl_uses():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_billion_laughs_is_refused_and_nothing_written(world, part):
    started = time.monotonic()
    _refused(world, xlsx_attacks.xml_bomb(part), UNREADABLE)
    assert time.monotonic() - started < 2


def test_oversized_content_is_refused_by_the_shared_reader(world, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 1024 * 1024
    padded = xlsx_attacks.many_entries(0) + b"\0" * (1024 * 1024)
    with pytest.raises(imports.FileRejected, match="larger than 1 MB"):
        read_workbook(padded)


def test_oversized_upload_is_refused_by_the_ratings_form(client, world, settings):
    settings.MEMBER_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(world.officer_union_a1)
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024 + 10))
    response = client.post(
        reverse("awards:ratings_import"), {"organization": world.union_a1.pk, "year": 2025, "file": big}
    )
    assert response.status_code == 200
    assert not Member.objects.filter(full_name="Nguyễn Văn A").exists()


def test_row_limit_has_a_clear_message(world, settings):
    settings.MEMBER_IMPORT_MAX_ROWS = 3
    rows = [[f"Nguyễn Văn {chr(65 + i)}", "Nam"] for i in range(4)]
    _refused(world, member_file(rows), "The file has more than 3 rows. Split it into smaller files.")
    settings.MEMBER_IMPORT_MAX_ROWS = 4
    assert _upload(world, member_file(rows)).status == ImportBatch.Status.PREVIEWED


def test_a_normal_full_sized_file_passes_the_container_checks():
    rows = [[f"Nguyễn Văn {i}", "Nam", "", f"{i:012d}"] for i in range(3000)]
    imports.check_xlsx(member_file(rows))
