"""Long jobs timed in a process of their own (wall time and peak memory), printed as one JSON line.

python benchmarks/jobs.py report <organisation id> <year>
python benchmarks/jobs.py rollups
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
django.setup()

from reports import builder, periods, rollups  # noqa: E402
from reports.models import ReportRun  # noqa: E402
from unions.models import Organization  # noqa: E402


def _peak_mb():
    """This process's own peak (VmHWM): ru_maxrss would carry the parent's peak across fork and exec."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(argv):
    started = time.perf_counter()
    if argv[0] == "report":
        org, period = Organization.objects.get(pk=int(argv[1])), periods.year(int(argv[2]))
        run, _ = ReportRun.objects.update_or_create(
            organization=org,
            kind="year",
            period_start=period.start,
            period_end=period.end,
            defaults={"status": ReportRun.Status.PENDING},
        )
        run = builder.build(run.pk)
        detail = {"status": run.status, "snapshots": run.snapshots.count()}
    else:
        detail = {"rows": rollups.rebuild()}
    seconds = time.perf_counter() - started
    peak_mb = _peak_mb()
    print(json.dumps({"seconds": round(seconds, 1), "peak_mb": peak_mb, **detail}))


if __name__ == "__main__":
    main(sys.argv[1:])
