import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import MemberFactory
from unions import services
from unions.models import Member, MemberStatus, MemberTransfer

TODAY = datetime.date(2026, 11, 24)


def test_create_generates_a_unique_code_and_folds_the_name(world):
    m = services.member_create(
        actor=world.officer_union_a1, organization=world.union_a1, full_name="  Đặng   Thị  Ánh ", gender="female"
    )
    assert m.full_name == "Đặng Thị Ánh"
    assert m.search_name == "dang thi anh"
    assert m.member_code.startswith("DV") and len(m.member_code) == 10
    other = services.member_create(
        actor=world.officer_union_a1, organization=world.union_a1, full_name="Đặng Thị Ánh", gender="female"
    )
    assert other.member_code != m.member_code


@pytest.mark.parametrize("bad", ["12345678901", "0010900123456", "00109001234a"])
def test_cccd_must_have_twelve_digits(world, bad):
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            full_name="Hà Văn Sơn",
            gender="male",
            national_id=bad,
        )
    assert "Số CCCD phải gồm đúng 12 chữ số." in exc.value.message_dict["national_id"]


def test_cccd_is_unique_across_the_system(world):
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            actor=world.officer_union_b1,
            organization=world.union_b1,
            full_name="Hà Văn Sơn",
            gender="male",
            national_id=world.member_a1.national_id,
        )
    assert "Đã có đoàn viên mang số CCCD này." in exc.value.message_dict["national_id"]


def test_members_cannot_be_attached_to_a_federation(world):
    with pytest.raises(ValidationError):
        services.member_create(
            actor=world.staff_district_a, organization=world.district_a, full_name="Hà Văn Sơn", gender="male"
        )


def test_officer_cannot_write_outside_their_union(world):
    with pytest.raises(PermissionDenied):
        services.member_create(
            actor=world.officer_union_a1, organization=world.union_a2, full_name="Hà Văn Sơn", gender="male"
        )
    with pytest.raises(PermissionDenied):
        services.member_update(actor=world.leader_city, member=world.member_a1, full_name="X")


def test_transfer_keeps_history(world):
    services.member_transfer(
        actor=world.staff_district_a,
        member=world.member_a1,
        to_organization=world.union_a2,
        transferred_on=TODAY,
        note="QĐ 12",
    )
    world.member_a1.refresh_from_db()
    assert world.member_a1.organization == world.union_a2
    transfer = MemberTransfer.objects.get(member=world.member_a1)
    assert (transfer.from_organization, transfer.to_organization) == (world.union_a1, world.union_a2)
    assert world.member_a1.history.first().history_change_reason == "QĐ 12"


def test_officer_cannot_transfer_to_a_union_outside_reach(world):
    with pytest.raises(PermissionDenied):
        services.member_transfer(
            actor=world.officer_union_a1, member=world.member_a1, to_organization=world.union_b1, transferred_on=TODAY
        )


def test_mark_left(world):
    services.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=TODAY)
    world.member_a1.refresh_from_db()
    assert (world.member_a1.status, world.member_a1.left_on) == (MemberStatus.LEFT, TODAY)
    with pytest.raises(ValidationError):
        services.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=TODAY)


def test_create_through_the_form(client, world):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("unions:member_create"),
        {
            "organization": world.union_a1.pk,
            "full_name": "Hoàng Thị Lan",
            "gender": "female",
            "birth_date": "07/03/1991",
            "national_id": "",
            "ethnicity": "Kinh",
        },
    )
    member = Member.objects.get(full_name="Hoàng Thị Lan")
    assert response.status_code == 302 and response.url == reverse("unions:member_detail", args=[member.pk])
    assert member.birth_date == datetime.date(1991, 3, 7)


def test_form_refuses_a_union_outside_reach_and_changes_nothing(client, world):
    client.force_login(world.officer_union_a1)
    count = Member.objects.count()
    response = client.post(
        reverse("unions:member_create"),
        {
            "organization": world.union_b1.pk,
            "full_name": "Hoàng Thị Lan",
            "gender": "female",
        },
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert Member.objects.count() == count


def test_form_shows_a_bad_date_in_vietnamese(client, world):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("unions:member_create"),
        {
            "organization": world.union_a1.pk,
            "full_name": "Hoàng Thị Lan",
            "gender": "female",
            "birth_date": "1991-13-45",
        },
    )
    assert "Nhập ngày theo dạng dd/mm/yyyy." in response.content.decode()


def test_edit_by_url_of_another_union_is_404_and_changes_nothing(client, world):
    client.force_login(world.officer_union_a1)
    url = reverse("unions:member_edit", args=[world.member_a2.pk])
    response = client.post(url, {"full_name": "Đã bị sửa", "gender": "male"})
    assert response.status_code == 404
    world.member_a2.refresh_from_db()
    assert world.member_a2.full_name == "Lê Thị Bích"


