import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign, CampaignLaunch, Registration
from campaigns.services import registrations
from tests.factories import add_org, bulk_members
from unions.models import Member

DAY = datetime.date(2026, 3, 2)


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow(world, campaign, n):
    """n more unions under district A, each launched, with registrations of their members."""
    for i in range(n):
        union = add_org(world.district_a, "grassroots", f"Công đoàn Công ty {campaign.pk}-{i}")
        CampaignLaunch.objects.create(campaign=campaign, organization=union, launched_on=DAY, participants=9)
        bulk_members(union, 3, prefix=f"Ngô Thị {i}")
        Registration.objects.bulk_create(
            Registration(campaign=campaign, year=2026, organization=union, member=m, title="Lao động tiên tiến")
            for m in Member.objects.filter(organization=union)
        )
    for i in range(n):
        Campaign.objects.create(code=f"X{campaign.pk}-{n}-{i}", name=f"Phong trào {i}", kind="thematic",
                                organizer=world.district_a, year=2026, start_on=DAY, end_on=DAY,
                                registration_deadline=DAY, titles=["A"], status="launched", launched_on=DAY)


@pytest.mark.parametrize(("name", "with_pk"), [
    ("campaigns:campaign_list", False),
    ("campaigns:registration_list", False),
    ("campaigns:campaign_detail", True),
    ("campaigns:campaign_coverage", True),
    ("campaigns:register_members", True),
    ("home", False),
])
def test_pages_keep_their_query_budget(client, world, campaign, name, with_pk):
    client.force_login(world.staff_district_a)
    url = reverse(name, args=[campaign.pk] if with_pk else [])
    grow(world, campaign, 1)
    small = queries(client, url)
    grow(world, campaign, 100)
    large = queries(client, url)
    assert small == large, f"{name}: {small} → {large}"
    assert large <= 25


def test_officer_sees_the_next_step_on_home(client, world, campaign):
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("home")).content.decode()
    assert "Phát động phong trào “Lao động giỏi, lao động sáng tạo năm 2026” và cập nhật vào hệ thống" in html
    CampaignLaunch.objects.create(campaign=campaign, organization=world.union_a1, launched_on=DAY, participants=5)
    assert "Phát động phong trào “Lao động giỏi" not in client.get(reverse("home")).content.decode()


def test_register_members_through_the_page(client, world, campaign):
    client.force_login(world.officer_union_a1)
    url = reverse("campaigns:register_members", args=[campaign.pk])
    response = client.post(url, {"organization": world.union_a1.pk, "title": "Lao động tiên tiến", "year": 2026,
                                 "members": [world.member_a1.pk]})
    assert response.status_code == 302
    assert Registration.objects.filter(member=world.member_a1).count() == 1
    # A member of another union, smuggled into the form, is refused and nothing is written.
    response = client.post(url, {"organization": world.union_a1.pk, "title": "Chiến sĩ thi đua cơ sở",
                                 "year": 2026, "members": [world.member_a1.pk, world.member_a2.pk]})
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def test_the_member_form_says_what_the_service_and_the_import_say(client, world, campaign):
    """One eligibility check (member_registration_problems) for the form, the service and the import."""
    campaign.target_group = "women"
    campaign.save(update_fields=["target_group"])
    client.force_login(world.officer_union_a1)
    response = client.post(reverse("campaigns:register_members", args=[campaign.pk]), {
        "organization": world.union_a1.pk, "title": "Lao động tiên tiến", "year": 2026,
        "members": [world.member_a1.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["members"] == [
        "Nguyễn Văn An không thể đăng ký: phong trào dành cho đoàn viên nữ."]
    assert not Registration.objects.exists()


def test_registration_list_is_scoped_and_exports(client, world, campaign):
    Registration.objects.create(campaign=campaign, year=2026, organization=world.union_a1, member=world.member_a1,
                                title="Lao động tiên tiến")
    Registration.objects.create(campaign=campaign, year=2026, organization=world.union_b1, member=world.member_b1,
                                title="Lao động tiên tiến")
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("campaigns:registration_list"), {"organization": world.union_b1.pk})
    assert [r.member for r in response.context["page"].object_list] == [world.member_a1]
    export = client.get(reverse("campaigns:registration_export"))
    assert export["Cache-Control"] == "no-store"
    assert b"xl/worksheets" in export.content


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_registrations_make_one(world, campaign):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    barrier, outcomes = threading.Barrier(2), []

    def register():
        try:
            barrier.wait()
            registrations.register_members(actor=world.officer_union_a1, campaign=campaign,
                                           organization=world.union_a1, year=2026, title="Lao động tiên tiến",
                                           members=[world.member_a1])
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Registration.objects.filter(member=world.member_a1).count() == 1
    assert outcomes.count("ok") == 1
    assert any("đã đăng ký" in o or "cùng lúc" in o for o in outcomes if o != "ok")
