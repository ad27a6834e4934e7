"""/healthz says the process is alive and touches nothing; /readyz checks every dependency, fast."""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.jobs import helpers

CLOSED = "redis://127.0.0.1:1/0"


def test_healthz_touches_no_database_and_no_broker(client, settings):
    # No `db` fixture: any query would raise. The broker is unreachable: it must not matter.
    settings.CELERY_BROKER_URL = CLOSED
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_in_the_embedded_mode(client, db, settings):
    settings.CELERY_BROKER_URL = "memory://"
    body = client.get(reverse("readyz")).json()
    assert body == {
        "status": "ok",
        "database": body["database"],
        "migrations": {"ok": True},
        "broker": {"ok": True, "mode": "eager"},
        "worker": {"ok": True, "mode": "eager"},
    }
    assert body["database"]["ok"] is True


def test_readyz_fails_fast_when_redis_is_down_and_pages_still_work(client, world, settings):
    settings.CELERY_BROKER_URL = CLOSED
    settings.CELERY_TASK_ALWAYS_EAGER = False
    started = time.monotonic()
    response = client.get(reverse("readyz"))
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"]["ok"] and body["migrations"]["ok"]
    assert body["broker"]["ok"] is False and body["worker"]["ok"] is False
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("unions:member_list"))
    assert page.status_code == 200 and "Nguyễn Văn An" in page.content.decode()


def test_readyz_when_the_test_redis_stops(client, world, settings):
    helpers.require_services()
    server = helpers.RedisServer().start()
    try:
        settings.CELERY_BROKER_URL = server.url
        assert client.get(reverse("readyz")).status_code == 200  # tasks eager here: no worker needed
        server.kill()
        started = time.monotonic()
        response = client.get(reverse("readyz"))
        assert time.monotonic() - started < 2
        assert response.status_code == 503 and response.json()["broker"]["ok"] is False
        client.force_login(world.officer_union_a1)
        assert client.get(reverse("unions:member_list")).status_code == 200
    finally:
        server.close()


def test_readyz_needs_a_celery_worker_to_answer(client, db, settings):
    helpers.require_services()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    started = time.monotonic()
    server = helpers.RedisServer().start()  # a broker no worker listens on
    try:
        settings.CELERY_BROKER_URL = server.url
        started = time.monotonic()
        response = client.get(reverse("readyz"))
        assert time.monotonic() - started < 2
        assert response.status_code == 503
        assert response.json()["worker"] == {"ok": False, "error": "no worker answered"}
    finally:
        server.close()


@pytest.mark.celery_worker
def test_readyz_with_a_live_worker(client, celery_worker, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    response = client.get(reverse("readyz"))
    assert response.status_code == 200, response.json()
    assert response.json()["worker"]["ok"] is True


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_while_migrations_are_pending(client):
    try:
        call_command("migrate", "jobs", "zero", verbosity=0)
        response = client.get(reverse("readyz"))
        assert response.status_code == 503
        assert response.json()["migrations"] == {"ok": False, "pending": 1}
    finally:
        call_command("migrate", "jobs", verbosity=0)
    assert client.get(reverse("readyz")).status_code == 200
