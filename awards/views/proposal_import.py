"""Upload a list of nominees into a proposal; the shared import pages do the rest."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from core import xlsx
from unions import access
from unions.services import import_batches

from ..importers import proposal_lines_template as nominees_template
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
        batch = import_batches.batch_create(
            actor=request.user,
            organization=proposal.from_org,
            upload=form.cleaned_data["file"],
            kind="proposal_lines",
            options={"proposal": proposal.pk},
        )
        return redirect("unions:import_detail", pk=batch.pk)
    editable = proposal.status in proposals.EDITABLE
    return render(
        request, "awards/proposal_lines_import.html", {"form": form, "proposal": proposal, "editable": editable}
    )


@login_required
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_lines_template(request, pk):
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    _sender(request.user, proposal)
    return xlsx.xlsx_response(nominees_template.template_workbook(proposal), f"de-nghi-{proposal.pk}.xlsx")
