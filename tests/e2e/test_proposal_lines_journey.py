"""A long proposal in the browser: its lines counted by verdict, a page of them at a time, and the filter that
leaves the lines that need a look (awards/selectors/proposal_lines.py)."""

from typing import cast

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import AwardType, Proposal, ProposalLine
from awards.selectors.proposal_lines import LINES_PER_PAGE
from tests.conftest import load_catalogues
from tests.factories import MemberFactory
from unions.models import Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAILING = 4


def long_proposal(world, lines):
    """A draft with `lines` lines, the last FAILING of them refused by the rules (their verdicts written as the
    rules store them, without running the rules on every member)."""
    load_catalogues()
    award_type = AwardType.objects.get(code="LDTT")
    p = Proposal.objects.create(title="Năm 2025", from_org=world.union_a1, to_org=world.district_a, year=2025)
    members = [
        cast(Member, MemberFactory(organization=world.union_a1, full_name=f"Người thứ {i:03d}")) for i in range(lines)
    ]
    now = timezone.now()
    for i, member in enumerate(members):
        failing = i >= lines - FAILING
        ProposalLine.objects.create(
            proposal=p,
            organization=world.union_a1,
            member=member,
            award_type=award_type,
            eligibility_status="fail" if failing else "pass",
            eligibility=[{"rule": "rating_at_least", "status": "fail", "message": "Chưa có xếp loại"}]
            if failing
            else [],
            eligibility_checked_at=now,
        )
    return p


def test_a_long_proposal_is_read_page_by_page_and_its_failing_lines_together(page, live_server, world, sign_in):
    total = LINES_PER_PAGE + 10
    p = long_proposal(world, total)
    sign_in("officer_union_a1")
    page.goto(f"{live_server.url}/proposals/{p.pk}/")
    summary = page.locator("#line-summary")
    expect(summary).to_contain_text(f"{total} dòng")
    expect(summary.locator("[data-verdict=fail]")).to_contain_text(f"Chưa đủ tiêu chuẩn: {FAILING}")
    rows = page.locator("#lines tbody tr")
    expect(rows).to_have_count(LINES_PER_PAGE)
    expect(rows.first).to_contain_text("Người thứ 000")

    page.locator(".pagination a", has_text="›").click()
    expect(rows).to_have_count(total - LINES_PER_PAGE)
    expect(rows.last).to_contain_text(f"Người thứ {total - 1:03d}")

    page.locator("#lines-attention").click()
    expect(page.locator("#lines-attention")).to_have_class("nav-link py-1 active")
    expect(rows).to_have_count(FAILING)
    for i in range(FAILING):
        expect(rows.nth(i)).to_have_attribute("data-eligibility", "fail")
    expect(page.locator(".pagination")).to_have_count(0)

    page.locator("#line-summary a", has_text="Tất cả các dòng").click()
    expect(rows).to_have_count(LINES_PER_PAGE)
