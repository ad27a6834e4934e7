"""Time a 10.000-row member import end to end (check + all-or-nothing write).

    DEBUG=1 DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_members.py [ROWS]

Uses the database named by DATABASE_URL (SQLite by default): run it against a
scratch database, it creates a federation, a union, an officer and the members.
"""

import os
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from benchmarks.workbook import members_workbook  # noqa: E402
from unions.importers import member_files as imports  # noqa: E402
from unions.models import ImportBatch, Organization, Role  # noqa: E402


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    call_command("migrate", verbosity=0)
    root = Organization.objects.filter(depth=1).first() or Organization.objects.add_root(
        create_kwargs={"code": "BENCH", "name": "Bench", "kind": "confederation"}
    )
    province = Organization.objects.filter(code="BENCH-P").first() or Organization.objects.add_child(
        root, create_kwargs={"code": "BENCH-P", "name": "Bench province", "kind": "provincial_federation"}
    )
    union = Organization.objects.add_child(
        province,
        create_kwargs={
            "code": f"BENCH-{time.time_ns()}",
            "name": "Công đoàn Công ty Bench",
            "kind": "grassroots",
            "sector": "private_enterprise",
        },
    )
    officer, _ = get_user_model().objects.get_or_create(username=f"bench-{union.code}")
    Role.objects.create(user=officer, organization=union, kind="union_officer")

    content = members_workbook(rows)
    upload = SimpleUploadedFile("bench.xlsx", content)
    t0 = time.perf_counter()
    batch = imports.batch_create(actor=officer, organization=union, upload=upload)
    t1 = time.perf_counter()
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors[:3])
    imports.batch_confirm(actor=officer, batch=batch)
    batch = imports.batch_run(batch.pk)
    t2 = time.perf_counter()
    assert batch.status == ImportBatch.Status.DONE and batch.created_count == rows
    print(f"{rows} rows, {len(content) / 1024:.0f} KiB, database {django.db.connection.vendor}")
    print(f"upload + check: {t1 - t0:.2f} s; confirm (check again + write): {t2 - t1:.2f} s; total: {t2 - t0:.2f} s")


if __name__ == "__main__":
    main()
