"""Vietnamese number display: 6.115 and 1.250.000 đ (the dot groups thousands)."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


def group(value):
    number = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    digits = str(abs(int(number)))
    parts = []
    while digits:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + ".".join(parts)


@register.filter
def num(value):
    if value in (None, ""):
        return ""
    return group(value)


@register.filter
def vnd(value):
    if value in (None, ""):
        return ""
    return f"{group(value)}\u00a0đ"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def person_name(user):
    """A person's name in Vietnamese order, family and middle names first ("Trần Thị Lan", where Django's
    get_full_name says "Lan Trần Thị"); the username when the account has no name."""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.username
