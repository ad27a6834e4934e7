"""Authority by action: the one table, the three entry points, and a guard that nobody else decides."""

import pathlib
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from audit.models import Action as AuditAction
from audit.selectors import entry_list_for
from audit.services import record
from tests.factories import UserFactory, add_org, role
from unions import access, selectors
from unions.access import GRANTS, GRASSROOTS_LEVEL, UPPER_LEVEL, RoleKind
from unions.models import MEMBER_HOLDING_KINDS, Member, OrgKind

FEDERATION_ONLY = {
    access.CAMPAIGN_ORGANISE,
    access.REGISTRATION_CHANGE_AFTER_DEADLINE,
    access.INITIATIVE_RECOGNISE_PROVINCIAL,
    access.DOCUMENT_TEMPLATE,
    access.AWARD_REGISTER_IMPORT,
}
ADMINISTRATION = {access.USER_MANAGE, access.AUDIT_READ}


def test_the_levels_follow_the_organisation_kinds():
    for kind in OrgKind:
        expected = GRASSROOTS_LEVEL if kind in MEMBER_HOLDING_KINDS else UPPER_LEVEL
        assert access.level_of(kind) == expected, kind


def test_every_role_kind_and_level_has_a_row_and_every_action_is_granted_to_someone():
    assert set(GRANTS) == {(kind, level) for kind in RoleKind for level in (GRASSROOTS_LEVEL, UPPER_LEVEL)}
    granted = set().union(*GRANTS.values())
    assert granted == set(access.ACTIONS)


@pytest.mark.parametrize("level", [GRASSROOTS_LEVEL, UPPER_LEVEL])
def test_leaders_only_read(level):
    assert GRANTS[(RoleKind.LEADER, level)] == {access.READ}


def test_a_grassroots_officer_is_told_apart_from_federation_staff():
    officer = GRANTS[(RoleKind.UNION_OFFICER, GRASSROOTS_LEVEL)]
    staff = GRANTS[(RoleKind.FEDERATION_STAFF, UPPER_LEVEL)]
    assert not officer & (FEDERATION_ONLY | ADMINISTRATION)
    assert staff >= FEDERATION_ONLY and not staff & ADMINISTRATION
    assert {access.MEMBER_WRITE, access.PROPOSAL_SUBMIT, access.ORG_ADD_UNIT} <= officer


def test_only_administrators_manage_users_and_read_the_audit_log():
    for (kind, _level), actions in GRANTS.items():
        assert bool(actions & ADMINISTRATION) == (kind == RoleKind.ADMIN)


def test_can_on_organisations_and_owned_objects(world):
    staff, officer = world.staff_district_a, world.officer_union_a1
    assert access.can(staff, access.CAMPAIGN_ORGANISE, world.district_a)
    assert not access.can(staff, access.CAMPAIGN_ORGANISE, world.union_a1)  # a union does not organise campaigns
    assert not access.can(officer, access.CAMPAIGN_ORGANISE)
    assert access.can(staff, access.CAMPAIGN_ORGANISE)
    assert access.can(officer, access.MEMBER_WRITE, world.member_a1)  # through Member.org_field
    assert not access.can(officer, access.MEMBER_WRITE, world.member_a2)
    assert not access.can(world.leader_city, access.MEMBER_WRITE, world.member_a1)
    with pytest.raises(ValueError):
        access.can(staff, "org.manage", world.district_a)


def test_restructuring_is_decided_one_level_up(world):
    officer, staff = world.officer_union_a1, world.staff_district_a
    assert not access.can(officer, access.ORG_RESTRUCTURE, world.union_a1)
    assert access.can(officer, access.ORG_RESTRUCTURE, world.division_a1)
    assert access.can(staff, access.ORG_RESTRUCTURE, world.union_a1)
    assert not access.can(staff, access.ORG_RESTRUCTURE, world.district_a)
    assert set(access.orgs_for(officer, access.ORG_RESTRUCTURE)) == {world.division_a1}
    assert world.district_a not in set(access.orgs_for(staff, access.ORG_RESTRUCTURE))
    assert not access.can(world.admin, access.ORG_RESTRUCTURE, world.root)


def test_late_registrations_and_higher_recognitions_belong_to_the_level_above(world):
    officer, staff = world.officer_union_a1, world.staff_district_a
    for action in (access.REGISTRATION_CHANGE_AFTER_DEADLINE, access.INITIATIVE_RECOGNISE_PROVINCIAL):
        assert access.can(staff, action, world.union_a1), action
        assert not access.can(officer, action, world.union_a1), action
    # An officer role placed at a federation acts as its staff: the level decides, not the title.
    clerk = UserFactory(username="clerk_district_a")
    role(clerk, world.district_a, "union_officer")
    assert access.can(clerk, access.REGISTRATION_CHANGE_AFTER_DEADLINE, world.union_a1)


