"""Stored files, safely: each kind is uploaded as its owner does, linked from the owner's page, and handed out
only through its download view (same bytes to those in reach, 404 outside it, the login page to the anonymous).
MEDIA_URL serves nothing, in DEBUG too; object storage works through the same views."""

import datetime
import os
import pathlib

import boto3
import environ
import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

from audit.models import AuditEntry
from awards.models import Decision, Proposal
from campaigns.models import Campaign, CampaignDocument, Initiative
from campaigns.services import campaigns as campaign_services
from campaigns.services import initiatives as initiative_services
from emulation.storage import default_storage as storage_from
from tests.awards import matrix_proposals
from tests.campaigns import matrix_campaigns, matrix_initiatives
from tests.jobs.helpers import free_port
from tests.test_health_and_settings import _manage
from unions.models import Organization

pytestmark = pytest.mark.usefixtures("award_catalogue")

PDF = "%PDF-1.4\nBiên bản họp bình xét — Nguyễn Thị Hoà, CCCD 001190000222\n".encode()


def _campaign_document(client, world):
    pk = matrix_campaigns.make_target(world, "campaign_a")["pk"]
    client.force_login(world.staff_district_a)
    response = client.post(
        reverse("campaigns:document_add", args=[pk]),
        {"kind": "plan", "title": "Kế hoạch phát động", "file": SimpleUploadedFile("ke hoach.pdf", PDF)},
    )
    assert response.status_code == 302
    document = CampaignDocument.objects.get()
    page = reverse("campaigns:campaign_detail", args=[pk])
    return page, reverse("campaigns:document_download", args=[pk, document.pk]), document.file.name, False


def _proposal_attachment(client, world):
    pk = matrix_proposals.make_target(world, "proposal_a1")["pk"]
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("awards:attachment_add", args=[pk]),
        {"kind": "minutes", "title": "Biên bản họp", "file": SimpleUploadedFile("bien-ban.pdf", PDF)},
    )
    assert response.status_code == 302
    attachment = Proposal.objects.get(pk=pk).attachments.get()
    page = reverse("awards:proposal_detail", args=[pk])
    return page, reverse("awards:proposal_attachment", args=[pk, attachment.pk]), attachment.file.name, True


def _initiative_attachment(client, world):
    initiative = matrix_initiatives.initiative_in(world, world.union_a1)
    initiative_services.initiative_update(
        actor=world.officer_union_a1, initiative=initiative, attachment=SimpleUploadedFile("thuyet minh.pdf", PDF)
    )
    initiative = Initiative.objects.get(pk=initiative.pk)
    client.force_login(world.officer_union_a1)
    page = reverse("initiatives:initiative_detail", args=[initiative.pk])
    return page, reverse("initiatives:initiative_attachment", args=[initiative.pk]), initiative.attachment.name, True


def _decision_scan(client, world):
    # No page uploads a scan yet: stored through the field, as an upload form would store it.
    decision = Decision.objects.get(pk=matrix_proposals.make_target(world, "decision_a")["pk"])
    decision.file.save("quyet dinh.pdf", ContentFile(PDF))
    client.force_login(world.staff_district_a)
    page = reverse("awards:decision_detail", args=[decision.pk])
    return page, reverse("awards:decision_file", args=[decision.pk]), decision.file.name, True


KINDS = {
    "campaign document": _campaign_document,
    "proposal attachment": _proposal_attachment,
    "initiative attachment": _initiative_attachment,
    "decision scan": _decision_scan,
}


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("kind", KINDS)
def test_the_owner_downloads_the_same_bytes_and_nobody_outside_reach_does(client, world, settings, kind):
    page, url, stored, audited = KINDS[kind](client, world)
    html = client.get(page).content.decode()
    assert url in html and "/media/" not in html  # the owner's page links the view, never the storage URL

    response = client.get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Disposition"].startswith("attachment;")  # an upload never renders as a page
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "private, no-store"
    exports = AuditEntry.objects.filter(action="export", actor=response.wsgi_request.user)
    assert exports.count() == (1 if audited else 0)

    client.force_login(world.officer_union_b1)
    assert client.get(url).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))

    assert default_storage.exists(stored)
    for debug in (False, True):
        settings.DEBUG = debug
        for user in (None, world.staff_district_a):
            if user is not None:
                client.force_login(user)
            assert client.get("/" + settings.MEDIA_URL + stored).status_code == 404


