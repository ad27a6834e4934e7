"""Issue 13, point 4 in the browser: a line failing for want of a rating links to the ratings grid; once the
rating is saved there, the proposal shows the line eligible without anyone asking; "Kiểm tra lại" catches what
changed outside the services."""

import re
from typing import cast

import pytest
from playwright.sync_api import expect

from awards.models import AwardType
from awards.services import proposals
from tests.awards import helpers as h
from tests.conftest import load_catalogues
from tests.factories import MemberFactory
from unions.models import Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

Y = 2025


def proposal_of(world, *people):
    load_catalogues()
    p = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Năm 2025")
    for member in people:
        award_type = AwardType.objects.get(code="LDTT")
        proposals.line_add(actor=world.officer_union_a1, proposal=p, award_type=award_type, member=member)
    return p


def test_follow_the_rule_link_save_the_rating_and_the_line_is_eligible(page, live_server, world, sign_in, shot):
    mai = cast(Member, MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai"))
    p = proposal_of(world, mai)
    sign_in("officer_union_a1")
    page.goto(f"{live_server.url}/proposals/{p.pk}/")
    row = page.locator("#lines tbody tr", has_text="Trần Thị Mai")
    expect(row).to_have_attribute("data-eligibility", "fail")
    link = row.locator("li[data-rule=rating_at_least] a.rule-link")
    shot("line-failing-no-rating")

    link.click()
    page.wait_for_url(re.compile(rf"/awards/ratings/\?organization={world.union_a1.pk}&year={Y}$"))
    page.locator(f"#id_m{mai.pk}-rating").select_option("HTT")
    page.locator("button.btn-primary[name=save]").click()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto(f"{live_server.url}/proposals/{p.pk}/")  # no re-check asked for
    expect(row).to_have_attribute("data-eligibility", "pass")
    expect(row.locator("li[data-rule=rating_at_least]")).to_have_count(0)
    shot("line-eligible-after-rating")


def test_check_again_runs_the_rules_on_every_line(page, live_server, world, sign_in):
    mai = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai")
    nam = MemberFactory(organization=world.union_a1, full_name="Hoàng Văn Nam", search_name="hoang van nam")
    p = proposal_of(world, mai, nam)
    # Written straight into the table (as a repair by the administrator would be): no service marks the lines.
    h.rate(mai, Y, "HTT")
    h.rate(nam, Y, "HTXS")
    sign_in("officer_union_a1")
    page.goto(f"{live_server.url}/proposals/{p.pk}/")
    rows = page.locator("#lines tbody tr")
    expect(rows.and_(page.locator("[data-eligibility=fail]"))).to_have_count(2)

    page.locator(f"form[action='/proposals/{p.pk}/recheck/'] button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(rows.and_(page.locator("[data-eligibility=pass]"))).to_have_count(2)
