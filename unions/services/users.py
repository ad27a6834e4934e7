from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import access, usernames
from ..models import Role

User = get_user_model()


def _require_user_manager(actor):
    if not access.can(actor, access.USER_MANAGE):
        raise PermissionDenied


@transaction.atomic
def user_create(*, actor, username, password, first_name="", last_name="", email=""):
    _require_user_manager(actor)
    username = (username or "").strip() or usernames.suggest(last_name, first_name)
    if not username:
        raise ValidationError({"username": _("Type a user name, or the person's name to have one suggested.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is already taken.")})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_update(*, actor, user, **data):
    _require_user_manager(actor)
    if user.pk == actor.pk and data.get("is_active") is False:
        raise ValidationError(_("You cannot disable your own account."))
    for field in ("first_name", "last_name", "email", "is_active"):
        if field in data:
            setattr(user, field, data[field])
    if data.get("password"):
        user.set_password(data["password"])
    user.save()
    return user


def role_add(*, actor, user, organization, kind):
    _require_user_manager(actor)
    access.require(actor, access.USER_MANAGE, organization)
    role = Role(user=user, organization=organization, kind=kind)
    role._history_user = actor
    try:
        with transaction.atomic():
            role.save()
    except IntegrityError:
        raise ValidationError(_("This user already has that role in this organisation.")) from None
    access.forget(user)
    return role


@transaction.atomic
def role_remove(*, actor, role):
    _require_user_manager(actor)
    access.require(actor, access.USER_MANAGE, role.organization)
    role._history_user = actor
    role.delete()
    access.forget(role.user)


@transaction.atomic
def second_factor_set(*, user, key, last_t):
    """The user's own authenticator, once a code from it matched: it replaces any setup left unfinished."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="default", key=key, confirmed=True, last_t=last_t)
