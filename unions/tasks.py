from celery import shared_task
from django.utils.translation import gettext as _

from jobs import runner
from jobs.models import Job
from jobs.registry import Failed, handler

from .importers import member_files as imports
from .models import ImportBatch
from .services import import_batches


def _import_failed(job):
    """The job gave up or failed: the batch must not stay "importing" for ever."""
    ImportBatch.objects.filter(pk=job.args.get("batch_id"), status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.FAILED, message=_("The import stopped before it finished; nothing was written. "
                                                    "Upload the file again."))


@handler(imports.IMPORT_JOB, on_failure=_import_failed)
def run_import(batch_id):
    batch = imports.batch_run(batch_id)
    result = {"status": batch.status, "created": batch.created_count}
    if batch.status != ImportBatch.Status.DONE:
        return Failed(batch.message or _("The file has errors."), result)
    return result


@shared_task(bind=True, acks_late=True)
def import_members(self, batch_id):
    """Runs a confirmed member import through its job; a second delivery finds it done and stops."""
    job = (Job.objects.filter(kind=imports.IMPORT_JOB, args__batch_id=batch_id)
           .exclude(status=Job.Status.FAILED).first())
    if job is not None:
        runner.execute(job.pk, heartbeat=not self.request.is_eager)
    else:
        imports.batch_run(batch_id)
    batch = ImportBatch.objects.get(pk=batch_id)
    return {"status": batch.status, "created": batch.created_count}


@shared_task
def forget_old_import_files():
    """Nightly: erase the personal data of old uploads (see IMPORT_FILE_RETENTION_DAYS)."""
    return import_batches.batches_forget_files()
