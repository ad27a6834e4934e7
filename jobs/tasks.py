from celery import shared_task

from . import runner, services


@shared_task(name="jobs.run", bind=True, acks_late=True)
def run_job(self, job_id):
    """Runs one job; a duplicate delivery finds it finished or held by a live worker and does nothing."""
    job = runner.execute(job_id, heartbeat=not self.request.is_eager)
    return job.status


@shared_task(name="jobs.sweep_stale")
def sweep_stale():
    return services.sweep_stale()
