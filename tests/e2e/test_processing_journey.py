"""Inside the receiving district (issue 14.3): the dossier waits in the specialist's list, the head of
department approves the review, the staff cannot issue the decision before the leader's sign-off, the leader
signs off, and the staff issue it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Award, AwardType
from awards.services import processing, proposals
from tests.awards import helpers as h
from tests.e2e.conftest import ARTIFACTS
from tests.factories import MemberFactory, UserFactory, role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _desk(world, kind, username, first, last):
    user = UserFactory(username=username, first_name=first, last_name=last)
    role(user, world.district_a, kind)
    return user


def test_head_approves_leader_signs_off_staff_issue(page, browser, live_server, world, shot, sign_in, award_catalogue):
    specialist = _desk(world, "specialist", "chuyenvien_a", "Lan", "Trần Thị")
    _desk(world, "department_head", "truongban_a", "Hùng", "Phạm Văn")
    _desk(world, "approving_leader", "lanhdao_a", "Chi", "Nguyễn Thùy")
    secretary = _desk(world, "council_secretary", "thuky_a", "Hà", "Vũ Thu")
    staff = world.staff_district_a
    processing.processing_settings_set(actor=staff, organization=world.district_a, sign_off_required=True)
    mai = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai", search_name="tran thi mai")
    h.rate(mai, 2025, "HTT")
    officer = world.officer_union_a1
    p = proposals.proposal_create(actor=officer, from_org=world.union_a1, year=2025, title="Đề nghị năm 2025")
    proposals.line_add(actor=officer, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=mai)
    proposals.proposal_submit(actor=officer, proposal=p)
    processing.proposal_assign(actor=staff, proposal=p, assignee=specialist)
    proposals.proposal_start_review(actor=specialist, proposal=p)

    # The specialist finds the dossier among those assigned to them.
    sign_in("chuyenvien_a")
    page.goto(f"{live_server.url}/proposals/received/?mine=1")
    expect(page.locator("#received")).to_contain_text("Đề nghị năm 2025")
    expect(page.locator("#received [data-assigned]")).to_have_text("Trần Thị Lan")
    shot("processing-assigned-to-me")

    head = browser.new_context(locale="vi-VN").new_page()
    _sign_in(head, live_server, "truongban_a")
    head.goto(f"{live_server.url}/proposals/{p.pk}/")
    expect(head.locator("#processing [data-assigned]")).to_contain_text("Trần Thị Lan")
    head.locator("[data-action=approve-review]").click()
    expect(head.locator("#processing [data-review-approval]")).to_contain_text("Phạm Văn Hùng")
    expect(head.locator("[data-action=sign-off]")).to_have_count(0)  # the head does not sign off

    votes = {line.pk: (8, 1) for line in p.lines.all()}
    proposals.council_record(
        actor=secretary, proposal=p, held_on=timezone.localdate(), members_total=9, members_present=9,
        chair="Nguyễn Thùy Chi", votes=votes,
    )  # fmt: skip

    # Before the sign-off the staff's decision is refused and nothing is issued.
    staff_page = browser.new_context(locale="vi-VN").new_page()
    _sign_in(staff_page, live_server, "staff_district_a")
    staff_page.goto(f"{live_server.url}/proposals/{p.pk}/decision/")
    _fill_decision(staff_page)
    expect(staff_page.locator(".alert-danger")).to_contain_text(world.district_a.name)
    assert not Award.objects.exists()

    leader = browser.new_context(locale="vi-VN").new_page()
    _sign_in(leader, live_server, "lanhdao_a")
    leader.goto(f"{live_server.url}/proposals/{p.pk}/")
    leader.locator("[data-action=sign-off]").click()
    expect(leader.locator("#processing [data-sign-off]")).to_contain_text("Nguyễn Thùy Chi")
    ARTIFACTS.mkdir(exist_ok=True)
    leader.screenshot(path=str(ARTIFACTS / "processing-signed-off.png"), full_page=True)

    staff_page.goto(f"{live_server.url}/proposals/{p.pk}/decision/")
    _fill_decision(staff_page)
    expect(staff_page.locator(".alert-success")).to_contain_text("Đã ban hành quyết định.")
    assert Award.objects.filter(member__full_name="Trần Thị Mai", decision__number="88/QĐ-LĐLĐ").count() == 1


def _sign_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("thidua2025")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + "/")


def _fill_decision(page):
    page.locator("#id_number").fill("88/QĐ-LĐLĐ")
    page.locator("#id_signed_on").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.locator("#id_signer_name").fill("Nguyễn Thùy Chi")
    page.locator("#id_signer_title").fill("Phó Chủ tịch")
    page.get_by_role("button", name="Lưu").click()
