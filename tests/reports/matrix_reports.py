"""Permission-matrix rows for dashboards and reports."""

import datetime

from reports.models import ReportRun
from tests.personas import ADM, ALL, OUT, A, B, L, S

EVERYONE = dict.fromkeys(ALL, 200)

MATRIX = {
    # The dashboard of the user's own top organisation; the outsider has none.
    "reports:dashboard": ("get", None, "read", {**EVERYONE, OUT: 404}),
    "reports:report_list": ("get", None, "read", EVERYONE),
    "reports:report_request": ("post", None, "read", EVERYONE),  # an invalid request re-shows the form
    "reports:report_detail": ("get", "run_a", "read", {A: 404, S: 200, L: 200, B: 404, OUT: 404, ADM: 200}),
    "reports:report_rebuild": ("post", "run_a", "report.build", {A: 404, S: 302, L: 403, B: 404, OUT: 404, ADM: 302}),
    "reports:report_excel": ("get", "run_a", "read", {A: 404, S: 404, L: 404, B: 404, OUT: 404, ADM: 404}),
    "reports:report_pdf": ("get", "run_a", "read", {A: 404, S: 404, L: 404, B: 404, OUT: 404, ADM: 404}),
    "reports:report_document": ("get", "run_done", "read", {A: 404, S: 200, L: 200, B: 404, OUT: 404, ADM: 200}),
    "reports:report_texts": ("post", "run_done", "report.build", {A: 404, S: 302, L: 403, B: 404, OUT: 404, ADM: 302}),
}


def make_target(world, target):
    if target in ("run_a", "run_done"):
        done = target == "run_done"
        run = ReportRun.objects.create(
            organization=world.district_a,
            # A built run (its báo cáo exists), of a custom period no dashboard compares with; the plain one waits.
            kind="range" if done else "year",
            period_start=datetime.date(2019, 3, 1) if done else datetime.date(2025, 1, 1),
            period_end=datetime.date(2019, 8, 31) if done else datetime.date(2025, 12, 31),
            status=ReportRun.Status.DONE if done else ReportRun.Status.PENDING,
        )
        return {"pk": run.pk}
    return None
