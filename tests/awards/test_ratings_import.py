import decimal
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from awards.models import PerformanceRating
from tests.factories import MemberFactory
from tests.xlsx_files import member_file
from unions.models import ImportBatch, MemberStatus
from unions.services import import_batches

HEADER = ["Mã đoàn viên hoặc CCCD *", "Họ và tên", "Xếp loại *", "Số tháng làm việc", "Số ngày nghỉ"]


def upload(client, org, rows, year=2025, header=HEADER):
    f = io.BytesIO(member_file(rows, header=header))
    f.name = "xep-loai.xlsx"
    response = client.post(reverse("awards:ratings_import"), {"organization": org.pk, "year": year, "file": f})
    assert response.status_code == 302, response.content.decode()[:500]
    return ImportBatch.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def confirm(batch, user):
    import_batches.batch_confirm(actor=user, batch=batch)
    return import_batches.batch_run(batch.pk)


def test_template_then_import_with_the_official_wording(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("awards:ratings_template"), {"organization": world.union_a1.pk, "year": 2025})
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER) and rows[1][:2] == (world.member_a1.member_code, "Nguyễn Văn An")
    batch = upload(
        client, world.union_a1, [[world.member_a1.member_code, "", "Hoàn thành xuất sắc nhiệm vụ", 11, "2,5"]]
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    assert batch.counts["new"] == 1
    page = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "2,5" in page
    assert not PerformanceRating.objects.exists()  # nothing before confirming
    assert confirm(batch, world.officer_union_a1).status == ImportBatch.Status.DONE
    r = PerformanceRating.objects.get(member=world.member_a1, year=2025)
    assert (r.rating, r.months_worked, r.absent_days) == ("HTXS", 11, decimal.Decimal("2.5"))


def test_abbreviations_and_a_cccd_typed_as_a_number(client, world):
    world.member_a1.national_id = "001090012345"
    world.member_a1.save()
    other = MemberFactory(organization=world.union_a1)
    client.force_login(world.officer_union_a1)
    batch = upload(
        client,
        world.union_a1,
        [[1090012345, "", "HTTNV", 12, 0], [other.member_code, "", "htxsnv", 12, 0]],
        header=["Số CCCD", "Họ tên", "Kết quả xếp loại", "Số tháng", "Ngày nghỉ"],
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    confirm(batch, world.officer_union_a1)
    saved = dict(PerformanceRating.objects.filter(year=2025).values_list("member_id", "rating"))
    assert saved == {world.member_a1.pk: "HTT", other.pk: "HTXS"}


def test_a_blank_rating_keeps_the_saved_rating(client, world):
    other = MemberFactory(organization=world.union_a1)
    PerformanceRating.objects.create(
        organization=world.union_a1, member=world.member_a1, year=2025, rating="HTT", months_worked=12, absent_days=3
    )
    client.force_login(world.officer_union_a1)
    batch = upload(
        client, world.union_a1, [[world.member_a1.member_code, "", "", "", ""], [other.member_code, "", "HT", 12, 0]]
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    assert (batch.counts["unchanged"], batch.counts["new"]) == (1, 1)
    confirm(batch, world.officer_union_a1)
    kept = PerformanceRating.objects.get(member=world.member_a1, year=2025)
    assert (kept.rating, kept.absent_days) == ("HTT", 3)
    assert PerformanceRating.objects.get(member=other, year=2025).rating == "HT"


def test_a_change_is_shown_before_confirming(client, world):
    PerformanceRating.objects.create(organization=world.union_a1, member=world.member_a1, year=2025, rating="HTT")
    client.force_login(world.officer_union_a1)
    batch = upload(client, world.union_a1, [[world.member_a1.member_code, "", "HTXS", "", ""]])
    assert batch.counts["update"] == 1
    assert batch.preview[0]["status"] == "update"
    assert [d[0] for d in batch.preview[0]["diff"]] == ["Xếp loại"]
    confirm(batch, world.officer_union_a1)
    assert PerformanceRating.objects.get(member=world.member_a1, year=2025).rating == "HTXS"


def test_one_bad_row_saves_nothing(client, world):
    other = MemberFactory(organization=world.union_a1)
    client.force_login(world.officer_union_a1)
    batch = upload(
        client,
        world.union_a1,
        [
            [world.member_a1.member_code, "", "htt", 12, 0],
            [world.member_b1.member_code, "", "HTT", 12, 0],
            [other.member_code, "", "Giỏi", 14, 0],
        ],
    )
    assert batch.status == ImportBatch.Status.INVALID
    assert [e["row"] for e in batch.errors] == [3, 4]
    html = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "2/3 dòng có lỗi" in html
    assert f"{world.member_b1.member_code}" in html and "Hãy kiểm tra" in html
    assert "&quot;Giỏi&quot;" in html
    assert not PerformanceRating.objects.exists()


def test_a_member_who_left_is_named_as_such(world):
    world.member_a1.status, world.member_a1.left_on = MemberStatus.LEFT, world.member_a1.joined_on
    world.member_a1.save()
    content = SimpleUploadedFile(
        "xl.xlsx", member_file([[world.member_a1.member_code, "", "HTT", 12, 0]], header=HEADER)
    )
    with translation.override("en"):
        batch = import_batches.batch_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            upload=content,
            kind="ratings",
            options={"year": 2025},
        )
    [error] = batch.errors[0]["errors"]
    assert "is no longer an active member" in error
