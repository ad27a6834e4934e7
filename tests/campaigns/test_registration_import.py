import io

from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import Registration
from tests.xlsx_files import member_file

HEADER = ["Mã đoàn viên hoặc CCCD *", "Họ và tên", "Danh hiệu đăng ký *", "Nội dung cam kết"]


def post(client, campaign, org, rows):
    upload = io.BytesIO(member_file(rows, header=HEADER))
    upload.name = "dang-ky.xlsx"
    return client.post(reverse("campaigns:registration_import", args=[campaign.pk]),
                       {"organization": org.pk, "year": 2026, "file": upload})


def test_template_lists_the_unions_members(client, world, campaign):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("campaigns:registration_import_template", args=[campaign.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert rows[1][:3] == (world.member_a1.member_code, "Nguyễn Văn An", "Lao động tiên tiến")
    assert len(rows) == 2  # only the officer's own union


def test_valid_file_registers_everyone(client, world, campaign):
    client.force_login(world.officer_union_a1)
    response = post(client, campaign, world.union_a1, [
        [world.member_a1.member_code, "", "Lao động tiên tiến", "Hoàn thành xuất sắc"],
        [world.member_a1.national_id, "", "Chiến sĩ thi đua cơ sở", ""],
    ])
    assert response.status_code == 302
    assert set(Registration.objects.values_list("title", flat=True)) == {"Lao động tiên tiến",
                                                                          "Chiến sĩ thi đua cơ sở"}


def test_one_bad_row_registers_nobody(client, world, campaign):
    client.force_login(world.officer_union_a1)
    response = post(client, campaign, world.union_a1, [
        [world.member_a1.member_code, "", "Lao động tiên tiến", ""],
        [world.member_a2.member_code, "Lê Thị Bích", "Lao động tiên tiến", ""],
        [world.member_a1.member_code, "", "Lao động tiên tiến", ""],
        [world.member_a1.member_code, "", "Huân chương", ""],
    ])
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 dòng có lỗi. Chưa đăng ký cho ai" in html
    assert f"Công đoàn không có đoàn viên đang sinh hoạt {world.member_a2.member_code}." in html
    assert "Bị trùng: đã có ở dòng 2." in html
    assert "Phong trào không có danh hiệu &quot;Huân chương&quot;." in html
    assert not Registration.objects.exists()


def test_same_file_twice_is_refused(client, world, campaign):
    client.force_login(world.officer_union_a1)
    rows = [[world.member_a1.member_code, "", "Lao động tiên tiến", ""]]
    post(client, campaign, world.union_a1, rows)
    response = post(client, campaign, world.union_a1, rows)
    assert "Nguyễn Văn An đã đăng ký danh hiệu này." in response.content.decode()
    assert Registration.objects.count() == 1
