"""Several machines, shown on one: two gunicorn processes started from different working directories, two Celery
workers on different queues, one PostgreSQL and one Redis — the topology of README «Chạy trên nhiều máy».

A user signs in through one web process and goes on through the other (sessions in the database); pages are
requested round robin through both with no error; a file uploaded through one is downloaded through the other;
a report requested on one is built by the reports worker and downloaded from the other.
"""

import contextlib
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from awards.models import Proposal, ProposalAttachment
from reports.models import ReportRun
from tests.awards import helpers as h
from tests.factories import MemberFactory
from tests.jobs import helpers
from tests.waiting import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]
ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Hai-may-chu-2026!"
PAGES = ["/", "/members/", "/awards/", "/dashboard/", "/proposals/", "/campaigns/", "/registrations/", "/reports/"]


def _production_env(tmp_path, media):
    return helpers.child_env(
        DJANGO_SETTINGS_MODULE="tests.topology_settings",
        PYTHONPATH=ROOT,
        DEBUG="0",
        SECRET_KEY="t" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        CACHE_URL=os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/2",
        FILE_STORAGE="filesystem",
        MEDIA_ROOT=media,
    )


LOGS: list[Path] = []


def _spawn(args, cwd, env, name, tmp_path):
    LOGS.append(tmp_path / f"{name}.log")
    log = open(LOGS[-1], "w")  # noqa: SIM115 -- the process writes to it until stopped
    return subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _csrf(page):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, page.text[:300]
    return found.group(1)


def _web(port, cwd, env, tmp_path):
    args = [sys.executable, "-m", "gunicorn", "emulation.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "1"]
    args += ["--threads", "4", "--no-control-socket", "--timeout", "120"]
    return _spawn(args, cwd, env, f"web-{port}", tmp_path)


def _worker(name, queues, cwd, env, tmp_path):
    args = [sys.executable, "-m", "celery", "-A", "emulation", "worker", "-n", f"{name}@localhost", "-Q", queues]
    args += ["--pool=solo", "--without-gossip", "--without-mingle", "-l", "WARNING"]
    return _spawn(args, cwd, env, name, tmp_path)


def _signed_in(base, username):
    session = requests.Session()
    token = _csrf(session.get(base + "/accounts/login/", timeout=30))
    answer = session.post(
        base + "/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        timeout=30,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session


def _post(session, base, path, data, files=None, form_page=None):
    token = _csrf(session.get(base + (form_page or path), timeout=30))
    return session.post(
        base + path, data={"csrfmiddlewaretoken": token, **data}, files=files, timeout=60, allow_redirects=False
    )


def test_two_web_processes_and_two_workers_share_sessions_files_and_reports(world, award_catalogue, settings, tmp_path):
    helpers.require_services()
    # Production's password hasher: the web processes run the production settings.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for user in (world.staff_district_a, world.officer_union_a1):
        user.set_password(PASSWORD)
        user.save()
    for _ in range(3):
        h.award(MemberFactory(organization=world.union_a1), code="LDTT", year=2025)
    proposal = Proposal.objects.create(
        title="Đề nghị cuối năm", from_org=world.union_a1, to_org=world.district_a, year=2025
    )
    media = tmp_path / "media"
    media.mkdir()
    env = _production_env(tmp_path, media)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    ports = [helpers.free_port(), helpers.free_port()]
    procs = []
    try:
        procs.append(_web(ports[0], tmp_path / "a", env, tmp_path))
        procs.append(_web(ports[1], tmp_path / "b", env, tmp_path))
        procs.append(_worker("front", "default,imports,notifications", tmp_path / "a", env, tmp_path))
        procs.append(_worker("reports", "reports,documents", tmp_path / "b", env, tmp_path))
        machines = [f"http://127.0.0.1:{port}" for port in ports]

        def healthy():
            with contextlib.suppress(requests.RequestException):
                return all(requests.get(m + "/healthz", timeout=2).status_code == 200 for m in machines)

        wait_until(healthy, 60, "both web processes to answer", interval=0.2)
        a, b = machines

        # Signed in on A, the same session goes on through B.
        staff = _signed_in(a, "staff_district_a")
        officer = _signed_in(b, "officer_union_a1")
        requests_made = [
            (session, machines[i % 2] + PAGES[i % len(PAGES)]) for i, session in enumerate([staff, officer] * 40)
        ]
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(lambda job: job[0].get(job[1], timeout=60).status_code, requests_made))
        assert statuses.count(200) == len(statuses), sorted(set(statuses))

        # A file uploaded through B is downloaded through A.
        content = b"%PDF-1.4\n% to trinh\n"
        answer = _post(
            officer,
            b,
            f"/proposals/{proposal.pk}/attachments/add/",
            {"kind": "cover_letter", "title": "Tờ trình"},
            files={"file": ("to-trinh.pdf", content, "application/pdf")},
        )
        assert answer.status_code == 302, answer.text[:500]
        attachment = ProposalAttachment.objects.get(proposal=proposal)
        download = officer.get(f"{a}/proposals/{proposal.pk}/attachments/{attachment.pk}/", timeout=30)
        assert download.status_code == 200 and download.content == content

        # A report requested on A is built by the reports worker and downloaded from B.
        answer = _post(
            staff,
            a,
            "/reports/request/",
            {"organization": world.district_a.pk, "kind": "year", "year": 2025},
            form_page="/reports/",
        )
        assert answer.status_code == 302, re.findall(r"(?s)invalid-feedback[^>]*>(.*?)<", answer.text)
        run = ReportRun.objects.get()

        def built():
            run.refresh_from_db()
            return run.status == ReportRun.Status.DONE

        wait_until(built, 120, "the reports worker to build the report", interval=0.3)
        pdf = staff.get(f"{b}/reports/{run.pk}/pdf/", timeout=60)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    except AssertionError as exc:
        logs = "\n".join(f"--- {log.name} ---\n{log.read_text()[-3000:]}" for log in LOGS)
        raise AssertionError(f"{exc}\n{logs}") from None
    finally:
        for proc in procs:
            helpers.stop(proc)
