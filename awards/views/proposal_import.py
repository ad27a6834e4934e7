"""Upload a list of nominees into a proposal; the shared import pages do the rest."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import xlsx
from unions import access
from unions.models import Member, MemberStatus
from unions.services import import_batches

from ..importers.proposal_lines import SPEC
from ..models import AwardType, SubjectKind
from ..selectors import proposals as selectors
from ..services import proposals
from .proposals import _sender


class ProposalLinesUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))


@login_required
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_lines_import(request, pk):
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    _sender(request.user, proposal)
    form = ProposalLinesUploadForm(request.POST or None, request.FILES or None)
    form.fields["file"].widget.attrs["accept"] = ".xlsx"
    if request.method == "POST" and form.is_valid():
        batch = import_batches.batch_create(actor=request.user, organization=proposal.from_org,
                                            upload=form.cleaned_data["file"], kind="proposal_lines",
                                            options={"proposal": proposal.pk})
        return redirect("unions:import_detail", pk=batch.pk)
    editable = proposal.status in proposals.EDITABLE
    return render(request, "awards/proposal_lines_import.html", {"form": form, "proposal": proposal,
                                                                 "editable": editable})


@login_required
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_lines_template(request, pk):
    """The union's active members, one per row: the officer keeps the nominees and writes the award."""
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    _sender(request.user, proposal)
    keys = ("member", "full_name", "birth_date", "union", "award", "achievement")
    wb, ws = xlsx.new_workbook(_("Nominees"))
    members = (Member.objects.filter(org_path__startswith=proposal.from_org.path, status=MemberStatus.ACTIVE)
               .order_by("search_name").only("member_code", "full_name", "birth_date", "birth_year"))
    xlsx.write_table(ws, [str(SPEC.field(k).label) for k in keys],
                     ([m.member_code, m.full_name, m.birth_date or m.birth_year, "", "", ""] for m in members),
                     widths=[16, 28, 14, 28, 36, 60])
    guide = wb.create_sheet(_("Guide"))
    xlsx.append_row(guide, [_("Keep one row per nominee; delete the others. For a collective award write the "
                              "union's code or name and leave the member empty.")])
    xlsx.append_row(guide, [_("Awards (write the name as here):")])
    for award_type in AwardType.objects.filter(active=True).order_by("-rank", "name"):
        subject = _("individual") if award_type.subject_kind == SubjectKind.INDIVIDUAL else _("collective")
        xlsx.append_row(guide, [award_type.name, subject])
    guide.column_dimensions["A"].width = 70
    return xlsx.xlsx_response(xlsx.to_bytes(wb), f"de-nghi-{proposal.pk}.xlsx")
