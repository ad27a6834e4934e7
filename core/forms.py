"""Form pieces shared by every app: Vietnamese date entry, organisation pickers, options read in the view."""

from typing import cast

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.forms.widgets import ChoiceWidget
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .escape import esc


class DateInput(forms.DateInput):
    """A text box typed as dd/mm/yyyy: the way dates are written on union papers."""

    def __init__(self, attrs=None):
        base = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": _("Enter a date as dd/mm/yyyy.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"])
        super().__init__(**kwargs)


# Levels a filter's organisation list shows below the user's top: a province and its communes, not its
# thousands of grassroots unions (a commune's staff see their unions, an officer their union's divisions).
LISTED_LEVELS = 1


class _Labelled(ModelChoiceIterator):
    """An organisation list read as (id, name, code, depth) rows rather than model objects: a province's list
    holds some two hundred units, drawn on every page of its filters."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, code, depth in self.queryset.values_list("pk", "name", "code", "depth"):
            yield (pk, cast(OrganizationChoiceField, self.field).label_of(name, code, depth))

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class _Listed(_Labelled):
    def __init__(self, field, queryset):
        super().__init__(field)
        self.queryset = queryset


class LongSelect(forms.Select):
    """A select drawn in Python, with Django's markup. Django draws each option through templates (~15 µs each);
    a province's list of units holds two hundred, drawn on every list page of its filters."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = set(self.format_value(value))
        options = self._options(chosen)
        return mark_safe(f'<select name="{esc(name)}"{flatatt(final)}>{options}</select>')  # values escaped

    def _options(self, chosen):
        rows, taken = [], False
        for option_value, label in self.choices:
            value = str(option_value)
            selected = value in chosen and (self.allow_multiple_selected or not taken)
            taken = taken or selected
            rows.append(f'<option value="{esc(value)}"{" selected" if selected else ""}>{esc(label)}</option>')
        return "".join(rows)


class OrganizationChoiceField(forms.ModelChoiceField):
    """Organisations labelled with indentation by depth, so the tree reads in a list."""

    widget = LongSelect

    def __init__(self, queryset, *, indent_from=None, **kwargs):
        self.indent_from = indent_from
        super().__init__(queryset, **kwargs)

    def narrow(self, queryset, top_depth, *, listed_levels=None, selected=None):
        """Offer only `queryset`, indented from the depth of the user's highest organisation.

        With `listed_levels`, the list shows only that many levels below the top (and the selected one):
        a province holds thousands of unions, too many for a list; any organisation in `queryset` is
        still accepted (links from organisation pages carry the deeper ones).
        """
        self.queryset = queryset
        self.indent_from = top_depth
        if listed_levels is not None:
            shown = Q(depth__lte=top_depth + listed_levels)
            if str(selected or "").isdigit():
                shown |= Q(pk=int(selected))
            self.widget.choices = _Listed(self, queryset.filter(shown))

    iterator = _Labelled

    def label_from_instance(self, obj):
        return self.label_of(obj.name, obj.code, obj.depth)

    def label_of(self, name, code, depth):
        base = self.indent_from if self.indent_from is not None else 1
        pad = "\u00a0\u00a0\u00a0" * max(depth - base, 0)
        return f"{pad}{name} ({code})"


def read_choices(form):
    """Read the options of the form's drawn lists now, in the view, rather than while the template draws them.

    A select, radio or checkbox list over a queryset is lazy: left as it is, its query runs from inside the
    template, where the page's query budget cannot name it. Call this for a form whose every such field the
    page draws once, right before rendering: a field not drawn, or narrowed again afterwards, would cost a
    query it never needed. A search picker (`unions.pickers.PickerWidget`) is not a ChoiceWidget and is left
    alone: it draws no options, and its queryset may hold millions of members.
    """
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, ChoiceWidget) and isinstance(widget.choices, ModelChoiceIterator):
            # Through iter(): list() would first ask the iterator's length, a COUNT query of its own.
            widget.choices = list(iter(widget.choices))
    return form
