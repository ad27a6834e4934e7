import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import Campaign, CampaignLaunch, Registration
from campaigns.selectors import campaigns as selectors
from campaigns.services import campaigns as services
from campaigns.services import launches, registrations
from campaigns.services.reminders import send_due_launch_reminders, send_launch_reminders
from notifications.models import Notification
from tests.factories import MemberFactory, UserFactory, add_org, role

DAY = datetime.date(2026, 3, 2)


def visible(user):
    return set(selectors.campaign_list_for(user).values_list("code", flat=True))


def test_staff_create_and_launch(world):
    c = services.campaign_create(
        actor=world.staff_district_a,
        organizer=world.district_a,
        code="btl-cng-2026",
        name="Công nhân giỏi 2026",
        kind="annual",
        year=2026,
        start_on=datetime.date(2026, 1, 1),
        end_on=datetime.date(2026, 12, 31),
        registration_deadline=datetime.date(2026, 4, 30),
        titles=["Công nhân giỏi quận", " "],
        target_sectors=["private_enterprise"],
    )
    assert (c.code, c.titles, c.target_sectors, c.status) == (
        "BTL-CNG-2026",
        ["Công nhân giỏi quận"],
        ",private_enterprise,",
        "draft",
    )
    assert visible(world.officer_union_a2) == set()
    services.campaign_launch(actor=world.staff_district_a, campaign=c, launched_on=DAY, launch_document="12/KH")
    assert visible(world.officer_union_a2) == {"BTL-CNG-2026"}
    assert visible(world.officer_union_a1) == set()  # an education union is not addressed
    assert visible(world.officer_union_b1) == set()  # another district
    assert "BTL-CNG-2026" in visible(world.leader_city)


def test_officers_and_leaders_cannot_organise(world):
    with pytest.raises(ValidationError):
        services.campaign_create(
            actor=world.officer_union_a1,
            organizer=world.union_a1,
            code="X",
            name="X",
            kind="annual",
            year=2026,
            start_on=DAY,
            end_on=DAY,
            registration_deadline=DAY,
            titles=["A"],
        )
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            actor=world.leader_city,
            organizer=world.city,
            code="X",
            name="X",
            kind="annual",
            year=2026,
            start_on=DAY,
            end_on=DAY,
            registration_deadline=DAY,
            titles=["A"],
        )


def test_city_campaign_reaches_every_union_below(world, campaign):
    for user in (world.officer_union_a1, world.officer_union_b1, world.staff_district_a, world.leader_city):
        assert visible(user) == {"HN-LDG-2026"}
    assert visible(world.outsider) == set()


def test_coverage_is_exact(world, campaign):
    district = add_org(world.city, "district_federation", "Liên đoàn Lao động huyện Thường Tín")
    unions = [add_org(district, "grassroots", f"Công đoàn Công ty {i}") for i in range(20)]
    for union in unions[:19]:
        CampaignLaunch.objects.create(campaign=campaign, organization=union, launched_on=DAY, participants=30)
    data = selectors.coverage(campaign, district)
    assert (data["total"], data["launched"], data["percent"]) == (20, 19, 95.0)
    assert data["not_launched_ids"] == [unions[19].pk]
    city = selectors.coverage(campaign)
    assert (city["total"], city["launched"]) == (23, 19)
    _data, rows = selectors.coverage_rows(campaign, world.leader_city)
    by_name = {r["org"].name: (r["total"], r["launched"], r["percent"]) for r in rows}
    assert by_name["Liên đoàn Lao động huyện Thường Tín"] == (20, 19, 95.0)
    assert by_name["Liên đoàn Lao động quận Bắc Từ Liêm"] == (2, 0, 0.0)


def test_dissolved_unions_are_not_counted(world, campaign):
    from unions.models import Organization

    Organization.objects.filter(pk=world.union_a2.pk).update(dissolved_on=DAY)
    assert selectors.coverage(campaign)["total"] == 2


def test_record_launch_once(world, campaign):
    launches.launch_record(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        launched_on=DAY,
        participants=42,
        document_number="05/KH-CĐ",
    )
    with pytest.raises(ValidationError) as exc:
        launches.launch_record(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            launched_on=DAY,
            participants=42,
        )
    assert exc.value.messages == ["Công đoàn Trường Tiểu học Xuân Đỉnh đã ghi nhận phát động phong trào này."]
    with pytest.raises(PermissionDenied):
        launches.launch_record(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a2,
            launched_on=DAY,
            participants=3,
        )


def test_union_cannot_launch_before_the_federation(world, campaign):
    with pytest.raises(ValidationError) as exc:
        launches.launch_record(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            launched_on=datetime.date(2026, 1, 15),
            participants=10,
        )
    assert "01/02/2026" in exc.value.messages[0]


def five_members(org):
    return [
        MemberFactory(organization=org, full_name=f"Vũ Thị Mai {i}", search_name=f"vu thi mai {i}", gender="female")
        for i in range(5)
    ]