def test_no_url_serves_media_root(settings):
    """No route of the project is Django's static file view (the `static(MEDIA_URL, …)` helper adds one)."""

    def views(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from views(entry)
            elif isinstance(entry, URLPattern):
                yield entry.callback

    assert serve not in set(views(get_resolver()))
    assert not any(str(p.pattern).startswith(settings.MEDIA_URL) for p in get_resolver().url_patterns)


def test_the_initiative_form_links_the_current_file_through_its_view(client, world):
    initiative = matrix_initiatives.initiative_in(world, world.union_a1)
    initiative.attachment.save("thuyet-minh.pdf", ContentFile(PDF))
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("initiatives:initiative_edit", args=[initiative.pk])).content.decode()
    assert reverse("initiatives:initiative_attachment", args=[initiative.pk]) in html
    assert "/media/" not in html


# --- Object storage ----------------------------------------------------------------------------------------


def test_s3_storage_is_configured_from_the_environment_without_secrets_in_settings():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.addressing_style, repr(s.default_acl), "
        "s.file_overwrite, hasattr(settings, 'AWS_SECRET_ACCESS_KEY'))",
        SECRET_KEY="x" * 60,
        DEBUG="0",
        FILE_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="thidua-files",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_ADDRESSING_STYLE="path",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2].split() == [
        "S3Storage",
        "thidua-files",
        "http://127.0.0.1:9000",
        "path",
        "None",
        "False",
        "False",
    ]
    wrong = _manage("check", SECRET_KEY="x" * 60, DEBUG="0", FILE_STORAGE="ftp")
    assert wrong.returncode != 0 and "FILE_STORAGE must be 'filesystem' or 's3'" in wrong.stderr


@pytest.fixture
def s3_bucket(settings, monkeypatch, tmp_path):
    """A real S3-compatible HTTP endpoint (moto's server) with one bucket, set as the default storage the way
    production's environment would set it."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    variables = {
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "thidua-files",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=variables["AWS_S3_ENDPOINT_URL"], region_name="us-east-1")
    client.create_bucket(Bucket="thidua-files")
    settings.MEDIA_ROOT = tmp_path  # must stay empty: nothing may land on the web machine's disk
    settings.STORAGES = {**settings.STORAGES, "default": storage_from(environ.Env())}
    yield client
    server.stop()


def test_files_in_object_storage_are_uploaded_and_downloaded_through_the_same_views(client, world, settings, s3_bucket):
    page, url, stored, _audited = _proposal_attachment(client, world)
    keys = [o["Key"] for o in s3_bucket.list_objects_v2(Bucket="thidua-files").get("Contents", [])]
    assert keys == [stored]
    assert not os.listdir(settings.MEDIA_ROOT)
    response = client.get(url)
    assert response.status_code == 200 and body(response) == PDF
    client.force_login(world.officer_union_b1)
    assert client.get(url).status_code == 404


def test_web_and_worker_share_one_volume_for_stored_files():
    compose = yaml.safe_load((pathlib.Path(__file__).resolve().parents[1] / "docker-compose.yml").read_text())
    services = compose["services"]
    root = services["web"]["environment"]["MEDIA_ROOT"]
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["MEDIA_ROOT"] == root
        assert f"media:{root}" in services[name]["volumes"]
    assert "media" in compose["volumes"]


@pytest.mark.parametrize("model", [Organization, Campaign])
def test_codes_that_end_up_in_file_names_are_letters_digits_hyphens_and_underscores(model):
    field = model._meta.get_field("code")
    for good in ("HN-BTL-045", "LDG_2025", "btl2026"):
        field.run_validators(good)
    for bad in ('X";filename=evil.exe;x="', "BTL 2026", "HN/BTL", "Đoàn-2026", "a\nb", "a.b"):
        with pytest.raises(ValidationError) as error:
            field.run_validators(bad)
        assert error.value.messages == [
            "Chỉ dùng chữ cái không dấu, chữ số, dấu gạch ngang (-) và dấu gạch dưới (_)."
        ], bad


def test_a_campaign_with_quotes_in_its_code_is_refused_by_the_service(world):
    with pytest.raises(ValidationError) as error:
        campaign_services.campaign_create(
            actor=world.staff_district_a,
            organizer=world.district_a,
            code='X";f=a.exe',
            name="Phong trào",
            kind="annual",
            year=2026,
            start_on=datetime.date(2026, 1, 1),
            end_on=datetime.date(2026, 12, 31),
            titles=["Lao động tiên tiến"],
        )
    assert "code" in error.value.message_dict
