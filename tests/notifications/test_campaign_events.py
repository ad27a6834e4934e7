"""A campaign launched reaches the officers of the unions it targets; the registration deadline reminders reach,
7 days and 1 day before, the officers of the target unions that have registered nothing, once each."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Registration
from campaigns.services import campaigns as campaign_services
from campaigns.services import registrations
from campaigns.services.deadline_reminders import send_deadline_reminders
from notifications.kinds import Delivery, Kind
from notifications.models import Notification
from notifications.services import preferences_set
from tests.factories import UserFactory, role

TODAY = timezone.localdate()
DEADLINE = TODAY + datetime.timedelta(days=7)


def make_campaign(organizer, *, sectors="", status=Campaign.Status.LAUNCHED, code="HN-LDG"):
    return Campaign.objects.create(
        code=code,
        name="Lao động giỏi, lao động sáng tạo",
        kind="annual",
        organizer=organizer,
        year=TODAY.year,
        start_on=TODAY - datetime.timedelta(days=30),
        end_on=TODAY + datetime.timedelta(days=300),
        registration_deadline=DEADLINE,
        target_sectors=sectors,
        titles=["Tập thể lao động tiên tiến"],
        status=status,
        launched_on=None if status == Campaign.Status.DRAFT else TODAY - datetime.timedelta(days=20),
    )


def received(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_launched_reaches_the_officers_of_the_targeted_unions_once(world, django_capture_on_commit_callbacks):
    world.staff_district_b = UserFactory(username="staff_district_b")
    role(world.staff_district_b, world.district_b, "federation_staff")
    # Education unions of district A: union_a1, not union_a2 (private enterprise), not district B's.
    campaign = make_campaign(world.district_a, sectors=",education,", status=Campaign.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_services.campaign_launch(actor=world.staff_district_a, campaign=campaign, launched_on=TODAY)
        assert not Notification.objects.exists()
    assert received(Kind.CAMPAIGN_LAUNCHED) == ["officer_union_a1"]
    note = Notification.objects.get()
    assert note.link == reverse("campaigns:campaign_detail", args=[campaign.pk])
    # The officer can open what the link shows.
    from campaigns.selectors.campaigns import campaign_list_for

    assert campaign_list_for(world.officer_union_a1).filter(pk=campaign.pk).exists()


def test_launch_rolled_back_sends_nothing(world, django_capture_on_commit_callbacks):
    from django.db import transaction

    campaign = make_campaign(world.city, status=Campaign.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        campaign_services.campaign_launch(actor=world.admin, campaign=campaign, launched_on=TODAY)
        raise RuntimeError
    assert not Notification.objects.exists()


def test_deadline_reminders_7_and_1_days_before_to_unions_not_registered(world, mailoutbox):
    campaign = make_campaign(world.city)
    registrations.register_union(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=TODAY.year,
        title="Tập thể lao động tiên tiến",
    )
    world.officer_union_b1.email = "xuanla@example.vn"
    world.officer_union_b1.save()
    assert send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=8)) == []  # too early
    assert send_deadline_reminders(today=TODAY) == [campaign.pk]
    assert received(Kind.REGISTRATION_DEADLINE) == ["officer_union_a2", "officer_union_b1"]
    assert [m.to for m in mailoutbox] == [["xuanla@example.vn"]]
    send_deadline_reminders(today=TODAY)  # run again the same day
    send_deadline_reminders(today=TODAY + datetime.timedelta(days=3))  # still the 7-day one: already sent
    assert Notification.objects.count() == 2
    send_deadline_reminders(today=DEADLINE - datetime.timedelta(days=1))
    keys = sorted(Notification.objects.filter(user=world.officer_union_b1).values_list("key", flat=True))
    assert keys == [
        f"registration-deadline:{campaign.pk}:{world.union_b1.pk}:1",
        f"registration-deadline:{campaign.pk}:{world.union_b1.pk}:7",
    ]
    assert Notification.objects.count() == 4
    assert send_deadline_reminders(today=DEADLINE + datetime.timedelta(days=1)) == []  # the deadline passed


def test_a_withdrawn_registration_does_not_count_and_a_sector_not_targeted_hears_nothing(world):
    campaign = make_campaign(world.district_a, sectors=",education,")
    registrations.register_union(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=TODAY.year,
        title="Tập thể lao động tiên tiến",
    )
    Registration.objects.filter(campaign=campaign).update(status=Registration.Status.WITHDRAWN)
    send_deadline_reminders(today=TODAY)
    # union_a2 is a private enterprise, union_b1 is outside the organiser's subtree.
    assert received(Kind.REGISTRATION_DEADLINE) == ["officer_union_a1"]


def test_a_reminder_the_officer_turned_off_is_not_sent(world):
    campaign = make_campaign(world.city)
    preferences_set(actor=world.officer_union_a2, choices={Kind.REGISTRATION_DEADLINE: Delivery.OFF})
    send_deadline_reminders(today=TODAY)
    assert received(Kind.REGISTRATION_DEADLINE) == ["officer_union_a1", "officer_union_b1"]
    assert campaign.pk
