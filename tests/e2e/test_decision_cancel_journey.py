"""Staff cancel a wrong decision with a reason: its awards show as void and the timeline says who and why."""

import pytest
from playwright.sync_api import expect

from awards.models import Award
from tests.awards import helpers as h

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_cancel_a_decision_and_see_its_awards_void(page, live_server, world, shot, sign_in, award_catalogue):
    first = h.award(world.member_a1, code="LDTT", year=2025)
    decision = first.decision
    decision.issuer, decision.issuer_name, decision.number = world.district_a, world.district_a.name, "215/QĐ-LĐLĐ"
    decision.save()
    Award.objects.filter(pk=first.pk).update(gold_book_number="SV-2025-00001", bonus_amount=710_000)
    Award.objects.create(
        award_type=first.award_type,
        organization=world.union_a2,
        member=world.member_a2,
        year=2025,
        decision=decision,
        gold_book_number="SV-2025-00002",
    )

    sign_in("staff_district_a")
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    page.locator(f"a[href='/decisions/{decision.pk}/cancel/']").click()
    page.locator("textarea[name='reason']").fill("Ban hành sai thẩm quyền, sẽ ban hành lại")
    page.locator("#confirm").click()

    page.wait_for_url(f"{live_server.url}/decisions/{decision.pk}/")
    expect(page.locator("#decision-status")).to_contain_text("Ban hành sai thẩm quyền, sẽ ban hành lại")
    expect(page.locator("td[data-award-status='cancelled']")).to_have_count(2)
    expect(page.locator("table s")).to_have_text(["SV-2025-00001", "SV-2025-00002"])  # numbers kept, struck through
    expect(page.locator("td[data-award-status='cancelled']").first).to_contain_text("710.000")  # to recover
    step = page.locator("#timeline li[data-state='cancelled']")
    expect(step).to_contain_text("Ban hành sai thẩm quyền, sẽ ban hành lại")
    expect(step).to_contain_text("staff_district_a")
    expect(page.locator(f"a[href='/decisions/{decision.pk}/certificates.pdf']")).to_have_count(0)
    expect(page.locator("#corrections")).to_have_count(0)  # nothing left to correct or cancel
    shot("decision-cancelled")
