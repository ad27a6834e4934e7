"""The site's chrome (menus, links to static files), drawn once per language and what the menu shows.

base.html draws the same menus on every page: some twenty links reversed and thirty labels translated, about a
millisecond a page. They depend only on the language, the URL prefix and the menu's flags, so each combination is
drawn once per process; what depends on the request (the user's name, the unread badge, the CSRF token) stays in
base.html. A chrome template sees `nav`, the flags given, and nothing of the request.
"""

import functools

from django import template
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def chrome(name, **flags):
    return _drawn(name, get_language(), get_script_prefix(), tuple(sorted((k, bool(v)) for k, v in flags.items())))


@functools.lru_cache(maxsize=256)
def _drawn(name, language, prefix, flags):
    return mark_safe(render_to_string(name, {"nav": dict(flags)}))  # noqa: S308 (our own template's output)


def _forget(**kwargs):
    _drawn.cache_clear()


# Tests that change settings (URLs, static storage, languages) get freshly drawn chrome.
setting_changed.connect(_forget)
