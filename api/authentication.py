"""`Authorization: Bearer td_…` for the API. A token acts as its user, narrowed to the token's actions."""

import hmac

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from unions import access

from .models import ApiToken
from .tokens import digest


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        token = header[1]
        parts = token.split("_")
        row = None
        if len(parts) >= 3 and parts[0] == "td":
            row = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
        # One message for a wrong, expired, revoked token or a disabled account: nothing to probe.
        if row is None or not hmac.compare_digest(row.digest, digest(token)) or not row.active:
            raise exceptions.AuthenticationFailed(_("The token is not valid, has expired or was revoked."))
        user = row.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid, has expired or was revoked."))
        access.narrow(user, row.actions)
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.api_token = row
        return user, row

    def authenticate_header(self, request):
        return self.keyword
