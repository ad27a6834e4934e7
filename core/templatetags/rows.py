"""Per-row links in long tables: {{ line.pk|row_url:"awards:line_remove" }} (see core/row_urls.py)."""

from django import template

from core import row_urls

register = template.Library()


@register.filter
def row_url(pk, name):
    return row_urls.row_url(name, pk)
