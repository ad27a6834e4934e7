"""The address of one view for many rows: reversed once per process, then filled in per row.

Django's `reverse` costs some 15–25 µs; a proposal page of 200 lines asked it about 1.000 times (links to the member,
remove and override forms, the certificate, and the page each failed rule's data is entered on). Only for views whose
one argument is an integer id.
"""

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

_SENTINEL = "987654321"
_patterns: dict[tuple, str] = {}


def row_url(name, pk=None):
    """reverse(name, args=[pk]) for an integer pk; reverse(name) without one."""
    key = (name, pk is None, get_script_prefix(), get_language())
    pattern = _patterns.get(key)
    if pattern is None:
        pattern = _patterns[key] = reverse(name) if pk is None else reverse(name, args=[int(_SENTINEL)])
    return pattern if pk is None else pattern.replace(_SENTINEL, str(int(pk)), 1)
