"""Personal API tokens: made by their user (or the `api_token` command), shown once, stored as a digest."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access

from .models import ApiToken
from .tokens import digest

# What a token may be allowed to do: reading, and keeping members, registrations and initiatives.
TOKEN_ACTIONS = (access.READ, access.MEMBER_WRITE)
MAX_DAYS = 366


@transaction.atomic
def token_create(*, actor, name, days=90, actions=(access.READ,)):
    """(token row, the token itself): the only moment the token can be read."""
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name, e.g. the system that will use it.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("A token lasts from 1 to %(max)s days.") % {"max": MAX_DAYS}})
    unknown = set(actions) - set(TOKEN_ACTIONS)
    if unknown or not actions:
        raise ValidationError({"actions": _("Choose what the token may do.")})
    prefix = secrets.token_hex(4)
    token = f"td_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(
        user=actor,
        name=name.strip(),
        prefix=prefix,
        digest=digest(token),
        actions=sorted(set(actions)),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return row, token


@transaction.atomic
def token_revoke(*, actor, token):
    if token.user_id != actor.pk:
        raise PermissionError
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