def test_register_members_and_union(world, campaign):
    members = five_members(world.union_a1)
    done = registrations.register_members(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=2026,
        title="Lao động tiên tiến",
        members=members,
        commitment="Hoàn thành xuất sắc nhiệm vụ",
    )
    assert len(done) == 5
    registrations.register_union(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=2026,
        title="Chiến sĩ thi đua cơ sở",
    )
    regs = Registration.objects.visible_to(world.staff_district_a)
    assert regs.count() == 6 and regs.filter(member__isnull=True).count() == 1
    assert Registration.objects.visible_to(world.officer_union_b1).count() == 0


def test_duplicate_registration_is_refused_in_vietnamese(world, campaign):
    members = five_members(world.union_a1)
    registrations.register_members(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=2026,
        title="Lao động tiên tiến",
        members=members[:2],
    )
    with pytest.raises(ValidationError) as exc:
        registrations.register_members(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            title="Lao động tiên tiến",
            members=members,
        )
    assert "Vũ Thị Mai 0 đã đăng ký danh hiệu này." in exc.value.messages
    assert Registration.objects.count() == 2  # nothing of the second batch was written
    registrations.register_union(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=2026,
        title="Lao động tiên tiến",
    )
    with pytest.raises(ValidationError) as exc:
        registrations.register_union(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            title="Lao động tiên tiến",
        )
    assert exc.value.messages == ["Công đoàn này đã đăng ký danh hiệu này trong phong trào và năm này."]


def test_deadline_closes_registration_for_officers_not_for_the_federation(world, campaign):
    campaign.registration_deadline = datetime.date(2026, 1, 31)
    campaign.save()
    member = five_members(world.union_a1)[0]
    with pytest.raises(ValidationError) as exc:
        registrations.register_members(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            title="Lao động tiên tiến",
            members=[member],
        )
    assert "Hết hạn đăng ký ngày 31/01/2026" in exc.value.messages[0]
    registrations.register_members(
        actor=world.staff_district_a,
        campaign=campaign,
        organization=world.union_a1,
        year=2026,
        title="Lao động tiên tiến",
        members=[member],
    )


def test_women_only_campaign(world, campaign):
    campaign.target_group = "women"
    campaign.save()
    with pytest.raises(ValidationError) as exc:
        registrations.register_members(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            title="Lao động tiên tiến",
            members=[world.member_a1],
        )
    assert exc.value.messages == ["Nguyễn Văn An không thể đăng ký: phong trào dành cho đoàn viên nữ."]


def test_title_must_be_offered(world, campaign):
    with pytest.raises(ValidationError):
        registrations.register_union(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            title="Huân chương Lao động",
        )


def test_year_end_result(world, campaign):
    reg = registrations.register_members(
        actor=world.officer_union_a1,
        campaign=campaign,
        organization=world.union_a1,
        year=2026,
        title="Lao động tiên tiến",
        members=[world.member_a1],
    )[0]
    registrations.registration_decide(actor=world.staff_district_a, registration=reg, status="achieved")
    reg.refresh_from_db()
    assert (reg.status, reg.decided_by) == ("achieved", world.staff_district_a)
    with pytest.raises(PermissionDenied):
        registrations.registration_decide(actor=world.leader_city, registration=reg, status="not_achieved")


def test_reminders_go_exactly_to_unions_that_have_not_launched(world, campaign):
    launches.launch_record(
        actor=world.officer_union_a1, campaign=campaign, organization=world.union_a1, launched_on=DAY, participants=20
    )
    world.officer_union_b1.email = "xuanla@example.vn"
    world.officer_union_b1.save()
    too_early = send_launch_reminders(campaign.pk, today=datetime.date(2026, 2, 7))
    assert too_early == []
    sent = send_launch_reminders(campaign.pk, today=datetime.date(2026, 2, 8))
    assert sent == sorted([world.union_a2.pk, world.union_b1.pk])
    notes = Notification.objects.order_by("user__username")
    assert [n.user.username for n in notes] == ["officer_union_a2", "officer_union_b1"]
    assert notes[0].title == "Nhắc việc: phát động phong trào “Lao động giỏi, lao động sáng tạo năm 2026”"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["xuanla@example.vn"]
    assert send_launch_reminders(campaign.pk, today=datetime.date(2026, 2, 9)) == []
    assert Notification.objects.count() == 2 and len(mail.outbox) == 1


def test_the_daily_run_reminds_for_campaigns_launched_a_week_ago(world, campaign):
    assert send_due_launch_reminders(today=datetime.date(2026, 2, 7)) == []
    assert not Notification.objects.exists()
    assert send_due_launch_reminders(today=datetime.date(2026, 2, 8)) == [campaign.pk]
    assert Notification.objects.count() == 3  # the officers of the three unions that have not launched


def test_a_union_with_two_officers_notifies_both_once(world, campaign):
    second = UserFactory(username="officer_union_b1_bis")
    role(second, world.union_b1, "union_officer")
    send_launch_reminders(campaign.pk, today=datetime.date(2026, 3, 1))
    assert Notification.objects.filter(user__in=[world.officer_union_b1, second]).count() == 2


def test_closed_campaign_takes_no_registrations(world, campaign):
    services.campaign_close(actor=world.admin, campaign=campaign)
    assert Campaign.objects.get(pk=campaign.pk).status == "closed"
    with pytest.raises(ValidationError):
        registrations.register_union(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            title="Lao động tiên tiến",
        )
