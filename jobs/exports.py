"""List exports (members, awards, registrations…) that never hold a request for long.

An app declares each export once (`register(Export(...))`): how to find the rows a user may export with the
list's filters, and how to write them. `answer()` is what the list's "Xuất Excel" view returns: up to
EXPORT_INLINE_ROWS rows the file comes back at once; above that a background job writes it (streamed, constant
memory) while the page shows its progress, and the user downloads it when ready. The same user asking for the
same filters while that job runs gets the same job, not a second one.

Rows are found again inside the job with the user's reach at that time, never from a list computed before.
The embedded default runs jobs eagerly: the request waits, as it did before, and the page then shows the file.
"""

import hashlib
import json
import resource
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils import timezone

from core.checkpoints import checkpoint
from core.db_routing import replica_reads
from core.downloads import download
from core.paging import capped_count

from . import progress

KIND = "jobs.export"
_EXPORTS: dict[str, "Export"] = {}


@dataclass(frozen=True)
class Export:
    kind: str  # "<app>.<list>"
    label: Any
    filename: str  # the file's name without date and extension, ASCII: "doan-vien"
    rows: Callable[[Any, QueryDict], Any]  # (user, the list's query parameters) -> queryset, scoped and filtered
    write: Callable[..., int]  # (rows, binary file, progress callback or None) -> rows written

    def file_name(self) -> str:
        return f"{self.filename}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def register(export: Export) -> Export:
    _EXPORTS[export.kind] = export
    return export


def get(kind: str) -> Export:
    if kind not in _EXPORTS:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exports")
    return _EXPORTS[kind]


def answer(request, export: Export, params: QueryDict):
    """The response of a list's export view: the file itself, or a redirect to the page of its job."""
    rows = export.rows(request.user, params)
    if capped_count(rows, settings.EXPORT_INLINE_ROWS) <= settings.EXPORT_INLINE_ROWS:
        with tempfile.SpooledTemporaryFile(max_size=8 << 20) as out:
            export.write(rows, out)
            out.seek(0)
            return download(out.read(), export.file_name())
    from .services import export_request

    job = export_request(actor=request.user, kind=export.kind, params=params)
    return redirect("jobs:export", pk=job.pk)


def params_key(user_id: int, kind: str, params: dict) -> str:
    """One live job per user, list and filters (the order of the parameters aside)."""
    canonical = json.dumps(sorted((k, sorted(v)) for k, v in params.items() if v and any(v)))
    return f"export:{user_id}:{kind}:{hashlib.sha256(canonical.encode()).hexdigest()[:24]}"


def as_query(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, list(values))
    return query


def run(kind: str, user_id: int, params: dict, token: str) -> dict:
    """The job: writes the file to the storage shared by web and workers, reporting progress as it goes."""
    from django.contrib.auth import get_user_model

    export = get(kind)
    user = get_user_model().objects.get(pk=user_id)
    rows = export.rows(user, as_query(params))
    total = rows.count()
    progress.report(token, 0, total)
    name = export.file_name()

    def step(done):
        progress.report(token, done, total)
        checkpoint("jobs.export.progress")

    with tempfile.TemporaryFile() as out, replica_reads():
        written = export.write(rows, out, step)
        out.seek(0)
        stored = default_storage.save(f"exports/{user_id}/{token}/{name}", File(out, name=name))
    progress.report(token, written, written)
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # the worker's, for the benchmark
    return {"file": stored, "filename": name, "rows": written, "label": str(export.label), "peak_mb": peak_mb}
