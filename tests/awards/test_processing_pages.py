"""The processing pages as staff and desks use them: rounds created, edited and reopened, the sign-off
setting, the received list with its "assigned to me" filter, and the panel of the proposal page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import ProcessingSettings, Proposal, ProposalProcessing, SubmissionRound
from awards.services import processing, proposals, rounds
from tests.factories import UserFactory, role

TODAY = timezone.localdate()


def _dmy(day):
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.staff_district_a)
    return client


def _proposal(world, title="Đề nghị năm 2025"):
    return proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=2025, title=title)


def test_staff_create_edit_and_reopen_a_round(staff_client, world):
    response = staff_client.post(
        reverse("awards:round_create"),
        {
            "organization": world.district_a.pk,
            "year": 2025,
            "title": "Đợt xét cuối năm 2025",
            "kind": "",
            "deadline": _dmy(TODAY),
        },
    )
    assert response.status_code == 302
    created = SubmissionRound.objects.get()
    assert (created.organization, created.deadline) == (world.district_a, TODAY)
    # A body outside the staff's reach is not among the choices.
    response = staff_client.post(
        reverse("awards:round_create"),
        {"organization": world.district_b.pk, "year": 2025, "title": "Đợt", "deadline": _dmy(TODAY)},
    )
    assert response.status_code == 200 and SubmissionRound.objects.count() == 1
    earlier = TODAY - datetime.timedelta(days=2)
    staff_client.post(
        reverse("awards:round_edit", args=[created.pk]), {"title": "Đợt 1", "kind": "", "deadline": _dmy(earlier)}
    )
    created.refresh_from_db()
    assert (created.title, created.deadline) == ("Đợt 1", earlier)
    page = staff_client.get(reverse("awards:round_list"))
    assert "Đợt 1" in page.content.decode()
    later = TODAY + datetime.timedelta(days=5)
    staff_client.post(reverse("awards:round_reopen", args=[created.pk]), {"until": _dmy(later)})
    created.refresh_from_db()
    assert created.reopened_until == later


def test_staff_turn_the_sign_off_on_for_their_district(staff_client, world):
    url = reverse("awards:processing_settings", args=[world.district_a.pk])
    assert staff_client.post(url, {"sign_off_required": "on"}).status_code == 302
    assert ProcessingSettings.objects.get(organization=world.district_a).sign_off_required
    staff_client.post(url, {})
    assert not ProcessingSettings.objects.get(organization=world.district_a).sign_off_required


def test_the_received_list_filters_what_is_assigned_to_me(client, world):
    specialist = UserFactory(username="chuyenvien_a", first_name="Lan", last_name="Trần Thị")
    role(specialist, world.district_a, "specialist")
    mine, other = _proposal(world, "Hồ sơ của Lan"), _proposal(world, "Hồ sơ khác")
    for p in (mine, other):
        Proposal.objects.filter(pk=p.pk).update(status=Proposal.Status.SUBMITTED, submitted_at=timezone.now())
    processing.proposal_assign(actor=world.staff_district_a, proposal=mine, assignee=specialist)
    client.force_login(specialist)
    everything = client.get(reverse("awards:proposals_received")).content.decode()
    assert "Hồ sơ của Lan" in everything and "Hồ sơ khác" in everything and "Trần Thị Lan" in everything
    assigned = client.get(reverse("awards:proposals_received"), {"mine": "1"}).content.decode()
    assert "Hồ sơ của Lan" in assigned and "Hồ sơ khác" not in assigned
    # The union that sent them sees none: it receives nothing.
    client.force_login(world.officer_union_a1)
    assert "Hồ sơ của Lan" not in client.get(reverse("awards:proposals_received")).content.decode()


def test_the_proposal_page_shows_the_lock_and_the_staff_reopen_it(client, world):
    current = rounds.round_create(
        actor=world.staff_district_a, organization=world.district_a, year=2025, title="Đợt 1", deadline=TODAY
    )
    p = _proposal(world)
    SubmissionRound.objects.filter(pk=current.pk).update(deadline=TODAY - datetime.timedelta(days=1))
    url = reverse("awards:proposal_detail", args=[p.pk])
    client.force_login(world.officer_union_a1)
    page = client.get(url).content.decode()
    assert "data-locked" in page and 'data-action="reopen"' not in page
    client.force_login(world.staff_district_a)
    page = client.get(url).content.decode()
    assert 'data-action="reopen"' in page
    client.post(reverse("awards:proposal_reopen", args=[p.pk]), {"until": _dmy(TODAY)})
    assert ProposalProcessing.objects.get(proposal=p).reopened_until == TODAY
    client.force_login(world.officer_union_a1)
    assert "data-locked" not in client.get(url).content.decode()
