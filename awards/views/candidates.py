from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from unions import access

from ..forms.awards import CandidatesForm
from ..selectors.candidates import candidates


@login_required
@access.declares(access.READ)
def candidate_list(request):
    """For an organisation, a year and an award: who qualifies, with the reasons."""
    form = CandidatesForm(request.GET or None, user=request.user)
    context = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        page, rows = candidates(
            request.user,
            data["organization"],
            data["year"],
            data["award_type"],
            request.GET.get("page"),
            data["only_eligible"],
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(page=page, rows=rows, award_type=data["award_type"], year=data["year"], query=query.urlencode())
    return render(request, "awards/candidates.html", context)
