from typing import Any

from django.db.models import QuerySet

from unions import access

from .models import AuditEntry


def entry_list_for(user: Any) -> QuerySet[AuditEntry]:
    """The log of the organisations the user administers; entries without an organisation (sign-ins of
    any account) only for an administrator of the whole tree."""
    entries = AuditEntry.objects.select_related("actor", "organization")
    if access.reaches_whole_tree(user, access.AUDIT_READ):
        return entries
    return access.restrict(entries, user, access.AUDIT_READ, "organization")
