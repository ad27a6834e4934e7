"""Member import from Excel: the template, and the entry points of the shared import flow for members.

Reading and checking live in core/imports (the pipeline) and unions/importers/members.py (the member rules);
the flow in unions/services/import_batches.py.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from core import xlsx
from core.imports.pipeline import ParsedFile
from core.imports.reader import FileRejected, check_xlsx
from core.imports.template import Column, header_text

from ..models import Education, Gender
from ..selectors import member_holding_orgs_for
from ..services import import_batches
from ..services.import_batches import IMPORT_JOB, batch_confirm, batch_run, import_key, sha256

__all__ = [
    "FileRejected",
    "IMPORT_JOB",
    "batch_confirm",
    "batch_create",
    "batch_run",
    "check_xlsx",
    "import_key",
    "sha256",
    "template_workbook",
    "error_workbook",
]


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


def batch_create(*, actor, organization, upload, update_existing=False):
    """A member file: read, matched and checked (see unions/services/import_batches.py)."""
    return import_batches.batch_create(
        actor=actor,
        organization=organization,
        upload=upload,
        kind="members",
        options={"update_existing": bool(update_existing)},
    )


def error_workbook(batch):
    """The checked rows with their errors, under the headings of the fields they were read into."""
    importer = import_batches.importer_of(batch)
    parsed = ParsedFile.from_json(batch.parsed)
    errors = {(e.get("sheet", ""), e["row"]): e["errors"] for e in batch.errors}
    several = len([s for s in parsed.sheets if s.read]) > 1
    names = {s.index: s.name for s in parsed.sheets}
    keys = [f.key for f in importer.spec.fields if f.key in parsed.mapped_fields]
    wb, ws = xlsx.new_workbook(_("Errors"))
    rows = []
    for row in parsed.rows:
        sheet = names[row.sheet] if several else ""
        rows.append(
            [sheet or names[row.sheet], row.number, "; ".join(errors.get((sheet, row.number), []))]
            + [row.cells.get(k) for k in keys]
        )
    xlsx.write_table(
        ws,
        [_("Sheet"), _("Row"), _("Errors")] + [importer.label_of(k) for k in keys],
        rows,
        widths=[14, 6, 60] + [16] * len(keys),
    )
    fill = PatternFill("solid", fgColor="F8D7DA")
    for excel_row in ws.iter_rows(min_row=2):
        if excel_row[2].value:
            for cell in excel_row[:3]:
                cell.fill = fill
    return xlsx.to_bytes(wb)
