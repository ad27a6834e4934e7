from celery import shared_task

from . import exports, runner, services
from .registry import handler

handler(exports.KIND, queue="reports")(exports.run)


# The outcome lives in the job table: no result backend round trip (which would also stall when Redis is down).
@shared_task(name="jobs.run", bind=True, acks_late=True, ignore_result=True)
def run_job(self, job_id):
    """Runs one job; a duplicate delivery finds it finished or held by a live worker and does nothing."""
    job = runner.execute(job_id, heartbeat=not self.request.is_eager)
    return job.status


@shared_task(name="jobs.sweep_stale", ignore_result=True)
def sweep_stale():
    return services.sweep_stale()


@shared_task(name="jobs.forget_exports", ignore_result=True)
def forget_exports():
    return services.exports_forget()
