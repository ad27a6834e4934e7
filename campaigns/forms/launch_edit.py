from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField


class LaunchEditForm(forms.Form):
    launched_on = DateField(label=_("Launched on"))
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1)
    reason = forms.CharField(label=_("Reason for the change"), max_length=100, required=False)
