"""An officer chooses to get returned proposals in the app only; the district returns the proposal; the bell shows
it and opens the proposal, and no e-mail was sent."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from awards.models import AwardType
from awards.services import proposals
from notifications.models import Notification
from tests.awards import helpers as h

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_preference_then_the_bell_opens_the_returned_proposal(page, live_server, world, sign_in, shot, award_catalogue):
    world.officer_union_a1.email = "a1@xuandinh.vn"
    world.officer_union_a1.save()
    h.rate(world.member_a1, 2025, "HTT")
    p = proposals.proposal_create(
        actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title="Đề nghị 2025"
    )
    proposals.line_add(
        actor=world.officer_union_a1, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=world.member_a1
    )
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)

    sign_in("officer_union_a1")
    page.locator("a[href='/notifications/']").first.click()
    page.locator("main a[href='/notifications/settings/']").click()
    page.locator("select[name=proposal_returned]").select_option("app")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("select[name=proposal_returned]")).to_have_value("app")
    shot("notification-settings")

    # The district returns it: its own request, committed; the notification follows through the task layer.
    proposals.proposal_return(actor=world.staff_district_a, proposal=p, reason="Thiếu biên bản họp bình xét")
    assert Notification.objects.filter(user=world.officer_union_a1).count() == 1

    page.reload()
    bell = page.locator("a[href='/notifications/'] [data-unread]")
    expect(bell).to_have_attribute("data-unread", "1")
    page.locator("a[href='/notifications/']").first.click()
    item = page.locator(".list-group-item", has_text="Đề nghị 2025")
    expect(item).to_contain_text("Thiếu biên bản họp bình xét")
    shot("notification-bell")
    item.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/proposals/{p.pk}/")
    expect(page.locator("body")).to_contain_text("Thiếu biên bản họp bình xét")
    expect(page.locator("a[href='/notifications/'] [data-unread]")).to_have_count(0)
    assert mail.outbox == []  # in the app only, as chosen
