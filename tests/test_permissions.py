"""The permission matrix: every URL × persona, on an object inside and outside reach.

A URL without a row here fails `test_every_url_is_classified`, so a new view
cannot ship without deciding who may use it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from notifications.models import Notification
from tests import matrix_corrections
from tests.api import matrix_api
from tests.awards import matrix_aggregation, matrix_awards, matrix_processing, matrix_proposals
from tests.campaigns import matrix_campaigns, matrix_initiatives
from tests.documents import matrix_documents
from tests.jobs.exports import finished_export
from tests.personas import ADM, ALL, OUT, A, B, L, S
from tests.privacy import matrix_privacy
from tests.reports import matrix_reports
from tests.unions import matrix_transfers
from tests.xlsx_files import member_file
from unions import access
from unions.importers import member_files as imports
from unions.models import ImportBatch, Role

PUBLIC = (
    {"login", "logout", "healthz", "readyz", "set_language", "password_change_done"}
    # "Quên mật khẩu": for whoever cannot sign in (tests/test_password_reset.py).
    | {"password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"}
    | matrix_privacy.PUBLIC
    | matrix_proposals.PUBLIC
)


def everyone(status):
    return dict.fromkeys(ALL, status)


def reach(ok, *, leader=None, officer=None, staff=None, admin=None):
    """Object in union_a1: officer_b1 and the outsider must get 404."""
    return {A: officer or ok, S: staff or ok, L: leader or ok, B: 404, OUT: 404, ADM: admin or ok}


WRITE_MEMBER = reach(200, leader=403)
MANAGE_STRUCTURE = reach(200, leader=403, officer=403)
USERS_ONLY = {A: 403, S: 403, L: 403, B: 403, OUT: 403, ADM: 200}

# url name -> (method, target, the action the view declares, expected statuses per persona)
MATRIX = {
    "home": ("get", None, "read", everyone(200)),
    "password_change": ("get", None, "self", everyone(200)),
    "otp_setup": ("get", None, "self", everyone(200)),
    "otp_verify": ("get", None, "self", everyone(302)),  # no authenticator yet: sent to set one up
    "unions:organization_tree": ("get", None, "read", everyone(200)),
    "unions:organization_detail": ("get", "union_a1", "read", reach(200)),
    "unions:organization_children": ("get", "union_a1", "read", reach(200)),
    "unions:organization_create": ("get", "union_a1", "org.add_unit", reach(200, leader=403)),
    "unions:organization_edit": ("get", "union_a1", "org.restructure", MANAGE_STRUCTURE),
    "unions:organization_move": ("get", "union_a1", "org.restructure", MANAGE_STRUCTURE),
    "unions:organization_merge": ("get", "union_a1", "org.restructure", MANAGE_STRUCTURE),
    "unions:organization_dissolve": ("get", "union_a1", "org.restructure", MANAGE_STRUCTURE),
    "unions:member_list": ("get", None, "read", everyone(200)),
    "unions:member_search": ("post", None, "read", everyone(200)),
    "unions:member_export": ("get", None, "read", everyone(200)),
    # The pickers' searches: each lists only what its form may choose (tests/unions/test_pickers.py).
    "unions:pick_member": ("post", None, "read", everyone(200)),
    "unions:pick_organization": ("post", None, "read", everyone(200)),
    "unions:member_create": ("get", None, "member.write", {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}),
    "unions:member_detail": ("get", "member_a1", "read", reach(200)),
    "unions:member_edit": ("get", "member_a1", "member.write", WRITE_MEMBER),
    "unions:member_transfer": ("get", "member_a1", "member.write", WRITE_MEMBER),
    "unions:member_leave": ("get", "member_a1", "member.write", WRITE_MEMBER),
    "unions:member_import": ("get", None, "member.write", {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}),
    "unions:member_import_template": (
        "get",
        None,
        "member.write",
        {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200},
    ),
    "unions:import_detail": ("get", "batch_a1", "read", reach(200)),
    "unions:import_map": ("post", "batch_a1", "member.write", reach(302, leader=403)),
    "unions:import_confirm": ("post", "batch_a1", "member.write", reach(302, leader=403)),
    "unions:import_errors": ("get", "batch_a1", "read", reach(200)),
    "unions:user_list": ("get", None, "user.manage", USERS_ONLY),
    "unions:user_create": ("get", None, "user.manage", USERS_ONLY),
    "unions:user_detail": ("get", "user_a2", "user.manage", USERS_ONLY),
    "unions:user_edit": ("get", "user_a2", "user.manage", USERS_ONLY),
    "unions:role_remove": ("post", "role_a2", "user.manage", {**USERS_ONLY, ADM: 302}),
    "notifications:list": ("get", None, "self", everyone(200)),
    "notifications:read_all": ("post", None, "self", everyone(302)),
    "notifications:open": ("post", "note_a1", "self", {A: 302, S: 404, L: 404, B: 404, OUT: 404, ADM: 404}),
    # A list export belongs to whoever asked for it (jobs/exports.py): nobody else, whatever their reach.
    "jobs:export": ("get", "export_a1", "self", {A: 200, S: 404, L: 404, B: 404, OUT: 404, ADM: 404}),
    "jobs:export_download": ("get", "export_a1", "self", {A: 200, S: 404, L: 404, B: 404, OUT: 404, ADM: 404}),
    # Each user's own choices of delivery: every signed-in user has a page, about themselves only.
    "notifications:preferences": ("get", None, "self", everyone(200)),
}


EXTENSIONS = [
    matrix_api,
    matrix_campaigns,
    matrix_initiatives,
    matrix_documents,
    matrix_awards,
    matrix_proposals,
    matrix_reports,
    matrix_privacy,
    matrix_transfers,
    matrix_aggregation,
    matrix_processing,
    matrix_corrections,
]
for _ext in EXTENSIONS:
    MATRIX.update(_ext.MATRIX)


def _names(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from _names(entry, prefix + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


def test_every_url_is_classified():
    names = set(_names(get_resolver()))
    unclassified = names - set(MATRIX) - PUBLIC - matrix_api.ENDPOINTS
    assert not unclassified, f"add these URLs to the permission matrix: {sorted(unclassified)}"
    assert not set(MATRIX) - names, "matrix rows for URLs that no longer exist"
    assert not matrix_api.ENDPOINTS - names, "API endpoints that no longer exist"


def _views(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            for name, view in _views(entry):
                yield (f"{entry.namespace}:{name}" if entry.namespace else name), view
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, entry.callback


def test_every_view_declares_the_action_of_its_matrix_row():
    """The "action" column: a view's declared action (access.declares / about_self) and its row agree, and
    every declared action is one of the access module's, so a view cannot silently change what it asks."""
    declared = {name: getattr(view, "access_action", None) for name, view in _views()}
    wrong = {name: (declared[name], row[2]) for name, row in MATRIX.items() if declared[name] != row[2]}
    assert wrong == {}, "view declares ≠ matrix row"
    assert {action for _m, _t, action, _e in MATRIX.values()} <= set(access.ACTIONS) | {access.SELF}
    assert not {name for name in PUBLIC if declared.get(name)}, "a public page declares an action"


