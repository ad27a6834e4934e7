"""The level above a grassroots union approves its registrations or returns one with a reason
(campaigns/services/registration_review.py), and the union reads the mark on its list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import Registration
from campaigns.selectors.registration_review import registrations_to_review_for
from campaigns.services import registration_review as review
from tests.campaigns.matrix_campaigns import _campaign
from tests.factories import UserFactory, role

R = Registration.Review


def _registration(world, member, org):
    return Registration.objects.create(
        campaign=_campaign(world), year=2026, organization=org, member=member, title="Lao động tiên tiến"
    )


@pytest.fixture
def regs(world):
    return _registration(world, world.member_a1, world.union_a1), _registration(world, world.member_a2, world.union_a2)


def test_the_district_approves_and_returns_its_unions_registrations(world, regs):
    a1, a2 = regs
    staff = world.staff_district_a
    assert list(registrations_to_review_for(staff)) == [a1, a2]
    review.registrations_approve(actor=staff, registrations=[a1])
    review.registration_return(actor=staff, registration=a2, reason="Sai danh hiệu đăng ký")
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a1.review, a1.reviewed_by, a2.review, a2.review_reason) == (
        R.APPROVED,
        staff,
        R.RETURNED,
        "Sai danh hiệu đăng ký",
    )
    assert list(registrations_to_review_for(staff)) == []
    assert list(registrations_to_review_for(staff, R.RETURNED)) == [a2]
    assert a2.history.first().history_user == staff


def test_only_the_level_above_reviews(world, regs):
    a1, _a2 = regs
    staff_b = UserFactory(username="staff_district_b")
    role(staff_b, world.district_b, "federation_staff")
    for actor in (world.officer_union_a1, staff_b, world.leader_city):
        with pytest.raises(PermissionDenied):
            review.registrations_approve(actor=actor, registrations=[a1])
        assert not registrations_to_review_for(actor).exists()
    with pytest.raises(ValidationError):
        review.registration_return(actor=world.staff_district_a, registration=a1, reason="  ")
    Registration.objects.filter(pk=a1.pk).update(status=Registration.Status.ACHIEVED)
    with pytest.raises(ValidationError):
        review.registrations_approve(actor=world.staff_district_a, registrations=[a1])


def test_the_union_reads_the_reason_on_its_list(client, world, regs):
    _a1, a2 = regs
    client.force_login(world.staff_district_a)
    page = client.get(reverse("campaigns:registration_review"))
    assert page.status_code == 200 and page.context["page"].paginator.count == 2
    client.post(reverse("campaigns:registration_return", kwargs={"pk": a2.pk}), {"reason": "Thiếu cam kết"})
    client.post(reverse("campaigns:registration_review"), {"registration": [_a1.pk]})
    assert Registration.objects.get(pk=_a1.pk).review == R.APPROVED
    client.force_login(world.officer_union_a2)
    listing = client.get(reverse("campaigns:registration_list")).content.decode()
    assert 'data-review="returned"' in listing and "Thiếu cam kết" in listing
    assert client.get(reverse("campaigns:registration_review")).status_code == 403
