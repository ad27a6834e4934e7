"""The template of the past-awards import: the columns awards/importers/register.py reads, a drop-down of the awards
in use, and a Guide sheet with the catalogue the drop-down lists.

The Guide's catalogue table never names two fields of the import in one row, so an uploaded template is
read from its first sheet only (the Guide is reported as not read, like every sheet without a list).
"""

from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core import xlsx

from ..models import AwardType, IssuingLevel, SubjectKind
from .register import AWARD_SPEC

# (field key, width); the order of the template's columns.
COLUMNS = [
    ("subject_kind", 12),
    ("full_name", 26),
    ("national_id", 15),
    ("member_code", 14),
    ("birth_date", 12),
    ("union", 30),
    ("award", 48),
    ("issuer", 30),
    ("decision_number", 16),
    ("decision_date", 12),
    ("year", 8),
    ("bonus", 14),
    ("certificate_number", 14),
    ("gold_book_number", 14),
    ("signer_name", 22),
    ("signer_title", 18),
    ("achievement", 40),
]
TEXT = {"national_id", "member_code", "union", "decision_number", "certificate_number", "gold_book_number"}
DATES = {"birth_date", "decision_date"}
ROWS = 2000


def _title(key):
    field = AWARD_SPEC.field(key)
    return f"{field.label} *" if field.required else str(field.label)


def _letter(key):
    return get_column_letter([k for k, _w in COLUMNS].index(key) + 1)


def _guide(wb, award_types):
    """The Guide sheet; returns the range of the catalogue's names, for the drop-down."""
    guide = wb.create_sheet(_("Guide"))
    guide.append([_("How to fill in this file")])
    guide["A1"].font = Font(bold=True)
    for line in (
        _(
            "One award per row, from row 2. Columns marked * are required; title rows above and an STT column "
            "are fine in your own lists."
        ),
        _(
            "A member is found by CCCD, by member code, or by full name with the date of birth or the union. "
            "A union (for an award to a collective) by its code or its name."
        ),
        _(
            'Award: a name from the list below (the drop-down offers them). "Bằng khen" or "Cờ thi đua" alone '
            "is read together with the issuing body."
        ),
        _(
            "Issuing body: this federation, a level above it (for example Tổng Liên đoàn) or a body outside the "
            "union (UBND tỉnh, Thủ tướng Chính phủ, Chủ tịch nước). Empty: the union body that gives the award."
        ),
        _("Dates as dd/mm/yyyy. Year: the year of the achievement; empty, the year of the decision."),
        _("Bonus in đồng: 1250000, 1.250.000 or 1,250,000."),
        _("Uploading the same awards again adds nothing: awards already stored are shown as unchanged."),
        "",
    ):
        xlsx.append_row(guide, [line])
    guide.append([_("Awards in use"), _("Individual or collective"), _("Given by")])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    first = guide.max_row + 1
    subjects, levels = dict(SubjectKind.choices), dict(IssuingLevel.choices)
    for award_type in award_types:
        xlsx.append_row(
            guide, [award_type.name, str(subjects[award_type.subject_kind]), str(levels[award_type.issuing_level])]
        )
    guide.column_dimensions["A"].width = 70
    guide.column_dimensions["B"].width = 14
    guide.column_dimensions["C"].width = 36
    return f"'{guide.title}'!$A${first}:$A${max(guide.max_row, first)}"


def template_workbook():
    award_types = list(AwardType.objects.filter(active=True).order_by("issuing_level", "-rank", "name"))
    wb, ws = xlsx.new_workbook(_("Awards"))
    xlsx.write_table(ws, [_title(key) for key, _w in COLUMNS], [], widths=[w for _k, w in COLUMNS])
    for key in TEXT | DATES:
        column = _letter(key)
        for row in range(2, ROWS + 2):
            ws[f"{column}{row}"].number_format = "@" if key in TEXT else "DD/MM/YYYY"
    names = DataValidation(
        type="list",
        formula1=_guide(wb, award_types),
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        error=_("Not an award of the list: it is read if it names the award and the body."),
    )
    subjects = DataValidation(
        type="list", allow_blank=True, formula1='"{}"'.format(",".join(str(label) for _v, label in SubjectKind.choices))
    )
    for validation, key in ((names, "award"), (subjects, "subject_kind")):
        ws.add_data_validation(validation)
        validation.add(f"{_letter(key)}2:{_letter(key)}{ROWS + 1}")
    return xlsx.to_bytes(wb)
