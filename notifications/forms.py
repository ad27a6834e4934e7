from django import forms

from .kinds import Delivery, Kind


class PreferencesForm(forms.Form):
    """One choice of delivery per kind of notification, for the signed-in user's own account."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=current[kind]
            )
