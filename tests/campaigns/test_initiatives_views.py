"""Pages of the initiative register, works and research: form flows, filters, export."""

import datetime
import io
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.forms.initiatives import MoneyField
from campaigns.models import Initiative, ResearchProject, WorkProduct
from tests.campaigns.matrix_initiatives import initiative_in
from tests.factories import MemberFactory

NBSP = "\u00a0"
TITLE = "Giải pháp tiết kiệm điện trong trường học"


def author_lines(*lines, extra=3):
    data = {
        "authors-TOTAL_FORMS": str(max(len(lines), extra)),
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "20",
    }
    for i, (member, share) in enumerate(lines):
        data[f"authors-{i}-member"] = str(member.pk)
        data[f"authors-{i}-share"] = share
    return data


def initiative_post(world, *lines, **fields):
    return {
        "organization": world.union_a1.pk,
        "title": TITLE,
        "kind": "technical",
        "year": "2025",
        "estimated_benefit": "1.250.000",
        "applied_from": "01/09/2025",
        **fields,
        **author_lines(*(lines or [(world.member_a1, "100")])),
    }


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.250.000", 1_250_000),
        ("1 250 000 đ", 1_250_000),
        ("1250000", 1_250_000),
        ("1.250.000 VNĐ", 1_250_000),
        ("1,250,000", 1_250_000),
        ("0", 0),
        ("12.000.000,00", 12_000_000),
    ],
)
def test_money_field_parses_thousands_separators(typed, value):
    assert MoneyField().clean(typed) == value


@pytest.mark.parametrize("typed", ["1.25", "abc", "12,5", "-5"])
def test_money_field_refuses_other_text(typed):
    with pytest.raises(forms.ValidationError):
        MoneyField().clean(typed)


def test_register_an_initiative_through_the_form(client, world):
    second = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai")
    client.force_login(world.officer_union_a1)
    assert client.get(reverse("initiatives:initiative_create")).status_code == 200
    response = client.post(
        reverse("initiatives:initiative_create"), initiative_post(world, (world.member_a1, "66,67"), (second, "33.33"))
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "initiatives:initiative_detail", args=[initiative.pk]
    )
    assert initiative.estimated_benefit == 1_250_000
    assert initiative.applied_from == datetime.date(2025, 9, 1)
    assert sorted(initiative.authors.values_list("share", flat=True)) == [Decimal("33.33"), Decimal("66.67")]
    html = client.get(response.url).content.decode()
    assert "Trần Thị Mai" in html and f"1.250.000{NBSP}đ" in html and "66,67" in html


def test_shares_not_adding_up_are_shown_in_vietnamese(client, world):
    second = MemberFactory(organization=world.union_a1)
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("initiatives:initiative_create"), initiative_post(world, (world.member_a1, "50"), (second, "40"))
    )
    assert response.status_code == 200
    assert "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)." in response.content.decode()
    assert not Initiative.objects.exists()


def test_author_choices_are_narrowed_to_the_officers_reach(client, world):
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("initiatives:initiative_create")).content.decode()
    assert 'data-source="campaigns.author"' in html or '"source": "campaigns.author"' in html
    search = reverse("unions:pick_member")
    for member, listed in ((world.member_a1, True), (world.member_a2, False), (world.member_b1, False)):
        found = client.post(search, {"q": member.full_name, "source": "campaigns.author"}).content.decode()
        assert (f'data-pick="{member.pk}"' in found) is listed, member
    response = client.post(reverse("initiatives:initiative_create"), initiative_post(world, (world.member_b1, "100")))
    assert response.status_code == 200 and not Initiative.objects.exists()


