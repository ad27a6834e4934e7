"""A leaving reason as the services store it and as people read it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import LeftReason


def clean_left_reason(reason, text):
    """(reason, text) as stored: a reason of the list, or none given; "other" needs its words."""
    text = (text or "").strip()
    if not reason:
        return "", text
    if reason not in LeftReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    if reason == LeftReason.OTHER and not text:
        raise ValidationError({"reason_text": _("Write the reason.")})
    return reason, text if reason == LeftReason.OTHER else ""


def left_reason_label(reason):
    """The reason's name, as the history row's change reason (its words stay in a field that anonymising
    erases: a change reason is kept as it was)."""
    return str(LeftReason(reason).label) if reason else ""
