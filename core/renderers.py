"""The project's form renderer: stock inputs, text areas and selects drawn in Python, with the templates' markup.

Django draws every widget through templates: a text box through three (text.html, input.html, attrs.html), about
a quarter of a millisecond a field, so a list's filter of ten fields cost some 2,5 ms of every request. Those
widgets are written here exactly as their templates write them (templates/django/forms/widgets/select.html for
the select); any other widget template (the pickers, radio and checkbox lists, file inputs) is drawn by the
templates as before. tests/core/test_renderers.py compares both for every widget drawn here.
"""

from django.forms.renderers import TemplatesSetting

from .escape import esc

_WIDGETS = "django/forms/widgets/"
_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
}


class Renderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if request is None and "widget" in context:
            if template_name in _INPUTS:
                return _input(context["widget"])
            if template_name == f"{_WIDGETS}select.html":
                return _select(context["widget"])
            if template_name == f"{_WIDGETS}textarea.html":
                return _textarea(context["widget"])
        return super().render(template_name, context, request)


def _attrs(attrs):
    """attrs.html: a True attribute by its name alone, a False one left out."""
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    value = widget["value"]
    shown = f' value="{esc(value)}"' if value is not None else ""
    return f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


def _select(widget):
    parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in options:
            attrs = _attrs(option["attrs"]) if option["attrs"] else ""
            parts.append(f'\n  <option value="{esc(option["value"])}"{attrs}>{esc(option["label"])}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget):
    value = widget["value"]
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{esc(value) if value else ""}</textarea>'
