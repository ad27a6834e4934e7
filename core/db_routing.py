"""An optional read replica (DATABASE_REPLICA_URL) for the heavy reads nobody writes after: dashboards, report
figures and list exports.

Reads go to the replica only inside `replica_reads()` (a context manager and a view decorator) and only when a
replica is configured; everything else, and every read after the first write in that context, stays on the
primary, so a user never misses what they just saved because the replica lags behind.
"""

import contextvars
import functools
from contextlib import contextmanager

from django.conf import settings

REPLICA = "replica"
_state: contextvars.ContextVar[dict | None] = contextvars.ContextVar("replica_reads", default=None)


@contextmanager
def _reading():
    token = _state.set({"wrote": False})
    try:
        yield
    finally:
        _state.reset(token)


class _ReplicaReads:
    """`with replica_reads():` or `@replica_reads` on a view."""

    def __call__(self, view=None):
        if view is None:
            return _reading()

        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            with _reading():
                return view(*args, **kwargs)

        return wrapped


replica_reads = _ReplicaReads()


def has_replica():
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is not None and not state["wrote"] and has_replica():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state["wrote"] = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: objects read from either are the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
