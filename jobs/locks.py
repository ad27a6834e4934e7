"""A session advisory lock per job while it runs: held by a live worker, freed by PostgreSQL when the
worker's connection dies, so a second delivery can tell a running job from an orphaned one."""

from contextlib import contextmanager

from django.db import DatabaseError, connection

LOCK_CLASS = 0x6A6F62  # "job"


def _pg():
    return connection.vendor == "postgresql"


@contextmanager
def job_lock(job_id):
    """Yields True when this process now holds the job's lock, False when another session holds it."""
    if not _pg():
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, job_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, job_id])
            except DatabaseError:
                pass  # the connection is gone, and the lock with it


def lock_is_held(job_id):
    """True when some live session runs the job (never on SQLite, where nothing runs in parallel)."""
    if not _pg():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, job_id])
        free = cursor.fetchone()[0]
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, job_id])
    return not free
