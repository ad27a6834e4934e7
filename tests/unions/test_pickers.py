"""The search pickers (unions/pickers.py): what they list, what their fields accept, and what they cost."""

import datetime
import re
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.forms.awards import ExternalAwardForm
from awards.forms.proposals import LineForm
from awards.models import AwardType
from awards.services import proposals
from campaigns.forms.initiatives import author_formset
from tests.factories import MemberFactory, add_org, bulk_members
from unions import pickers
from unions.forms import MemberTransferForm, RoleForm
from unions.models import Member


def _search(client, user, text, source="campaigns.author", within="", kind="member"):
    client.force_login(user)
    url = reverse(f"unions:pick_{kind}")
    response = client.post(url, {"q": text, "source": source, "within": within})
    assert response.status_code == 200
    return response.content.decode()


def _member(**fields) -> Member:
    return cast(Member, MemberFactory(**fields))


def _picked(html):
    return re.findall(r'data-pick="(\d+)"', html)


@pytest.fixture
def proposal(world, award_catalogue):
    return proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title="Năm 2025")


def test_a_name_typed_without_accents_finds_the_member(client, world):
    html = _search(client, world.officer_union_a1, "nguyen van an")
    assert _picked(html) == [str(world.member_a1.pk)]
    assert "Nguyễn Văn An" in html


def test_part_of_a_name_is_found_when_no_whole_word_matches(client, world):
    assert _picked(_search(client, world.officer_union_a1, "nguyen va")) == [str(world.member_a1.pk)]


def test_members_out_of_reach_are_never_listed(client, world):
    # Phạm Đức Cường is in union_b1: another district.
    assert _picked(_search(client, world.officer_union_a1, "pham duc cuong")) == []
    assert _picked(_search(client, world.officer_union_a1, world.member_b1.member_code)) == []
    assert _picked(_search(client, world.officer_union_b1, "pham duc cuong")) == [str(world.member_b1.pk)]
    assert _picked(_search(client, world.outsider, "nguyen van an")) == []


def test_namesakes_are_told_apart_and_the_year_of_birth_narrows(client, world):
    older = _member(organization=world.union_a1, full_name="Nguyễn Thị Lan", birth_date=datetime.date(1975, 3, 1))
    younger = _member(organization=world.union_a2, full_name="Nguyễn Thị Lan", birth_date=datetime.date(1992, 8, 9))
    html = _search(client, world.staff_district_a, "nguyen thi lan")
    assert set(_picked(html)) == {str(older.pk), str(younger.pk)}
    labels = re.findall(r'data-pick-label="([^"]+)"', html)
    assert len(set(labels)) == 2
    assert f"Nguyễn Thị Lan · 1975 · {older.member_code} · {world.union_a1.name}" in labels
    assert f"Nguyễn Thị Lan · 1992 · {younger.member_code} · {world.union_a2.name}" in labels
    assert _picked(_search(client, world.staff_district_a, "lan 1992")) == [str(younger.pk)]


def test_a_cccd_is_matched_exactly_and_only_by_post(client, world):
    assert _picked(_search(client, world.officer_union_a1, "001090012345")) == [str(world.member_a1.pk)]
    assert _picked(_search(client, world.officer_union_a1, "00109001234")) == []
    client.force_login(world.officer_union_a1)
    url = reverse("unions:pick_member")
    assert client.get(url, {"q": "001090012345", "source": "campaigns.author"}).status_code == 405


def test_the_widget_sends_what_is_typed_by_post_outside_the_form(client, world, proposal):
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("awards:line_add", args=[proposal.pk])).content.decode()
    found = re.search(r'<input type="search" id="id_member"[^>]*>', html, re.S)
    assert found
    box = found.group(0)
    assert 'hx-post="/' in box and "hx-get" not in box
    # Not part of the proposal form: submitting the form never carries the typed text anywhere.
    assert 'form="id_member-detached"' in box


def test_a_unit_is_found_by_its_name_without_accents_within_reach(client, world):
    html = _search(client, world.staff_district_a, "xuan dinh", source="unions.member_unit", kind="organization")
    assert _picked(html) == [str(world.union_a1.pk)]
    html = _search(client, world.officer_union_b1, "xuan dinh", source="unions.member_unit", kind="organization")
    assert _picked(html) == []
    html = _search(client, world.staff_district_a, "hn-btl-002", source="unions.member_unit", kind="organization")
    assert _picked(html) == [str(world.union_a2.pk)]


def test_an_unknown_source_or_the_wrong_kind_is_refused(client, world):
    client.force_login(world.officer_union_a1)
    url = reverse("unions:pick_member")
    assert client.post(url, {"q": "an", "source": "nope"}).status_code == 400
    assert client.post(url, {"q": "an", "source": "unions.member_unit"}).status_code == 400


def test_a_narrowing_unit_outside_reach_lists_nothing(client, world, proposal):
    html = _search(client, world.officer_union_b1, "pham", source="awards.line_member", within=world.union_a1.pk)
    assert _picked(html) == []
    html = _search(client, world.officer_union_a1, "nguyen", source="awards.line_member", within=world.union_a1.pk)
    assert _picked(html) == [str(world.member_a1.pk)]


