"""Security proofs (issue 7): reach, mass assignment, CSRF, state changes by GET, sign-in abuse, headers.

Every case that must write nothing compares a snapshot of the business tables
(row counts and an md5 of all rows, tests/db_snapshot.py) before and after.
"""

import importlib
import inspect
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django import forms
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext

from tests import db_snapshot
from tests.factories import add_org
from tests.test_permissions import MATRIX, target_kwargs
from unions.models import Member, MemberStatus

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "thidua2025"


@pytest.fixture
def unchanged(world):
    """Use as `with unchanged():` around requests that must not write."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = db_snapshot.snapshot()
        yield
        assert db_snapshot.changed(before, db_snapshot.snapshot()) == []

    return check


def vi(msgid):
    with translation.override("vi"):
        return gettext(msgid)


def test_snapshot_sees_a_change(world):
    before = db_snapshot.snapshot()
    assert "unions_member" in before and "awards_award" in before and "campaigns_campaign" in before
    Member.objects.filter(pk=world.member_a1.pk).update(phone="0912345678")
    assert db_snapshot.changed(before, db_snapshot.snapshot()) == ["unions_member"]


# --- Another union's members ---------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["unions:member_detail", "unions:member_edit", "unions:member_transfer", "unions:member_leave"]
)
def test_member_of_another_union_is_404(client, world, unchanged, name):
    client.force_login(world.officer_union_a1)
    url = reverse(name, args=[world.member_b1.pk])
    with unchanged():
        assert client.get(url).status_code == 404
        assert (
            client.post(
                url,
                {
                    "full_name": "Đã bị sửa",
                    "gender": "male",
                    "left_on": "01/01/2025",
                    "to_organization": world.union_a1.pk,
                    "transferred_on": "01/01/2025",
                },
            ).status_code
            == 404
        )


def test_list_filter_with_another_unions_id_shows_own_rows_only(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_list"), {"organization": world.union_b1.pk, "status": ""})
    assert response.status_code == 200
    shown = {m.pk for m in response.context["page"].object_list}
    assert shown == {world.member_a1.pk}


def test_export_with_another_unions_id_exports_own_rows_only(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_export"), {"organization": world.union_b1.pk, "status": ""})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None}
    assert "Nguyễn Văn An" in cells
    assert not cells & {"Phạm Đức Cường", "Lê Thị Bích", world.union_b1.name}


# --- Mass assignment ----------------------------------------------------------------


def test_member_edit_ignores_organization_and_status(client, world):
    client.force_login(world.officer_union_a1)
    member = world.member_a1
    response = client.post(
        reverse("unions:member_edit", args=[member.pk]),
        {
            "full_name": "Nguyễn Văn An",
            "gender": "male",
            "birth_date": "17/05/1990",
            "joined_on": "01/09/2015",
            "ethnicity": "Kinh",
            "phone": "0912000111",
            "organization": world.union_b1.pk,
            "status": MemberStatus.LEFT,
            "member_code": "X1",
            "left_on": "01/01/2025",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.phone == "0912000111"
    assert member.organization_id == world.union_a1.pk
    assert member.status == MemberStatus.ACTIVE and member.left_on is None
    assert member.member_code != "X1"


def test_officer_cannot_create_a_member_in_another_union(client, world, unchanged):
    client.force_login(world.officer_union_a1)
    with unchanged():
        response = client.post(
            reverse("unions:member_create"),
            {
                "organization": world.union_b1.pk,
                "full_name": "Người Lạ",
                "gender": "male",
            },
        )
        assert response.status_code == 200 and "organization" in response.context["form"].errors


def test_officer_cannot_transfer_a_member_out_of_reach(client, world, unchanged):
    # Another grassroots union is only asked (tests/unions/test_transfers.py); a unit inside it, or a federation,
    # is no destination at all.
    group_b1 = add_org(world.union_b1, "group", "Tổ công đoàn Toán", code="HN-TH-001-T1")
    client.force_login(world.officer_union_a1)
    with unchanged():
        for target in (group_b1, world.district_b):
            response = client.post(
                reverse("unions:member_transfer", args=[world.member_a1.pk]),
                {
                    "to_organization": target.pk,
                    "transferred_on": "01/01/2025",
                },
            )
            assert response.status_code == 200 and "to_organization" in response.context["form"].errors


FORM_MODULES = [
    "unions.forms",
    "campaigns.forms.campaigns",
    "campaigns.forms.clusters",
    "campaigns.forms.initiatives",
    "campaigns.forms.registrations",
    "awards.forms.awards",
    "awards.forms.proposals",
    "reports.forms",
    "core.forms",
]
NEVER_FROM_A_FORM = {
    "status",
    "is_superuser",
    "is_staff",
    "groups",
    "user_permissions",
    "member_code",
    "used_by_award",
    "created_by",
    "actor",
}


def test_model_forms_list_their_fields_explicitly():
    seen = 0
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.ModelForm) or cls.__module__ != module_name or not hasattr(cls, "Meta"):
                continue
            seen += 1
            meta = cls.Meta
            assert isinstance(getattr(meta, "fields", None), list | tuple), f"{cls.__name__}: explicit fields"
            assert not getattr(meta, "exclude", None), cls.__name__
            assert not set(meta.fields) & NEVER_FROM_A_FORM, cls.__name__
    assert seen >= 8
    from unions.forms import MemberForm

    assert "status" not in MemberForm.Meta.fields


# --- CSRF ------------------------------------------------------------------------------


def test_post_without_csrf_token_is_403(world, unchanged):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer_union_a1)
    with unchanged():
        response = client.post(
            reverse("unions:member_edit", args=[world.member_a1.pk]), {"full_name": "Đã bị sửa", "gender": "male"}
        )
        assert response.status_code == 403
        assert "403_csrf.html" in [t.name for t in response.templates]
        assert client.post(reverse("notifications:read_all")).status_code == 403


def _csrf_client(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin)
    client.get(reverse("unions:user_detail", args=[world.officer_union_a2.pk]), secure=True)
    return client, client.cookies[django_settings.CSRF_COOKIE_NAME].value


def test_post_from_a_foreign_origin_over_https_is_403(world, unchanged):
    from unions.models import Role

    client, token = _csrf_client(world)
    role = Role.objects.get(user=world.officer_union_a2)
    url = reverse("unions:role_remove", args=[role.pk])
    with unchanged():
        for origin in ("https://evil.example", "http://testserver", "null"):
            response = client.post(url, {"csrfmiddlewaretoken": token}, secure=True, HTTP_ORIGIN=origin)
            assert response.status_code == 403, origin
        # Without an Origin header, HTTPS requires a same-site Referer.
        response = client.post(
            url, {"csrfmiddlewaretoken": token}, secure=True, HTTP_REFERER="https://evil.example/page"
        )
        assert response.status_code == 403
    # The same request from our own origin goes through: the 403s above were the origin check.
    response = client.post(url, {"csrfmiddlewaretoken": token}, secure=True, HTTP_ORIGIN="https://testserver")
    assert response.status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()


# --- GET never changes state ---------------------------------------------------------------


def _persona_with_access(expected):
    for persona in ("admin", "staff_district_a", "officer_union_a1", "leader_city", "officer_union_b1"):
        if expected.get(persona) in (200, 302):
            return persona
    return None


POST_ONLY = sorted(name for name, (method, _t, _a, _e) in MATRIX.items() if method == "post")
GET_PAGES = sorted(name for name, (method, _t, _a, _e) in MATRIX.items() if method == "get")


@pytest.mark.parametrize("name", POST_ONLY)
def test_get_on_an_action_is_405(client, world, unchanged, name):
    _method, target, _action, expected = MATRIX[name]
    url = reverse(name, kwargs=target_kwargs(world, target))
    persona = _persona_with_access(expected)
    client.force_login(getattr(world, persona))
    with unchanged():
        response = client.get(url)
        assert response.status_code == 405, f"{persona} GET {url}"


@pytest.mark.parametrize("name", ["unions:member_leave", "unions:role_remove", "notifications:read_all"])
def test_named_state_changes_refuse_get(client, world, unchanged, name):
    from unions.models import Role

    client.force_login(world.admin)
    if name == "unions:member_leave":
        url = reverse(name, args=[world.member_a1.pk])
    elif name == "unions:role_remove":
        url = reverse(name, args=[Role.objects.get(user=world.officer_union_a2).pk])
    else:
        url = reverse(name)
    with unchanged():
        response = client.get(url, {"left_on": "01/01/2025", "reason": "x"})
        # The leave form renders a confirm page on GET; the others refuse the method.
        assert response.status_code == (200 if name == "unions:member_leave" else 405)
    world.member_a1.refresh_from_db()
    assert world.member_a1.status == MemberStatus.ACTIVE


def test_no_page_writes_on_get(client, world):
    """Every GET page of the permission matrix, opened by a persona who may use it, writes nothing."""
    written, checked = {}, 0
    for name in GET_PAGES:
        _method, target, _action, expected = MATRIX[name]
        persona = _persona_with_access(expected)
        if persona is None:
            continue
        with transaction.atomic():  # each page's target objects are rolled back after it
            kwargs = target_kwargs(world, target)
            client.force_login(getattr(world, persona))
            before = db_snapshot.snapshot()
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code < 500, name
            changed = db_snapshot.changed(before, db_snapshot.snapshot())
            if changed:
                written[name] = changed
            checked += 1
            transaction.set_rollback(True)
    assert written == {}
    assert checked >= 90


# --- Sign-in abuse --------------------------------------------------------------------------


def test_lockout_after_repeated_failures(client, world, settings, unchanged):
    settings.AXES_FAILURE_LIMIT = 3
    with unchanged():
        for _ in range(3):
            client.post(reverse("login"), {"username": "officer_union_a1", "password": "wrong"})
        response = client.post(reverse("login"), {"username": "officer_union_a1", "password": PASSWORD})
        assert response.status_code == 429
        assert vi("Too many failed sign-in attempts") in response.content.decode()
        assert client.get(reverse("unions:member_list")).status_code == 302


def test_session_replay_after_sign_out_is_refused(client, world, unchanged):
    assert client.post(reverse("login"), {"username": "officer_union_a1", "password": PASSWORD}).status_code == 302
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    with unchanged():
        response = replay.get(reverse("unions:member_detail", args=[world.member_a1.pk]))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        response = replay.post(
            reverse("unions:member_edit", args=[world.member_a1.pk]), {"full_name": "Đã bị sửa", "gender": "male"}
        )
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- Headers ---------------------------------------------------------------------------------


def _csp(response):
    parts = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {words[0]: words[1:] for words in parts}


def test_content_security_policy(client, world):
    client.force_login(world.officer_union_a1)
    for url in (reverse("login"), reverse("home"), reverse("unions:member_detail", args=[world.member_a1.pk])):
        policy = _csp(client.get(url))
        assert policy["default-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert not any("unsafe" in v for values in policy.values() for v in values)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
# Server-side PDF sources (WeasyPrint), never sent to a browser.
PDF_TEMPLATES = {
    "reports/report_pdf.html",
    "awards/certificate.html",
    "awards/certificate_blank.html",
    "documents/pdf_base.html",
}


def test_templates_have_no_inline_scripts_handlers_or_styles():
    problems = []
    for file in sorted((ROOT / "templates").rglob("*.html")):
        name = file.relative_to(ROOT / "templates").as_posix()
        text = file.read_text()
        for label, pattern in (("script", INLINE_SCRIPT), ("handler", INLINE_HANDLER), ("style", INLINE_STYLE)):
            if pattern.search(text):
                problems.append(f"{name}: inline {label}")
        if "javascript:" in text:
            problems.append(f"{name}: javascript: URL")
        if "<style" in text and name not in PDF_TEMPLATES:
            problems.append(f"{name}: <style> element")
    assert problems == []


def test_rendered_pages_have_no_inline_scripts(client, world):
    client.force_login(world.staff_district_a)
    for url in (
        reverse("home"),
        reverse("unions:member_list"),
        reverse("reports:dashboard"),
        reverse("unions:member_edit", args=[world.member_a1.pk]),
        reverse("otp_setup"),
    ):
        body = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(body.replace('<script id="chart-data" type="application/json">', "")), url
        assert not INLINE_HANDLER.search(body), url


def test_production_settings_are_hardened():
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SAMESITE, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "emulation.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "thidua.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "31536000", "True", "Lax", "Lax", "True", "True", "False"]


def test_hsts_header_when_served_over_https(client, world, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Error pages ------------------------------------------------------------------------------


def _boom(request):
    raise RuntimeError("secret-detail-in-a-traceback")


urlpatterns = [path("boom/", _boom)]


@pytest.mark.urls("tests.test_security")
def test_server_error_shows_the_generic_page(world, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert vi("Server error") in body
    assert "secret-detail-in-a-traceback" not in body and "Traceback" not in body
    assert "500.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(
    ("persona", "name", "status", "template"),
    [
        ("officer_union_a1", "unions:member_detail", 404, "404.html"),
        ("leader_city", "unions:member_edit", 403, "403.html"),
    ],
)
def test_client_errors_use_the_generic_pages(client, world, persona, name, status, template):
    client.force_login(getattr(world, persona))
    member = world.member_b1 if status == 404 else world.member_a1
    response = client.get(reverse(name, args=[member.pk]))
    assert response.status_code == status
    assert template in [t.name for t in response.templates]
    assert "Traceback" not in response.content.decode()


def test_bad_request_uses_the_generic_page(client, world):
    response = client.get(reverse("login"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "400.html" in [t.name for t in response.templates]


# --- Cache-Control ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "unions:member_detail",
        "unions:member_edit",
        "unions:member_list",
        "unions:member_export",
        "awards:award_export",
        "awards:proposal_list",
        "unions:user_list",
        "home",
    ],
)
def test_personal_data_is_never_stored(client, world, name):
    client.force_login(world.admin)
    kwargs = {"pk": world.member_a1.pk} if name in ("unions:member_detail", "unions:member_edit") else {}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_pages_without_personal_data_are_left_alone(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("password_change_done"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
