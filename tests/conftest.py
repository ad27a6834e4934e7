import os
from types import SimpleNamespace

import pytest

# Playwright's sync API keeps an event loop in the main thread; Django must not refuse the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.factories import MemberFactory, UserFactory, add_org, role  # noqa: E402

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_configure(config):
    if not REQUIRE_SERVICES:
        return
    url = os.environ.get("DATABASE_URL", "")
    missing = []
    if not url.startswith(("postgres://", "postgresql://")):
        missing.append("PostgreSQL (DATABASE_URL)")
    if not os.environ.get("REDIS_URL"):
        missing.append("Redis (REDIS_URL)")
    if missing:
        raise pytest.UsageError("REQUIRE_SERVICES=1 but missing: " + ", ".join(missing))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _stored_files_in_a_temporary_folder(settings, media_root):
    """Uploads and report files of a test go to a throwaway folder, never to the work tree's media/."""
    settings.MEDIA_ROOT = media_root


@pytest.fixture
def world(db):
    """One small fixed tree with the personas of DESIGN.md §6.

    confederation
      city (provincial federation)
        district_a: union_a1 (with division_a1), union_a2
        district_b: union_b1
    """
    root = add_org(None, "confederation", "Tổng Liên đoàn Lao động Việt Nam", code="TLD")
    city = add_org(root, "provincial_federation", "Liên đoàn Lao động thành phố Hà Nội", code="HN")
    district_a = add_org(city, "district_federation", "Liên đoàn Lao động quận Bắc Từ Liêm", code="HN-BTL")
    district_b = add_org(city, "district_federation", "Liên đoàn Lao động quận Tây Hồ", code="HN-TH")
    union_a1 = add_org(district_a, "grassroots", "Công đoàn Trường Tiểu học Xuân Đỉnh", code="HN-BTL-001")
    division_a1 = add_org(union_a1, "division", "Công đoàn bộ phận Khối 1", code="HN-BTL-001-K1")
    union_a2 = add_org(
        district_a, "grassroots", "Công đoàn Công ty Cơ khí Phú Diễn", code="HN-BTL-002", sector="private_enterprise"
    )
    union_b1 = add_org(district_b, "grassroots", "Công đoàn Trường THCS Xuân La", code="HN-TH-001")
    w = SimpleNamespace(
        root=root,
        city=city,
        district_a=district_a,
        district_b=district_b,
        union_a1=union_a1,
        division_a1=division_a1,
        union_a2=union_a2,
        union_b1=union_b1,
    )
    w.admin = UserFactory(username="admin")
    role(w.admin, root, "admin")
    w.staff_district_a = UserFactory(username="staff_district_a")
    role(w.staff_district_a, district_a, "federation_staff")
    w.officer_union_a1 = UserFactory(username="officer_union_a1")
    role(w.officer_union_a1, union_a1, "union_officer")
    w.officer_union_a2 = UserFactory(username="officer_union_a2")
    role(w.officer_union_a2, union_a2, "union_officer")
    w.officer_union_b1 = UserFactory(username="officer_union_b1")
    role(w.officer_union_b1, union_b1, "union_officer")
    w.leader_city = UserFactory(username="leader_city")
    role(w.leader_city, city, "leader")
    w.outsider = UserFactory(username="outsider")
    w.member_a1 = MemberFactory(
        organization=union_a1, full_name="Nguyễn Văn An", search_name="nguyen van an", national_id="001090012345"
    )
    w.member_a2 = MemberFactory(
        organization=union_a2, full_name="Lê Thị Bích", search_name="le thi bich", gender="female"
    )
    w.member_b1 = MemberFactory(organization=union_b1, full_name="Phạm Đức Cường", search_name="pham duc cuong")
    return w


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker in this process, on the Redis broker from REDIS_URL."""
    url = os.environ.get("REDIS_URL")
    if not url:
        if REQUIRE_SERVICES:
            pytest.fail("REDIS_URL is required for Celery worker tests")
        pytest.skip("no Redis: set REDIS_URL (make test starts one when redis-server is installed)")
    from celery.contrib.testing.worker import start_worker

    from emulation.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    try:
        with start_worker(
            app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.update(saved)


def load_catalogues():
    """The campaign and award catalogues and base salaries of the data migrations, when missing
    (transactional tests flush them)."""
    from importlib import import_module

    from django.apps import apps

    from awards.models import AwardType
    from campaigns.models import StandardCampaign

    if not StandardCampaign.objects.exists():
        import_module("campaigns.migrations.0002_standard_campaigns").load(apps, None)
    if not AwardType.objects.exists():
        import_module("awards.migrations.0002_catalogue").load(apps, None)
        import_module("awards.migrations.0004_base_salary").load(apps, None)
        import_module("awards.migrations.0005_flag_alternative").load(apps, None)
        import_module("awards.migrations.0009_provincial_flag").load(apps, None)
        import_module("awards.migrations.0011_sector_union_awards").load(apps, None)
        import_module("awards.migrations.0018_union_titles").load(apps, None)


@pytest.fixture
def standard_campaigns(db):
    from importlib import import_module

    from django.apps import apps

    import_module("campaigns.migrations.0002_standard_campaigns").load(apps, None)


@pytest.fixture
def award_catalogue(db):
    load_catalogues()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Let test flushes TRUNCATE the append-only audit table (see audit/migrations/0002_append_only.py)."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {name} SET audit.allow_truncate = 'on'")
                cursor.execute("SET audit.allow_truncate = 'on'")