def test_a_forged_pk_is_a_form_error(world, proposal):
    ldtt = AwardType.objects.get(code="LDTT")
    form = LineForm(
        {"member": world.member_b1.pk, "award_type": ldtt.pk}, user=world.officer_union_a1, proposal=proposal
    )
    assert not form.is_valid() and "member" in form.errors
    form = LineForm(
        {"member": world.member_a1.pk, "award_type": ldtt.pk}, user=world.officer_union_a1, proposal=proposal
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["member"] == world.member_a1
    form = LineForm(
        {"organization": world.union_b1.pk, "award_type": ldtt.pk}, user=world.officer_union_a1, proposal=proposal
    )
    assert not form.is_valid() and "organization" in form.errors


def test_the_register_transfer_and_role_forms_refuse_what_is_out_of_reach(world, award_catalogue):
    form = ExternalAwardForm({"member": world.member_b1.pk}, user=world.officer_union_a1)
    assert not form.is_valid() and "member" in form.errors

    def transfer(to):
        data = {"to_organization": to.pk, "transferred_on": "01/02/2026"}
        return MemberTransferForm(data, user=world.staff_district_a, member=world.member_a1)

    # A grassroots union anywhere is a destination (asked there: tests/unions/test_transfers.py); a unit inside a
    # union out of reach, or a federation, is not.
    assert transfer(world.union_b1).is_valid()
    assert "to_organization" in transfer(world.district_b).errors
    assert "to_organization" in transfer(add_org(world.union_b1, "division", "Tổ 1", code="HN-TH-001-T1")).errors
    # Its own union is not a transfer target either.
    assert "to_organization" in transfer(world.union_a1).errors
    assert transfer(world.union_a2).is_valid()


def test_the_role_form_preselects_no_role(client, world):
    form = RoleForm({"organization": world.union_b1.pk}, user=world.admin)
    assert not form.is_valid() and "kind" in form.errors
    client.force_login(world.admin)
    html = client.get(reverse("unions:user_detail", args=[world.outsider.pk])).content.decode()
    kinds = html.split('name="kind"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)" selected', kinds) == [""]


def test_an_initiative_takes_any_number_of_authors_from_several_unions(world):
    people = [_member(organization=org) for org in (world.union_a1, world.union_a1, world.union_a2, world.union_a2)]
    data = {"authors-TOTAL_FORMS": "4", "authors-INITIAL_FORMS": "0"}
    for i, member in enumerate(people):
        data[f"authors-{i}-member"] = str(member.pk)
        data[f"authors-{i}-share"] = "25"
    formset = author_formset(world.staff_district_a, data)
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())
    assert [m for m, _share in formset.authors()] == people
    # The officer of union_a1 cannot name a member of union_b1.
    data["authors-3-member"] = str(world.member_b1.pk)
    assert not author_formset(world.officer_union_a1, data).is_valid()


def test_a_search_costs_the_same_queries_for_5_or_200_matches_and_lists_at_most_20(client, world):
    def measure():
        client.force_login(world.officer_union_a1)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("unions:pick_member"), {"q": "tran thi hoa", "source": "campaigns.author"})
        return len(queries), response.content.decode()

    bulk_members(world.union_a1, 5)
    small, html = measure()
    assert len(_picked(html)) == 5 and "data-picker-more" not in html
    bulk_members(world.union_a1, 195)
    large, html = measure()
    assert large == small
    assert len(_picked(html)) == pickers.LIMIT and "data-picker-more" in html


def test_a_page_with_a_picker_does_not_list_the_members(client, world, proposal):
    bulk_members(world.union_a1, 200)
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("awards:line_add", args=[proposal.pk])).content.decode()
    assert Member.objects.filter(organization=world.union_a1).count() > 200
    assert "Trần Thị Hoa" not in html
    assert html.count("<option") < 50  # the award types only


def test_a_list_filter_keeps_its_short_list_and_finds_deeper_units(client, world):
    client.force_login(world.staff_district_a)
    html = client.get(reverse("unions:member_list")).content.decode()
    select = html.split('name="organization"')[1].split("</select>")[0]
    # The district and its unions are listed; the division below them is found by the search box.
    assert world.union_a1.name in select and world.division_a1.name not in select
    assert 'id="id_organization-search"' in html and '"source": "unions.unit"' in html
    found = _search(client, world.staff_district_a, "khoi 1", source="unions.unit", kind="organization")
    assert _picked(found) == [str(world.division_a1.pk)]
    # Once chosen, the unit filters the list and stays shown in it.
    html = client.get(reverse("unions:member_list"), {"organization": world.division_a1.pk}).content.decode()
    assert world.division_a1.name in html.split('name="organization"')[1].split("</select>")[0]


def test_members_are_found_by_the_name_of_their_union(client, world):
    html = _search(client, world.staff_district_a, "co khi phu dien")
    assert _picked(html) == [str(world.member_a2.pk)]
    # The union of another district is not searched for the district's staff.
    assert _picked(_search(client, world.staff_district_a, "thcs xuan la")) == []
