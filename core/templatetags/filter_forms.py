"""A list's filter form in Bootstrap's markup, drawn in Python: {{ filter.form|filter_fields }}.

Filters need no layout, and crispy's per-field templates cost a list page about 2 ms of every request (a filter of
eight to ten fields); the markup here is the one crispy's bootstrap5 pack writes for a plain field.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

_SELECTS = (forms.Select, forms.SelectMultiple)
_CHOICE_LISTS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
_ERROR = "<strong>{}</strong>"


def _css(widget):
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, _SELECTS) and not isinstance(widget, _CHOICE_LISTS):
        return "form-select"
    return "form-control"


def _field(bf):
    widget = bf.field.widget
    css = _css(widget) + (" is-invalid" if bf.errors else "")
    own = widget.attrs.get("class")
    drawn = bf.as_widget(attrs={"class": f"{own} {css}" if own else css})
    # The ids are the ones Django's widget names in aria-describedby.
    errors = (
        format_html(
            '<span id="{}_error" class="invalid-feedback">{}</span>',
            bf.auto_id,
            format_html_join(" ", _ERROR, ((e,) for e in bf.errors)),
        )
        if bf.errors
        else ""
    )
    hint = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', bf.auto_id, bf.help_text)
        if bf.help_text
        else ""
    )
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>{}{}</div></div>',
            bf.auto_id,
            drawn,
            bf.id_for_label,
            bf.label,
            errors,
            hint,
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}{}</div>',
        bf.auto_id,
        bf.id_for_label,
        bf.label,
        drawn,
        errors,
        hint,
    )


@register.filter
def filter_fields(form):
    hidden = "".join(str(bf) for bf in form.hidden_fields())
    errors = format_html_join("", '<div class="alert alert-danger">{}</div>', ((e,) for e in form.non_field_errors()))
    return mark_safe(errors + hidden + "".join(_field(bf) for bf in form.visible_fields()))  # noqa: S308 (built by format_html)
