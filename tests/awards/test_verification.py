"""Anyone can verify a certificate: its QR code leads to a public page showing the award, the masked name, the
issuer, the decision and whether it still stands; unknown codes are 404 and one address gets 30 checks a minute."""

import datetime
import os
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_ratelimit.core import _get_window

from awards.models import TOKEN_ALPHABET, TOKEN_LENGTH, Award
from awards.services import revocations
from awards.views.verify import mask_name
from tests.awards import helpers as h
from tests.awards.certificate_pdf import qr_texts


@pytest.fixture
def award(world):
    award = h.award(world.member_a1, code="LDTT", year=2025)
    decision = award.decision
    decision.issuer, decision.issuer_name, decision.number = world.district_a, world.district_a.name, "215/QĐ-LĐLĐ"
    decision.save()
    award.gold_book_number = "SV-2025-00017"
    award.save()
    return award


# Each test client comes from an address of its own: the counts live in the shared cache across tests.
_ADDRESSES = (f"10.{os.getpid() % 250}.{a}.{b}" for a in range(256) for b in range(1, 255))


def _fresh_address(seconds_needed=40):
    """An unused address whose rate-limit minute has at least `seconds_needed` left: the library's windows start
    at an offset that depends on the address, so the requests of one test all fall into one window."""
    for ip in _ADDRESSES:
        if _get_window(ip, 60) - time.time() >= seconds_needed:
            return ip
    raise AssertionError("no address with a long enough window")


def _anonymous():
    return Client(REMOTE_ADDR=_fresh_address())


def test_the_qr_code_on_the_certificate_leads_to_its_public_page(client, world, award):
    client.force_login(world.staff_district_a)
    pdf = client.get(reverse("awards:certificate", args=[award.pk])).getvalue()
    [url] = qr_texts(pdf)
    assert str(award.pk) not in urlsplit(url).path.replace(award.verification_token, "")

    response = _anonymous().get(urlsplit(url).path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn V. An" in page and "Nguyễn Văn An" not in page
    assert "Lao động tiên tiến" in page
    assert "Liên đoàn Lao động quận Bắc Từ Liêm" in page
    assert "215/QĐ-LĐLĐ" in page and "20/12/2025" in page
    assert 'class="alert alert-success" id="status"' in page
    award.refresh_from_db()
    assert award.verification_views == 1


def test_the_short_code_printed_under_the_qr_code_can_be_typed(award):
    code = award.verification_token
    typed = f"{code[:4]}-{code[4:8]} {code[8:]}".lower()
    response = _anonymous().get(reverse("verify:lookup"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify:certificate", args=[code])


def test_a_revoked_award_shows_as_revoked(world, award):
    revocations.award_revoke(
        actor=world.staff_district_a,
        award=award,
        ground="a",
        decision_number="9/QĐ-LĐLĐ",
        decided_on=datetime.date(2026, 1, 5),
    )
    response = _anonymous().get(reverse("verify:certificate", args=[award.verification_token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="alert alert-danger" id="status"' in page and "alert-success" not in page
    assert "9/QĐ-LĐLĐ" in page and "05/01/2026" in page


def test_an_unknown_code_is_404_and_the_page_adds_nothing_of_the_signed_in_site(client, world, award):
    response = _anonymous().get(reverse("verify:certificate", args=["0000AAAA1111"]))
    assert response.status_code == 404
    assert "verify/not_found.html" in [t.name for t in response.templates]

    client.force_login(world.staff_district_a)
    page = client.get(reverse("verify:certificate", args=[award.verification_token])).content.decode()
    assert "navbar" not in page and reverse("unions:member_list") not in page and "staff_district_a" not in page
    assert client.get(reverse("verify:certificate", args=[award.pk])).status_code == 404


def test_the_31st_check_in_a_minute_from_one_address_is_429(award):
    if os.environ.get("REDIS_URL"):  # the counts are the ones every web process shares
        assert settings.CACHES["ratelimit"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    visitor, other = _anonymous(), _anonymous()
    url = reverse("verify:certificate", args=[award.verification_token])
    statuses = [visitor.get(url).status_code for _ in range(30)]
    assert statuses == [200] * 30
    limited = visitor.get(reverse("verify:lookup"))  # every page of the check counts against the one limit
    assert limited.status_code == 429
    assert "verify/limited.html" in [t.name for t in limited.templates]
    assert 'lang="vi"' in limited.content.decode()
    assert other.get(url).status_code == 200  # another address is not held back
    award.refresh_from_db()
    assert award.verification_views == 31


def test_codes_are_random_unique_and_readable(world):
    awards = [h.award(world.member_a1, code=code, year=2025) for code in ("LDTT", "CSTDCS", "BK_LDLD_CN")]
    tokens = {a.verification_token for a in awards}
    assert len(tokens) == 3
    assert all(len(t) == TOKEN_LENGTH and set(t) <= set(TOKEN_ALPHABET) for t in tokens)
    assert Award.objects.filter(verification_token__in=tokens).count() == 3


@pytest.mark.parametrize(
    ("full", "masked"),
    [
        ("Nguyễn Thị Lan", "Nguyễn T. Lan"),
        ("Tôn Nữ Thị Ánh Tuyết", "Tôn N. T. Á. Tuyết"),
        ("Lê Lan", "Lê Lan"),
        ("Lan", "Lan"),
    ],
)
def test_middle_names_are_masked(full, masked):
    assert mask_name(full) == masked
