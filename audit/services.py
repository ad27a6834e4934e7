"""Writing the audit log: one call per act on personal data."""

from django.db import models

from .models import Action, AuditEntry

USER_AGENT_LENGTH = 200


def _label(obj):
    if obj is None:
        return ""
    code = getattr(obj, "member_code", None)
    if code:
        # The member code only: the log is append-only and must not keep a name that anonymisation erases.
        return code
    return str(obj)


def _client_ip(request):
    # Behind the TLS proxy Django sees the proxy; REMOTE_ADDR is what the WSGI server was given.
    return request.META.get("REMOTE_ADDR") or None


def record(*, actor, action, obj=None, organization=None, request=None, label=""):
    """Append one entry. `obj` gives type, id and organisation; `label` replaces str(obj) (never a CCCD)."""
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
    if request is not None:
        entry.ip = _client_ip(request)
        entry.user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    entry.save()
    return entry
