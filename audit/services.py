"""Writing the audit log: one call per act on personal data."""

from django.db import models

from .middleware import client_of, current_client
from .models import Action, AuditEntry


def _label(obj):
    if obj is None:
        return ""
    code = getattr(obj, "member_code", None)
    if code:
        # The member code only: the log is append-only and must not keep a name that anonymisation erases.
        return code
    return str(obj)


def record(*, actor, action, obj=None, organization=None, request=None, label=""):
    """Append one entry. `obj` gives type, id and organisation; `label` replaces str(obj) (never a CCCD).

    The address and browser come from `request`, or else from the request being served (see middleware.py)."""
    Action(action)
    if organization is None and obj is not None:
        organization = getattr(obj, "organization", None)
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if isinstance(obj, models.Model) else "",
        object_id=str(obj.pk) if isinstance(obj, models.Model) else "",
        label=(label or _label(obj))[:200],
        organization=organization,
    )
    client = client_of(request) if request is not None else current_client()
    if client is not None:
        entry.ip, entry.user_agent = client
    entry.save()
    return entry
