"""Named points inside long transactions where a test can hold the work (to kill the process there, or to
act while it waits).

Production code marks the point with `checkpoint("name")` and pays one call and one test of an empty dict:
nothing is installed outside the tests, and settings carry no pause. Tests install a hook for a name
(`installed(name, hook)` in-process; `tests/checkpoints.py` does it in worker processes from the
environment) and the hook blocks until the test releases it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_hooks: dict[str, Callable[[], object]] = {}


def checkpoint(name: str) -> None:
    """Runs the hook a test installed for this point, if any."""
    if _hooks:
        hook = _hooks.get(name)
        if hook is not None:
            hook()


def install(name: str, hook: Callable[[], object]) -> None:
    _hooks[name] = hook


def uninstall(name: str) -> None:
    _hooks.pop(name, None)


@contextmanager
def installed(name: str, hook: Callable[[], object]) -> Iterator[None]:
    install(name, hook)
    try:
        yield
    finally:
        uninstall(name)
