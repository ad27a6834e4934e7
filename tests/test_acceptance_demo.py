"""The foundation's acceptance points, with the demo accounts of the README."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from unions.demo_loader import Loader as UnionsLoader
from unions.models import Member, Organization


@pytest.fixture
def demo(db):
    UnionsLoader().run()  # the accounts, federations, unions and members of the README
    return {u.username: u for u in get_user_model().objects.all()}


def member_of(code):
    return Member.objects.filter(organization__code=code).order_by("pk").first()


def listed(client, **params):
    response = client.get(reverse("unions:member_list"), {"status": "", **params})
    return response.context["page"].count


def test_union_officer_sees_and_edits_only_their_union(client, demo):
    client.force_login(demo["btl.cdcs1"])
    own, other = member_of("HN-BTL-001"), member_of("HN-BTL-002")
    assert listed(client) == Member.objects.filter(organization__path__startswith=own.organization.path).count()
    assert client.get(reverse("unions:member_edit", args=[own.pk])).status_code == 200
    before = (other.full_name, other.job_title)
    response = client.post(reverse("unions:member_edit", args=[other.pk]), {"full_name": "X", "gender": "male"})
    assert response.status_code == 404
    assert client.get(reverse("unions:member_detail", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert (other.full_name, other.job_title) == before


def test_district_staff_see_both_unions_and_nothing_of_tay_ho(client, demo):
    client.force_login(demo["btl.staff"])
    btl = Organization.objects.get(code="HN-BTL")
    assert listed(client) == Member.objects.filter(organization__path__startswith=btl.path).count()
    for code in ("HN-BTL-001", "HN-BTL-002"):
        assert client.get(reverse("unions:member_detail", args=[member_of(code).pk])).status_code == 200
    tay_ho = Organization.objects.get(code="HN-TH")
    assert client.get(reverse("unions:organization_detail", args=[tay_ho.pk])).status_code == 404
    assert client.get(reverse("unions:member_detail", args=[member_of("HN-TH-001").pk])).status_code == 404
    assert "Tây Hồ" not in client.get(reverse("unions:organization_tree")).content.decode()


def test_city_leader_sees_all_of_hanoi_and_edits_nothing(client, demo):
    client.force_login(demo["hanoi.leader"])
    hanoi = Organization.objects.get(code="HN")
    assert listed(client) == Member.objects.filter(organization__path__startswith=hanoi.path).count()
    assert (
        listed(client, organization=Organization.objects.get(code="PT").pk)
        == Member.objects.filter(organization__path__startswith=hanoi.path).count()
    )  # Phú Thọ is not a choice
    member = member_of("HN-TH-001")
    assert client.get(reverse("unions:member_detail", args=[member.pk])).status_code == 200
    assert client.post(reverse("unions:member_edit", args=[member.pk]), {"full_name": "X"}).status_code == 403
    assert client.get(reverse("unions:member_create")).status_code == 403
    assert client.get(reverse("unions:organization_edit", args=[member.organization.pk])).status_code == 403
    assert client.get(reverse("unions:member_detail", args=[member_of("PT-LT-001").pk])).status_code == 404
