import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from emulation import health

ROOT = Path(__file__).resolve().parent.parent


def test_readyz_reports_database_and_broker(client, db):
    response = client.get(reverse("readyz"))
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok" and body["database"]["ok"] is True
    assert body["broker"]["ok"] is True


def test_readyz_is_503_when_the_broker_is_down(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json()["broker"] == {"ok": False, "mode": "redis", "error": "ConnectionError"}


def test_broker_ping_against_the_real_redis(settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("no Redis")
    settings.CELERY_BROKER_URL = url
    assert health.broker_status() == {"ok": True, "mode": "redis"}


def _manage(*args, **env):
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x7!Qp2#vL9@mZ4$kT8&nW3*rB6^hJ1%dF5(gY0)sC-aE_uI+oP=" * 2,
        ALLOWED_HOSTS="thidua.example.org",
        DEBUG="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = _manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_migrations_are_committed():
    result = _manage("makemigrations", "--check", "--dry-run", DEBUG="1")
    assert result.returncode == 0, result.stdout


def test_production_keeps_database_connections_open_and_checks_them():
    """Measured at T3: a connection per request costs ~7 ms; a kept one that the server dropped is replaced."""
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        SECRET_KEY="x" * 60,
        DEBUG="0",
        DATABASE_URL="postgres://thidua@127.0.0.1:5432/thidua",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["60", "True"]


def test_the_embedded_database_lets_readers_and_a_writer_go_on_together(tmp_path):
    """On SQLite (make run) an export reading for a while must not lock everyone else out: write-ahead log."""
    db = tmp_path / "db.sqlite3"
    result = _manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{db}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"


@pytest.mark.django_db
def test_cursors_are_planned_for_all_their_rows():
    """Drop-downs are read through server-side cursors: planned for 10 % of the rows, the organisation list
    took 41 ms instead of 1 ms at national size."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        assert cursor.fetchone()[0] == "1"


def test_the_production_image_can_render_pdfs():
    """Certificates, reports and drafts are rendered by WeasyPrint with Pango and the DejaVu fonts (the line
    breaking of certificates measures DejaVu Serif): a slim image without them cannot print anything."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"):
        assert package in dockerfile, package


def test_a_web_process_keeps_what_it_loaded_out_of_the_garbage_collectors_walk(tmp_path):
    """A full collection over Django's own objects took 100–130 ms of some request (emulation/memory.py): the web
    process freezes what it loaded at start and after its first request (which compiles the templates)."""
    script = (
        "import gc\n"
        "import emulation.wsgi\n"
        "at_start = gc.get_freeze_count()\n"
        "from django.test import Client\n"
        "Client().get('/accounts/login/')\n"
        "print(at_start, gc.get_freeze_count())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG")},
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    at_start, after_first = map(int, result.stdout.split())
    assert at_start > 50_000
    assert after_first > at_start  # the first page's templates and URL map joined the frozen objects