def target_kwargs(world, target):
    """URL kwargs for a matrix row's `target` (creating the object); {} when the URL takes none."""
    if target is None:
        return {}
    for ext in EXTENSIONS:
        kwargs = ext.make_target(world, target)
        if kwargs is not None:
            return kwargs
    if target == "batch_a1":
        # A real upload with one row error: the pages read its parsed rows.
        upload = SimpleUploadedFile("a.xlsx", member_file([["Nguyễn Văn A", ""]]))
        batch = imports.batch_create(actor=world.officer_union_a1, organization=world.union_a1, upload=upload)
        assert batch.status == ImportBatch.Status.INVALID and batch.errors
        return {"pk": batch.pk}
    if target == "note_a1":
        note = Notification.objects.create(user=world.officer_union_a1, key="t", title="Nhắc việc", link="/")
        return {"pk": note.pk}
    if target == "export_a1":
        return {"pk": finished_export(world.officer_union_a1).pk}
    if target == "user_a2":
        return {"pk": world.officer_union_a2.pk}
    if target == "role_a2":
        return {"pk": Role.objects.get(user=world.officer_union_a2).pk}
    return {"pk": getattr(world, target).pk}


CASES = [(name, persona) for name in MATRIX for persona in MATRIX[name][3]]


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_matrix(client, world, name, persona):
    method, target, _action, expected = MATRIX[name]
    url = reverse(name, kwargs=target_kwargs(world, target))
    client.force_login(getattr(world, persona))
    response = getattr(client, method)(url)
    assert response.status_code == expected[persona], f"{persona} {method.upper()} {url}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_login(client, world, name):
    method, target, _action, _expected = MATRIX[name]
    url = reverse(name, kwargs=target_kwargs(world, target))
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("unions:organization_detail", "union_b1"),
        ("unions:organization_edit", "union_b1"),
        ("unions:member_detail", "member_b1"),
        ("unions:member_edit", "member_b1"),
        ("unions:member_transfer", "member_b1"),
        ("unions:member_leave", "member_b1"),
    ],
)
def test_staff_of_one_district_cannot_reach_another(client, world, name, target):
    client.force_login(world.staff_district_a)
    assert client.get(reverse(name, kwargs={"pk": getattr(world, target).pk})).status_code == 404
