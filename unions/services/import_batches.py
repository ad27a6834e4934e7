"""The one flow every import goes through: upload → (match columns) → preview → confirm → import.

The workbook is read once, at upload (and again only when the clerk changes the column matching); the
parsed rows are stored with the batch, so the preview and the import start from the same data. The import
itself checks the rows again against the database (others may have written in between) and writes all of
them through the importer, or nothing.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from core.checkpoints import checkpoint
from core.imports.importer import ERROR, Importer, importer_for
from core.imports.pipeline import SKIP, ParsedFile, parse_workbook
from core.imports.reader import FileRejected
from jobs.services import job_enqueue, live_job

from .. import access
from ..models import ImportBatch, ImportColumnChoice

IMPORT_JOB = "members.import"  # the job kind of every import (the name predates the other kinds)
PREVIEW_ROWS = 50


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def import_key(organization_id, digest, kind="members", scope=""):
    """The same file into the same union (and scope: a campaign and year…) is imported at most once (a unique
    key of the job table)."""
    prefix = IMPORT_JOB if kind == "members" else f"{kind}.import"
    return f"{prefix}:{organization_id}:{digest}" + (f":{scope}" if scope else "")


def importer_of(batch) -> Importer:
    return importer_for(batch.kind)(actor=batch.actor, organization=batch.organization, options=batch.options)


def _already_imported(job):
    if job.status == job.Status.SUCCEEDED:
        return _("This file was already imported into this union on %(date)s: nothing new to import.") % {
            "date": timezone.localtime(job.finished_at).strftime("%d/%m/%Y %H:%M")
        }
    return _("This file is already being imported into this union: wait for that import to finish.")


def _remembered(organization, kind):
    return dict(ImportColumnChoice.objects.filter(organization=organization, kind=kind).values_list("key", "field"))


@transaction.atomic
def batch_create(*, actor, organization, upload, kind="members", options=None):
    """Store the upload, read it once and check it; the batch page shows what comes next."""
    cls = importer_for(kind)
    access.require(actor, cls.permission, organization)
    content = upload.read()
    batch = ImportBatch(
        kind=kind,
        organization=organization,
        actor=actor,
        filename=upload.name[:255],
        sha256=sha256(content),
        content=content,
        options=options or {},
    )
    importer = importer_of(batch)
    previous = live_job(import_key(organization.pk, batch.sha256, kind, importer.key_scope()))
    if previous is not None:
        # The same bytes into the same union: say so rather than list every row as already there.
        batch.status, batch.message = ImportBatch.Status.INVALID, _already_imported(previous)
        batch.save()
        return batch
    try:
        parsed = parse_workbook(content, cls.spec, remembered=_remembered(organization, kind))
    except FileRejected as exc:
        batch.status, batch.message = ImportBatch.Status.INVALID, str(exc)
        batch.save()
        return batch
    _evaluate(batch, parsed, importer)
    batch.save()
    return batch


@transaction.atomic
def batch_map(*, actor, batch, choices, sheets):
    """The clerk's column matching and sheets: read the file again with them and check it.

    Each choice without a running number ("#2") is remembered for the union's next files of this kind.
    """
    batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("organization", "actor").get(pk=batch.pk)
    cls = importer_for(batch.kind)
    access.require(actor, cls.permission, batch.organization)
    _require_owner(actor, batch)
    if batch.status not in (ImportBatch.Status.MAPPING, ImportBatch.Status.PREVIEWED, ImportBatch.Status.INVALID):
        raise ValidationError(_("This file is being imported or was imported: its columns cannot change now."))
    fields = {f.key for f in cls.spec.fields}
    if any(value not in fields and value != SKIP for value in choices.values()):
        raise ValidationError(_("Choose a field from the list for every column."))
    chosen = [value for value in choices.values() if value]
    doubled = sorted({str(cls.spec.field(v).label) for v in chosen if chosen.count(v) > 1})
    if doubled:
        raise ValidationError(
            _(
                "Several columns were matched to %(fields)s: keep one column for each field "
                'and choose "Do not import" for the others.'
            )
            % {"fields": ", ".join(doubled)}
        )
    if not sheets:
        raise ValidationError(_("Tick at least one sheet to read."))
    remembered = _remembered(batch.organization, batch.kind)
    parsed = parse_workbook(bytes(batch.content), cls.spec, choices=choices, remembered=remembered, sheets=sheets)
    for key, value in choices.items():
        if "#" not in key:
            ImportColumnChoice.objects.update_or_create(
                organization=batch.organization, kind=batch.kind, key=key, defaults={"field": value}
            )
    batch.choices = {"columns": choices, "sheets": sheets}
    batch.message = ""
    _evaluate(batch, parsed, importer_of(batch))
    batch.save()
    return batch


def _require_owner(actor, batch):
    if batch.actor_id != actor.pk:
        raise ValidationError(_("Only the person who uploaded this file can continue with it."))


def _evaluate(batch, parsed, importer):
    """Status, warnings, counts, errors and preview of a parsed file."""
    batch.parsed = parsed.to_json()
    batch.warnings = list(parsed.warnings)
    batch.errors, batch.preview, batch.counts = [], [], {}
    batch.total_rows = batch.error_count = 0
    read = [s for s in parsed.sheets if s.read]
    if not read:
        batch.status = ImportBatch.Status.INVALID
        required = ", ".join(str(f.label) for f in importer.spec.fields if f.required)
        batch.message = _(
            "No sheet of this file has the column titles of a list (%(required)s…). Put the titles "
            "in one row above the data and upload again."
        ) % {"required": required}
        return
    if parsed.needs_mapping:
        batch.status = ImportBatch.Status.MAPPING
        return
    missing = importer.spec.missing(parsed.mapped_fields)
    if missing:
        batch.status = ImportBatch.Status.MAPPING
        batch.message = _(
            "No column was matched to %(fields)s. Choose the column that holds it below, or add "
            "it to the file and upload again."
        ) % {"fields": ", ".join(str(f.label) for f in missing)}
        return
    if not parsed.rows:
        batch.status = ImportBatch.Status.INVALID
        batch.message = _("The file has no rows under its column titles.")
        return
    rows = importer.check(parsed)
    batch.warnings.extend(importer.warnings)
    _store_checked(batch, parsed, importer, rows)


def _store_checked(batch, parsed, importer, rows):
    names = {s.index: s.name for s in parsed.sheets}
    several = len([s for s in parsed.sheets if s.read]) > 1
    counts = {"new": 0, "update": 0, "unchanged": 0, "error": 0, "sheets": {}}
    for row in rows:
        counts[row.status] += 1
        counts["sheets"][names[row.source.sheet]] = counts["sheets"].get(names[row.source.sheet], 0) + 1
    batch.counts = counts
    batch.total_rows = len(rows)
    batch.errors = [
        {"row": r.number, "sheet": names[r.source.sheet] if several else "", "name": r.name, "errors": r.errors}
        for r in rows
        if r.errors
    ]
    batch.error_count = len(batch.errors)
    # Errors and changes first: they are what the clerk must read before confirming.
    order = {ERROR: 0, "update": 1, "new": 2, "unchanged": 3}
    shown = sorted(rows, key=lambda r: (order[r.status], r.source.sheet, r.number))[:PREVIEW_ROWS]
    keys = importer.shown_fields(parsed)
    counts["headings"] = [importer.label_of(key) for key in keys]
    batch.preview = [
        {
            "row": r.number,
            "sheet": names[r.source.sheet] if several else "",
            "status": r.status,
            "values": [importer.display(key, r.values.get(key)) for key in keys],
            "diff": [[importer.label_of(k), *v] for k, v in r.diff.items()],
            "errors": r.errors,
        }
        for r in shown
    ]
    batch.status = ImportBatch.Status.INVALID if batch.error_count else ImportBatch.Status.PREVIEWED


@transaction.atomic
def batch_confirm(*, actor, batch):
    """Queue a checked file for import, once: a second copy of the same file is refused."""
    batch = ImportBatch.objects.select_for_update(of=("self",)).get(pk=batch.pk)
    access.require(actor, importer_for(batch.kind).permission, batch.organization)
    if batch.actor_id != actor.pk:
        raise ValidationError(_("Only the person who uploaded this file can confirm it."))
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ValidationError(_("This file cannot be imported: it has errors or was already imported."))
    key = import_key(batch.organization_id, batch.sha256, batch.kind, importer_of(batch).key_scope())
    job, created = job_enqueue(kind=IMPORT_JOB, args={"batch_id": batch.pk}, key=key, actor=actor)
    if not created:
        raise ValidationError(_already_imported(job))
    batch.status = ImportBatch.Status.QUEUED
    batch.save(update_fields=["status"])
    # One entry per file; the services the importer calls may add their own (one per union for members).
    record(
        actor=actor,
        action="create",
        obj=batch,
        label=_("Import %(file)s (%(n)s rows)") % {"file": batch.filename, "n": batch.total_rows},
    )
    return batch


def batch_run(batch_id):
    """Check the stored rows again and write every one of them, or nothing."""
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update(of=("self",))  # the batch row only: not its union and user
            .select_related("actor", "organization")
            .get(pk=batch_id)
        )
        if batch.status != ImportBatch.Status.QUEUED:
            return batch
        importer = importer_of(batch)
        parsed = ParsedFile.from_json(batch.parsed)
        rows = importer.check(parsed)
        if any(r.errors for r in rows):
            _store_checked(batch, parsed, importer, rows)
            batch.status = ImportBatch.Status.INVALID
            batch.message = _(
                "The data changed since the preview: some rows are no longer valid. Nothing was imported."
            )
            batch.finished_at = timezone.now()
            batch.save()
            return batch
        try:
            with transaction.atomic():
                created, updated = importer.write(rows)
                checkpoint("import.written")  # the crash tests kill the process here: rows written, not committed
        except (IntegrityError, ValidationError) as error:
            batch.status = ImportBatch.Status.FAILED
            # A rule the service applies at write time (the proposal was submitted meanwhile…) says itself what
            # happened; a unique index hit means someone wrote the same rows at the same moment.
            batch.message = (
                " ".join(error.messages)
                if isinstance(error, ValidationError)
                else _(
                    "Another import or entry wrote some of these rows at the same time. "
                    "Upload the file again to see which rows."
                )
            )
            batch.finished_at = timezone.now()
            batch.save()
            return batch
        batch.status = ImportBatch.Status.DONE
        batch.created_count, batch.updated_count = created, updated
        batch.finished_at = timezone.now()
        batch.save()
        return batch


def batches_forget_files(*, now=None):
    """Erase the stored file, parsed rows, preview and row errors of imports older than the retention period.

    A batch still waiting (mapping, preview, importing) is kept whatever its age only if it is younger; an old
    unfinished one cannot be confirmed any more and becomes invalid."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS)
    old = (
        ImportBatch.objects.filter(created_at__lt=cutoff)
        .exclude(status=ImportBatch.Status.QUEUED)
        .exclude(content=b"", parsed=None)
    )
    waiting = old.filter(status__in=(ImportBatch.Status.MAPPING, ImportBatch.Status.PREVIEWED))
    waiting.update(
        status=ImportBatch.Status.INVALID,
        message=_("This upload was not confirmed in time and its file was erased. Upload it again."),
    )
    return old.update(content=b"", parsed=None, preview=[], errors=[])


def batch_fail(batch_id):
    """The import job gave up or failed: the batch must not stay "importing" for ever."""
    return ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.FAILED,
        message=_("The import stopped before it finished; nothing was written. Upload the file again."),
    )
