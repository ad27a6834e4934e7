"""Sessions, sign-in throttling, password rules and two-step sign-in (issue 7)."""

import secrets
from binascii import unhexlify

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from emulation.middleware import LOGIN_AT, SEEN_AT
from tests.factories import UserFactory
from unions import twofactor
from unions.passwords import ContextWordsValidator, organization_words, squash

PASSWORD = "thidua2025"
User = get_user_model()


def sign_in(client, username="officer_union_a1"):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def shift_session(client, **seconds_back):
    session = client.session
    for key, seconds in seconds_back.items():
        session[key] -= seconds
    session.save()


def message_texts(response):
    return [str(m) for m in response.context["messages"]]


def vi(msgid):
    with translation.override("vi"):
        return gettext(msgid)


# --- Session lifetime ---------------------------------------------------------


def test_sign_in_starts_both_session_clocks(client, world):
    sign_in(client)
    session = client.session
    assert session[LOGIN_AT] == session[SEEN_AT]


def test_idle_session_ends_with_a_message(client, world):
    sign_in(client)
    shift_session(client, _seen_at=django_settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("unions:member_list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('unions:member_list')}"
    response = client.get(response.url)
    assert vi("Your session has expired. Please sign in again.") in message_texts(response)
    assert client.get(reverse("home")).status_code == 302  # the session is gone, not only this request


def test_activity_keeps_the_session_alive(client, world):
    sign_in(client)
    shift_session(client, _seen_at=django_settings.SESSION_IDLE_TIMEOUT - 60, _login_at=60 * 60)
    assert client.get(reverse("home")).status_code == 200
    assert client.session[SEEN_AT] >= client.session[LOGIN_AT] + 60 * 60 - 5


def test_idle_timeout_comes_from_settings(client, world, settings):
    settings.SESSION_IDLE_TIMEOUT = 120
    sign_in(client)
    shift_session(client, _seen_at=100)
    assert client.get(reverse("home")).status_code == 200
    shift_session(client, _seen_at=200)
    assert client.get(reverse("home")).status_code == 302


def test_absolute_lifetime_ends_even_an_active_session(client, world, settings):
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
    sign_in(client)
    shift_session(client, _login_at=settings.SESSION_ABSOLUTE_TIMEOUT + 1)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert vi("Your session has reached its maximum length. Please sign in again.") in message_texts(response)


def test_htmx_request_of_an_expired_session_redirects_the_whole_page(client, world):
    sign_in(client)
    shift_session(client, _seen_at=django_settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("unions:member_list"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("login")


def test_session_of_a_disabled_user_ends_at_once(client, world):
    sign_in(client)
    key = client.session.session_key
    User.objects.filter(username="officer_union_a1").update(is_active=False)
    response = client.get(reverse("unions:member_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Session.objects.filter(session_key=key).exists()


def test_sign_in_gives_a_new_session_id(client, world):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    sign_in(client)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_session_cookie_is_useless_after_sign_out(client, world):
    sign_in(client)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    response = replay.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- Sign-in throttling (django-axes) -------------------------------------------


def _login_errors(client, username):
    response = client.post(reverse("login"), {"username": username, "password": "wrong-password"})
    assert response.status_code == 200
    return response.context["form"].non_field_errors()


def test_unknown_and_known_usernames_get_the_same_message(client, world):
    assert _login_errors(client, "officer_union_a1") == _login_errors(client, "nobody-at-all")


@pytest.mark.parametrize("username", ["officer_union_a1", "nobody-at-all"])
def test_lockout_page_is_the_same_for_known_and_unknown_users(client, world, settings, username):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        response = client.post(reverse("login"), {"username": username, "password": "wrong"})
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert vi("Too many failed sign-in attempts") in response.content.decode()


def test_lockout_ends_after_the_cool_off(client, world, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("login"), {"username": "officer_union_a1", "password": "wrong"})
    assert client.post(reverse("login"), {"username": "officer_union_a1", "password": PASSWORD}).status_code == 429
    AccessAttempt.objects.all().delete()  # what the cool-off (AXES_COOLOFF_TIME) or an admin reset does
    sign_in(client)


def _office_client():
    """A client from an address of its own: the per-address counts live in the shared Redis across tests."""
    return Client(REMOTE_ADDR=f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}")


def _fail(client, username):
    return client.post(reverse("login"), {"username": username, "password": "wrong-password"})


def test_a_colleagues_typos_do_not_lock_the_office_out(world, settings):
    """Five failures lock one username from one address, not every account behind the office's address."""
    settings.AXES_FAILURE_LIMIT = 5
    office = _office_client()
    for _ in range(5):
        _fail(office, "officer_union_a1")
    assert _fail(office, "officer_union_a1").status_code == 429
    colleague = Client(REMOTE_ADDR=office.defaults["REMOTE_ADDR"])
    sign_in(colleague, "staff_district_a")
    # The same person from home is not locked either: the lock is on the pair.
    sign_in(_office_client())


def test_an_address_spraying_many_usernames_is_refused_with_the_same_page(world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.SIGN_IN_ADDRESS_FAILURES = "6/h"
    sprayer = _office_client()
    for number in range(7):
        assert _fail(sprayer, f"guess-{number}").status_code == 200
    refused = sprayer.post(reverse("login"), {"username": "officer_union_a1", "password": PASSWORD})
    assert refused.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in refused.templates]
    assert vi("Too many failed sign-in attempts") in refused.content.decode()
    # Another address is not affected.
    sign_in(_office_client())


def test_forwarded_for_is_ignored_without_trusted_proxies(world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 0
    client = _office_client()
    for number in range(3):
        # A client cannot escape its lock by claiming another address.
        client.post(
            reverse("login"),
            {"username": "officer_union_a1", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert client.post(reverse("login"), {"username": "officer_union_a1", "password": PASSWORD}).status_code == 429


def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = _office_client()
    for _ in range(2):
        proxy.post(
            reverse("login"),
            {"username": "officer_union_a1", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
        )
    locked = {"username": "officer_union_a1", "password": PASSWORD}
    # The spoofed left-hand entry changes nothing; the proxy's entry is the client.
    assert proxy.post(reverse("login"), locked, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9").status_code == 429
    # Another client behind the same proxy signs in.
    assert proxy.post(reverse("login"), locked, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


# --- Passwords ------------------------------------------------------------------


def test_squash_strips_diacritics_case_spaces_and_d():
    assert squash("LĐLĐ quận Ba Đình") == "ldldquanbadinh"
    assert "badinh" in organization_words("LĐLĐ quận Ba Đình")
    assert "xuandinh" in organization_words("Công đoàn Trường Tiểu học Xuân Đỉnh")


@pytest.mark.parametrize(
    "password",
    [
        "Thi Đua@2025!",
        "CONGDOAN-2025x",
        "cong doan 2025 x",
        "Mật khẩu Công Đoàn 9",
        "khenthuong#2025",
    ],
)
def test_context_words_are_refused(db, password):
    validator = ContextWordsValidator(words=["congdoan", "thidua", "khenthuong"])
    with pytest.raises(ValidationError) as error:
        validator.validate(password)
    assert error.value.error_list[0].code == "password_context_word"


def test_names_of_the_users_organisations_are_refused(world):
    user = world.officer_union_a1  # Công đoàn Trường Tiểu học Xuân Đỉnh, under LĐLĐ quận Bắc Từ Liêm
    for password in ("XuanDinh#2025", "xuân đỉnh 7788", "BacTuLiem!2025", "Tiểu Học 2025?"):
        with pytest.raises(ValidationError):
            password_validation.validate_password(password, user)
    # Another union's name is no context word for this user.
    password_validation.validate_password("XuanLa#2025-mua", user)


def test_the_configured_validators_include_the_defaults_and_context_words():
    names = [type(v).__name__ for v in password_validation.get_default_password_validators()]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
        "ContextWordsValidator",
    ]


def test_admin_cannot_give_a_context_word_password(client, world):
    client.force_login(world.admin)
    account = world.officer_union_a1
    response = client.post(
        reverse("unions:user_edit", args=[account.pk]),
        {
            "last_name": "Nguyễn",
            "first_name": "An",
            "email": "",
            "is_active": "on",
            "password": "Congdoan@2025",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    account.refresh_from_db()
    assert account.check_password(PASSWORD)


# --- Two-step sign-in (TOTP) ------------------------------------------------------


def _code(key):
    return f"{totp(unhexlify(key.encode())):06d}"


def test_staff_sets_up_an_authenticator_when_required(client, world, settings):
    settings.OTP_REQUIRED = True
    sign_in(client, "staff_district_a")
    response = client.get(reverse("unions:member_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("otp_setup"))
    page = client.get(response.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "<img" not in body  # the QR code is drawn by the server
    key = client.session[twofactor.SETUP_KEY]
    assert not TOTPDevice.objects.exists()  # showing the page stored nothing
    wrong = client.post(reverse("otp_setup"), {"token": "000000" if _code(key) != "000000" else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    done = client.post(reverse("otp_setup"), {"token": _code(key), "next": reverse("unions:member_list")})
    assert done.status_code == 302 and done.url == reverse("unions:member_list")
    assert TOTPDevice.objects.get(user=world.staff_district_a).confirmed
    assert client.get(reverse("unions:member_list")).status_code == 200


@pytest.fixture
def staff_device(world, settings):
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    return TOTPDevice.objects.create(user=world.staff_district_a, name="default", confirmed=True)


def test_staff_with_a_device_must_enter_the_code(client, world, staff_device):
    sign_in(client, "staff_district_a")
    for name in ("home", "unions:member_list", "reports:dashboard"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("otp_verify")), name
    assert client.get(reverse("admin:index")).url.startswith(reverse("otp_verify"))
    response = client.post(reverse("otp_verify"), {"token": "12345x"})
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get(reverse("home")).status_code == 302
    token = f"{totp(staff_device.bin_key):06d}"
    response = client.post(reverse("otp_verify"), {"token": token, "next": reverse("unions:member_list")})
    assert response.status_code == 302 and response.url == reverse("unions:member_list")
    assert client.get(reverse("home")).status_code == 200


def test_a_used_code_does_not_open_a_second_session(client, world, staff_device):
    token = f"{totp(staff_device.bin_key):06d}"
    sign_in(client, "staff_district_a")
    assert client.post(reverse("otp_verify"), {"token": token}).status_code == 302
    other = Client()
    sign_in(other, "staff_district_a")
    assert other.post(reverse("otp_verify"), {"token": token}).status_code == 200
    assert other.get(reverse("home")).status_code == 302


def test_verify_redirects_to_a_local_page_only(client, world, staff_device):
    sign_in(client, "staff_district_a")
    token = f"{totp(staff_device.bin_key):06d}"
    response = client.post(reverse("otp_verify"), {"token": token, "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_admins_and_superusers_are_asked_too(client, world, settings):
    settings.OTP_REQUIRED = True
    sign_in(client, "admin")
    assert client.get(reverse("home")).url.startswith(reverse("otp_setup"))
    UserFactory(username="root", is_superuser=True, is_staff=True)
    other = Client()
    sign_in(other, "root")
    assert other.get(reverse("home")).url.startswith(reverse("otp_setup"))


@pytest.mark.parametrize("username", ["officer_union_a1", "leader_city"])
def test_officers_and_leaders_are_not_asked(client, world, settings, username):
    settings.OTP_REQUIRED = True
    sign_in(client, username)
    assert client.get(reverse("home")).status_code == 200


def test_staff_is_not_asked_when_the_setting_is_off(client, world):
    assert django_settings.OTP_REQUIRED is False
    sign_in(client, "staff_district_a")
    assert client.get(reverse("home")).status_code == 200


def test_anyone_with_an_authenticator_is_asked_even_when_not_required(client, world):
    device = TOTPDevice.objects.create(user=world.officer_union_a1, name="default", confirmed=True)
    sign_in(client)
    assert client.get(reverse("home")).url.startswith(reverse("otp_verify"))
    client.post(reverse("otp_verify"), {"token": f"{totp(device.bin_key):06d}"})
    assert client.get(reverse("home")).status_code == 200


def test_a_removed_device_leads_to_setting_up_a_new_one(client, world, staff_device):
    sign_in(client, "staff_district_a")
    assert client.get(reverse("home")).url.startswith(reverse("otp_verify"))
    staff_device.delete()  # an administrator removed it after the phone was lost
    response = client.get(reverse("otp_verify"))
    assert response.status_code == 302 and response.url.startswith(reverse("otp_setup"))
    assert client.get(reverse("home")).url.startswith(reverse("otp_setup"))


def test_passwords_are_stored_with_argon2_and_old_ones_upgraded_at_sign_in(world, settings):
    from emulation import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = world.officer_union_a1
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    sign_in(_office_client(), user.username)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_a_hash_of_djangos_heavier_argon2_setting_is_stored_again_with_ours_at_sign_in(world, settings):
    """Hashes made before emulation/hashers.py (100 MiB, 8 lanes) still check, then move to 19 MiB, 1 lane."""
    from emulation import settings as production

    settings.PASSWORD_HASHERS = [*production.PASSWORD_HASHERS, "django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = world.officer_union_a1
    user.password = make_password(PASSWORD, hasher="argon2")  # the stock hasher, Django's setting
    user.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in user.password
    sign_in(_office_client(), user.username)
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
