"""A clerk adds a person to a proposal by typing part of the name without accents, and tells namesakes apart."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import ProposalLine
from awards.services import proposals
from campaigns.models import Initiative
from core.text import fold
from tests.factories import MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_member_is_chosen_by_typing_part_of_the_name(page, live_server, world, sign_in, shot, award_catalogue):
    born_1979 = MemberFactory(
        organization=world.union_a1, full_name="Trần Thị Mai", birth_date=datetime.date(1979, 2, 3), gender="female"
    )
    born_1991 = MemberFactory(
        organization=world.division_a1,
        full_name="Trần Thị Mai",
        birth_date=datetime.date(1991, 6, 7),
        gender="female",
        national_id="001191000777",
    )
    MemberFactory(organization=world.union_b1, full_name="Trần Thị Mai")  # another district: never offered
    proposal = proposals.proposal_create(
        actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title="Đề nghị khen thưởng năm 2025"
    )
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)

    sign_in("officer_union_a1")
    page.goto(live_server.url + reverse("awards:proposal_detail", args=[proposal.pk]))
    page.get_by_role("link", name="Thêm đối tượng").click()
    box = page.locator("#id_member")
    box.fill("tran thi ma")
    options = page.locator("#id_member-results").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text(f"Trần Thị Mai · 1979 · {born_1979.member_code}")
    expect(options.nth(1)).to_contain_text(f"Trần Thị Mai · 1991 · {born_1991.member_code}")
    shot("picker-namesakes")
    options.filter(has_text="1991").click()
    expect(box).to_have_value(f"Trần Thị Mai · 1991 · {born_1991.member_code} · {world.division_a1.name}")
    page.locator("#id_award_type").select_option(label="Lao động tiên tiến")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm đối tượng.")
    line = ProposalLine.objects.get(proposal=proposal)
    assert line.member == born_1991

    # A CCCD typed into the box is searched by POST: it never appears in an address.
    page.get_by_role("link", name="Thêm đối tượng").click()
    page.locator("#id_member").fill("001191000777")
    expect(page.locator("#id_member-results").get_by_role("option")).to_have_count(1)
    assert not [url for url in urls if "001191000777" in url]
    assert violations == []


def test_an_initiative_gets_four_authors_from_two_unions(page, live_server, world, sign_in):
    names = ["Đỗ Minh Tâm", "Vũ Thị Hạnh", "Bùi Quang Khải", "Đặng Thu Hà"]
    for name, org in zip(names, (world.union_a1, world.union_a1, world.union_a2, world.union_a2), strict=True):
        MemberFactory(organization=org, full_name=name)
    sign_in("staff_district_a")
    page.goto(live_server.url + reverse("initiatives:initiative_create"))
    page.locator("#id_organization").select_option(value=str(world.union_a1.pk))
    page.locator("#id_title").fill("Cải tiến quy trình kiểm kê kho")
    page.locator("#id_kind").select_option("technical")
    page.locator("#id_applied_from").fill("01/09/2025")
    for i, name in enumerate(names):
        if i:
            page.locator('[data-formset-add="authors"]').click()
        page.locator(f"#id_authors-{i}-member").fill(fold(" ".join(name.split()[-2:])))
        page.locator(f"#id_authors-{i}-member-results").get_by_role("option", name=name).click()
        page.locator(f"#id_authors-{i}-share").fill("25")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_be_visible()
    initiative = Initiative.objects.get(title="Cải tiến quy trình kiểm kê kho")
    assert sorted(a.member.full_name for a in initiative.authors.all()) == sorted(names)
