"""Holding product code at a `core.checkpoints` point from a test, in this process or in processes it starts.

A gate is two kinds of file in a directory of the test's: each process that reaches the point leaves
`<name>.<pid>.reached` and waits until `<name>.open` exists. Files work across every process the crash tests
use (a `python -c` child, a Celery worker and its pool processes, a worker started after the first was
killed) and outlive a Redis restart. A child process learns its gates from TEST_CHECKPOINT_GATES, read by
`install_from_environment()` (see tests/worker.py); the product never reads it.
"""

import json
import os
from pathlib import Path

from core import checkpoints
from tests.waiting import wait_until

ENV = "TEST_CHECKPOINT_GATES"
HOLD_AT_MOST = 120  # seconds: a process the test forgot does not wait for ever


class Gate:
    def __init__(self, name, directory):
        self.name, self.dir = name, Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)

    @property
    def _open_file(self):
        return self.dir / f"{self.name}.open"

    def env(self, *others):
        """The environment entry that shuts this gate (and the others given) in a child process."""
        return {ENV: json.dumps({g.name: str(g.dir) for g in (self, *others)})}

    def arrivals(self):
        """The pids of the processes that reached the point, oldest first."""
        files = sorted(self.dir.glob(f"{self.name}.*.reached"), key=lambda p: p.stat().st_mtime_ns)
        return [int(p.name[len(self.name) + 1 : -len(".reached")]) for p in files]

    def wait_reached(self, timeout=30, count=1):
        """The pid of the `count`-th process to reach the point, once it has."""
        return wait_until(
            lambda: len(self.arrivals()) >= count and self.arrivals()[count - 1],
            timeout,
            f"a process to reach checkpoint {self.name!r}",
        )

    def open(self):
        """Lets every process waiting at the point, and every later one, go on."""
        self._open_file.touch()

    def hold(self):
        """Runs in the process that reached the point."""
        (self.dir / f"{self.name}.{os.getpid()}.reached").touch()
        wait_until(self._open_file.exists, HOLD_AT_MOST, f"the test to open checkpoint {self.name!r}")


def install_from_environment():
    for name, directory in json.loads(os.environ.get(ENV) or "{}").items():
        checkpoints.install(name, Gate(name, directory).hold)
