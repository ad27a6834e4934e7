"""Quên mật khẩu: a link by e-mail, the same answer for an unknown address, a link that works once, a limit."""

import re
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse


@pytest.fixture
def client(client):
    """Each test from an address of its own: the limit counts per address, in Redis, across tests."""
    client.defaults["REMOTE_ADDR"] = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
    return client


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_user("ketoan_btl", "ketoan@ldld-btl.vn", "mat-khau-cu-2025")


def _ask(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_link_arrives_and_sets_a_new_password_once(client, clerk):
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page
    response = _ask(client, "ketoan@ldld-btl.vn")
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ketoan@ldld-btl.vn"]
    found = re.search(r"https?://[^/]+(/accounts/password/reset/[^\s]+/)", str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    link = found.group(1)
    form_url = client.get(link).url  # Django moves the token out of the address before showing the form
    new = "Bac-Tu-Liem-2026!"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    clerk.refresh_from_db()
    assert clerk.check_password(new)
    # The same link a second time: no longer valid.
    client.logout()
    again = client.get(link, follow=True)
    assert 'id="reset-invalid"' in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, clerk):
    known = _ask(client, "ketoan@ldld-btl.vn")
    unknown = _ask(client, "ai-do@example.com")
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert len(mail.outbox) == 1  # only the known address got one
    page = client.get(unknown.url).content.decode()
    assert 'id="reset-sent"' in page


def test_too_many_requests_from_one_address_are_refused(client, clerk, settings):
    for _ in range(5):
        assert _ask(client, "ai-do@example.com").status_code == 302
    limited = _ask(client, "ketoan@ldld-btl.vn")
    assert limited.status_code == 429
    assert 'id="reset-limited"' in limited.content.decode()
    assert len(mail.outbox) == 0
