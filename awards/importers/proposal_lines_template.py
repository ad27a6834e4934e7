"""The nominees workbook of a proposal, prefilled with the union's active members; the file comes back through
awards/importers/proposal_lines.py."""

from django.utils.translation import gettext as _

from core import xlsx
from unions.models import Member, MemberStatus

from ..models import AwardType, SubjectKind
from .proposal_lines import SPEC

KEYS = ("member", "full_name", "birth_date", "union", "award", "achievement")


def template_workbook(proposal):
    """The proposing union's active members, one per row: the officer keeps the nominees and writes the award."""
    wb, ws = xlsx.new_workbook(_("Nominees"))
    members = (
        Member.objects.filter(org_path__startswith=proposal.from_org.path, status=MemberStatus.ACTIVE)
        .order_by("search_name")
        .only("member_code", "full_name", "birth_date", "birth_year")
    )
    xlsx.write_table(
        ws,
        [str(SPEC.field(k).label) for k in KEYS],
        ([m.member_code, m.full_name, m.birth_date or m.birth_year, "", "", ""] for m in members),
        widths=[16, 28, 14, 28, 36, 60],
    )
    guide = wb.create_sheet(_("Guide"))
    xlsx.append_row(
        guide,
        [
            _(
                "Keep one row per nominee; delete the others. For a collective award write the "
                "union's code or name and leave the member empty."
            )
        ],
    )
    xlsx.append_row(guide, [_("Awards (write the name as here):")])
    for award_type in AwardType.objects.filter(active=True).order_by("-rank", "name"):
        subject = _("individual") if award_type.subject_kind == SubjectKind.INDIVIDUAL else _("collective")
        xlsx.append_row(guide, [award_type.name, subject])
    guide.column_dimensions["A"].width = 70
    return xlsx.to_bytes(wb)
