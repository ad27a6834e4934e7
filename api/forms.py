from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("The system that will use the token."))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=90)
    write = forms.BooleanField(
        label=_("Also keep members, registrations and initiatives"),
        required=False,
        help_text=_("Without it the token only reads."),
    )