def test_leader_write_is_403_and_changes_nothing(client, world):
    client.force_login(world.leader_city)
    response = client.post(
        reverse("unions:member_edit", args=[world.member_a1.pk]), {"full_name": "Đã bị sửa", "gender": "male"}
    )
    assert response.status_code == 403
    world.member_a1.refresh_from_db()
    assert world.member_a1.full_name == "Nguyễn Văn An"


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYEN VAN AN", "Nguyễn Văn An", "van an"])
def test_search_ignores_diacritics_and_case(client, world, query):
    client.force_login(world.staff_district_a)
    response = client.get(reverse("unions:member_list"), {"q": query})
    assert [m.pk for m in response.context["page"].object_list] == [world.member_a1.pk]


def test_a_name_is_found_by_its_whole_words_before_the_text_anywhere(client, world):
    """ "hung" finds Hùng and Hưng by the word, not Hưởng who only holds the letters; a name cut short
    ("nguyen van hu") finds nobody by whole words and so falls back to the text anywhere in the name."""
    for name in ("Nguyễn Văn Hùng", "Trần Thị Hưng", "Lê Văn Hưởng"):
        MemberFactory(organization=world.union_a1, full_name=name)
    MemberFactory(organization=world.union_b1, full_name="Phạm Văn Hùng")  # another district
    client.force_login(world.staff_district_a)
    url = reverse("unions:member_list")
    names = lambda q, **f: {m.full_name for m in client.get(url, {"q": q, **f}).context["page"].object_list}  # noqa: E731
    assert names("hung") == {"Nguyễn Văn Hùng", "Trần Thị Hưng"}
    assert names("nguyen van hu") == {"Nguyễn Văn Hùng"}
    assert names("van hu") == {"Nguyễn Văn Hùng", "Lê Văn Hưởng"}
    assert names("hung", organization=world.union_a2.pk) == set()
    client.force_login(world.leader_city)  # reaches both districts: the word search spans the city
    assert names("van hung") == {"Nguyễn Văn Hùng", "Phạm Văn Hùng"}
    response = client.get(reverse("unions:member_export"), {"q": "van hu"})
    assert response.status_code == 200
    rows = {c.value for row in load_workbook(io.BytesIO(response.getvalue())).active.iter_rows() for c in row}
    assert {"Nguyễn Văn Hùng", "Lê Văn Hưởng", "Phạm Văn Hùng"} <= rows


def test_header_search_by_cccd_is_posted(client, world):
    client.force_login(world.staff_district_a)
    response = client.post(reverse("unions:member_search"), {"q": world.member_a1.national_id})
    assert [m.pk for m in response.context["page"].object_list] == [world.member_a1.pk]
    client.force_login(world.officer_union_b1)
    response = client.post(reverse("unions:member_search"), {"q": world.member_a1.national_id})
    assert list(response.context["page"].object_list) == []


def test_list_filters(client, world):
    client.force_login(world.leader_city)
    url = reverse("unions:member_list")
    names = lambda r: {m.full_name for m in r.context["page"].object_list}  # noqa: E731
    assert names(client.get(url, {"organization": world.district_a.pk})) == {"Nguyễn Văn An", "Lê Thị Bích"}
    assert names(client.get(url, {"gender": "female"})) == {"Lê Thị Bích"}
    assert names(client.get(url, {"joined_year": 2015, "organization": world.union_b1.pk})) == {"Phạm Đức Cường"}
    assert names(client.get(url, {"age_band": "30-39"})) == {"Nguyễn Văn An", "Lê Thị Bích", "Phạm Đức Cường"}
    assert names(client.get(url, {"age_band": "-30"})) == set()


def test_list_filter_with_an_organisation_outside_reach_is_refused(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_list"), {"organization": world.union_b1.pk})
    assert {m.pk for m in response.context["page"].object_list} == {world.member_a1.pk}


def test_export_neutralises_formulas_and_keeps_numbers(client, world):
    services.member_create(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        full_name='=HYPERLINK("http://x")',
        gender="male",
        job_title="@SUM(A1)",
        birth_date=datetime.date(1990, 1, 2),
    )
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_export"))
    assert response["Cache-Control"] == "private, no-store"
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("http://x")' in rows
    row = rows['\'=HYPERLINK("http://x")']
    assert row[10] == "'@SUM(A1)"
    assert row[3] == datetime.datetime(1990, 1, 2)
    assert all(not str(c.value).startswith("=") for r in ws.iter_rows() for c in r if c.value)
    # Only the officer's own union is exported.
    assert {r[5] for r in rows.values()} == {"HN-BTL-001"}


def test_detail_of_a_member_without_history_rows(client, world):
    """Members loaded in bulk (the scale generator, old data) have no history rows: the page still opens."""
    world.member_a1.history.all().delete()
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_detail", args=[world.member_a1.pk]))
    assert response.status_code == 200