def test_orgs_for_narrows_to_the_kinds_an_action_applies_to(world):
    assert set(access.orgs_for(world.staff_district_a, access.CAMPAIGN_ORGANISE)) == {world.district_a}
    assert set(access.orgs_for(world.officer_union_a1, access.CLUSTER_ORGANISE)) == {world.union_a1}
    assert world.union_a1 in set(access.orgs_for(world.staff_district_a, access.PROPOSAL_SUBMIT))
    assert world.division_a1 not in set(access.orgs_for(world.staff_district_a, access.PROPOSAL_SUBMIT))


def test_get_for_answers_404_outside_reach_and_403_when_not_allowed(world):
    assert (
        access.get_for(world.officer_union_a1, selectors.member_get_for, world.member_a1.pk, access.MEMBER_WRITE)
        == world.member_a1
    )
    with pytest.raises(Http404):
        access.get_for(world.officer_union_b1, selectors.member_get_for, world.member_a1.pk)
    with pytest.raises(PermissionDenied):
        access.get_for(world.leader_city, selectors.member_get_for, world.member_a1.pk, access.MEMBER_WRITE)
    assert access.get_for(world.staff_district_a, Member.objects.all(), world.member_a2.pk) == world.member_a2
    with pytest.raises(Http404):
        access.get_for(world.officer_union_a1, Member.objects.all(), world.member_a2.pk)
    with pytest.raises(TypeError):
        access.get_for(world.admin, [world.member_a1], world.member_a1.pk)


def test_an_administrator_below_the_root_reads_only_the_log_of_their_subtree(world):
    district_admin = UserFactory(username="admin_district_a")
    role(district_admin, world.district_a, "admin")
    record(actor=world.staff_district_a, action=AuditAction.VIEW, obj=world.member_a1, organization=world.union_a1)
    record(actor=world.officer_union_b1, action=AuditAction.VIEW, obj=world.member_b1, organization=world.union_b1)
    record(actor=world.officer_union_b1, action=AuditAction.LOGIN)
    seen = {e.organization_id for e in entry_list_for(district_admin)}
    assert seen == {world.union_a1.pk}
    assert {e.organization_id for e in entry_list_for(world.admin)} == {world.union_a1.pk, world.union_b1.pk, None}
    assert not entry_list_for(world.staff_district_a).exists()


def test_leaders_home_is_the_dashboard(world):
    assert access.reads_only(world.leader_city)
    assert not access.reads_only(world.officer_union_a1)
    assert not access.reads_only(world.outsider)


def test_second_factor_for_administrators_and_federation_staff(world):
    assert access.needs_second_factor(world.admin)
    assert access.needs_second_factor(world.staff_district_a)
    assert not access.needs_second_factor(world.officer_union_a1)


def test_recipients_by_role(world):
    assert {r.user for r in access.officers_of([world.union_a1.pk])} == {world.officer_union_a1}
    assert access.leaders_over(world.union_b1) == {world.leader_city}
    other = add_org(world.root, "provincial_federation", "Liên đoàn Lao động tỉnh Phú Thọ", code="PT")
    assert access.leaders_over(other) == set()


# --- the guard: authority is decided in the access module only ------------------------------------------

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ["unions", "campaigns", "awards", "reports", "privacy", "audit", "notifications", "jobs", "core", "emulation"]
# RoleKind names a role's kind where roles are stored, chosen or generated, never to decide what it may do.
ROLE_KIND_ALLOWED = {
    "unions/access.py": "the table itself",
    "unions/models.py": "the Role.kind field's choices",
    "unions/forms.py": "the role form offers the kinds to choose from",
}
OLD_HELPERS = [
    "_federation_can",
    "can_recognise_at",
    "_can_organise",
    "can_review",
    "can_revoke",
    "can_manage_structure",
    "has_perm_on",
    "has_perm",
    "ORG_MANAGE",
    "get_or_404",
]


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel or "/scale/" in rel or rel.endswith(("demo.py", "demo_loader.py")):
                continue
            yield rel, path.read_text()


def test_no_module_but_access_decides_authority_from_role_kinds():
    offenders = [rel for rel, text in _sources() if "RoleKind" in text and rel not in ROLE_KIND_ALLOWED]
    assert offenders == []


def test_no_permission_check_is_mixed_with_organisation_kinds():
    call = re.compile(r"access\.(can|require|orgs_for|get_for|restrict)\(")
    offenders = []
    for rel, text in _sources():
        if rel == "unions/access.py":
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if call.search(line) and re.search(r"(?<!batch)\.kind\b|KINDS|OrgKind|holds_members", line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []


def test_the_old_per_app_authority_helpers_are_gone():
    offenders = [
        f"{rel}: {name}"
        for rel, text in _sources()
        for name in OLD_HELPERS
        if re.search(rf"(?<![\"'\w]){name}\b(?![\"'])", text) and rel != "unions/access.py"
    ]
    assert offenders == []
