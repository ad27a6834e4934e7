import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from unions import access, services
from unions.models import Member, MemberTransfer, Organization, OrganizationEvent

DAY = datetime.date(2025, 7, 1)


def fresh(org):
    return Organization.objects.get(pk=org.pk)


def test_kind_rules(world):
    with pytest.raises(ValidationError):
        services.organization_create(
            actor=world.staff_district_a,
            parent=world.district_a,
            kind="district_federation",
            name="Sai",
            code="X1",
            happened_on=DAY,
        )
    org = services.organization_create(
        actor=world.staff_district_a,
        parent=world.district_a,
        kind="grassroots",
        name="Công đoàn Trường THCS Cổ Nhuế 2",
        code="hn-btl-009",
        sector="education",
        happened_on=DAY,
        decision_number="15/QĐ",
    )
    assert org.code == "HN-BTL-009"
    assert Organization.objects.get_parent(fresh(org)) == world.district_a
    assert org.events.get().kind == OrganizationEvent.Kind.CREATED


def test_officer_may_add_divisions_but_not_rename_their_union(world):
    services.organization_create(
        actor=world.officer_union_a1,
        parent=world.union_a1,
        kind="group",
        name="Tổ công đoàn Văn phòng",
        code="HN-BTL-001-VP",
        happened_on=DAY,
    )
    with pytest.raises(PermissionDenied):
        services.organization_update(
            actor=world.officer_union_a1, organization=world.union_a1, name="Tên khác", happened_on=DAY
        )


def test_rename_records_event_and_history(world):
    services.organization_update(
        actor=world.staff_district_a,
        organization=world.union_a1,
        name="Công đoàn Trường Tiểu học Xuân Đỉnh A",
        happened_on=DAY,
        decision_number="7/QĐ",
    )
    event = world.union_a1.events.get(kind=OrganizationEvent.Kind.RENAMED)
    assert event.details["old_name"] == "Công đoàn Trường Tiểu học Xuân Đỉnh"
    assert fresh(world.union_a1).history.first().history_user == world.staff_district_a


def test_move_reparents_the_subtree(world):
    services.organization_move(
        actor=world.admin, organization=world.union_a1, new_parent=world.district_b, happened_on=DAY
    )
    a1 = fresh(world.union_a1)
    assert Organization.objects.get_parent(a1) == world.district_b
    assert fresh(world.division_a1).path.startswith(a1.path)
    # Reach follows the tree: district A staff no longer see it.
    assert not access.can(world.staff_district_a, access.READ, a1)


def test_cannot_move_under_itself(world):
    admin = world.admin
    with pytest.raises(ValidationError):
        services.organization_move(
            actor=admin, organization=world.district_a, new_parent=world.union_a1, happened_on=DAY
        )


def test_dissolve_needs_a_successor_while_it_has_members(world):
    with pytest.raises(ValidationError) as exc:
        services.organization_dissolve(
            actor=world.staff_district_a, organization=world.union_a2, happened_on=DAY, decision_number="1/QĐ"
        )
    assert "vẫn còn đơn vị trực thuộc hoặc đoàn viên" in exc.value.messages[0]


def test_2025_change_district_dissolved_into_a_commune_union(world):
    admin = world.admin
    commune = services.organization_create(
        actor=admin,
        parent=world.city,
        kind="commune_union",
        name="Công đoàn phường Xuân Đỉnh",
        code="HN-XD",
        happened_on=DAY,
    )
    services.organization_dissolve(
        actor=admin, organization=world.district_a, successor=commune, happened_on=DAY, decision_number="1520/QĐ-LĐLĐ"
    )
    district = fresh(world.district_a)
    assert district.dissolved_on == DAY and district.successor == commune
    assert {o.pk for o in Organization.objects.get_children(fresh(commune))} == {world.union_a1.pk, world.union_a2.pk}
    assert district.numchild == 0
    assert commune.events.get(kind=OrganizationEvent.Kind.ABSORBED).details["moved_children"] == 2
    # Members stay in their grassroots union, which now sits under the commune union.
    assert Member.objects.get(pk=world.member_a1.pk).organization.path.startswith(fresh(commune).path)


