"""A finished list export as the job leaves it: for the permission matrix and the query budgets."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from jobs import exports
from jobs.models import Job
from unions.exports import MEMBERS


def finished_export(user, rows=()):
    name = default_storage.save(f"exports/{user.pk}/t/doan-vien.xlsx", ContentFile(MEMBERS.to_bytes(rows)))
    return Job.objects.create(
        kind=exports.KIND,
        args={"kind": "unions.members", "user_id": user.pk, "params": {}, "token": "t"},
        status=Job.Status.SUCCEEDED,
        created_by=user,
        finished_at=timezone.now(),
        result={"file": name, "filename": "doan-vien.xlsx", "rows": len(rows), "label": "Danh sách đoàn viên"},
    )
