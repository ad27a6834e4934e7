"""Issue 13, point 3 in the browser: 57 members registered with one click on "select all" and one post; the
year's ratings set for everyone at once, one exception changed from the keyboard, saved in one post."""

import datetime

import pytest
from playwright.sync_api import expect

from awards.models import PerformanceRating
from campaigns.models import Campaign, Registration
from tests.factories import bulk_members
from unions.models import Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fifty_seven(world):
    bulk_members(world.union_a1, 41, prefix="Đỗ Văn Nam")
    bulk_members(world.division_a1, 15, prefix="Vũ Thị Lan")


def posts(page):
    sent = []
    page.on("request", lambda request: sent.append(request.url) if request.method == "POST" else None)
    return sent


def test_fifty_seven_members_registered_with_one_click_and_one_post(page, live_server, world, sign_in, shot):
    fifty_seven(world)
    campaign = Campaign.objects.create(
        code="HN-LDG-2026",
        name="Lao động giỏi, lao động sáng tạo năm 2026",
        kind="annual",
        organizer=world.city,
        year=2026,
        start_on=datetime.date(2026, 1, 1),
        end_on=datetime.date(2026, 12, 31),
        registration_deadline=datetime.date(2099, 12, 31),
        titles=["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"],
        status=Campaign.Status.LAUNCHED,
        launched_on=datetime.date(2026, 2, 1),
    )
    sign_in("officer_union_a1")
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/register/members/")
    page.locator("#id_title").select_option("Lao động tiên tiến")
    boxes = page.locator("input[name=members]")
    expect(boxes).to_have_count(57)
    sent = posts(page)
    page.locator("#check-all").click()
    expect(page.locator("[data-checked-count]")).to_have_text("57")
    expect(page.locator(f"[data-unit-box='{world.division_a1.pk}']")).to_be_checked()
    shot("register-57-members")
    page.locator("#register-members .btn-primary").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert len(sent) == 1
    assert Registration.objects.filter(campaign=campaign, year=2026, title="Lao động tiên tiến").count() == 57

    # Back on the page, all 57 are marked as registered and nobody is offered again.
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/register/members/")
    expect(page.locator("[data-registered]")).to_have_count(57)
    expect(page.locator("input[name=members]")).to_have_count(0)


def test_ratings_set_for_everyone_then_one_exception_in_one_post(page, live_server, world, sign_in, shot):
    fifty_seven(world)
    sign_in("officer_union_a1")
    page.goto(f"{live_server.url}/awards/ratings/?organization={world.union_a1.pk}&year=2025")
    sent = posts(page)
    page.locator("#set_all_value").select_option("HTT")
    page.locator("[data-set-all]").click()
    ratings = page.locator("#ratings select[name$='-rating']")
    expect(ratings).to_have_count(57)
    assert set(ratings.evaluate_all("els => els.map(e => e.value)")) == {"HTT"}
    assert sent == []  # "set all" happened in the page
    # The exception, from the keyboard: the rating select of member_a1, then Tab to the first leave field.
    first = page.locator(f"#id_m{world.member_a1.pk}-rating")
    first.focus()
    first.select_option("HTXS")
    page.keyboard.press("Tab")
    expect(page.locator(f"#id_m{world.member_a1.pk}-leave_sick")).to_be_focused()
    page.keyboard.type("3")
    shot("ratings-grid")
    page.keyboard.press("Enter")  # saves (never "set all")
    expect(page.locator(".alert-success")).to_be_visible()
    assert len(sent) == 1
    saved = dict(PerformanceRating.objects.filter(year=2025, member__isnull=False).values_list("member_id", "rating"))
    assert len(saved) == Member.objects.filter(org_path__startswith=world.union_a1.path).count() == 57
    assert saved[world.member_a1.pk] == "HTXS" and list(saved.values()).count("HTT") == 56


def test_ticking_typed_by_hand_opens_the_computed_months_for_typing(page, live_server, world, sign_in):
    Member.objects.filter(pk=world.member_a1.pk).update(employed_from=datetime.date(2025, 4, 1))
    sign_in("officer_union_a1")
    page.goto(f"{live_server.url}/awards/ratings/?organization={world.union_a1.pk}&year=2025")
    months = page.locator(f"#id_m{world.member_a1.pk}-months_worked")
    expect(months).to_have_value("9")
    expect(months).not_to_be_editable()
    page.locator(f"#id_m{world.member_a1.pk}-time_override").check()
    expect(months).to_be_editable()
    page.locator(f"#id_m{world.member_a1.pk}-rating").select_option("HTT")
    months.fill("11")
    months.press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    rating = PerformanceRating.objects.get(member=world.member_a1, year=2025)
    assert (rating.months_worked, rating.time_override) == (11, True)
