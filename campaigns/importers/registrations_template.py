"""The registration list to fill in: the union's members, one row each.

Uploaded files (this template or the clerk's own list) go through the shared import flow: see importers.py.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import xlsx
from core.imports.template import Column, header_text
from unions.models import Gender, Member, MemberStatus

from ..models import TargetGroup

COLUMNS = [
    Column("member", gettext_lazy("Member code or CCCD"), True, 18),
    Column("full_name", gettext_lazy("Full name"), False, 28),
    Column("title", gettext_lazy("Title sought"), True, 30),
    Column("commitment", gettext_lazy("Commitment"), False, 50),
]


def template_workbook(campaign, organization):
    """Prefilled with the union's active members: the officer keeps the rows they register."""
    members = Member.objects.filter(organization__path__startswith=organization.path, status=MemberStatus.ACTIVE)
    if campaign.target_group == TargetGroup.WOMEN:
        members = members.filter(gender=Gender.FEMALE)
    wb, ws = xlsx.new_workbook(_("Registrations"))
    default_title = campaign.titles[0] if campaign.titles else ""
    xlsx.write_table(
        ws,
        [header_text(c) for c in COLUMNS],
        ([m.member_code, m.full_name, default_title, ""] for m in members.order_by("search_name")),
        widths=[c.width for c in COLUMNS],
    )
    guide = wb.create_sheet(_("Guide"))
    guide.append([_("Keep one row per member and title; delete the members who do not register.")])
    guide.append([_("Titles offered by the campaign:")])
    for title in campaign.titles:
        xlsx.append_row(guide, [title])
    return xlsx.to_bytes(wb)
