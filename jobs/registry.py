"""Which function does the work of each job kind. Apps register theirs in their tasks module.

One rule for background work:
- Long work a user asked for and waits to see (an import, a report, a batch of documents) is a **job handler**
  registered here with `@handler("app.kind")` and started with `jobs.services.job_enqueue` inside the service
  that accepts the request. The job table, not the broker, remembers it: one live job per key, a heartbeat,
  retries of transient errors, the sweeper for lost messages and dead workers, and the outcome the page shows.
  The handler's writes and the job's outcome commit together, so the handler must be safe to run again.
- Work nobody waits for (nightly rollups, forgetting old import files, scheduled reports, reminders) is a
  **maintenance task**: a `@shared_task` in the app's `tasks.py` whose body is one call to a service, scheduled
  in CELERY_BEAT_SCHEDULE. Whatever user-visible work it starts goes through a job (scheduled reports do).
- No other Celery task: `jobs.run` is the only one a user's action sends (tests/jobs/test_rule.py checks it).
Crash tests stop the work at `core.checkpoints.checkpoint(...)` points, never with sleeps in product code.
"""

from dataclasses import dataclass, field

_HANDLERS = {}


@dataclass
class Failed:
    """What a handler returns when the work ended without the expected output (its writes are kept)."""

    error: str
    result: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Handler:
    func: object
    on_failure: object = None
    queue: str = "default"


def handler(kind, *, on_failure=None, queue="default"):
    """@handler("members.import", queue="imports") def run(batch_id): ... -> dict, or Failed(message).

    `queue` is the Celery queue the job's messages go to (settings.CELERY_TASK_QUEUES): each kind of work has its
    own, so a worker started for imports is never stuck behind a province's report."""

    def register(func):
        _HANDLERS[kind] = Handler(func, on_failure, queue)
        return func

    return register


def queue_for(kind):
    found = find(kind)
    return found.queue if found is not None else "default"


def get(kind):
    if kind not in _HANDLERS:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
    return _HANDLERS[kind]


def find(kind):
    """The handler of a kind, or None when no app registers it."""
    try:
        return get(kind)
    except KeyError:
        return None
