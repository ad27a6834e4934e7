"""Celery entry points of unions: the import is a job handler (user-visible, see jobs/registry.py); forgetting
old files is a thin maintenance task."""

from celery import shared_task
from django.utils.translation import gettext as _

from jobs.registry import Failed, handler

from .importers import member_files as imports
from .models import ImportBatch
from .services import import_batches


def _import_failed(job):
    import_batches.batch_fail(job.args.get("batch_id"))


@handler(imports.IMPORT_JOB, on_failure=_import_failed, queue="imports")
def run_import(batch_id):
    batch = imports.batch_run(batch_id)
    result = {"status": batch.status, "created": batch.created_count}
    if batch.status != ImportBatch.Status.DONE:
        return Failed(batch.message or _("The file has errors."), result)
    return result


@shared_task
def forget_old_import_files():
    """Nightly: erase the personal data of old uploads (see IMPORT_FILE_RETENTION_DAYS)."""
    return import_batches.batches_forget_files()