def test_merge_moves_members_and_keeps_the_old_union_readable(world):
    services.organization_merge(
        actor=world.staff_district_a,
        organization=world.union_a2,
        into=world.union_a1,
        happened_on=DAY,
        decision_number="9/QĐ",
    )
    assert Member.objects.get(pk=world.member_a2.pk).organization == world.union_a1
    transfer = MemberTransfer.objects.get(member=world.member_a2)
    assert transfer.from_organization == world.union_a2
    old = fresh(world.union_a2)
    assert old.dissolved_on == DAY and old.successor == world.union_a1
    assert Organization.objects.filter(pk=old.pk).exists()


def test_merge_only_same_kind(world):
    with pytest.raises(ValidationError):
        services.organization_merge(
            actor=world.admin,
            organization=world.district_a,
            into=world.union_b1,
            happened_on=DAY,
            decision_number="9/QĐ",
        )


def _paths_are_current():
    """Every copied path on the large tables equals its owner's path (unions/ancestry.py)."""
    from unions.ancestry import models_with_paths

    for model in models_with_paths():
        stale = [
            (model.__name__, row.pk)
            for row in model.objects.select_related("organization")
            if row.org_path != row.organization.path
        ]
        assert not stale, stale


@pytest.fixture
def owned_rows(world, award_catalogue):
    from campaigns.models import Campaign, Registration
    from tests.awards import helpers as h

    h.award(world.member_a1, code="LDTT", year=2025)
    h.award(world.member_a2, code="LDTT", year=2025)
    h.initiative(world.member_a2, 2025, "grassroots")
    campaign = Campaign.objects.create(
        code="C-A",
        name="Phong trào",
        kind="annual",
        organizer=world.city,
        year=2025,
        start_on=datetime.date(2025, 1, 1),
        end_on=datetime.date(2025, 12, 31),
        registration_deadline=datetime.date(2025, 12, 31),
        titles=["A"],
        status="launched",
    )
    Registration.objects.create(
        campaign=campaign, year=2025, organization=world.union_a2, member=world.member_a2, title="A"
    )
    return world


def test_copied_paths_follow_a_move(owned_rows):
    world = owned_rows
    _paths_are_current()
    services.organization_move(
        actor=world.admin, organization=world.union_a2, new_parent=world.district_b, happened_on=DAY
    )
    moved = fresh(world.union_a2)
    assert Member.objects.get(pk=world.member_a2.pk).org_path == moved.path
    _paths_are_current()
    # Scoping reads the copied path: district B's staff now see the member, district A's no longer do.
    assert not Member.objects.visible_to(world.staff_district_a).filter(pk=world.member_a2.pk).exists()
    assert (
        Member.objects.visible_to(world.admin)
        .filter(org_path__startswith=fresh(world.district_b).path, pk=world.member_a2.pk)
        .exists()
    )


def test_copied_paths_follow_a_merge_and_a_dissolution(owned_rows):
    world = owned_rows
    services.organization_merge(
        actor=world.staff_district_a,
        organization=world.union_a2,
        into=world.union_a1,
        happened_on=DAY,
        decision_number="9/QĐ",
    )
    assert Member.objects.get(pk=world.member_a2.pk).org_path == fresh(world.union_a1).path
    _paths_are_current()
    commune = services.organization_create(
        actor=world.admin,
        parent=world.city,
        kind="commune_union",
        name="Công đoàn phường Xuân Đỉnh",
        code="HN-XD2",
        happened_on=DAY,
    )
    services.organization_dissolve(
        actor=world.admin,
        organization=world.district_a,
        successor=commune,
        happened_on=DAY,
        decision_number="1520/QĐ-LĐLĐ",
    )
    assert Member.objects.get(pk=world.member_a1.pk).org_path.startswith(fresh(commune).path)
    _paths_are_current()
