"""Form pieces shared by every app: Vietnamese date entry and organisation pickers."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A text box typed as dd/mm/yyyy: the way dates are written on union papers."""

    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off",
                "pattern": r"\d{1,2}/\d{1,2}/\d{4}"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": _("Enter a date as dd/mm/yyyy.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"])
        super().__init__(**kwargs)


class OrganizationChoiceField(forms.ModelChoiceField):
    """Organisations labelled with indentation by depth, so the tree reads in a list."""

    def __init__(self, queryset, *, indent_from=None, **kwargs):
        self.indent_from = indent_from
        super().__init__(queryset, **kwargs)

    def narrow(self, queryset, top_depth):
        """Offer only `queryset`, indented from the depth of the user's highest organisation."""
        self.queryset = queryset
        self.indent_from = top_depth

    def label_from_instance(self, obj):
        base = self.indent_from if self.indent_from is not None else 1
        pad = "\u00a0\u00a0\u00a0" * max(obj.depth - base, 0)
        return f"{pad}{obj.name} ({obj.code})"
