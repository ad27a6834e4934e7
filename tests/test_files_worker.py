"""A report built by a real worker process is downloaded through the web: the two share the stored files the way
docker-compose.yml shares them (one folder, MEDIA_ROOT), and the worker runs on the production settings module
with only the environment production would give it."""

import os

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from emulation.storage import FILESYSTEM
from jobs.models import Job
from reports import periods, services
from reports.models import ReportRun
from tests.awards import helpers as h
from tests.factories import MemberFactory
from tests.jobs import helpers
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_report_built_by_the_worker_is_downloaded_through_the_web(client, world, award_catalogue, settings, tmp_path):
    helpers.require_services()
    shared = tmp_path / "media"
    shared.mkdir()
    settings.MEDIA_ROOT = shared
    assert settings.STORAGES["default"] == FILESYSTEM  # the web side: production's default, from the environment
    for _ in range(3):
        h.award(MemberFactory(organization=world.union_a1), code="LDTT", year=2025)
    env = helpers.child_env(
        DJANGO_SETTINGS_MODULE="emulation.settings",
        DEBUG="0",
        SECRET_KEY="w" * 60,
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        FILE_STORAGE="filesystem",
        MEDIA_ROOT=shared,
    )
    worker = None
    with helpers.celery_on(env["REDIS_URL"]) as app:
        try:
            worker = helpers.start_worker("files", env, pool="solo")
            helpers.wait_ready(app, "files")
            run = services.report_request(
                actor=world.staff_district_a, organization=world.district_a, period=periods.year(2025)
            )

            def built():
                run.refresh_from_db()
                return run.status == ReportRun.Status.DONE

            wait_until(built, 90, "the worker to build the report", interval=0.5)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{helpers.worker_log(worker)}") from None
        finally:
            helpers.stop(worker)
    job = Job.objects.get(kind=services.BUILD_JOB)
    assert job.status == "succeeded" and job.worker  # claimed and run by the worker process, not here

    client.force_login(world.staff_district_a)
    for name, field in (("reports:report_excel", run.excel), ("reports:report_pdf", run.pdf)):
        assert (shared / field.name).is_file()  # written by the worker into the shared folder
        response = client.get(reverse(name, args=[run.pk]))
        assert response.status_code == 200
        with default_storage.open(field.name, "rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()
        assert response["Cache-Control"] == "private, no-store"
    client.force_login(world.officer_union_b1)
    assert client.get(reverse("reports:report_pdf", args=[run.pk])).status_code == 404
