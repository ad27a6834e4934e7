from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render

from core.forms import read_choices
from unions import access

from ..forms.awards import CandidatesForm
from ..forms.bulk import AddToProposalForm
from ..selectors.candidates import candidates
from ..services.bulk_lines import proposer_for

FILTERS = ("organization", "year", "award_type", "only_eligible")


def candidates_page(request, form, add_form=None):
    """The candidates page for a bound filter form; `add_form`: the ticks and target a failed add sent back."""
    context = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        page, rows = candidates(
            request.user,
            data["organization"],
            data["year"],
            data["award_type"],
            (request.GET or request.POST).get("page"),
            data["only_eligible"],
        )
        query = QueryDict(mutable=True)
        for name in FILTERS:
            query.setlist(name, form.data.getlist(name))
        proposer = proposer_for(request.user, data["organization"])
        if add_form is None and proposer is not None:
            add_form = AddToProposalForm(
                user=request.user, proposer=proposer, year=data["year"], award_type=data["award_type"]
            )
        context.update(
            page=page,
            rows=rows,
            award_type=data["award_type"],
            year=data["year"],
            query=query.urlencode(),
            add_form=add_form,
            proposer=proposer,
            ticked={str(pk) for pk in (add_form.data.getlist("subject") if add_form and add_form.is_bound else [])},
        )
        if add_form is not None:
            read_choices(add_form)
    read_choices(form)
    return render(request, "awards/candidates.html", context)


@login_required
@access.declares(access.READ)
def candidate_list(request):
    """For an organisation, a year and an award: who qualifies, with the reasons; tick them into a proposal."""
    return candidates_page(request, CandidatesForm(request.GET or None, user=request.user))
