"""The administrator's side of accounts: a new-password link (e-mailed or shown once, audited) and user names
suggested from the person's name."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import UserFactory
from unions import usernames
from unions.services import accounts, users

User = get_user_model()


@pytest.mark.parametrize(
    ("last_name", "first_name", "expected"),
    [
        ("Trần Thị", "Lan", "lan.tt"),
        ("Nguyễn Văn", "Đức", "duc.nv"),
        ("Đặng", "Ánh", "anh.d"),
        ("", "Lan", "lan"),
        ("Trần Thị Lan", "", "lan.tt"),  # the whole name typed in one box
        ("Hoàng  Thị  Thu", "Hương", "huong.htt"),
        ("", "", ""),
    ],
    ids=["lan", "duc-dd", "two-words", "given-only", "one-box", "four-words", "nothing"],
)
def test_base_name(last_name, first_name, expected):
    assert usernames.base_for(last_name, first_name) == expected


def test_a_taken_name_gets_the_next_free_number(db):
    assert usernames.suggest("Trần Thị", "Lan") == "lan.tt"
    UserFactory(username="Lan.TT")  # compared without case
    assert usernames.suggest("Trần Thị", "Lan") == "lan.tt2"
    UserFactory(username="lan.tt2")
    UserFactory(username="lan.tt10")
    assert usernames.suggest("Trần Thị", "Lan") == "lan.tt3"
    UserFactory(username="lan.ttx")  # another name that merely starts the same
    assert usernames.suggest("Trần Thị", "Lan") == "lan.tt3"


def test_an_account_created_without_a_user_name_gets_the_suggested_one(client, world):
    UserFactory(username="lan.tt")
    client.force_login(world.admin)
    response = client.post(
        reverse("unions:user_create"),
        {"last_name": "Trần Thị", "first_name": "Lan", "username": "", "password": "Xuan-Dinh-2026!", "email": ""},
    )
    created = User.objects.get(username="lan.tt2")
    assert response.status_code == 302 and response.url == reverse("unions:user_detail", args=[created.pk])
    with pytest.raises(ValidationError):
        users.user_create(actor=world.admin, username="", password="Xuan-Dinh-2026!")


def test_the_administrator_emails_a_link_that_sets_a_password_once(client, world, django_capture_on_commit_callbacks):
    clerk = world.officer_union_a2
    clerk.email = "ketoan@ldld-btl.vn"
    clerk.save()
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("unions:user_password_reset", args=[clerk.pk]), {"how": "email"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [clerk.email]
    found = re.search(r"https?://[^/]+(/accounts/password/reset/[^\s]+/)", str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    link = found.group(1)
    entry = AuditEntry.objects.get(object_type="auth.user", object_id=str(clerk.pk))
    assert entry.actor == world.admin and entry.action == "change"
    client.logout()
    form_url = client.get(link).url
    new = "Song-Hong-Xanh-77!"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302, done.context["form"].errors
    assert done.url == reverse("password_reset_complete")
    clerk.refresh_from_db()
    assert clerk.check_password(new)
    assert 'id="reset-invalid"' in client.get(link, follow=True).content.decode()


def test_without_an_address_the_link_is_shown_once_to_the_administrator(client, world):
    clerk = world.officer_union_a2
    client.force_login(world.admin)
    response = client.post(reverse("unions:user_password_reset", args=[clerk.pk]))
    assert response.status_code == 200 and not mail.outbox
    (link,) = re.findall(r'value="https?://[^/"]+(/accounts/password/reset/[^"]+/)"', response.content.decode())
    assert client.get(reverse("unions:user_detail", args=[clerk.pk])).content.decode().count(link) == 0
    assert AuditEntry.objects.filter(object_type="auth.user", object_id=str(clerk.pk), actor=world.admin).exists()
    with pytest.raises(ValidationError):  # no address to send to
        accounts.user_password_reset(actor=world.admin, user=clerk, base_url="http://x/", how=accounts.BY_EMAIL)


def test_only_a_user_manager_resets(world):
    for actor in (world.staff_district_a, world.officer_union_a1, world.leader_city):
        with pytest.raises(PermissionDenied):
            accounts.user_password_reset(
                actor=actor, user=world.officer_union_a2, base_url="http://x/", how=accounts.SHOWN
            )
    assert not AuditEntry.objects.filter(object_type="auth.user").exists()
