"""One rule for background work (README, jobs/registry.py): user-visible long work is a job handler run by the
one `jobs.run` task; every other Celery task is maintenance that someone schedules."""

from django.conf import settings

from emulation.celery import app

# Maintenance tasks sent by code rather than by beat, each with the reason.
SENT_BY_CODE = {
    "reports.tasks.refresh_rollups": "sent after each commit that changed owned rows (reports/rollups.py)",
    "awards.tasks.refresh_eligibility": "sent after each commit that marked proposal lines stale "
    "(awards/services/eligibility_refresh.py)",
    "notifications.tasks.deliver": "sent after the commit of a service that notifies (notifications/dispatch.py)",
}


def test_every_task_is_the_job_runner_or_scheduled_maintenance():
    app.loader.import_default_modules()  # the apps' tasks modules, as a worker loads them
    ours = {name for name in app.tasks if not name.startswith("celery.")}
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= ours  # no beat entry names a task that is gone
    assert ours - scheduled - set(SENT_BY_CODE) == {"jobs.run"}
