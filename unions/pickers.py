"""Choosing a member or an organisation by typing, instead of from a list of thousands.

A form field names a *source*: a registered function `rows(user, within)` returning the scoped queryset of
what this form may choose (`within`: an organisation narrowing it, e.g. the proposing union). The field
validates the posted pk against that queryset, so a forged pk is a form error; the search endpoints
(`unions/views/pickers.py`) answer the widget's typing from the very same queryset, so the list offered and
the choices accepted cannot drift apart. Apps register their sources in `<app>/picker_sources.py` (found by
autodiscovery: `unions` never imports the apps above it).

A search is cheap whatever the reach: no count, at most LIMIT + 1 rows; names through the word index of
`name_search` first, the text anywhere in the name only when no whole word matches. A CCCD is matched
exactly, and the widget sends what is typed by POST, so the number never lands in a URL.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django import forms
from django.db import connection
from django.db.models import Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.forms import LongSelect
from core.text import fold

from . import access, name_search
from .models import MEMBER_HOLDING_KINDS, Member, Organization

MEMBER = "member"
ORGANIZATION = "organization"
LIMIT = 20
UNITS = 50  # units whose name matches, when members are searched by their union's name
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    rows: Callable[..., QuerySet]


_SOURCES: dict[str, Source] = {}


def source(name, kind):
    """@source("awards.line_member", MEMBER) def rows(user, within): ... -> a scoped queryset."""

    def register(func):
        _SOURCES[name] = Source(name, kind, func)
        return func

    return register


def get_source(name):
    if name not in _SOURCES:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("picker_sources")
    return _SOURCES.get(name)


# Vietnamese letters to ASCII inside PostgreSQL, for organisation names (no folded column there): both cases,
# since lower() leaves accented capitals alone under the C collation.
_ACCENTED = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_PLAIN = "aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy"


def _folded_sql(field):
    return Func(
        Lower(Func(field, Value(_ACCENTED.upper()), Value(_PLAIN), function="translate")),
        Value(_ACCENTED),
        Value(_PLAIN),
        function="translate",
        output_field=TextField(),
    )


def _name_matches(qs, field, text):
    folded = fold(text)
    if connection.vendor == "postgresql":
        return qs.alias(_folded=_folded_sql(field)).filter(_folded__contains=folded)
    return qs.filter(**{f"{field}__icontains": text})


def find_organizations(qs, text, limit=LIMIT):
    """Organisations of `qs` whose code starts with `text` or whose name holds it, diacritics ignored."""
    text = text.strip()
    if not text:
        return []
    by_code = Q(code__istartswith=text)
    found = qs.filter(by_code) | _name_matches(qs, "name", text)
    return list(found.order_by("path")[: limit + 1])


def find_members(qs, text, paths=None, limit=LIMIT):
    """Members of `qs` by CCCD (exact), member code, name (diacritics ignored) with an optional birth year
    ("lan 1985"), or the name of their union when no name matches; at most limit + 1 rows.

    `paths`: the subtrees `qs` lies in, which lets the word index read one province or district only."""
    from .filters import MEMBER_CODE, looks_like_national_id  # the filters' module imports the forms, which use this

    text = text.strip()
    if not text:
        return []
    if looks_like_national_id(text):
        return list(qs.filter(national_id=text)[:1])
    if MEMBER_CODE.match(text):
        return list(qs.filter(member_code__iexact=text)[:1])
    years = _YEAR.findall(text)
    if years:
        qs = qs.filter(birth_year=int(years[0]))
        text = _YEAR.sub(" ", text).strip()
    qs = qs.order_by("search_name", "id")
    if not text:
        return list(qs[: limit + 1])
    folded = fold(text)
    attempts = [qs.filter(search_name__contains=folded)]
    if name_search.available() and name_search.words(folded):
        attempts.insert(0, name_search.by_words(qs, folded, paths))
    for attempt in attempts:
        rows = list(attempt[: limit + 1])
        if rows:
            return rows
    # No such name: perhaps the union's name was typed. The few matching units are found first (the unit table is
    # small), so a typo never walks a province's members.
    units = Organization.objects.filter(kind__in=MEMBER_HOLDING_KINDS)
    if paths:
        units = units.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))
    unit_ids = list(_name_matches(units, "name", text).values_list("pk", flat=True)[:UNITS])
    return list(qs.filter(organization_id__in=unit_ids)[: limit + 1]) if unit_ids else []


def member_label(member):
    """Enough to tell namesakes apart: name, year of birth, member code and union."""
    parts = [member.full_name]
    if member.birth_year:
        parts.append(str(member.birth_year))
    parts += [member.member_code, member.organization.display_name]
    return " · ".join(parts)


def organization_label(org):
    return f"{org.name} ({org.code})"


def resolve_within(user, pk):
    """The organisation a search is narrowed to, looked up within the user's reach (None if not there)."""
    if not str(pk or "").isdigit():
        return None
    return Organization.objects.visible_to(user).filter(pk=int(pk)).first()


