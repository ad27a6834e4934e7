"""Probes for /healthz (liveness: the process answers) and /readyz (readiness: its dependencies answer)."""

from django.conf import settings
from django.db import DatabaseError

PROBE_TIMEOUT = 0.5  # seconds per network probe: /readyz answers within 2 s even when a dependency hangs


def database_status(connection):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _embedded():
    url = settings.CELERY_BROKER_URL
    return not url or url.startswith("memory://")


def broker_status():
    """Redis answers PING; with no broker configured, tasks run in-process."""
    if _embedded():
        return {"ok": True, "mode": "eager"}
    import redis

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=PROBE_TIMEOUT, socket_timeout=PROBE_TIMEOUT
        )
        client.ping()
    except (redis.RedisError, OSError) as exc:
        return {"ok": False, "mode": "redis", "error": exc.__class__.__name__}
    return {"ok": True, "mode": "redis"}


def worker_status():
    """At least one Celery worker answers a ping on the broker (skipped when tasks run in-process)."""
    if _embedded() or settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    from emulation.celery import app

    try:
        with app.connection_for_write(
            url=settings.CELERY_BROKER_URL,
            transport_options={
                "socket_connect_timeout": PROBE_TIMEOUT,
                "socket_timeout": PROBE_TIMEOUT,
                "max_retries": 0,
            },
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)
            # The probe's own connection for the request and the replies: the app's pooled producers may be
            # stuck retrying a broker that went away.
            mailbox = app.control.mailbox(conn)
            mailbox._producer_pool = None
            replies = mailbox._broadcast("ping", reply=True, timeout=PROBE_TIMEOUT)
    except Exception as exc:  # any broker failure means no worker can be reached
        return {"ok": False, "error": exc.__class__.__name__}
    if not replies:
        return {"ok": False, "error": "no worker answered"}
    return {"ok": True, "workers": len(replies)}


def migrations_status(connection):
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    if plan:
        return {"ok": False, "pending": len(plan)}
    return {"ok": True}


def readiness(connection):
    checks = {"database": database_status(connection)}
    checks["migrations"] = migrations_status(connection) if checks["database"]["ok"] else {"ok": False}
    checks["broker"] = broker_status()
    # Without the broker no worker can answer: say so at once instead of waiting for the ping.
    checks["worker"] = worker_status() if checks["broker"]["ok"] else {"ok": False, "error": "broker down"}
    return checks
