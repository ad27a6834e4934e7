from celery import shared_task

from . import imports


@shared_task(acks_late=True)
def import_members(batch_id):
    """Runs a confirmed member import; a second delivery finds it done and stops."""
    batch = imports.batch_run(batch_id)
    return {"status": batch.status, "created": batch.created_count}
