"""get_<field>_display without rebuilding the field's choices map on every call.

Django's Model._get_FIELD_display builds a dict of every choice (hashing each lazily translated label, which
translates it) on each call: ~10 µs, asked per row and per column in long tables (a proposal of 200 lines asked it
400 times). The map is built once per field here; its labels stay lazy, so each call still answers in the
active language. Fields with callable choices are left to Django (their choices may change).
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.choices import BaseChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_django_display = Model._get_FIELD_display  # type: ignore[attr-defined]
_maps: dict[int, dict] = {}


def _get_field_display(self, field):
    if isinstance(field.choices, BaseChoiceIterator):
        return _django_display(self, field)
    found = _maps.get(id(field))
    if found is None:
        found = _maps[id(field)] = dict(make_hashable(field.flatchoices))
    value = getattr(self, field.attname)
    return force_str(found.get(make_hashable(value), value), strings_only=True)


def install():
    Model._get_FIELD_display = _get_field_display  # type: ignore[attr-defined]
    # Each model bound Django's function when its class was made (a partialmethod per field), before any app was
    # ready: bind them again, leaving a model's own get_…_display alone.
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            bound = model.__dict__.get(name)
            if isinstance(bound, partialmethod) and bound.func is _django_display:
                setattr(model, name, partialmethod(_get_field_display, field=field))
