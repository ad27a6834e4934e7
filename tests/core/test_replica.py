"""The read replica (DATABASE_REPLICA_URL): dashboards, report figures and exports read from it; writes and
reads after a write stay on the primary; without a replica everything reads the primary.

The replica here is a second connection to the test database (what Django's TEST MIRROR does), made for the
test only, so the suite's other tests run as on a single database."""

import pytest
from django.conf import settings
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import db_routing
from core.db_routing import REPLICA, ReplicaRouter, replica_reads
from reports import builder, periods, services
from unions.models import Member, Organization

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica(monkeypatch):
    primary = settings.DATABASES["default"]
    wrapper = load_backend(primary["ENGINE"]).DatabaseWrapper(dict(primary), alias=REPLICA)
    connections[REPLICA] = wrapper
    monkeypatch.setattr(db_routing, "has_replica", lambda: True)
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[REPLICA]


def test_without_a_replica_every_read_is_on_the_primary():
    with replica_reads():
        assert ReplicaRouter().db_for_read(Member) is None
    assert Member.objects.all().db == "default"


def test_reads_in_the_context_go_to_the_replica_until_the_first_write(replica, world):
    assert Member.objects.all().db == "default"  # outside the context
    with replica_reads():
        assert Member.objects.all().db == REPLICA
        Organization.objects.filter(pk=world.union_a1.pk).update(name="Công đoàn Trường Tiểu học Xuân Đỉnh mới")
        # Read-after-write: what was just saved is read where it was saved.
        assert Organization.objects.get(pk=world.union_a1.pk).name.endswith("mới")
        assert Member.objects.all().db == "default"


def test_the_dashboard_reads_its_figures_from_the_replica(replica, world, client):
    client.force_login(world.staff_district_a)
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(replica) as secondary:
        response = client.get(reverse("reports:dashboard"), {"org": world.district_a.pk})
    assert response.status_code == 200
    assert len(secondary) >= 5
    # The primary only served the session and the signed-in user, before the view.
    tables = " ".join(q["sql"] for q in primary.captured_queries)
    assert "reports_" not in tables and "unions_member" not in tables


def test_a_report_reads_its_figures_from_the_replica_and_writes_on_the_primary(replica, world):
    # The request builds the report at once here (tasks run eagerly under test): capture both.
    with CaptureQueriesContext(replica) as secondary, CaptureQueriesContext(connections["default"]) as primary:
        run = services.report_request(
            actor=world.staff_district_a, organization=world.district_a, period=periods.year(2025)
        )
        done = builder.build(run.pk)
    assert done.status == "done" and done.snapshots.exists()
    assert len(secondary) >= 5
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in secondary.captured_queries)
    assert any('INSERT INTO "reports_metricsnapshot"' in q["sql"] for q in primary.captured_queries)
