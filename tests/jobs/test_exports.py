"""List exports never hold a request for long: above EXPORT_INLINE_ROWS rows a background job writes the file
(on a real worker here), the page shows its progress, and only the user who asked can download it."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from jobs import progress, services
from jobs.models import Job
from tests.factories import MemberFactory
from tests.jobs.exports import finished_export
from tests.waiting import wait_until

EXPORTS = [
    "unions:member_export",
    "awards:award_export",
    "campaigns:registration_export",
    "initiatives:initiative_export",
    "initiatives:research_export",
    "initiatives:work_export",
]


def _names(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def many(world):
    """Twelve members in union A1 besides its own (the threshold is lowered to 5 below)."""
    for n in range(12):
        MemberFactory(organization=world.union_a1, full_name=f"Trần Thị Mai {n:02d}")
    return world


def test_a_small_list_comes_back_in_the_request(client, many, settings):
    settings.EXPORT_INLINE_ROWS = 100
    client.force_login(many.officer_union_a1)
    response = client.get(reverse("unions:member_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert len(_names(response.getvalue())) == 13
    assert not Job.objects.exists()


@pytest.mark.parametrize("name", EXPORTS)
def test_every_list_export_above_the_threshold_goes_through_a_job(client, world, settings, name):
    settings.EXPORT_INLINE_ROWS = -1  # every list, even an empty one
    client.force_login(world.staff_district_a)
    response = client.get(reverse(name))
    job = Job.objects.get(kind="jobs.export")
    assert response.status_code == 302 and response.url == reverse("jobs:export", args=[job.pk])
    assert job.created_by == world.staff_district_a


def test_a_large_member_list_is_written_by_a_worker_and_downloaded_by_its_owner(client, many, settings, celery_worker):
    settings.EXPORT_INLINE_ROWS = 5
    client.force_login(many.officer_union_a1)
    response = client.get(reverse("unions:member_export"), {"q": "tran thi mai"})
    job = Job.objects.get()
    assert response.url == reverse("jobs:export", args=[job.pk])
    wait_until(lambda: Job.objects.get(pk=job.pk).finished, timeout=60)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    page = client.get(reverse("jobs:export", args=[job.pk]))
    assert reverse("jobs:export_download", args=[job.pk]) in page.content.decode()
    download = client.get(reverse("jobs:export_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    names = _names(b"".join(download.streaming_content))
    assert sorted(names) == [f"Trần Thị Mai {n:02d}" for n in range(12)]  # the filter, not the whole union
    assert AuditEntry.objects.filter(action="export", actor=many.officer_union_a1).exists()
    # Nobody else gets it, not even the staff above the union; the anonymous are sent to sign in.
    client.force_login(many.staff_district_a)
    assert client.get(reverse("jobs:export_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:export", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("jobs:export_download", args=[job.pk])).url.startswith(reverse("login"))


def test_the_same_filters_while_the_job_runs_give_the_same_job(
    client, many, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_ROWS = 5
    client.force_login(many.officer_union_a1)
    url = reverse("unions:member_export")
    with django_capture_on_commit_callbacks(execute=False):  # the job stays queued
        first = client.get(url, {"gender": "male", "q": "mai"}).url
        again = client.get(url, {"q": "mai", "gender": "male"}).url  # the same filters in another order
        other = client.get(url, {"q": "mai"}).url
    assert first == again != other
    assert Job.objects.count() == 2
    # Once finished, asking again writes the list as it is now, in a new job.
    Job.objects.update(status=Job.Status.SUCCEEDED, finished_at=timezone.now(), result={"file": ""})
    with django_capture_on_commit_callbacks(execute=False):
        assert client.get(url, {"gender": "male", "q": "mai"}).url not in (first, other)
    assert Job.objects.count() == 3


def test_the_page_shows_how_far_the_job_has_got(client, many, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_INLINE_ROWS = 5
    client.force_login(many.officer_union_a1)
    with django_capture_on_commit_callbacks(execute=False):
        client.get(reverse("unions:member_export"))
    job = Job.objects.get()
    page = client.get(reverse("jobs:export", args=[job.pk]), headers={"HX-Request": "true"})
    assert 'data-status="queued"' in page.content.decode() and "hx-trigger" in page.content.decode()
    progress.report(job.args["token"], 1500, 4000)
    page = client.get(reverse("jobs:export", args=[job.pk]), headers={"HX-Request": "true"})
    assert 'value="1500" max="4000"' in page.content.decode()


def test_export_files_are_deleted_after_a_day(many, settings):
    job = finished_export(many.officer_union_a1)
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=25))
    fresh = finished_export(many.officer_union_a2)
    assert services.exports_forget() == 1
    assert not default_storage.exists(job.result["file"]) and default_storage.exists(fresh.result["file"])
    job.refresh_from_db()
    assert job.result["file"] == ""
