"""User names suggested from a person's name, the way Vietnamese offices write them: the given name, a dot, the
initials of the family and middle names, without diacritics ("Trần Thị Lan" → "lan.tt"); a number is added when
the name is taken ("lan.tt2")."""

import re

from django.contrib.auth import get_user_model

from core.text import fold

_NOT_ALLOWED = re.compile(r"[^a-z0-9]")


def base_for(last_name, first_name):
    """ "Trần Thị", "Lan" → "lan.tt"; a full name in either field alone is split at its last word."""
    words = fold(f"{last_name} {first_name}").split()
    words = [_NOT_ALLOWED.sub("", w) for w in words]
    words = [w for w in words if w]
    if not words:
        return ""
    given, others = words[-1], words[:-1]
    initials = "".join(w[0] for w in others)
    return f"{given}.{initials}" if initials else given


def suggest(last_name, first_name):
    """The first free name of base, base2, base3…, compared without case (one query)."""
    base = base_for(last_name, first_name)
    if not base:
        return ""
    taken = {
        name.lower()
        for name in get_user_model()
        .objects.filter(username__iregex=rf"^{re.escape(base)}[0-9]*$")
        .values_list("username", flat=True)
    }
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"
