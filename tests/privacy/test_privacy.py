"""Data-subject requests, recorded legal basis, and anonymising a member who left."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from awards.models import Award, LeaveRecord
from campaigns.models import Campaign, Registration
from privacy import services
from privacy.models import Anonymisation, DataSubjectRequest, MemberConsent, add_working_days
from reports import metrics, periods
from tests.awards import helpers as h
from unions import services as member_services
from unions.models import Member

MONDAY = datetime.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (MONDAY, datetime.date(2026, 11, 4)),  # Mon -> Wed
        (datetime.date(2026, 11, 5), datetime.date(2026, 11, 9)),  # Thu -> Mon
        (datetime.date(2026, 11, 6), datetime.date(2026, 11, 10)),  # Fri -> Tue
        (datetime.date(2026, 11, 7), datetime.date(2026, 11, 10)),  # Sat -> Tue
        (datetime.date(2026, 11, 8), datetime.date(2026, 11, 10)),  # Sun -> Tue
    ],
)
def test_acknowledge_within_two_working_days(received, expected):
    assert add_working_days(received, 2) == expected


def _request(world, received=MONDAY, user=None, member=None):
    return services.data_request_create(
        actor=user or world.officer_union_a1, member=member or world.member_a1, kind="access", received_on=received
    )


def test_request_dues_and_audit(world):
    data_request = _request(world)
    assert (data_request.acknowledge_due, data_request.due_on) == (
        datetime.date(2026, 11, 4),
        datetime.date(2026, 11, 17),
    )
    assert data_request.status == "open"
    assert AuditEntry.objects.filter(action="create", object_type="privacy.datasubjectrequest").count() == 1


def test_request_validation_and_reach(world):
    with pytest.raises(ValidationError):
        _request(world, received=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        _request(world, user=world.officer_union_b1)
    with pytest.raises(PermissionDenied):
        _request(world, user=world.leader_city)


def test_status_moves_forward_only(world):
    data_request = _request(world)
    data_request = services.data_request_update(
        actor=world.officer_union_a1, data_request=data_request, status="acknowledged"
    )
    assert data_request.acknowledged_on == timezone.localdate() and data_request.handled_by == world.officer_union_a1
    with pytest.raises(ValidationError):
        services.data_request_update(actor=world.officer_union_a1, data_request=data_request, status="refused")
    data_request = services.data_request_update(
        actor=world.officer_union_a1, data_request=data_request, status="resolved", notes="Đã gửi bản sao dữ liệu"
    )
    assert data_request.resolved_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.data_request_update(
            actor=world.officer_union_a1, data_request=data_request, status="refused", notes="x"
        )


def test_list_is_scoped_and_highlights_overdue(client, world):
    late = _request(world, received=timezone.localdate() - datetime.timedelta(days=20))
    fresh = _request(world, received=timezone.localdate())
    other = _request(world, user=world.officer_union_b1, member=world.member_b1)
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("privacy:request_list"))
    rows = {r.pk: r.overdue for r in response.context["page"].object_list}
    assert rows == {late.pk: True, fresh.pk: False}
    assert other.pk not in rows
    assert "table-danger" in response.content.decode()
    client.force_login(world.staff_district_a)
    assert {r.pk for r in client.get(reverse("privacy:request_list")).context["page"].object_list} == {
        late.pk,
        fresh.pk,
    }


def test_request_pages(client, world):
    client.force_login(world.officer_union_a1)
    url = reverse("privacy:request_create", args=[world.member_a1.pk])
    assert client.post(url, {"kind": "correction", "received_on": "02/11/2026"}).status_code == 302
    data_request = DataSubjectRequest.objects.get()
    detail = reverse("privacy:request_detail", args=[data_request.pk])
    assert client.post(detail, {"status": "refused"}).status_code == 200  # a refusal needs its reason
    assert client.post(detail, {"status": "refused", "notes": "Không thuộc phạm vi"}).status_code == 302
    data_request.refresh_from_db()
    assert data_request.status == "refused"


# --- recorded legal basis ---


def test_consent_recorded_on_the_member_page_and_withdrawn(client, world):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("privacy:consent_create", args=[world.member_a1.pk]), {"basis": "consent", "given_on": "01/11/2026"}
    )
    assert response.status_code == 302
    consent = MemberConsent.objects.get()
    assert (consent.recorded_by, consent.notice_version) == (world.officer_union_a1, "2026-11")
    page = client.get(reverse("unions:member_detail", args=[world.member_a1.pk])).content.decode()
    assert "01/11/2026" in page and reverse("privacy:consent_withdraw", args=[consent.pk]) in page
    client.post(reverse("privacy:consent_withdraw", args=[consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()


def test_leader_sees_no_privacy_buttons(client, world):
    client.force_login(world.leader_city)
    page = client.get(reverse("unions:member_detail", args=[world.member_a1.pk])).content.decode()
    assert reverse("privacy:consent_create", args=[world.member_a1.pk]) not in page


def test_consent_recorded_with_a_new_member(client, world):
    client.force_login(world.officer_union_a1)
    client.post(
        reverse("unions:member_create"),
        {
            "full_name": "Đỗ Thị Mai",
            "gender": "female",
            "organization": world.union_a1.pk,
            "consent-basis": "contract",
            "consent-given_on": "03/11/2026",
        },
    )
    consent = MemberConsent.objects.get()
    assert (consent.member.full_name, consent.basis, consent.given_on) == (
        "Đỗ Thị Mai",
        "contract",
        datetime.date(2026, 11, 3),
    )
    client.post(
        reverse("unions:member_create"),
        {"full_name": "Đỗ Văn Không", "gender": "male", "organization": world.union_a1.pk},
    )
    assert Member.objects.filter(full_name="Đỗ Văn Không").exists()
    assert MemberConsent.objects.count() == 1


# --- anonymisation ---


@pytest.fixture
def left_member(world, award_catalogue):
    member = world.member_a1
    member_services.member_update(
        actor=world.officer_union_a1,
        member=member,
        phone="0912345678",
        email="an@example.vn",
        job_title="Giáo viên",
        ethnicity="Kinh",
        card_number="CD-123",
    )
    h.award(member, code="LDTT", year=2024)
    campaign = Campaign.objects.create(
        code="C",
        name="Phong trào",
        kind="annual",
        organizer=world.city,
        year=2024,
        start_on=datetime.date(2024, 1, 1),
        end_on=datetime.date(2024, 12, 31),
        registration_deadline=datetime.date(2024, 12, 31),
        titles=["A"],
        status="launched",
        launched_on=datetime.date(2024, 1, 5),
    )
    Registration.objects.create(campaign=campaign, year=2024, organization=world.union_a1, member=member, title="A")
    member_services.member_mark_left(actor=world.officer_union_a1, member=member, left_on=datetime.date(2025, 6, 30))
    member.refresh_from_db()
    return member


def _figures(world):
    period = periods.year(2024)
    return {
        code: metrics.REGISTRY[code].value(world.district_a, period)
        for code in ("members", "members_women", "members_new", "registrations", "awards_individual")
    }


def test_only_a_member_who_left_is_anonymised(world):
    with pytest.raises(ValidationError):
        services.anonymise_member(actor=world.officer_union_a1, member=world.member_a1)
    with pytest.raises(PermissionDenied):
        services.anonymise_member(actor=world.leader_city, member=world.member_a1)


def test_anonymise_erases_personal_data_and_keeps_the_figures(world, left_member):
    member = left_member
    before = _figures(world)
    awards, registrations = (
        Award.objects.filter(member=member).count(),
        Registration.objects.filter(member=member).count(),
    )
    cccd = member.national_id
    LeaveRecord.objects.create(member=member, year=2024, kind="sick", days=12)
    services.anonymise_member(actor=world.officer_union_a1, member=member)
    assert not LeaveRecord.objects.filter(member=member).exists()
    assert not LeaveRecord.history.filter(member_id=member.pk).exists()
    member.refresh_from_db()
    assert member.full_name == f"Anonymised member {member.member_code}" or member.member_code in member.full_name
    assert "Nguyễn" not in member.full_name
    assert (
        member.national_id,
        member.birth_date,
        member.phone,
        member.email,
        member.card_number,
        member.ethnicity,
        member.job_title,
    ) == (None, None, "", "", "", "", "")
    assert member.status == "left" and member.left_on == datetime.date(2025, 6, 30)
    for version in member.history.all():
        assert version.full_name == member.full_name
        assert (version.national_id, version.birth_date, version.phone, version.email) == (None, None, "", "")
    assert not Member.history.filter(national_id=cccd).exists()
    assert Award.objects.filter(member=member).count() == awards == 1
    assert Registration.objects.filter(member=member).count() == registrations == 1
    assert _figures(world) == before
    entry = AuditEntry.objects.get(action="anonymise")
    assert entry.label == member.member_code and entry.actor == world.officer_union_a1
    with pytest.raises(ValidationError):
        services.anonymise_member(actor=world.officer_union_a1, member=member)


def test_anonymise_confirm_page(client, world, left_member):
    client.force_login(world.officer_union_a1)
    detail = client.get(reverse("unions:member_detail", args=[left_member.pk])).content.decode()
    url = reverse("privacy:member_anonymise", args=[left_member.pk])
    assert url in detail
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Anonymisation.objects.filter(member=left_member).exists()
    detail = client.get(reverse("unions:member_detail", args=[left_member.pk])).content.decode()
    assert url not in detail and "Nguyễn Văn An" not in detail


def test_no_anonymise_button_for_an_active_member(client, world):
    client.force_login(world.officer_union_a1)
    detail = client.get(reverse("unions:member_detail", args=[world.member_a1.pk])).content.decode()
    assert reverse("privacy:member_anonymise", args=[world.member_a1.pk]) not in detail


def test_privacy_notice_is_public_and_linked(client):
    response = client.get(reverse("privacy:notice"))
    assert response.status_code == 200
    login = client.get(reverse("login")).content.decode()
    assert login.count(reverse("privacy:notice")) == 2  # the footer and the sign-in form
