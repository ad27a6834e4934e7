"""A one-button action on a proposal: run the service, say how it went, back to the proposal page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from unions import access

from ..selectors import proposals as selectors


def post_action(request, pk, run, success):
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    try:
        run(request.user, proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("awards:proposal_detail", pk=proposal.pk)
