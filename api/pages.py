"""The signed-in user's own API tokens: make one (shown once), see when each was last used, revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import about_self, add_service_errors

from . import services
from .forms import TokenForm
from .models import ApiToken


@login_required
@about_self
def token_list(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions = services.TOKEN_ACTIONS if data["write"] else services.TOKEN_ACTIONS[:1]
        try:
            row, created = services.token_create(
                actor=request.user, name=data["name"], days=data["days"], actions=actions
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenForm()
    tokens = list(ApiToken.objects.filter(user=request.user))
    return render(request, "api/token_list.html", {"form": form, "tokens": tokens, "created": created})


@login_required
@require_POST
@about_self
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token was revoked; systems using it can no longer connect."))
    return redirect("api_tokens:list")
