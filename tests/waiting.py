"""Waiting in tests on something a test can observe (a row, a job status, a file), never for a fixed time."""

import time


def wait_until(predicate, timeout, what="the condition", interval=0.05):
    """The first truthy value of predicate(), polled until the deadline; an AssertionError naming `what` after."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)
