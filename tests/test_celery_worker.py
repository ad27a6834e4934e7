"""The member import runs on a real Celery worker through the Redis broker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.xlsx_files import member_file
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member
from unions.tasks import import_members

pytestmark = pytest.mark.celery_worker


def test_confirmed_import_runs_on_the_worker(world, celery_worker, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("a.xlsx", member_file([["Vương Thị Hồng", "Nữ", "02/02/1990", "001190000222"]]))
    batch = imports.batch_create(actor=world.officer_union_a1, organization=world.union_a1, upload=upload)
    assert batch.status == ImportBatch.Status.PREVIEWED
    # Enqueue the way the view does: after commit, by id.
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    result = import_members.delay(batch.pk)
    assert result.get(timeout=20)["status"] in ("done", "queued")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Member.objects.filter(national_id="001190000222", organization=world.union_a1).count() == 1


def test_redelivered_task_does_not_import_twice(world, celery_worker):
    upload = SimpleUploadedFile("a.xlsx", member_file([["Vương Văn Hải", "Nam", "", "001090000333"]]))
    batch = imports.batch_create(actor=world.officer_union_a1, organization=world.union_a1, upload=upload)
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    first = import_members.delay(batch.pk).get(timeout=20)
    second = import_members.delay(batch.pk).get(timeout=20)
    assert first == {"status": "done", "created": 1}
    assert second == {"status": "done", "created": 1}
    assert Member.objects.filter(national_id="001090000333").count() == 1
