import io

from django.urls import reverse
from openpyxl import load_workbook

from awards.models import PerformanceRating
from tests.xlsx_files import member_file

HEADER = ["Mã đoàn viên hoặc CCCD *", "Họ và tên", "Xếp loại *", "Số tháng làm việc", "Số ngày nghỉ"]


def upload(client, org, rows, year=2025):
    f = io.BytesIO(member_file(rows, header=HEADER))
    f.name = "xep-loai.xlsx"
    return client.post(reverse("awards:ratings_import"), {"organization": org.pk, "year": year, "file": f})


def test_template_then_import(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("awards:ratings_template"), {"organization": world.union_a1.pk, "year": 2025})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER) and rows[1][:2] == (world.member_a1.member_code, "Nguyễn Văn An")
    response = upload(client, world.union_a1, [[world.member_a1.member_code, "", "Hoàn thành xuất sắc (HTXS)", 11, 2]])
    assert response.status_code == 302
    r = PerformanceRating.objects.get(member=world.member_a1, year=2025)
    assert (r.rating, r.months_worked, r.absent_days) == ("HTXS", 11, 2)


def test_one_bad_row_saves_nothing(client, world):
    client.force_login(world.officer_union_a1)
    response = upload(client, world.union_a1, [
        [world.member_a1.member_code, "", "htt", 12, 0],
        [world.member_b1.member_code, "", "HTT", 12, 0],
        [world.member_a1.member_code, "", "Giỏi", 14, 0],
    ])
    html = response.content.decode()
    assert "2 dòng có lỗi. Chưa lưu gì" in html
    assert f"Công đoàn không có đoàn viên đang sinh hoạt {world.member_b1.member_code}." in html
    assert "Xếp loại &quot;Giỏi&quot; không phải HTXS, HTT, HT hoặc KHT." in html
    assert not PerformanceRating.objects.exists()
