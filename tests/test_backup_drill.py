"""The backup drill: back up the test database and the stored files with scripts/backup.sh, restore them into
a new database and an empty folder with scripts/restore.sh, and compare every table row by row (counts and
checksums) and every file byte for byte."""

import os
import subprocess
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from jobs.models import Job
from tests.factories import MemberFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def _url(name):
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{name}"


def _script(name, *args, **env):
    return subprocess.run(
        [str(ROOT / "scripts" / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def fingerprint(url):
    """{table: (rows, md5 of all its rows in primary-key order)} for every table of the public schema."""
    conn = psycopg2.connect(url)
    try:
        conn.set_session(readonly=True)
        with conn.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [r[0] for r in cur.fetchall()]
            prints = {}
            for table in tables:
                cur.execute(
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                    "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
                    "ORDER BY a.attnum",
                    [f'public."{table}"'],
                )
                order = ", ".join(f't."{r[0]}"' for r in cur.fetchall()) or "t::text"
                cur.execute(
                    f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY {order}), '')) "
                    f'FROM public."{table}" t'
                )
                prints[table] = cur.fetchone()
            return prints
    finally:
        conn.close()


@pytest.fixture
def drill_database():
    if connection.vendor != "postgresql":
        pytest.skip("the drill backs up PostgreSQL")
    name = f"drill_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _url(name)
    finally:
        with connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def files_in(folder):
    """{relative path: bytes} of every file under `folder`."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_backup_and_restore_give_back_every_row_and_file(world, drill_database, tmp_path):
    media, restored_media, backups = tmp_path / "media", tmp_path / "restored-media", tmp_path / "backups"
    (media / "proposals" / "2025").mkdir(parents=True)
    (media / "proposals" / "2025" / "biên bản.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    (media / "reports").mkdir()
    (media / "reports" / "bao-cao-1.xlsx").write_bytes(b"PK\x03\x04 report")
    for i in range(25):
        MemberFactory(organization=world.union_a1, full_name=f"Đoàn viên {i}", search_name=f"doan vien {i}")
    Job.objects.create(kind="members.import", args={"batch_id": 1}, key="drill", result={"ghi chú": "có dấu"})
    source = _url(connection.settings_dict["NAME"])

    backup = _script("backup.sh", str(backups), DATABASE_URL=source, MEDIA_ROOT=str(media))
    assert backup.returncode == 0, backup.stderr
    dump, archive = map(Path, backup.stdout.split())
    assert dump.parent == backups and dump.name.startswith("thidua-") and dump.suffix == ".dump"
    assert archive == backups / dump.name.replace(".dump", "-media.tar.gz")
    assert not list(backups.glob("*.partial"))

    started = time.monotonic()
    restore = _script("restore.sh", str(dump), DATABASE_URL=drill_database, MEDIA_ROOT=str(restored_media))
    restore_seconds = time.monotonic() - started
    assert restore.returncode == 0, restore.stderr
    print(f"\nrestore took {restore_seconds:.1f} s for {dump.stat().st_size} bytes")

    original, restored = fingerprint(source), fingerprint(drill_database)
    assert set(restored) == set(original)
    assert {t for t in original if t.split("_")[0] in {"unions", "awards", "campaigns", "reports", "jobs"}}
    assert original["unions_member"][0] >= 28
    assert restored == original
    assert files_in(restored_media) == files_in(media) and len(files_in(media)) == 2

    # A second restore into the now non-empty database is refused, and allowed with FORCE=1, which also
    # replaces the files (a stray file left in the folder is gone).
    again = _script("restore.sh", str(dump), DATABASE_URL=drill_database, MEDIA_ROOT=str(restored_media))
    assert again.returncode == 3 and "not empty" in again.stderr
    (restored_media / "stray.txt").write_text("left over")
    forced = _script("restore.sh", str(dump), DATABASE_URL=drill_database, MEDIA_ROOT=str(restored_media), FORCE="1")
    assert forced.returncode == 0, forced.stderr
    assert fingerprint(drill_database) == original
    assert files_in(restored_media) == files_in(media)


def test_restore_refuses_a_folder_that_already_holds_files(world, drill_database, tmp_path):
    media, busy = tmp_path / "media", tmp_path / "busy"
    media.mkdir()
    (media / "a.pdf").write_bytes(b"a")
    busy.mkdir()
    (busy / "someone-else.pdf").write_bytes(b"b")
    backup = _script(
        "backup.sh", str(tmp_path / "b"), DATABASE_URL=_url(connection.settings_dict["NAME"]), MEDIA_ROOT=str(media)
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.split()[0])
    refused = _script("restore.sh", str(dump), DATABASE_URL=drill_database, MEDIA_ROOT=str(busy))
    assert refused.returncode == 3 and "already holds files" in refused.stderr
    assert files_in(busy) == {"someone-else.pdf": b"b"}
    assert fingerprint(drill_database) == {}  # refused before the database was touched


def test_restore_refuses_a_missing_file_and_backup_needs_postgres(tmp_path):
    assert _script("restore.sh", str(tmp_path / "none.dump"), DATABASE_URL="postgres://x@127.0.0.1:1/x").returncode == 2
    assert _script("backup.sh", str(tmp_path), DATABASE_URL="sqlite:///db.sqlite3").returncode == 2
    assert not list(tmp_path.iterdir())


def test_files_in_object_storage_are_left_to_the_bucket(db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the drill backs up PostgreSQL")
    media = tmp_path / "media"
    media.mkdir()
    (media / "a.pdf").write_bytes(b"a")
    source = _url(connection.settings_dict["NAME"])
    backup = _script("backup.sh", str(tmp_path / "b"), DATABASE_URL=source, MEDIA_ROOT=str(media), FILE_STORAGE="s3")
    assert backup.returncode == 0, backup.stderr
    assert [Path(p).suffix for p in backup.stdout.split()] == [".dump"]
    assert "stored files are in the bucket" in backup.stderr
