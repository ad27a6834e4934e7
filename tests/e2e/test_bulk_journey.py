"""Issue 13 acceptance: the officer ticks 20 eligible members on Xét đề nghị into a new proposal in one post, adds
the union for Tập thể lao động tiên tiến to it, submits; staff enter the ballot of all 21 lines in one form (by
keyboard) and issue the decision; the collective and the 20 individuals are conferred.

Nothing is conferred beforehand: the union's Tập thể lao động tiên tiến is eligible only on condition that its 20
nominees in the same file are approved (20 of its 26 members, 77 %), and 6 of the 20 sit in its tổ công đoàn,
which the collective counts with it. The decision confers the 20, then the union."""

import pytest
from playwright.sync_api import expect

from awards.models import Award, AwardType, ProposalLine
from tests.awards import helpers as h
from tests.e2e.conftest import ARTIFACTS
from tests.factories import MemberFactory, add_org
from unions.models import Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
Y = 2025


def nominees(world):
    """26 members: the world's own and 14 nominees attached to the union, 6 nominees and 5 others in its tổ."""
    group = add_org(world.union_a1, "group", "Tổ công đoàn Khối 2")
    people = [
        MemberFactory(
            organization=world.union_a1 if i <= 14 else group,
            full_name=f"Bùi Thị Hoa {i:02d}",
            search_name=f"bui thi hoa {i:02d}",
        )
        for i in range(1, 21)
    ]
    for person in people:
        h.rate(person, Y, "HTT")
    for i in range(1, 6):
        h.rate(MemberFactory(organization=group, full_name=f"Vũ Văn Tiến {i}", search_name=f"vu van tien {i}"), Y, "HT")
    h.rate_union(world.union_a1, Y, "HTT")
    assert Member.objects.filter(org_path__startswith=world.union_a1.path).count() == 26
    return people


def check(page, live_server, world, award_name):
    page.locator("#id_organization").select_option(str(world.union_a1.pk))
    page.locator("#id_year").fill(str(Y))
    page.locator("#id_award_type").select_option(label=award_name)
    page.get_by_role("button", name="Xét", exact=True).click()
    expect(page.locator("#candidates")).to_be_visible()


def posts_during(page, action):
    """The POST requests the page sends while `action` runs (and the navigation it starts completes)."""
    posts = []

    def seen(request):
        if request.method == "POST":
            posts.append(request.url)

    page.on("request", seen)
    with page.expect_navigation():
        action()
    page.remove_listener("request", seen)
    return posts


def test_twenty_members_and_their_union_from_candidates_to_decision(
    page, live_server, world, browser, shot, sign_in, award_catalogue
):
    people = nominees(world)
    sign_in("officer_union_a1")
    page.get_by_role("link", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Xét đề nghị", exact=True).click()
    check(page, live_server, world, "Lao động tiên tiến")
    for person in people:
        page.get_by_label(person.full_name, exact=True).check()
    page.locator("#add-target select[name=proposal]").select_option("")  # a new proposal
    page.locator("#add-target input[name=title]").fill("Đề nghị khen thưởng tổng kết năm 2025")
    shot("bulk-candidates-ticked")
    posts = posts_during(page, lambda: page.locator("#add-target button[type=submit]").click())
    assert len(posts) == 1, posts
    lines = page.locator("#lines tbody tr")
    expect(lines).to_have_count(20)
    proposal_url = page.url

    page.get_by_role("link", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Xét đề nghị", exact=True).click()
    check(page, live_server, world, "Tập thể lao động tiên tiến")
    union_row = page.locator("#candidates tbody tr", has_text=world.union_a1.name)
    # Eligible only on condition: 20 of its 26 members are in the draft for Lao động tiên tiến, none has it yet.
    expect(union_row).to_have_attribute("data-status", "cond")
    union_row.locator("input[name=subject]").check()
    page.locator("#add-target select[name=proposal]").select_option(label="Đề nghị khen thưởng tổng kết năm 2025")
    posts = posts_during(page, lambda: page.locator("#add-target button[type=submit]").click())
    assert len(posts) == 1
    assert page.url == proposal_url
    expect(lines).to_have_count(21)
    expect(lines.last).to_have_attribute("data-eligibility", "cond")
    shot("bulk-collective-conditional")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi hồ sơ đề nghị.")

    # Staff enter the ballot on a phone.
    staff = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    staff.goto(live_server.url + "/accounts/login/")
    staff.get_by_label("Tên đăng nhập").fill("staff_district_a")
    staff.get_by_label("Mật khẩu").fill("thidua2025")
    staff.get_by_role("button", name="Đăng nhập").click()
    staff.wait_for_url(live_server.url + "/")
    staff.goto(proposal_url)
    staff.get_by_role("button", name="Bắt đầu thẩm định").click()
    staff.get_by_role("link", name="Nhập kết quả bỏ phiếu của Hội đồng").click()
    ballot = staff.locator("#ballot tbody tr")
    expect(ballot).to_have_count(21)
    expect(ballot.filter(has_text="Bùi Thị Hoa 07")).to_contain_text("Lao động tiên tiến")
    expect(ballot.last).to_contain_text(world.union_a1.name)
    expect(ballot.last).to_contain_text("Tập thể lao động tiên tiến")
    staff.locator("#id_held_on").fill("15/12/2025")
    staff.locator("#id_members_total").fill("9")
    staff.locator("#id_members_present").fill("8")
    staff.locator("#id_chair").fill("Nguyễn Thùy Chi")
    # The tallies by keyboard: the first "For" box, then Tab through For and Against of every line in order.
    ballot.first.locator("input").first.focus()
    for _ in range(21):
        staff.keyboard.type("8")
        staff.keyboard.press("Tab")
        staff.keyboard.type("1")
        staff.keyboard.press("Tab")
    staff.screenshot(path=str(ARTIFACTS / "bulk-council-ballot.png"), full_page=True)
    posts = posts_during(staff, lambda: staff.get_by_role("button", name="Lưu").click())
    assert len(posts) == 1
    expect(staff.locator(".alert-success")).to_contain_text("Đã ghi nhận kết quả bỏ phiếu.")
    staff.get_by_role("link", name="Ban hành quyết định").click()
    staff.locator("#id_number").fill("301/QĐ-LĐLĐ")
    staff.locator("#id_signed_on").fill("20/12/2025")
    staff.locator("#id_signer_name").fill("Nguyễn Thùy Chi")
    staff.locator("#id_signer_title").fill("Phó Chủ tịch")
    staff.get_by_role("button", name="Lưu").click()
    expect(staff.locator(".alert-success")).to_contain_text("Đã ban hành quyết định.")

    conferred = Award.objects.filter(decision__number="301/QĐ-LĐLĐ")
    assert set(conferred.filter(award_type__code="LDTT").values_list("member", flat=True)) == {p.pk for p in people}
    collective = conferred.get(award_type=AwardType.objects.get(code="TTLDTT"))
    assert collective.organization == world.union_a1 and collective.member is None
    assert conferred.count() == 21
    # Conferred after its members, checked again against what was conferred: 20 of 26.
    assert collective.gold_book_number > max(
        conferred.exclude(pk=collective.pk).values_list("gold_book_number", flat=True)
    )
    line = ProposalLine.objects.get(award=collective)
    assert line.eligibility_status == "pass"
    assert any("20/26" in r["message"] for r in line.eligibility)
