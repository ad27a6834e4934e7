import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from campaigns.models import CampaignLaunch, Registration
from campaigns.services import registrations

DAY = datetime.date(2026, 3, 2)


def test_officer_sees_the_next_step_on_home(client, world, campaign):
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("home")).content.decode()
    assert "Phát động phong trào “Lao động giỏi, lao động sáng tạo năm 2026” và cập nhật vào hệ thống" in html
    CampaignLaunch.objects.create(campaign=campaign, organization=world.union_a1, launched_on=DAY, participants=5)
    assert "Phát động phong trào “Lao động giỏi" not in client.get(reverse("home")).content.decode()


def test_register_members_through_the_page(client, world, campaign):
    client.force_login(world.officer_union_a1)
    url = reverse("campaigns:register_members", args=[campaign.pk])
    response = client.post(
        url,
        {
            "organization": world.union_a1.pk,
            "title": "Lao động tiên tiến",
            "year": 2026,
            "members": [world.member_a1.pk],
        },
    )
    assert response.status_code == 302
    assert Registration.objects.filter(member=world.member_a1).count() == 1
    # A member of another union, smuggled into the form, is refused and nothing is written.
    response = client.post(
        url,
        {
            "organization": world.union_a1.pk,
            "title": "Chiến sĩ thi đua cơ sở",
            "year": 2026,
            "members": [world.member_a1.pk, world.member_a2.pk],
        },
    )
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def test_the_member_form_says_what_the_service_and_the_import_say(client, world, campaign):
    """One eligibility check (member_registration_problems) for the form, the service and the import."""
    campaign.target_group = "women"
    campaign.save(update_fields=["target_group"])
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("campaigns:register_members", args=[campaign.pk]),
        {
            "organization": world.union_a1.pk,
            "title": "Lao động tiên tiến",
            "year": 2026,
            "members": [world.member_a1.pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["members"] == [
        "Nguyễn Văn An không thể đăng ký: phong trào dành cho đoàn viên nữ."
    ]
    assert not Registration.objects.exists()


def test_registration_list_is_scoped_and_exports(client, world, campaign):
    Registration.objects.create(
        campaign=campaign, year=2026, organization=world.union_a1, member=world.member_a1, title="Lao động tiên tiến"
    )
    Registration.objects.create(
        campaign=campaign, year=2026, organization=world.union_b1, member=world.member_b1, title="Lao động tiên tiến"
    )
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("campaigns:registration_list"), {"organization": world.union_b1.pk})
    assert [r.member for r in response.context["page"].object_list] == [world.member_a1]
    export = client.get(reverse("campaigns:registration_export"))
    assert export["Cache-Control"] == "private, no-store"
    assert b"xl/worksheets" in export.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_registrations_make_one(world, campaign):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    barrier, outcomes = threading.Barrier(2), []

    def register():
        try:
            barrier.wait()
            registrations.register_members(
                actor=world.officer_union_a1,
                campaign=campaign,
                organization=world.union_a1,
                year=2026,
                title="Lao động tiên tiến",
                members=[world.member_a1],
            )
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
