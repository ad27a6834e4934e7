"""The audit log: append-only in the database and in Django, written on every act on personal data."""

import datetime
import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AppendOnlyError, AuditEntry
from audit.services import record
from tests.factories import MemberFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")


def _entry(world):
    return record(actor=world.officer_union_a1, action="view", obj=world.member_a1)


def test_entry_names_the_member_by_code_only(world):
    entry = _entry(world)
    assert entry.label == world.member_a1.member_code
    assert entry.organization == world.union_a1
    assert (entry.object_type, entry.object_id) == ("unions.member", str(world.member_a1.pk))
    assert world.member_a1.national_id not in entry.label and "Nguyễn" not in entry.label


def test_django_refuses_update_and_delete(world):
    entry = _entry(world)
    entry.label = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET label = 'x'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_database_trigger_refuses_update_and_delete(world, sql):
    _entry(world)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEntry.objects.count() == 1


def test_queryset_update_and_delete_hit_the_trigger(world):
    _entry(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(label="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)


def test_database_trigger_refuses_truncate(world):
    _entry(world)
    with connection.cursor() as cursor:
        # The test database allows TRUNCATE for flushes; a real session has no such setting.
        cursor.execute("SET LOCAL audit.allow_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks before TRUNCATE
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == 1


def test_app_role_may_insert_but_not_update(world):
    _entry(world)
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE thidua_audit_app NOLOGIN")
        cursor.execute("GRANT SELECT, INSERT ON audit_auditentry TO thidua_audit_app")
        cursor.execute("GRANT USAGE ON SEQUENCE audit_auditentry_id_seq TO thidua_audit_app")
        cursor.execute("SET LOCAL ROLE thidua_audit_app")
        try:
            cursor.execute(
                "INSERT INTO audit_auditentry (created_at, action, object_type, object_id, label, "
                "user_agent) VALUES (now(), 'view', '', '', 'by the app role', '')"
            )
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in (
                "UPDATE audit_auditentry SET label = 'x'",
                "DELETE FROM audit_auditentry",
                "TRUNCATE audit_auditentry",
            ):
                with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                    cursor.execute(sql)
        finally:
            cursor.execute("RESET ROLE")
    assert AuditEntry.objects.count() == 2


def test_migration_revoked_the_privileges_of_its_role(world):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_auditentry'::regclass AND NOT tgisinternal"
        )
        assert cursor.fetchone()[0] == 2


def _actions(**filters):
    return list(AuditEntry.objects.filter(object_type="unions.member", **filters).values_list("action", flat=True))


def test_member_pages_and_exports_are_logged(client, world, award_catalogue):
    client.force_login(world.officer_union_a1)
    member = world.member_a1
    client.get(reverse("unions:member_detail", args=[member.pk]), HTTP_USER_AGENT="Firefox/1")
    entry = AuditEntry.objects.get(action="view")
    assert (entry.actor, entry.object_id, entry.ip, entry.user_agent) == (
        world.officer_union_a1,
        str(member.pk),
        "127.0.0.1",
        "Firefox/1",
    )
    client.post(
        reverse("unions:member_edit", args=[member.pk]),
        {"full_name": "Nguyễn Văn An", "gender": "male", "organization": world.union_a1.pk},
    )
    assert _actions(object_id=str(member.pk)) == ["change", "view"]
    client.post(
        reverse("unions:member_create"),
        {"full_name": "Trần Thị Mới", "gender": "female", "organization": world.union_a1.pk},
    )
    assert AuditEntry.objects.filter(action="create", object_type="unions.member").count() == 1
    for name in ("unions:member_export", "awards:award_export", "campaigns:registration_export"):
        assert client.get(reverse(name)).status_code == 200
    assert AuditEntry.objects.filter(action="export").count() == 3


def test_leaving_and_transfer_are_logged(client, world):
    client.force_login(world.staff_district_a)
    client.post(
        reverse("unions:member_transfer", args=[world.member_a1.pk]),
        {"to_organization": world.union_a2.pk, "transferred_on": "01/02/2026"},
    )
    client.post(
        reverse("unions:member_leave", args=[world.member_a2.pk]), {"left_on": "01/02/2026", "reason": "retired"}
    )
    assert AuditEntry.objects.filter(action="change").count() == 2


# --- the administrators' page ---


def _fill(world, count):
    for i in range(count):
        AuditEntry(
            actor=world.officer_union_a1 if i % 2 else world.staff_district_a,
            action="view",
            object_type="unions.member",
            object_id=str(i),
            label=f"DV{i:08d}",
            organization=world.union_a1 if i % 2 else world.union_a2,
        ).save()


def test_list_filters(client, world):
    _fill(world, 6)
    old = AuditEntry(
        actor=world.admin,
        action="export",
        label="old",
        organization=world.union_b1,
        created_at=datetime.datetime(2025, 1, 10, 9, tzinfo=datetime.UTC),
    )
    old.save()
    client.force_login(world.admin)
    url = reverse("audit:entry_list")
    count = lambda params: client.get(url, params).context["page"].paginator.count  # noqa: E731
    assert count({}) == 8  # with the administrator's sign-in
    assert count({"actor": "officer_union_a1"}) == 3
    assert count({"action": "export"}) == 1
    assert count({"action": "login"}) == 1
    assert count({"organization": world.district_a.pk}) == 6
    assert count({"date_from": "01/01/2025", "date_to": "10/01/2025"}) == 1
    assert count({"date_to": "09/01/2025"}) == 0


# --- the citizen ID never travels in a URL ---

LINK = re.compile(r'(?:href|action|hx-get|hx-post|src|hx-push-url)="([^"]*)"')


def test_no_generated_link_carries_a_cccd(client, world):
    cccd = world.member_a1.national_id
    MemberFactory(organization=world.union_a1, full_name="Trần Văn Bảy", national_id="001090099999")
    client.force_login(world.officer_union_a1)
    pages = [
        client.get(reverse("unions:member_list")),
        client.get(reverse("unions:member_detail", args=[world.member_a1.pk])),
        client.post(reverse("unions:member_search"), {"q": cccd}),
        client.get(reverse("unions:member_list"), {"q": cccd}),
    ]
    for response in pages:
        html = response.content.decode()
        for link in LINK.findall(html):
            assert cccd not in link and "001090099999" not in link
    found = pages[2].context["page"].object_list
    assert [m.pk for m in found] == [world.member_a1.pk]
    # The search form on the results page does not carry the number on into a GET filter.
    assert f'value="{cccd}"' not in pages[2].content.decode()
    # A CCCD typed into the GET filter is not searched: the page points to the POST search.
    assert [m.level_tag for m in pages[3].context["messages"]] == ["warning"]


def test_no_url_pattern_or_template_link_takes_a_national_id():
    from pathlib import Path

    from django.conf import settings

    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text()
        for link in LINK.findall(text):
            assert "national_id" not in link, path


def test_sign_in_and_other_personal_exports_are_logged(client, world):
    client.post(reverse("login"), {"username": "officer_union_a1", "password": "wrong"})
    assert not AuditEntry.objects.filter(action="login").exists()
    world.officer_union_a1.set_password("Mật-khẩu-dài-2026")
    world.officer_union_a1.save()
    client.post(reverse("login"), {"username": "officer_union_a1", "password": "Mật-khẩu-dài-2026"})
    assert AuditEntry.objects.get(action="login").actor == world.officer_union_a1
    for name in ("initiatives:initiative_export", "initiatives:research_export"):
        assert client.get(reverse(name)).status_code == 200
    assert AuditEntry.objects.filter(action="export").count() == 2


# --- entries written by the services, whichever path calls them ---


def test_member_services_leave_entries_without_a_page(world):
    """A script, job or the admin calling the services leaves the same entries as the pages."""
    from unions import services

    actor = world.staff_district_a
    member = services.member_create(actor=actor, organization=world.union_a1, full_name="Đỗ Thị Lan", gender="female")
    services.member_update(actor=actor, member=member, full_name="Đỗ Thị Lan Anh")
    services.member_transfer(
        actor=actor, member=member, to_organization=world.union_a2, transferred_on=datetime.date(2026, 2, 1)
    )
    services.member_mark_left(actor=actor, member=member, left_on=datetime.date(2026, 3, 1))
    entries = list(
        AuditEntry.objects.filter(object_type="unions.member", object_id=str(member.pk))
        .order_by("id")
        .values_list("action", "actor", "organization", "label", "ip")
    )
    code = member.member_code
    assert entries == [
        ("create", actor.pk, world.union_a1.pk, code, None),
        ("change", actor.pk, world.union_a1.pk, code, None),
        ("change", actor.pk, world.union_a1.pk, f"{code}: chuyển sinh hoạt", None),
        ("change", actor.pk, world.union_a2.pk, f"{code}: ra khỏi tổ chức công đoàn", None),
    ]


def test_a_refused_write_leaves_no_entry(world):
    from django.core.exceptions import ValidationError

    from unions import services

    with pytest.raises(ValidationError):
        services.member_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            full_name="Đỗ Văn Nhỏ",
            gender="male",
            birth_date=datetime.date.today(),
        )
    assert not AuditEntry.objects.exists()


def test_an_import_leaves_one_entry_per_file_and_per_union(world):
    from tests.unions.test_import import GOOD, run_import

    batch = run_import(world, GOOD)
    assert batch.status == "done", batch.errors
    assert list(
        AuditEntry.objects.filter(object_type="unions.importbatch").values_list("action", "object_id", "actor")
    ) == [("create", str(batch.pk), world.officer_union_a1.pk)]
    # GOOD puts two members into the union and one into its division.
    per_union = AuditEntry.objects.filter(object_type="", action="create").values_list("organization", "label")
    assert sorted(per_union) == sorted(
        [
            (world.union_a1.pk, f"Nhập từ Excel: 2 đoàn viên của {world.union_a1.code}"),
            (world.division_a1.pk, f"Nhập từ Excel: 1 đoàn viên của {world.division_a1.code}"),
        ]
    )


def test_entries_written_by_services_during_a_page_carry_its_address(client, world):
    client.force_login(world.officer_union_a1)
    client.post(
        reverse("unions:member_create"),
        {"full_name": "Trần Thị Mới", "gender": "female", "organization": world.union_a1.pk},
        HTTP_USER_AGENT="Firefox/2",
    )
    entry = AuditEntry.objects.get(action="create", object_type="unions.member")
    assert (entry.actor, entry.ip, entry.user_agent) == (world.officer_union_a1, "127.0.0.1", "Firefox/2")


def test_a_refused_or_missing_page_leaves_no_view_entry(client, world):
    client.force_login(world.officer_union_a1)
    assert client.get(reverse("unions:member_detail", args=[world.member_b1.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="view").exists()
