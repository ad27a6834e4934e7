from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField

from . import services
from .models import DataSubjectRequest, LegalBasis


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=DataSubjectRequest.Kind.choices)
    received_on = DateField(label=_("Received on"), initial=timezone.localdate)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DataRequestUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (DataSubjectRequest.Status.ACKNOWLEDGED, DataSubjectRequest.Status.ACKNOWLEDGED.label),
            (DataSubjectRequest.Status.RESOLVED, DataSubjectRequest.Status.RESOLVED.label),
            (DataSubjectRequest.Status.REFUSED, DataSubjectRequest.Status.REFUSED.label),
        ],
    )
    notes = forms.CharField(
        label=_("Notes (required when refusing)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsentForm(forms.Form):
    basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    given_on = DateField(label=_("Given on"), initial=timezone.localdate)


class ConsentOnCreateForm(forms.Form):
    """Shown on the member form: the basis may be recorded together with a new member (optional)."""

    prefix = "consent"
    basis = forms.ChoiceField(
        label=_("Legal basis for the member's data (optional)"),
        required=False,
        choices=[("", "—")] + LegalBasis.choices,
    )
    given_on = DateField(label=_("Consent or basis recorded on"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("basis") and not data.get("given_on"):
            data["given_on"] = timezone.localdate()
        return data

    def save(self, *, actor, member):
        if self.cleaned_data.get("basis"):
            services.consent_record(
                actor=actor, member=member, basis=self.cleaned_data["basis"], given_on=self.cleaned_data["given_on"]
            )
