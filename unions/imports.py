"""Member import from Excel: template, checking every row, and the all-or-nothing write.

The file is checked twice: when uploaded (to show the preview) and again when
the import runs, because members may have been added in between.
"""

import datetime
import hashlib
import io
import time
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from emulation import xlsx
from jobs.services import job_enqueue, live_job

from . import access
from .models import Education, Gender, ImportBatch, Member
from .selectors import member_holding_orgs_for
from .services.members import allocate_member_codes
from .text import clean_name, fold


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    required: bool = False
    width: int = 16


COLUMNS = [
    Column("full_name", gettext_lazy("Full name"), True, 28),
    Column("gender", gettext_lazy("Gender"), True, 10),
    Column("birth_date", gettext_lazy("Date of birth"), False, 14),
    Column("national_id", gettext_lazy("Citizen ID (CCCD)"), False, 16),
    Column("organization_code", gettext_lazy("Union code"), False, 16),
    Column("card_number", gettext_lazy("Member card number"), False, 16),
    Column("joined_on", gettext_lazy("Joined the union on"), False, 16),
    Column("ethnicity", gettext_lazy("Ethnicity"), False, 12),
    Column("job_title", gettext_lazy("Job title"), False, 22),
    Column("education", gettext_lazy("Education level"), False, 16),
    Column("phone", gettext_lazy("Phone"), False, 14),
    Column("email", gettext_lazy("E-mail"), False, 24),
]
TEXT_COLUMNS = {"national_id", "card_number", "phone", "organization_code"}


def header_text(column):
    return f"{column.label} *" if column.required else str(column.label)


def header_aliases(columns=None):
    """Folded header -> column key, in every UI language, with or without the star."""
    aliases = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column in columns or COLUMNS:
                aliases[fold(str(column.label))] = column.key
    return aliases


def _choice_aliases(choices):
    aliases = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices:
                aliases[fold(str(label))] = value
                aliases[fold(value)] = value
    return aliases


class FileRejected(Exception):
    """The upload is not a member file we can read; nothing was checked."""


@dataclass
class Row:
    number: int
    raw: list
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


@dataclass
class CheckResult:
    rows: list
    header: list

    @property
    def error_rows(self):
        return [r for r in self.rows if r.errors]

    @property
    def ok(self):
        return bool(self.rows) and not self.error_rows


