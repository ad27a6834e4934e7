"""“Kiểm tra lại”: the rules run again on every line of an open proposal."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions import access

from ..services import eligibility_refresh
from .proposals import _post_action


@login_required
@require_POST
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_recheck(request, pk):
    """The sender or the reviewer; the service refuses anyone else (403)."""
    return _post_action(
        request,
        pk,
        lambda u, p: eligibility_refresh.proposal_recheck(actor=u, proposal=p),
        _("The rules were checked again on every line."),
    )
