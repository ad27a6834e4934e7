"""The account page where a user makes and revokes their own API tokens."""

import pytest
from django.urls import reverse

from api import services
from api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_token_is_shown_once_then_only_its_prefix(client, world):
    client.force_login(world.officer_union_a1)
    made = client.post(reverse("api_tokens:list"), {"name": "Phần mềm nhân sự", "days": 30})
    token = made.context["created"]
    assert token in made.content.decode()
    row = ApiToken.objects.get(user=world.officer_union_a1)
    assert row.actions == ["read"] and row.name == "Phần mềm nhân sự"
    again = client.get(reverse("api_tokens:list")).content.decode()
    assert token not in again and f"{row.prefix}…" in again


def test_nobody_sees_or_revokes_another_users_token(client, world):
    row, _ = services.token_create(actor=world.officer_union_b1, name="Khác")
    client.force_login(world.officer_union_a1)
    assert "Khác" not in client.get(reverse("api_tokens:list")).content.decode()
    assert client.post(reverse("api_tokens:revoke", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_revoking_ends_the_tokens_access(client, world):
    row, token = services.token_create(actor=world.officer_union_a1, name="HRM")
    client.force_login(world.officer_union_a1)
    client.post(reverse("api_tokens:revoke", args=[row.pk]))
    row.refresh_from_db()
    assert row.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/members/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
