"""A report's dashboard figures, Excel cells, PDF text and narrative agree; runs are idempotent."""

import datetime
import io
import pathlib
import re
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.models import Award
from reports import builder, periods, services
from reports.models import MetricSnapshot, ReportRun
from tests.awards import helpers as h
from tests.factories import MemberFactory

Y = 2024


@pytest.fixture
def filled(world, award_catalogue):
    for _i in range(3):
        m = MemberFactory(organization=world.union_a1, gender="female")
        h.award(m, code="CNG_Q", year=Y)
    h.award(MemberFactory(organization=world.union_a2), code="CNG_TD", year=Y)
    h.award(None, org=world.union_a1, code="TTLDTT", year=Y)
    h.award(world.member_b1, code="LDTT", year=Y)  # another district: never counted for district A
    return world


def build(world, scope, period):
    run = services.report_request(actor=world.staff_district_a, organization=scope, period=period)
    return builder.build(run.pk)


def pdf_text(field):
    with field.open("rb") as f:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_figures_agree_everywhere(client, filled):
    run = build(filled, filled.district_a, periods.year(Y))
    assert run.status == "done"
    snap = dict(MetricSnapshot.objects.filter(run=run, child="").values_list("code", "value"))
    assert (snap["awards_individual"], snap["awards_collective"]) == (4, 1)
    assert run.narrative.startswith("Trong năm 2024, toàn quận có")
    assert "1 lượt tập thể và 4 lượt cá nhân được các cấp công đoàn biểu dương khen thưởng." in run.narrative
    assert "3 lượt công nhân đạt danh hiệu “Công nhân giỏi quận”" in run.narrative
    assert "1 lượt công nhân đạt danh hiệu “Công nhân giỏi Thủ đô”" in run.narrative
    with run.excel.open("rb") as f:
        ws = load_workbook(io.BytesIO(f.read()))["Chỉ tiêu"]
    cells = {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert cells["Lượt cá nhân được khen"] == 4 and cells["Lượt tập thể được khen"] == 1
    text = pdf_text(run.pdf)
    assert "BÁO CÁO CÔNG TÁC THI ĐUA, KHEN THƯỞNG" in text
    assert "1 lượt tập thể và 4 lượt cá nhân được các cấp công đoàn biểu dương khen thưởng." in text
    client.force_login(filled.leader_city)
    response = client.get(reverse("reports:dashboard"), {"org": filled.district_a.pk, "period": f"year:{Y}"})
    figures = {f["code"]: f["value"] for f in response.context["figures"]}
    assert (figures["awards_individual"], figures["awards_collective"]) == (4, 1)


def test_running_twice_leaves_one_report_and_frozen_figures(client, filled):
    period = periods.year(Y)
    first = build(filled, filled.district_a, period)
    again = build(filled, filled.district_a, period)
    assert first.pk == again.pk and ReportRun.objects.count() == 1
    # Later edits do not change a finished period until staff rebuild it.
    h.award(MemberFactory(organization=filled.union_a1), code="LDTT", year=Y)
    client.force_login(filled.staff_district_a)
    response = client.get(reverse("reports:dashboard"), {"org": filled.district_a.pk, "period": f"year:{Y}"})
    assert {f["code"]: f["value"] for f in response.context["figures"]}["awards_individual"] == 4
    services.report_rebuild(actor=filled.staff_district_a, run=first)
    rebuilt = builder.build(first.pk)
    assert rebuilt.rebuilt_by == filled.staff_district_a
    assert MetricSnapshot.objects.get(run=rebuilt, code="awards_individual", child="").value == 5
    files = list(pathlib.Path(rebuilt.excel.storage.path("reports")).glob(f"bao-cao-{rebuilt.pk}*"))
    assert sorted(p.name for p in files) == [f"bao-cao-{rebuilt.pk}.pdf", f"bao-cao-{rebuilt.pk}.xlsx"]


def test_leaders_are_notified(filled, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        build(filled, filled.district_a, periods.year(Y))
    note = Notification.objects.get(user=filled.leader_city)
    assert note.title.startswith("Báo cáo đã sẵn sàng: Liên đoàn Lao động quận Bắc Từ Liêm")


def test_revoked_awards_do_not_count(filled):
    Award.objects.filter(award_type__code="CNG_TD").update(status="revoked")
    run = build(filled, filled.district_a, periods.year(Y))
    assert MetricSnapshot.objects.get(run=run, code="awards_individual", child="").value == 3


def test_downloads_are_scoped(client, filled):
    run = build(filled, filled.district_a, periods.year(Y))
    client.force_login(filled.officer_union_b1)
    assert client.get(reverse("reports:report_pdf", args=[run.pk])).status_code == 404
    client.force_login(filled.leader_city)
    response = client.get(reverse("reports:report_pdf", args=[run.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_schedule_creates_one_run_per_federation(filled, django_capture_on_commit_callbacks):
    from reports.tasks import schedule_reports

    with django_capture_on_commit_callbacks(execute=True):
        ids = schedule_reports("year")
    assert len(ids) == ReportRun.objects.count() == 3  # the city and its two districts
    assert set(ReportRun.objects.values_list("status", flat=True)) == {"done"}
    schedule_reports("year")
    assert ReportRun.objects.count() == 3


@pytest.mark.parametrize(
    ("kind", "today", "start", "end"),
    [
        ("month", datetime.date(2025, 3, 10), datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)),
        ("half", datetime.date(2025, 6, 15), datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        ("year", datetime.date(2025, 12, 15), datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
    ],
    ids=["month-just-ended", "half-year-review", "year-end-review"],
)
def test_schedule_asks_for_the_period_the_beat_entry_names(filled, kind, today, start, end):
    ids = services.reports_schedule(kind, today=today)
    runs = ReportRun.objects.filter(pk__in=ids)
    assert {(r.kind, r.period_start, r.period_end) for r in runs} == {(kind, start, end)}
    assert {r.organization for r in runs} == {filled.city, filled.district_a, filled.district_b}


def test_request_through_the_page(client, filled):
    client.force_login(filled.staff_district_a)
    response = client.post(
        reverse("reports:report_request"),
        {"organization": filled.district_a.pk, "kind": "term", "year": 2018, "last_year": 2023},
    )
    run = ReportRun.objects.get()
    assert response.url == reverse("reports:report_detail", args=[run.pk])
    assert (run.period_start, run.period_end) == (datetime.date(2018, 1, 1), datetime.date(2023, 12, 31))
