"""Sections that other apps add to the member and organisation pages.

unions knows nothing of the apps built on it (DESIGN.md §2); they register a
callable `panel(request, obj) -> html` in settings.MEMBER_PANELS or
settings.ORGANIZATION_PANELS.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe


def render(setting, request, obj):
    return [mark_safe(import_string(path)(request, obj)) for path in getattr(settings, setting, [])]
