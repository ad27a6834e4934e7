from django import forms
from django.utils.translation import gettext_lazy as _


class AggregateForm(forms.Form):
    """The proposals to send up together, among those the page listed (already read and scoped)."""

    proposals = forms.TypedMultipleChoiceField(label=_("Proposals"), coerce=int)
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Left empty: “Proposals of the grassroots unions of …” with the year."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {p.pk: p for p in candidates}
        field = self.fields["proposals"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(p.pk, p.title) for p in candidates]

    def chosen(self):
        return [self.candidates[pk] for pk in self.cleaned_data["proposals"]]
