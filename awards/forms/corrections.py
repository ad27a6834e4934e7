from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionCorrectForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=64)
    signed_on = DateField(label=_("Signed on"))
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150)
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3}))
