"""A member moves to a union in another district: the sending officer asks, the receiving officer accepts, and the
member changes hands — unseen by the receiver before, out of the sender's sight after."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory, role
from unions.models import Member, Organization, TransferRequest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_transfer_across_districts_with_acceptance(page, live_server, world, sign_in, shot):
    member = world.member_a1
    detail = live_server.url + reverse("unions:member_detail", args=[member.pk])

    # The sending officer finds the school in the other district by typing part of its name without accents.
    sign_in("officer_union_a1")
    page.goto(live_server.url + reverse("unions:member_transfer", args=[member.pk]))
    page.locator("#id_to_organization").fill("xuan la")
    option = page.locator("#id_to_organization-results").get_by_role("option")
    expect(option).to_have_count(1)
    expect(option).to_contain_text(world.union_b1.code)
    option.click()
    page.locator("#id_note").fill("Chuyển công tác sang trường THCS Xuân La")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("[data-transfer-status]")).to_have_attribute("data-transfer-status", "open")
    shot("transfer-requested")
    assert Member.objects.get(pk=member.pk).organization == world.union_a1

    # The receiving officer has the request, but not yet the member.
    page.context.clear_cookies()
    sign_in("officer_union_b1")
    assert page.goto(detail).status == 404
    page.goto(live_server.url + reverse("unions:transfer_list"))
    incoming = page.locator('[data-transfers="from"]')
    expect(incoming).to_contain_text(member.full_name)
    incoming.get_by_role("link", name=member.full_name).click()
    page.locator("form[action$='/accept/'] button").click()
    page.wait_for_url(detail)
    expect(page.locator("h1")).to_have_text(member.full_name)
    expect(page.get_by_role("link", name=world.union_b1.name)).to_be_visible()
    shot("transfer-accepted")
    assert TransferRequest.objects.get(member=member).status == TransferRequest.Status.ACCEPTED

    # The sending officer no longer reaches the member.
    page.context.clear_cookies()
    sign_in("officer_union_a1")
    assert page.goto(detail).status == 404


def test_moving_a_union_proposes_its_code_under_the_new_parent(page, live_server, world, sign_in, shot):
    role(UserFactory(username="staff_city"), world.city, "federation_staff")
    sign_in("staff_city")
    page.goto(live_server.url + reverse("unions:organization_move", args=[world.union_a2.pk]))
    page.locator("#id_new_parent").fill("tay ho")
    page.locator("#id_new_parent-results").get_by_role("option").first.click()
    expect(page.locator("#id_new_code")).to_have_value("HN-TH-002")
    shot("unit-move-code")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(live_server.url + reverse("unions:organization_detail", args=[world.union_a2.pk]))
    moved = Organization.objects.get(pk=world.union_a2.pk)
    assert moved.code == "HN-TH-002" and Organization.objects.get_parent(moved) == world.district_b
    event = page.locator("[data-move-event]")
    expect(event).to_contain_text(world.district_a.name)
    expect(event).to_contain_text("HN-TH-002")