def test_a_likely_duplicate_is_warned_about_then_saved_on_confirmation(client, world):
    existing = initiative_in(world, world.union_a1)
    client.force_login(world.officer_union_a1)
    data = initiative_post(world, title="Giải pháp tiết kiệm điện năng trong trường học")
    response = client.post(reverse("initiatives:initiative_create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "data-duplicate-warning" in html
    assert "Công đoàn này đã có sáng kiến với tên tương tự trong cùng năm:" in html
    assert reverse("initiatives:initiative_detail", args=[existing.pk]) in html
    assert Initiative.objects.count() == 1
    response = client.post(reverse("initiatives:initiative_create"), {**data, "confirm_duplicate": "1"})
    assert response.status_code == 302 and Initiative.objects.count() == 2


def test_edit_replaces_authors(client, world):
    initiative = initiative_in(world, world.union_a1)
    second = MemberFactory(organization=world.union_a1)
    client.force_login(world.staff_district_a)
    url = reverse("initiatives:initiative_edit", args=[initiative.pk])
    html = client.get(url).content.decode()
    assert 'value="5.000.000"' in html  # the stored amount is shown grouped
    response = client.post(url, initiative_post(world, (second, "100"), title="Sổ điểm điện tử"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.search_title == "so diem dien tu"
    assert list(initiative.authors.values_list("member", flat=True)) == [second.pk]


def test_status_actions_through_the_pages(client, world):
    initiative = initiative_in(world, world.union_a1)
    client.force_login(world.officer_union_a1)
    detail = reverse("initiatives:initiative_detail", args=[initiative.pk])
    assert client.post(reverse("initiatives:initiative_start_evaluation", args=[initiative.pk])).url == detail
    response = client.post(
        reverse("initiatives:initiative_recognise", args=[initiative.pk]),
        {
            "scope": "provincial",
            "recognised_by": "LĐLĐ thành phố",
            "recognition_decision": "12/QĐ",
            "recognised_on": "20/11/2025",
        },
    )
    assert response.status_code == 200  # a union officer is offered the grassroots scope only
    response = client.post(
        reverse("initiatives:initiative_recognise", args=[initiative.pk]),
        {
            "scope": "grassroots",
            "recognised_by": "Hội đồng sáng kiến",
            "recognition_decision": "45/QĐ-CĐCS",
            "recognised_on": "20/11/2025",
        },
    )
    assert response.url == detail
    response = client.post(
        reverse("initiatives:initiative_apply", args=[initiative.pk]),
        {
            "verified_benefit": "15.000.000 đ",
            "verified_by": "Ban Giám hiệu",
            "verified_on": "01/12/2025",
        },
    )
    assert response.url == detail
    initiative.refresh_from_db()
    assert (initiative.status, initiative.scope, initiative.verified_benefit) == ("applied", "grassroots", 15_000_000)
    html = client.get(detail).content.decode()
    assert "Cấp cơ sở" in html and "Đã áp dụng" in html and f"15.000.000{NBSP}đ" in html
    assert "45/QĐ-CĐCS" in html


def test_staff_may_raise_the_scope(client, world):
    initiative = initiative_in(world, world.union_a1, status="recognised", scope="grassroots")
    client.force_login(world.staff_district_a)
    response = client.post(
        reverse("initiatives:initiative_recognise", args=[initiative.pk]),
        {
            "scope": "provincial",
            "recognised_by": "LĐLĐ thành phố Hà Nội",
            "recognition_decision": "12/QĐ-LĐLĐ",
            "recognised_on": "20/12/2025",
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.scope == "provincial"


def test_reject_with_reason(client, world):
    initiative = initiative_in(world, world.union_a1)
    client.force_login(world.officer_union_a1)
    response = client.post(reverse("initiatives:initiative_reject", args=[initiative.pk]), {"reason": ""})
    assert response.status_code == 200
    client.post(reverse("initiatives:initiative_reject", args=[initiative.pk]), {"reason": "Không có tính mới"})
    initiative.refresh_from_db()
    assert initiative.status == "rejected"
    response = client.get(reverse("initiatives:initiative_edit", args=[initiative.pk]), follow=True)
    assert "không thể sửa nữa" in response.content.decode()


class TestRegisterList:
    @pytest.fixture
    def rows(self, world):
        a = initiative_in(
            world, world.union_a1, estimated=1_250_000, verified=2_000_000, status="applied", scope="grassroots"
        )
        b = initiative_in(world, world.union_a1, title="Sổ điểm điện tử", estimated=3_000_000, year=2024)
        c = initiative_in(
            world,
            world.union_a2,
            title="Cải tiến máy tiện",
            estimated=40_000_000,
            author=world.member_a2,
            status="recognised",
            scope="provincial",
        )
        d = initiative_in(world, world.union_b1, title="Ngoài phạm vi", estimated=999_000_000, author=world.member_b1)
        return a, b, c, d

    def get(self, client, user, **params):
        client.force_login(user)
        response = client.get(reverse("initiatives:initiative_list"), params)
        assert response.status_code == 200
        return response

    def test_scoped_rows_count_and_totals(self, client, world, rows):
        response = self.get(client, world.staff_district_a)
        html = response.content.decode()
        assert [i.pk for i in response.context["page"].object_list] == [rows[2].pk, rows[0].pk, rows[1].pk]
        assert response.context["totals"] == {"count": 3, "estimated": 44_250_000, "verified": 2_000_000}
        assert "3 sáng kiến" in html and "Ngoài phạm vi" not in html
        assert f"44.250.000{NBSP}đ" in html and f"2.000.000{NBSP}đ" in html

    def test_totals_follow_the_filters(self, client, world, rows):
        response = self.get(client, world.staff_district_a, organization=world.union_a1.pk)
        assert response.context["totals"] == {"count": 2, "estimated": 4_250_000, "verified": 2_000_000}
        response = self.get(client, world.staff_district_a, scope="grassroots")
        assert [i.pk for i in response.context["page"].object_list] == [rows[0].pk]
        assert f"1.250.000{NBSP}đ" in response.content.decode()

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"q": "tiet kiem DIEN"}, [0]),
            ({"q": "Sổ điểm"}, [1]),
            ({"status": "recognised"}, [2]),
            ({"year": "2024"}, [1]),
            ({"kind": "management"}, []),
            ({"scope": "provincial"}, [2]),
            ({"sort": "-estimated"}, [3, 2, 1, 0]),
        ],
    )
    def test_filters(self, client, world, rows, params, expected):
        response = self.get(client, world.leader_city, **params)
        assert [i.pk for i in response.context["page"].object_list] == [rows[n].pk for n in expected]

    def test_organisation_choices_stay_in_reach(self, client, world, rows):
        response = self.get(client, world.officer_union_a1)
        choices = list(response.context["filter"].form.fields["organization"].queryset)
        assert world.union_a1 in choices and world.union_b1 not in choices
        response = self.get(client, world.officer_union_a1, organization=world.union_b1.pk)
        assert not response.context["page"].object_list or response.context["filter"].errors

    def test_htmx_gets_the_rows_only(self, client, world, rows):
        client.force_login(world.staff_district_a)
        response = client.get(reverse("initiatives:initiative_list"), HTTP_HX_REQUEST="true")
        assert "<html" not in response.content.decode() and "data-totals" in response.content.decode()

    def test_export_keeps_numbers_and_neutralises_formulas(self, client, world, rows):
        initiative_in(world, world.union_a1, title='=HYPERLINK("http://x")', estimated=7)
        client.force_login(world.staff_district_a)
        response = client.get(reverse("initiatives:initiative_export"), {"organization": world.union_a1.pk})
        ws = load_workbook(io.BytesIO(response.getvalue())).active
        assert ws.cell(1, 1).value == "Tên sáng kiến"
        values = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
        assert set(values) == {TITLE, "Sổ điểm điện tử", '\'=HYPERLINK("http://x")'}
        assert values[TITLE][9] == 1_250_000 and values[TITLE][10] == 2_000_000
        assert values[TITLE][2] == "Nguyễn Văn An (100%)"


def test_work_and_research_forms(client, world):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("initiatives:work_create"),
        {
            "organization": world.union_a1.pk,
            "name": "Sân chơi cho học sinh",
            "year": "2025",
            "value": "120.000.000",
            "completed_on": "15/10/2025",
            "plaque_on": "20/10/2025",
            "occasion": "Chào mừng Đại hội",
        },
    )
    work = WorkProduct.objects.get()
    assert response.url == reverse("initiatives:work_detail", args=[work.pk])
    assert (work.value, work.plaque_on) == (120_000_000, datetime.date(2025, 10, 20))
    response = client.post(
        reverse("initiatives:work_edit", args=[work.pk]),
        {
            "organization": world.union_a1.pk,
            "name": "Sân chơi",
            "year": "2025",
            "value": "1",
            "completed_on": "15/10/2025",
            "plaque_on": "01/10/2025",
        },
    )
    assert "Không thể gắn biển trước ngày công trình hoàn thành." in response.content.decode()
    html = client.get(reverse("initiatives:work_list")).content.decode()
    assert f"120.000.000{NBSP}đ" in html and "1 công trình, sản phẩm" in html
    response = client.post(
        reverse("initiatives:research_create"),
        {
            "organization": world.union_a1.pk,
            "title": "Đổi mới phương pháp dạy học",
            "year": "2025",
            "level": "grassroots",
            "lead": world.member_a1.pk,
            "accepted_on": "30/11/2025",
        },
    )
    project = ResearchProject.objects.get()
    assert response.url == reverse("initiatives:research_detail", args=[project.pk])
    html = client.get(reverse("initiatives:research_list"), {"q": "phương pháp"}).content.decode()
    assert "Đổi mới phương pháp dạy học" in html and "Nguyễn Văn An" in html
