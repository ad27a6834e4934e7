"""The yearly ratings workbook of a union, prefilled; the file comes back through awards/importers/ratings.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import xlsx
from core.imports.template import Column, header_text
from unions.models import Member, MemberStatus

from ..models import PerformanceRating, Rating

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
    existing = {r.member_id: r for r in PerformanceRating.objects.filter(member__in=_members(organization), year=year)}
    wb, ws = xlsx.new_workbook(_("Ratings %(year)s") % {"year": year})
    rows = []
    for m in _members(organization).order_by("search_name"):
        r = existing.get(m.pk)
        rows.append(
            [m.member_code, m.full_name, r.rating if r else "", r.months_worked if r else 12, r.absent_days if r else 0]
        )
    xlsx.write_table(ws, [header_text(c) for c in COLUMNS], rows, widths=[c.width for c in COLUMNS])
    guide = wb.create_sheet(_("Guide"))
    guide.append([_("Rating: one of %(values)s.") % {"values": ", ".join(Rating.values)}])
    guide.append([_("Days absent do not count maternity leave.")])
    return xlsx.to_bytes(wb)
