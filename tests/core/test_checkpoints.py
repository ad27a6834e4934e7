"""The test-only checkpoint hook: nothing happens at a checkpoint unless a test installed a hook for it."""

import os
import threading

from core import checkpoints
from tests.checkpoints import Gate


def test_a_checkpoint_runs_only_the_hook_installed_for_its_name():
    calls = []
    checkpoints.checkpoint("tests.somewhere")  # nothing installed: nothing happens
    with checkpoints.installed("tests.somewhere", lambda: calls.append("here")):
        checkpoints.checkpoint("tests.elsewhere")
        checkpoints.checkpoint("tests.somewhere")
    checkpoints.checkpoint("tests.somewhere")
    assert calls == ["here"]
    assert checkpoints._hooks == {}  # what production code sees: an empty dict


def test_a_gate_holds_the_work_until_the_test_opens_it(tmp_path):
    gate, done = Gate("tests.gate", tmp_path), threading.Event()

    def work():
        checkpoints.checkpoint("tests.gate")
        done.set()

    with checkpoints.installed("tests.gate", gate.hold):
        worker = threading.Thread(target=work)
        worker.start()
        try:
            assert gate.wait_reached() == os.getpid()
            assert not done.is_set()
        finally:
            gate.open()
            worker.join(timeout=10)
    assert done.is_set()
