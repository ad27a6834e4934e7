"""Yearly ratings from Excel through the shared import flow: one row per member.

A blank rating keeps what is saved (a clerk who leaves a cell empty has not decided to delete a rating);
the official wordings and their abbreviations are read ("Hoàn thành xuất sắc nhiệm vụ", HTXSNV, HTXS…);
days absent may be decimal (2,5). Valid rows go to `ratings_save`, the one service that writes ratings.
"""

import decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.imports.importer import ERROR, NEW, UNCHANGED, UPDATE, CheckedRow, Importer, register
from core.imports.spec import Field, ImportSpec
from core.imports.values import CellError, cell_text, parse_decimal, parse_integer, parse_national_id, parse_rating
from core.text import fold
from unions.models import Member, MemberStatus

from ..models import PerformanceRating, Rating
from ..services.inputs import ratings_save

F = Field
SPEC = ImportSpec(
    "ratings",
    (
        F(
            "member",
            gettext_lazy("Member code or CCCD"),
            ("Mã đoàn viên", "Mã ĐV", "Mã đoàn viên hoặc CCCD", "Số CCCD", "CCCD", "Mã đoàn viên/CCCD"),
            required=True,
            alternatives=(("full_name",),),
        ),
        F("full_name", gettext_lazy("Full name"), ("Họ và tên", "Họ tên", "Họ, tên", "Họ và tên đoàn viên")),
        F(
            "rating",
            gettext_lazy("Rating"),
            (
                "Xếp loại",
                "Kết quả xếp loại",
                "Xếp loại chất lượng",
                "Mức xếp loại",
                "Đánh giá, xếp loại",
                "Kết quả đánh giá",
                "Phân loại",
            ),
            required=True,
        ),
        F("months_worked", gettext_lazy("Months worked"), ("Số tháng làm việc", "Số tháng công tác", "Số tháng")),
        F("absent_days", gettext_lazy("Days absent"), ("Số ngày nghỉ", "Ngày nghỉ", "Số ngày nghỉ việc")),
    ),
)


@register
class RatingImporter(Importer):
    kind = "ratings"
    spec = SPEC
    preview_fields = ("member_code", "full_name", "rating", "months_worked", "absent_days")
    preview_headings = {"member_code": gettext_lazy("Member code")}

    @property
    def year(self):
        return int(self.options["year"])

    def key_scope(self):
        return str(self.year)  # the same file may rate another year

    def _members(self):
        """Every member of the union, active or not: a row naming one who left is told so, not "not found"."""
        return Member.objects.filter(org_path__startswith=self.organization.path).only(
            "pk", "member_code", "national_id", "full_name", "search_name", "status", "organization_id"
        )

    def check(self, parsed):
        titles = self.column_titles(parsed)
        members = list(self._members())
        by_key, by_name = {}, {}
        for m in members:
            by_key[m.member_code.upper()] = m
            if m.national_id:
                by_key[m.national_id] = m
            if m.status == MemberStatus.ACTIVE:
                by_name.setdefault(m.search_name, []).append(m)
        existing = {
            r.member_id: r
            for r in PerformanceRating.objects.filter(
                member__in=[m for m in members if m.status == MemberStatus.ACTIVE], year=self.year
            )
        }
        rows, seen = [], {}
        for source in parsed.rows:
            row = CheckedRow(source=source)
            self._read(row, titles)
            member = self._find(row, by_key, by_name, titles)
            if member is not None:
                row.values["member_code"], row.name = member.member_code, member.full_name
                row.values["full_name"] = member.full_name
                row.target = member
                if member.pk in seen:
                    row.errors.append(
                        _("%(name)s is already on row %(row)s. Keep one of the two rows.")
                        % {"name": member.full_name, "row": seen[member.pk]}
                    )
                seen.setdefault(member.pk, row.number)
                self._status(row, existing.get(member.pk))
            if row.errors:
                row.status = ERROR
            rows.append(row)
        return rows

    def _read(self, row, titles):
        cells, sheet = row.source.cells, row.source.sheet
        read = self.reader(row, titles)

        row.values["rating"] = read("rating", parse_rating)
        months = read("months_worked", parse_integer)
        if months is not None and not 0 <= months <= 12:
            row.errors.append(
                _("%(column)s: %(n)s is not a number of months from 0 to 12.")
                % {"column": titles.get((sheet, "months_worked")), "n": months}
            )
        row.values["months_worked"] = months
        row.values["absent_days"] = read("absent_days", parse_decimal, places=1)
        row.name = cell_text(cells.get("full_name"))

    def _find(self, row, by_key, by_name, titles):
        cells, sheet = row.source.cells, row.source.sheet
        raw = cells.get("member")
        key = cell_text(raw).upper()
        if key:
            try:
                cccd, _old = parse_national_id(raw) if key.replace(" ", "").replace(".", "").isdigit() else (None, None)
            except CellError:
                cccd = None
            member = by_key.get(cccd or key)
            column = titles.get((sheet, "member"))
            if member is None:
                row.errors.append(
                    _("%(column)s: no member of this union has the code or CCCD %(key)s. Check it, or delete the row.")
                    % {"column": column, "key": key}
                )
            elif member.status != MemberStatus.ACTIVE:
                row.errors.append(
                    _(
                        "%(column)s: %(name)s (%(key)s) is no longer an active member of the union "
                        "(%(status)s): a rating is not recorded. Delete the row."
                    )
                    % {
                        "column": column,
                        "name": member.full_name,
                        "key": key,
                        "status": member.get_status_display().lower(),
                    }
                )
                return None
            return member
        matches = by_name.get(fold(cell_text(cells.get("full_name"))), [])
        if len(matches) == 1:
            return matches[0]
        name = cell_text(cells.get("full_name"))
        if not matches:
            row.errors.append(
                _("No active member named %(name)s in this union. Write the member code or CCCD.")
                % {"name": name or "—"}
            )
        else:
            row.errors.append(
                _("%(n)s members are named %(name)s: write the member code or CCCD to say which.")
                % {"n": len(matches), "name": name}
            )
        return None

    def _status(self, row, record):
        rating = row.values.get("rating")
        if not rating:
            row.status = UNCHANGED  # a blank rating keeps what is saved
            return
        months = row.values.get("months_worked")
        absent = row.values.get("absent_days")
        if record is None:
            row.status = NEW
            row.values["months_worked"] = 12 if months is None else months
            row.values["absent_days"] = decimal.Decimal(0) if absent is None else absent
            return
        row.values["months_worked"] = record.months_worked if months is None else months
        row.values["absent_days"] = record.absent_days if absent is None else absent
        for key in ("rating", "months_worked", "absent_days"):
            old, new = getattr(record, key), row.values[key]
            if old != new:
                row.diff[key] = (self.display(key, old), self.display(key, new))
        row.status = UPDATE if row.diff else UNCHANGED

    def write(self, rows):
        changed = [r for r in rows if r.status in (NEW, UPDATE)]
        ratings_save(
            actor=self.actor,
            organization=self.organization,
            year=self.year,
            rows=[(r.target, r.values["rating"], r.values["months_worked"], r.values["absent_days"]) for r in changed],
        )
        return (len([r for r in changed if r.status == NEW]), len([r for r in changed if r.status == UPDATE]))

    def display(self, key, value):
        if key == "rating" and value:
            return str(Rating(value).label)
        if key == "absent_days" and value is not None:
            return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",") if value else "0"
        return super().display(key, value)

    def done_url(self, batch):
        return f"{reverse('awards:ratings')}?organization={batch.organization_id}&year={self.year}"

    def upload_url(self, batch):
        return reverse("awards:ratings_import")