def template_workbook(user):
    wb, ws = xlsx.new_workbook(_("Members"))
    xlsx.write_table(ws, [header_text(c) for c in COLUMNS], [], widths=[c.width for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        if column.key in TEXT_COLUMNS:
            for row in range(2, 2002):
                ws.cell(row=row, column=index).number_format = "@"
    genders = DataValidation(type="list", formula1='"{}"'.format(",".join(str(g.label) for g in Gender)))
    ws.add_data_validation(genders)
    genders.add("B2:B20001")
    guide = wb.create_sheet(_("Guide"))
    guide.append([_("How to fill in this file")])
    guide["A1"].font = Font(bold=True)
    for line in (
        _("One member per row, from row 2. Columns marked * are required."),
        _("Dates as dd/mm/yyyy, for example 05/09/1988."),
        _("The citizen ID (CCCD) has 12 digits; keep the leading zero."),
        _("Gender: Male or Female."),
        _("Union code: leave empty to import into the union chosen on the upload page."),
        _("Education level: one of %(values)s.") % {"values": ", ".join(str(e.label) for e in Education)},
        "",
        _("Union codes you may import into:"),
    ):
        xlsx.append_row(guide, [line])
    for org in member_holding_orgs_for(user):
        xlsx.append_row(guide, [org.code, org.name])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 60
    return xlsx.to_bytes(wb)


XLSX_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# Entries this small are never a bomb, whatever their ratio (a styled empty sheet compresses very well).
RATIO_FLOOR_BYTES = 1024 * 1024


def check_xlsx(content):
    """Refuse an upload before any XML is parsed: size, real .xlsx container, zip bomb.

    Only the zip central directory is read (no entry is decompressed). The sizes
    it declares bound what is later inflated: zipfile stops at the declared size
    and fails the CRC check when an entry lies about it.
    """
    max_bytes = settings.MEMBER_IMPORT_MAX_BYTES
    if len(content) > max_bytes:
        raise FileRejected(
            _("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": max_bytes // (1024 * 1024)}
        )
    not_xlsx = _("This is not an Excel .xlsx file. Save it as .xlsx and upload again.")
    if not content.startswith(b"PK\x03\x04"):
        raise FileRejected(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileRejected(_("The Excel file cannot be read. Save it as .xlsx and upload again.")) from None
    names = {entry.filename for entry in entries}
    if not all(part in names for part in XLSX_REQUIRED_PARTS):
        raise FileRejected(not_xlsx)
    too_big = _("The Excel file unpacks to far more data than a member list holds; it is refused. "
                "Save the list again as a normal .xlsx file.")
    if len(entries) > settings.UPLOAD_MAX_ZIP_ENTRIES:
        raise FileRejected(too_big)
    if sum(entry.file_size for entry in entries) > settings.UPLOAD_MAX_UNCOMPRESSED_BYTES:
        raise FileRejected(too_big)
    ratio = settings.UPLOAD_MAX_COMPRESSION_RATIO
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > ratio * max(entry.compress_size, 1):
            raise FileRejected(too_big)


def read_rows(content):
    """Header and data rows of the first sheet; raises FileRejected with a message."""
    check_xlsx(content)
    unreadable = _("The Excel file cannot be read. Save it as .xlsx and upload again.")
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, TypeError, IndexError):
        # ValueError covers defusedxml's refusals (entities, DTDs); SyntaxError covers XML parse errors.
        raise FileRejected(unreadable) from None
    try:
        ws = wb.worksheets[0]
        iterator = ws.iter_rows(values_only=True)
        header = list(next(iterator, None) or [])
        limit = settings.MEMBER_IMPORT_MAX_ROWS
        rows = []
        for number, values in enumerate(iterator, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if len(rows) >= limit:
                raise FileRejected(
                    _("The file has more than %(limit)s rows. Split it into smaller files.") % {"limit": limit}
                )
            rows.append(Row(number=number, raw=list(values)))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, TypeError, IndexError):
        raise FileRejected(unreadable) from None
    finally:
        wb.close()
    return header, rows


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _as_date(value, label, errors):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = as_text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(_("%(field)s \"%(value)s\" is not a date: write it as dd/mm/yyyy.") % {"field": label, "value": text})
    return None


def _national_id(value, errors):
    if value in (None, ""):
        return None
    # Excel drops the leading zero of a CCCD typed into a number cell.
    numeric = isinstance(value, (int, float))
    text = as_text(value).zfill(12) if numeric else as_text(value).replace(" ", "")
    if not (text.isdigit() and len(text) == 12):
        errors.append(_("Citizen ID (CCCD) \"%(value)s\" must have exactly 12 digits.") % {"value": as_text(value)})
        return None
    return text


class MemberFileChecker:
    """Checks every row of an uploaded member file against the user's reach and the data."""

    def __init__(self, *, user, default_org):
        self.user = user
        self.default_org = default_org
        self.orgs = {o.code.upper(): o for o in member_holding_orgs_for(user)}
        self.genders = _choice_aliases(Gender.choices)
        self.educations = _choice_aliases(Education.choices)
        self.today = timezone.localdate()

    def check(self, content):
        header, rows = read_rows(content)
        positions, missing = column_positions(header, COLUMNS)
        if missing:
            raise FileRejected(
                _("The first row must hold the column titles of the template; missing: %(cols)s.")
                % {"cols": ", ".join(missing)}
            )
        if not rows:
            raise FileRejected(_("The file has no member rows."))
        for row in rows:
            cells = {key: (row.raw[i] if i < len(row.raw) else None) for key, i in positions.items()}
            self._check_row(row, cells)
        self._check_duplicates(rows)
        return CheckResult(rows=rows, header=header)

    def _check_row(self, row, cells):
        errors, values = row.errors, row.values
        name = clean_name(as_text(cells.get("full_name")))
        if not name:
            errors.append(_("Full name is missing."))
        values["full_name"] = name
        gender = self.genders.get(fold(as_text(cells.get("gender"))))
        if not gender:
            errors.append(_("Gender must be Male or Female."))
        values["gender"] = gender
        values["birth_date"] = _as_date(cells.get("birth_date"), _("Date of birth"), errors)
        if values["birth_date"] and not (
            datetime.date(1930, 1, 1) <= values["birth_date"] <= self.today.replace(year=self.today.year - 15)
        ):
            errors.append(_("Date of birth %(date)s is not plausible for a member.")
                          % {"date": values["birth_date"].strftime("%d/%m/%Y")})
        values["national_id"] = _national_id(cells.get("national_id"), errors)
        values["joined_on"] = _as_date(cells.get("joined_on"), _("Joined the union on"), errors)
        if values["joined_on"] and values["joined_on"] > self.today:
            errors.append(_("The joining date cannot be in the future."))
        code = as_text(cells.get("organization_code")).upper()
        org = self.orgs.get(code) if code else self.default_org
        if org is None:
            errors.append(_("Union code \"%(code)s\" does not exist or is outside your reach.") % {"code": code})
        values["organization"] = org
        education = as_text(cells.get("education"))
        values["education"] = self.educations.get(fold(education), "") if education else ""
        if education and not values["education"]:
            errors.append(_("Education \"%(value)s\" is not in the list of the template.") % {"value": education})
        email = as_text(cells.get("email"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("E-mail \"%(value)s\" is not valid.") % {"value": email})
        values["email"] = email
        phone = as_text(cells.get("phone"))
        if phone and not all(ch.isdigit() or ch in "+ .-" for ch in phone):
            errors.append(_("Phone \"%(value)s\" may only contain digits.") % {"value": phone})
        values["phone"] = phone[:20]
        for key in ("card_number", "ethnicity", "job_title"):
            values[key] = clean_name(as_text(cells.get(key)))[:150]

    def _check_duplicates(self, rows):
        seen_ids, seen_people = {}, {}
        for row in rows:
            nid = row.values.get("national_id")
            if nid:
                if nid in seen_ids:
                    row.errors.append(_("Citizen ID (CCCD) %(value)s is repeated: already on row %(row)s.")
                                      % {"value": nid, "row": seen_ids[nid]})
                else:
                    seen_ids[nid] = row.number
            elif row.values.get("full_name") and row.values.get("organization"):
                key = (fold(row.values["full_name"]), row.values["birth_date"], row.values["organization"].pk)
                if key in seen_people:
                    row.errors.append(_("The same person is already on row %(row)s.") % {"row": seen_people[key]})
                else:
                    seen_people[key] = row.number
        existing_ids = set(
            Member.objects.filter(national_id__in=list(seen_ids)).values_list("national_id", flat=True)
        )
        org_ids = {k[2] for k in seen_people}
        existing_people = {
            (fold(n), b, o)
            for n, b, o in Member.objects.filter(organization_id__in=org_ids, national_id__isnull=True)
            .values_list("full_name", "birth_date", "organization_id")
        }
        for row in rows:
            nid = row.values.get("national_id")
            if nid and nid in existing_ids:
                row.errors.append(_("Citizen ID (CCCD) %(value)s already belongs to a member in the system.")
                                  % {"value": nid})
            elif not nid and row.values.get("organization") and row.values.get("full_name"):
                key = (fold(row.values["full_name"]), row.values["birth_date"], row.values["organization"].pk)
                if key in existing_people:
                    row.errors.append(_("A member with the same name and date of birth is already in this union."))


def sha256(content):
    return hashlib.sha256(content).hexdigest()


IMPORT_JOB = "members.import"


def import_key(organization_id, digest):
    """The same file into the same union is imported at most once (a unique key of the job table)."""
    return f"{IMPORT_JOB}:{organization_id}:{digest}"


def _already_imported(job):
    if job.status == job.Status.SUCCEEDED:
        return _("This file was already imported into this union on %(date)s: nothing new to import.") % {
            "date": timezone.localtime(job.finished_at).strftime("%d/%m/%Y %H:%M")}
    return _("This file is already being imported into this union: wait for that import to finish.")


@transaction.atomic
def batch_create(*, actor, organization, upload):
    """Store the upload and its check result; the preview page shows it."""
    access.require(actor, organization, access.MEMBER_WRITE)
    content = upload.read()
    batch = ImportBatch(organization=organization, actor=actor, filename=upload.name[:255],
                        sha256=sha256(content), content=content)
    try:
        result = MemberFileChecker(user=actor, default_org=organization).check(content)
    except FileRejected as exc:
        batch.status = ImportBatch.Status.INVALID
        batch.message = str(exc)
        batch.save()
        return batch
    _store_result(batch, result)
    previous = live_job(import_key(organization.pk, batch.sha256))
    if previous is not None:
        batch.status, batch.message = ImportBatch.Status.INVALID, _already_imported(previous)
    batch.save()
    return batch


def _store_result(batch, result):
    batch.total_rows = len(result.rows)
    batch.errors = [{"row": r.number, "name": r.values.get("full_name", ""), "errors": r.errors}
                    for r in result.error_rows]
    batch.error_count = len(batch.errors)
    batch.status = ImportBatch.Status.PREVIEWED if result.ok else ImportBatch.Status.INVALID


@transaction.atomic
def batch_confirm(*, actor, batch):
    """Queue a checked file for import, once: a second copy of the same file is refused."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    access.require(actor, batch.organization, access.MEMBER_WRITE)
    if batch.actor_id != actor.pk:
        raise ValidationError(_("Only the person who uploaded this file can confirm it."))
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ValidationError(_("This file cannot be imported: it has errors or was already imported."))
    job, created = job_enqueue(kind=IMPORT_JOB, args={"batch_id": batch.pk},
                               key=import_key(batch.organization_id, batch.sha256), actor=actor)
    if not created:
        raise ValidationError(_already_imported(job))
    batch.status = ImportBatch.Status.QUEUED
    batch.save(update_fields=["status"])
    return batch


def batch_run(batch_id):
    """Check the stored file again and write every member, or nothing."""
    with transaction.atomic():
        batch = (ImportBatch.objects.select_for_update(of=("self",))  # the batch row only: not its union and user
                 .select_related("actor", "organization").get(pk=batch_id))
        if batch.status != ImportBatch.Status.QUEUED:
            return batch
        actor = batch.actor
        try:
            result = MemberFileChecker(user=actor, default_org=batch.organization).check(bytes(batch.content))
        except FileRejected as exc:
            result, batch.message = None, str(exc)
        if result is None or not result.ok:
            if result is not None:
                _store_result(batch, result)
            batch.status = ImportBatch.Status.INVALID
            batch.finished_at = timezone.now()
            batch.save()
            return batch
        try:
            with transaction.atomic():
                created = _write_members(result.rows, actor)
                if settings.MEMBER_IMPORT_PAUSE:
                    time.sleep(settings.MEMBER_IMPORT_PAUSE)  # lets the crash tests kill the process here
        except IntegrityError:
            batch.status = ImportBatch.Status.FAILED
            batch.message = _("Another import or entry added some of these members at the same time. "
                              "Upload the file again to see which rows.")
            batch.finished_at = timezone.now()
            batch.save()
            return batch
        batch.status = ImportBatch.Status.DONE
        batch.created_count = created
        batch.finished_at = timezone.now()
        batch.save()
        return batch


def _write_members(rows, actor):
    codes = allocate_member_codes(len(rows))
    members = []
    for row, code in zip(rows, codes, strict=True):
        values = dict(row.values)
        members.append(Member(member_code=code, search_name=fold(values["full_name"]), **values))
    bulk_create_with_history(members, Member, batch_size=1000, default_user=actor)
    return len(members)


def error_workbook(batch):
    """The uploaded rows with an extra column of errors, error rows highlighted."""
    header, rows = read_rows(bytes(batch.content))
    errors = {e["row"]: e["errors"] for e in batch.errors}
    wb, ws = xlsx.new_workbook(_("Errors"))
    xlsx.write_table(
        ws,
        [_("Row"), _("Errors")] + [as_text(h) for h in header],
        [[row.number, "; ".join(errors.get(row.number, []))] + row.raw for row in rows],
        widths=[6, 60] + [16] * len(header),
    )
    fill = PatternFill("solid", fgColor="F8D7DA")
    for excel_row in ws.iter_rows(min_row=2):
        if excel_row[1].value:
            for cell in excel_row[:2]:
                cell.fill = fill
    return xlsx.to_bytes(wb)


def column_positions(header, columns):
    """{key: index} of the template's columns found in a header row, and the titles of missing required ones."""
    aliases = header_aliases(columns)
    positions = {}
    for index, title in enumerate(header):
        key = aliases.get(fold(as_text(title).rstrip("*").strip()))
        if key and key not in positions:
            positions[key] = index
    missing = [header_text(c) for c in columns if c.required and c.key not in positions]
    return positions, missing