class PickerWidget(forms.Widget):
    """A search box, the list of matches (htmx) and the hidden pk the form posts. Renders no choices."""

    template_name = "unions/widgets/picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.kind = MEMBER
        self.source = ""
        self.within = None
        self.selected = None  # the chosen object, for its label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        label = ""
        if self.selected is not None and str(self.selected.pk) == str(value):
            label = member_label(self.selected) if self.kind == MEMBER else organization_label(self.selected)
        context["picker"] = {
            "url": reverse("unions:pick_member" if self.kind == MEMBER else "unions:pick_organization"),
            "source": self.source,
            "within": self.within.pk if self.within is not None else "",
            "label": label,
            "placeholder": _("Name, member code, CCCD or year of birth")
            if self.kind == MEMBER
            else _("Name or code of the unit"),
        }
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, not the form renderer's (which reads only Django's own widget templates).
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class SearchableSelect(LongSelect):
    """A list filter's short list of units (the top levels, see core.forms.LISTED_LEVELS) with a box to find any
    unit in reach below them; the unit found is added to the list and chosen."""

    template_name_search = "unions/widgets/search_select.html"

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "data-picker-value": ""}
        select = super().render(name, value, attrs, renderer)
        context = {
            "select": select,
            "id": attrs.get("id") or f"id_{name}",
            "url": reverse("unions:pick_organization"),
            "source": "unions.unit",
        }
        return render_to_string(self.template_name_search, context)


class _PickerField(forms.ModelChoiceField):
    widget = PickerWidget
    kind = MEMBER
    model: type[Member] | type[Organization] = Member

    def __init__(self, *, source, **kwargs):
        kwargs.setdefault("queryset", self.model.objects.none())
        super().__init__(**kwargs)
        self.source_name = source

    def offer(self, user, *, within=None):
        """Accept (and search) the source's rows for `user`, narrowed to `within`."""
        src = get_source(self.source_name)
        if src is None or src.kind != self.kind:
            raise ValueError(f"no {self.kind} picker source {self.source_name!r}")
        rows = src.rows(user, within)
        if self.kind == MEMBER:
            rows = rows.select_related("organization")
        self.queryset = rows
        self.widget.kind = self.kind
        self.widget.source = self.source_name
        self.widget.within = within

    @property
    def rows(self) -> QuerySet:
        """The queryset offered, never None (for narrowing it further)."""
        return self.queryset if self.queryset is not None else self.model.objects.none()

    def get_bound_field(self, form, field_name):
        bound = super().get_bound_field(form, field_name)
        value = bound.value()
        chosen = self.widget.selected
        if chosen is None or str(chosen.pk) != str(value):
            self.widget.selected = self.selected(value)
        return bound

    def prepare_value(self, value):
        if isinstance(value, self.model):
            self.widget.selected = value
            return value.pk
        return super().prepare_value(value)

    def selected(self, value):
        """The chosen object for re-displaying its label, read once per rendered field."""
        if value in self.empty_values:
            return None
        try:
            return self.to_python(value)
        except forms.ValidationError:
            return None


class MemberPickerField(_PickerField):
    model = Member
    kind = MEMBER

    def label_from_instance(self, obj):
        return member_label(obj)


class OrganizationPickerField(_PickerField):
    model = Organization
    kind = ORGANIZATION

    def label_from_instance(self, obj):
        return organization_label(obj)


def offer(field: forms.Field, user, *, within=None) -> _PickerField:
    """`field.offer(...)` for a form's field, typed: forms hold their fields as plain `Field`s."""
    if not isinstance(field, _PickerField):
        raise TypeError(f"{field!r} is not a picker field")
    field.offer(user, within=within)
    return field


def search(user, source_name, kind, text, within_pk):
    """The rows the widget lists for what was typed: at most LIMIT + 1 (one more says "type more")."""
    src = get_source(source_name)
    if src is None or src.kind != kind:
        return None
    within = resolve_within(user, within_pk)
    if within_pk and within is None:
        return []
    rows = src.rows(user, within)
    if kind == MEMBER:
        paths = [within.path] if within is not None else access.reach(user)
        return find_members(rows.select_related("organization"), text, paths)
    return find_organizations(rows, text)
