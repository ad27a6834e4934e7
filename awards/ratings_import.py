"""Yearly ratings from Excel: one row per member; the whole file or nothing."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation import xlsx
from unions.imports import Column, FileRejected, as_text, column_positions, header_text, read_rows
from unions.models import Member, MemberStatus
from unions.text import fold

from .models import PerformanceRating, Rating
from .services.inputs import ratings_save

COLUMNS = [
    Column("member", gettext_lazy("Member code or CCCD"), True, 18),
    Column("full_name", gettext_lazy("Full name"), False, 28),
    Column("rating", gettext_lazy("Rating"), True, 26),
    Column("months_worked", gettext_lazy("Months worked"), False, 14),
    Column("absent_days", gettext_lazy("Days absent"), False, 14),
]


def _members(organization):
    return Member.objects.filter(organization__path__startswith=organization.path, status=MemberStatus.ACTIVE)


def template_workbook(organization, year):
    existing = {r.member_id: r for r in PerformanceRating.objects.filter(member__in=_members(organization),
                                                                           year=year)}
    wb, ws = xlsx.new_workbook(_("Ratings %(year)s") % {"year": year})
    rows = []
    for m in _members(organization).order_by("search_name"):
        r = existing.get(m.pk)
        rows.append([m.member_code, m.full_name, r.rating if r else "", r.months_worked if r else 12,
                     r.absent_days if r else 0])
    xlsx.write_table(ws, [header_text(c) for c in COLUMNS], rows, widths=[c.width for c in COLUMNS])
    guide = wb.create_sheet(_("Guide"))
    guide.append([_("Rating: one of %(values)s.") % {"values": ", ".join(Rating.values)}])
    guide.append([_("Days absent do not count maternity leave.")])
    return xlsx.to_bytes(wb)


def _rating(value):
    text = fold(as_text(value)).upper().replace(" ", "")
    for code, label in Rating.choices:
        if text in (code, fold(str(label)).upper().replace(" ", "")):
            return code
    return None


def _number(value, default):
    text = as_text(value)
    return int(text) if text.isdigit() else (default if not text else None)


def import_ratings(*, actor, organization, year, content):
    """Check every row; save all ratings or none. Returns (saved, errors)."""
    header, rows = read_rows(content)
    positions, missing = column_positions(header, COLUMNS)
    if missing:
        raise FileRejected(_("The first row must hold the column titles of the template; missing: %(cols)s.")
                           % {"cols": ", ".join(missing)})

    def cell(row, key):
        index = positions.get(key)
        return row.raw[index] if index is not None and index < len(row.raw) else None

    members = {}
    for m in _members(organization):
        members[m.member_code.upper()] = m
        if m.national_id:
            members[m.national_id] = m
    errors, parsed, seen = [], [], {}
    for row in rows:
        key = as_text(cell(row, "member")).upper()
        member, problems = members.get(key), []
        rating = _rating(cell(row, "rating"))
        months, absent = _number(cell(row, "months_worked"), 12), _number(cell(row, "absent_days"), 0)
        if member is None:
            problems.append(_("No active member %(key)s in this union.") % {"key": key or "—"})
        elif member.pk in seen:
            problems.append(_("Repeated: already on row %(row)s.") % {"row": seen[member.pk]})
        if rating is None and as_text(cell(row, "rating")):
            raw = as_text(cell(row, "rating"))
            problems.append(_("Rating \"%(value)s\" is not HTXS, HTT, HT or KHT.") % {"value": raw})
        if months is None or not 0 <= months <= 12:
            problems.append(_("Months worked must be a number from 0 to 12."))
        if absent is None:
            problems.append(_("Days absent must be a number."))
        if member is not None:
            seen.setdefault(member.pk, row.number)
        if problems:
            errors.append({"row": row.number, "name": member.full_name if member else as_text(cell(row, "full_name")),
                           "errors": problems})
        else:
            parsed.append((member, rating or "", months, absent))
    if errors:
        return 0, errors
    ratings_save(actor=actor, organization=organization, year=year, rows=parsed)
    return len([p for p in parsed if p[1]]), []
