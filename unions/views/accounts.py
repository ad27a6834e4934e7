"""The administrator's action on an account page: a new-password link, e-mailed or shown once (services/accounts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, selectors
from ..services import accounts


@login_required
@require_POST
@access.declares(access.USER_MANAGE, required=True)
def user_password_reset(request, pk):
    account = access.get_for(request.user, selectors.user_get_for, pk)
    how = request.POST.get("how") or (accounts.BY_EMAIL if account.email else accounts.SHOWN)
    try:
        link = accounts.user_password_reset(
            actor=request.user, user=account, base_url=request.build_absolute_uri("/"), how=how
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("unions:user_detail", pk=account.pk)
    if link is None:
        messages.success(request, _("A new-password link was sent to %(email)s.") % {"email": account.email})
        return redirect("unions:user_detail", pk=account.pk)
    # Rendered, not redirected: the link is shown this once and kept in no message store or session.
    return render(request, "unions/user_reset_link.html", {"account": account, "link": link})
