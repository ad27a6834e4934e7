"""Real processes for the fault tests: Celery workers, a Redis of their own, and PostgreSQL probes."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]


def require_services(redis=True):
    ok = connection.vendor == "postgresql" and (not redis or os.environ.get("REDIS_URL"))
    if not ok:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("needs PostgreSQL and Redis")
        pytest.skip("needs PostgreSQL" + (" and Redis" if redis else ""))


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def child_env(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "emulation.settings_test",
        "DATABASE_URL": database_url(),
        "JOB_HEARTBEAT_SECONDS": "0.5",
        "JOB_STALE_SECONDS": "3",
        "PYTHONUNBUFFERED": "1",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


def inside_import_transaction():
    """True while another session sits in an open transaction that has written member history rows.

    Read from the locks the session holds, not from its last statement (a savepoint release may follow
    the write)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid "
            "JOIN pg_class c ON c.oid = l.relation WHERE a.datname = current_database() "
            "AND a.pid <> pg_backend_pid() AND a.state = 'idle in transaction' "
            "AND c.relname = 'unions_historicalmember' AND l.mode = 'RowExclusiveLock'"
        )
        return cursor.fetchone()[0] > 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_worker(name, env, pool="prefork"):
    """A worker in its own process group, so the test can kill all of it at once. It runs the project's tasks
    with the checkpoint gates of `env` shut (tests/worker.py)."""
    with tempfile.NamedTemporaryFile(prefix=f"worker-{name}-", suffix=".log", delete=False) as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.worker",
                "worker",
                "-n",
                f"{name}@localhost",
                f"--pool={pool}",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    proc.log_path = log.name
    return proc


def worker_log(proc):
    try:
        return Path(proc.log_path).read_text()[-3000:]
    except OSError:
        return ""


def wait_ready(app, name, timeout=25):
    def answers():
        with contextlib.suppress(Exception):
            return app.control.ping(destination=[f"{name}@localhost"], timeout=0.5)

    wait_until(answers, timeout, f"worker {name} to start")


def worker_idle(app, name):
    """True when the worker answers and holds no task, running or reserved (read from the worker itself)."""
    with contextlib.suppress(Exception):
        inspect = app.control.inspect(destination=[f"{name}@localhost"], timeout=0.5)
        active, reserved = inspect.active(), inspect.reserved()
        if active and reserved:
            return not any(active.values()) and not any(reserved.values())
    return False


def stop(proc, timeout=15):
    """Ends a process we started, and its process group; never raises."""
    if proc is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    if getattr(proc, "log_path", None):
        with contextlib.suppress(OSError):
            os.unlink(proc.log_path)


class RedisServer:
    """A redis-server of the test's own on a free port, with no persistence: a restart forgets everything."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="redis-")
        self.proc = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        wait_until(lambda: _pings(client), 10, "redis-server to start")
        return self

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def restart(self):
        self.kill()
        return self.start()

    def close(self):
        self.kill()
        import shutil

        shutil.rmtree(self.dir, ignore_errors=True)


def _pings(client):
    try:
        return client.ping()
    except Exception:
        return False


@contextlib.contextmanager
def celery_on(url):
    """Points this process's Celery app at a real broker (the test settings run tasks eagerly)."""
    from emulation.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    _reset_pools(app)
    backend = url if url.startswith("redis") else saved["result_backend"]
    app.conf.update(broker_url=url, result_backend=backend, task_always_eager=False)
    try:
        yield app
    finally:
        _reset_pools(app)
        app.conf.update(saved)


def _reset_pools(app):
    """Forget pooled broker connections, which remember the URL they were made for."""
    from kombu import pools

    with contextlib.suppress(Exception):
        pools.reset()
    app._pool = None
    app._backend_cache = None
    with contextlib.suppress(AttributeError):
        del app._local.backend
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
