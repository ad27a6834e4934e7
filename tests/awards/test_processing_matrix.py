"""The desks of a receiving body (issue 14.3) in the permission matrix: each new role × each action of the
access table, and each desk on the pages of the dossier it works on."""

import pytest
from django.urls import reverse

from tests import test_permissions as perm
from tests.factories import UserFactory, role
from unions import access
from unions.access import GRANTS, GRASSROOTS_LEVEL, UPPER_LEVEL, RoleKind

SPECIALIST, HEAD, SIGNER, SECRETARY = "specialist", "department_head", "approving_leader", "council_secretary"
DESKS = (SPECIALIST, HEAD, SIGNER, SECRETARY)

# What each desk may do at a body above the grassroots; at a grassroots union they only read.
EXPECTED = {
    SPECIALIST: {access.READ, access.PROPOSAL_REVIEW},
    HEAD: {access.READ, access.PROPOSAL_REVIEW, access.PROPOSAL_ASSIGN, access.REVIEW_APPROVE},
    SIGNER: {access.READ, access.DECISION_SIGN_OFF},
    SECRETARY: {access.READ, access.COUNCIL_RECORD},
}


@pytest.mark.parametrize("action", sorted(access.ACTIONS))
@pytest.mark.parametrize("kind", DESKS)
def test_each_desk_holds_exactly_its_actions(kind, action):
    assert (action in GRANTS[(RoleKind(kind), UPPER_LEVEL)]) == (action in EXPECTED[kind])
    assert (action in GRANTS[(RoleKind(kind), GRASSROOTS_LEVEL)]) == (action == access.READ)


def test_the_existing_roles_keep_their_powers_and_staff_gain_the_organising_ones():
    staff = GRANTS[(RoleKind.FEDERATION_STAFF, UPPER_LEVEL)]
    assert {access.PROPOSAL_REVIEW, access.COUNCIL_RECORD, access.DECISION_ISSUE, access.PROPOSAL_ASSIGN} <= staff
    assert access.PROCESSING_ORGANISE in staff
    # The head's approval and the leader's sign-off are not the staff's: that is the point of the steps.
    assert not {access.REVIEW_APPROVE, access.DECISION_SIGN_OFF} & staff
    assert GRANTS[(RoleKind.LEADER, UPPER_LEVEL)] == {access.READ}


@pytest.fixture
def desks(world):
    people = {}
    for kind in DESKS:
        people[kind] = UserFactory(username=f"{kind}_district_a")
        role(people[kind], world.district_a, kind)
    return people


def test_the_desks_are_found_for_assignment_only_where_their_role_sits(world, desks):
    reviewers = set(access.holders_at(world.district_a, access.PROPOSAL_REVIEW))
    assert reviewers == {desks[SPECIALIST], desks[HEAD], world.staff_district_a}
    assert not access.holders_at(world.city, access.PROPOSAL_REVIEW).exists()
    assert set(access.holders_at(world.district_a, access.DECISION_SIGN_OFF)) == {desks[SIGNER]}


def test_a_leader_with_approval_rights_receives_the_reports_as_leaders_do(world, desks):
    assert access.leaders_over(world.union_a1) == {world.leader_city, desks[SIGNER]}


def test_the_desks_that_handle_dossiers_sign_in_with_a_second_factor(desks):
    assert access.needs_second_factor(desks[SPECIALIST])
    assert access.needs_second_factor(desks[HEAD])
    assert not access.needs_second_factor(desks[SECRETARY])


# url name -> expected status per desk (at district_a), on the matrix's own targets (union_a1's proposal, …).
PAGES = {
    "awards:proposal_detail": dict.fromkeys(DESKS, 200),
    "awards:proposals_received": dict.fromkeys(DESKS, 200),
    "awards:proposal_review": {SPECIALIST: 302, HEAD: 302, SIGNER: 403, SECRETARY: 403},
    "awards:proposal_return": {SPECIALIST: 302, HEAD: 302, SIGNER: 403, SECRETARY: 403},
    "awards:line_override": {SPECIALIST: 302, HEAD: 302, SIGNER: 403, SECRETARY: 403},
    "awards:notice_publish": {SPECIALIST: 200, HEAD: 200, SIGNER: 403, SECRETARY: 403},
    "awards:council_record": {SPECIALIST: 403, HEAD: 403, SIGNER: 403, SECRETARY: 200},
    "awards:decision_issue": dict.fromkeys(DESKS, 403),
    "awards:minutes_draft": {SPECIALIST: 403, HEAD: 403, SIGNER: 403, SECRETARY: 200},
    "awards:proposal_assign": {SPECIALIST: 403, HEAD: 200, SIGNER: 403, SECRETARY: 403},
    "awards:review_approve": {SPECIALIST: 403, HEAD: 302, SIGNER: 403, SECRETARY: 403},
    "awards:proposal_sign_off": {SPECIALIST: 403, HEAD: 403, SIGNER: 302, SECRETARY: 403},
    "awards:proposal_reopen": dict.fromkeys(DESKS, 403),
    "awards:round_list": dict.fromkeys(DESKS, 403),
    "awards:round_create": dict.fromkeys(DESKS, 403),
    "awards:round_edit": dict.fromkeys(DESKS, 403),
    "awards:round_reopen": dict.fromkeys(DESKS, 403),
    "awards:processing_settings": dict.fromkeys(DESKS, 403),
    "awards:line_add": dict.fromkeys(DESKS, 403),
    "unions:member_edit": dict.fromkeys(DESKS, 403),
}
CASES = [(name, kind) for name in PAGES for kind in DESKS]


def test_every_processing_url_is_in_this_matrix():
    from tests.awards import matrix_processing

    assert set(matrix_processing.MATRIX) <= set(PAGES)


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_desk_matrix(client, world, desks, name, kind):
    method, target, _action, _expected = perm.MATRIX[name]
    url = reverse(name, kwargs=perm.target_kwargs(world, target))
    client.force_login(desks[kind])
    response = getattr(client, method)(url)
    assert response.status_code == PAGES[name][kind], f"{kind} {method.upper()} {url}"


def test_a_desk_of_another_district_does_not_see_the_dossier(client, world):
    other = UserFactory(username="specialist_district_b")
    role(other, world.district_b, SPECIALIST)
    client.force_login(other)
    url = reverse("awards:proposal_detail", kwargs=perm.target_kwargs(world, "proposal_a1"))
    assert client.get(url).status_code == 404
