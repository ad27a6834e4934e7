"""Correcting a launch record, and the timeline of a registration."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import CampaignLaunch, Registration
from campaigns.selectors.timeline import registration_timeline
from campaigns.services import launch_corrections, launches, registrations
from tests.campaigns.matrix_campaigns import _campaign


@pytest.fixture
def launch(world):
    return launches.launch_record(
        actor=world.officer_union_a1,
        campaign=_campaign(world),
        organization=world.union_a1,
        launched_on=datetime.date(2026, 1, 15),
        participants=30,
        document_number="01/KH-CĐ",
    )


def test_a_launch_record_is_corrected_and_its_old_values_kept(world, launch):
    launch_corrections.launch_update(
        actor=world.officer_union_a1,
        launch=launch,
        launched_on=datetime.date(2026, 1, 16),
        participants=42,
        document_number="02/KH-CĐ",
        reason="Nhập nhầm số người",
    )
    launch = CampaignLaunch.objects.get(pk=launch.pk)
    assert (launch.launched_on, launch.participants, launch.document_number) == (
        datetime.date(2026, 1, 16),
        42,
        "02/KH-CĐ",
    )
    old = launch.history.order_by("history_date", "history_id").first()
    assert (old.participants, old.document_number) == (30, "01/KH-CĐ")
    assert launch.history.latest().history_change_reason == "Nhập nhầm số người"


def test_a_launch_record_keeps_the_rules_of_recording_it(world, launch):
    with pytest.raises(ValidationError):  # before the federation launched (10/01/2026)
        launch_corrections.launch_update(
            actor=world.officer_union_a1, launch=launch, launched_on=datetime.date(2026, 1, 5), participants=30
        )
    with pytest.raises(ValidationError):  # nothing changed
        launch_corrections.launch_update(
            actor=world.officer_union_a1,
            launch=launch,
            launched_on=launch.launched_on,
            participants=30,
            document_number="01/KH-CĐ",
        )
    for persona in ("officer_union_a2", "officer_union_b1", "leader_city", "outsider"):
        with pytest.raises(PermissionDenied):
            launch_corrections.launch_update(
                actor=getattr(world, persona), launch=launch, launched_on=launch.launched_on, participants=31
            )


def test_correcting_through_the_page(client, world, launch):
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("campaigns:campaign_detail", args=[launch.campaign_id])).content.decode()
    assert reverse("campaigns:launch_edit", args=[launch.pk]) in page
    response = client.post(
        reverse("campaigns:launch_edit", args=[launch.pk]),
        {"launched_on": "16/01/2026", "participants": "35", "document_number": "01/KH-CĐ", "reason": "Đếm lại"},
    )
    assert response.status_code == 302
    assert CampaignLaunch.objects.get(pk=launch.pk).participants == 35
    client.force_login(world.officer_union_b1)
    assert client.get(reverse("campaigns:launch_edit", args=[launch.pk])).status_code == 404


def test_the_registration_timeline_shows_each_state_with_who_and_when_in_one_query(client, world):
    registration = Registration.objects.create(
        campaign=_campaign(world), year=2026, organization=world.union_a1, member=world.member_a1, title="LĐTT"
    )
    registrations.registration_decide(actor=world.officer_union_a1, registration=registration, status="achieved")
    registrations.registration_decide(actor=world.staff_district_a, registration=registration, status="not_achieved")
    with CaptureQueriesContext(connection) as queries:
        steps = registration_timeline(registration)
    assert len(queries) == 1
    assert [(s.state, s.user) for s in steps] == [
        ("registered", None),
        ("achieved", world.officer_union_a1),
        ("not_achieved", world.staff_district_a),
    ]
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("campaigns:registration_detail", args=[registration.pk])).content.decode()
    assert page.count("data-state=") == 3
    client.force_login(world.officer_union_b1)
    assert client.get(reverse("campaigns:registration_detail", args=[registration.pk])).status_code == 404
