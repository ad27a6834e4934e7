"""Time an award-register import end to end (upload + check, then check again + write).

    DEBUG=1 DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_awards.py [ROWS]

Uses the database named by DATABASE_URL (SQLite by default): run it against a scratch database. It creates
a provincial federation with 100 grassroots unions and ROWS members, then imports one Bằng khen per member
and one Cờ thi đua per 100 rows, across ten decisions, the way a federation's register is kept.
"""

import datetime
import io
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
from openpyxl import Workbook  # noqa: E402

from core.text import fold  # noqa: E402
from unions.models import ImportBatch, Member, Organization, Role  # noqa: E402
from unions.services import import_batches  # noqa: E402
from unions.services.members import allocate_member_codes  # noqa: E402

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVENS = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Xuân",
    "Yến",
]


def _name(i):
    """A different Vietnamese name for each i (names have no digits)."""
    given, rest = GIVENS[i % 24], i // 24
    middle, rest = MIDDLES[rest % 8], rest // 8
    family, rest = FAMILIES[rest % 12], rest // 12
    return f"{family} {middle} {GIVENS[rest % 24]} {given}" if rest else f"{family} {middle} {given}"


HEADER = [
    "STT",
    "Họ và tên",
    "Số CCCD",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Cấp khen",
    "Số QĐ",
    "Ngày QĐ",
    "Năm thành tích",
    "Tiền thưởng",
]


def _federation(stamp, rows):
    root = Organization.objects.filter(depth=1).first() or Organization.objects.add_root(
        create_kwargs={"code": "BENCH", "name": "Tổng Liên đoàn Lao động Việt Nam", "kind": "confederation"}
    )
    province = root.add_child(
        code=f"BA{stamp}", name=f"Liên đoàn Lao động tỉnh Bench {stamp}", kind="provincial_federation"
    )
    unions = [
        Organization.objects.get(pk=province.pk).add_child(
            code=f"BA{stamp}-{i:03d}",
            name=f"Công đoàn Công ty Bench {stamp} số {i}",
            kind="grassroots",
            sector="private_enterprise",
        )
        for i in range(100)
    ]
    codes = allocate_member_codes(rows)
    Member.objects.bulk_create(
        Member(
            organization=unions[i % 100],
            member_code=codes[i],
            full_name=_name(i),
            search_name=fold(_name(i)),
            gender="male",
            birth_date=datetime.date(1980, 1, 1),
            national_id=f"0{1 + stamp % 90:02d}{stamp % 10**5:05d}{i:04d}",
        )
        for i in range(rows)
    )
    staff, _ = get_user_model().objects.get_or_create(username=f"bench-awards-{stamp}")
    Role.objects.create(user=staff, organization=province, kind="federation_staff")
    return province, unions, codes, staff


def _workbook(province, unions, stamp, rows):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Khen thưởng")
    ws.append([f"DANH SÁCH KHEN THƯỞNG — {province.name.upper()}"])
    ws.append(HEADER)
    for i in range(rows):
        number, signed = f"{100 + i % 10}/QĐ-LĐLĐ", datetime.date(2024, 1 + i % 10, 10)
        cccd = f"0{1 + stamp % 90:02d}{stamp % 10**5:05d}{i:04d}"
        ws.append([i + 1, _name(i), cccd, "", "Bằng khen", "LĐLĐ tỉnh", number, signed, 2023, "1.800.000"])
    for j, union in enumerate(unions[: max(1, rows // 100)]):
        ws.append(
            [
                rows + j + 1,
                "",
                "",
                union.code,
                "Cờ thi đua",
                "LĐLĐ tỉnh",
                "100/QĐ-LĐLĐ",
                datetime.date(2024, 1, 10),
                2023,
                "4.680.000",
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    call_command("migrate", verbosity=0)
    stamp = int(time.time()) % 10**6
    province, unions, _codes, staff = _federation(stamp, rows)
    content = _workbook(province, unions, stamp, rows)
    t0 = time.perf_counter()
    batch = import_batches.batch_create(
        actor=staff, organization=province, kind="awards", upload=SimpleUploadedFile("khen-thuong.xlsx", content)
    )
    t1 = time.perf_counter()
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.status, batch.message, batch.errors[:3])
    import_batches.batch_confirm(actor=staff, batch=batch)
    batch = import_batches.batch_run(batch.pk)
    t2 = time.perf_counter()
    assert batch.status == ImportBatch.Status.DONE, (batch.status, batch.message)
    print(f"{batch.created_count} awards, {len(content) / 1024:.0f} KiB, database {django.db.connection.vendor}")
    print(f"upload + check: {t1 - t0:.2f} s; confirm (check again + write): {t2 - t1:.2f} s; total: {t2 - t0:.2f} s")


if __name__ == "__main__":
    main()
