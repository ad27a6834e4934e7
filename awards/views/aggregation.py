"""Aggregation upward: approving a grassroots proposal for sending up, sending several up as one, and the
level above returning one line to where it came from (awards/services/aggregation.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_service_errors
from unions import access
from unions import selectors as union_selectors

from ..forms.aggregation import AggregateForm
from ..selectors import aggregation as selectors
from ..selectors import proposals as proposal_selectors
from ..services import aggregation
from ..services.proposals import receiving_org
from .proposals import _post_action, _reason


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def proposal_approve(request, pk):
    return _post_action(
        request,
        pk,
        lambda u, p: aggregation.proposal_approve(actor=u, proposal=p),
        _("The lines beyond this level were approved for sending up."),
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def line_return(request, pk):
    line = access.get_for(request.user, proposal_selectors.line_get_for, pk)
    access.require(request.user, access.PROPOSAL_REVIEW, line.proposal.to_org)
    reason = _reason(request)
    return _post_action(
        request,
        line.proposal_id,
        lambda u, p: aggregation.line_return(actor=u, line=line, reason=reason),
        _("The line was returned to the union that proposed it."),
    )


@login_required
@access.declares(access.PROPOSAL_REVIEW)
def proposal_aggregate(request, pk):
    organization = access.get_for(request.user, union_selectors.organization_get_for, pk, access.PROPOSAL_REVIEW)
    candidates = list(selectors.aggregatable_for(request.user, organization))
    form = AggregateForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            sent = aggregation.proposal_aggregate(
                actor=request.user, organization=organization, proposals=form.chosen(), title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("One proposal was sent to %(org)s.") % {"org": sent.to_org.name})
            return redirect("awards:proposal_detail", pk=sent.pk)
    return render(
        request,
        "awards/aggregate.html",
        {"organization": organization, "upper": receiving_org(organization), "candidates": candidates, "form": form},
    )
