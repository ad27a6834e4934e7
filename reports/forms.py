from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LISTED_LEVELS, DateField, OrganizationChoiceField
from unions import selectors as union_selectors
from unions.forms import top_depth
from unions.models import MEMBER_HOLDING_KINDS, Organization

from . import periods

KINDS = [
    ("year", _("Year")),
    ("half1", _("First half-year")),
    ("half2", _("Second half-year")),
    ("term", _("Term")),
    ("range", _("Custom period")),
]


class ReportRequestForm(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
    kind = forms.ChoiceField(label=_("Period"), choices=KINDS)
    year = forms.IntegerField(
        label=_("Year (or first year of the term)"),
        min_value=2000,
        max_value=2100,
        initial=lambda: timezone.localdate().year,
    )
    last_year = forms.IntegerField(label=_("Last year of the term"), min_value=2000, max_value=2100, required=False)
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("Until"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = union_selectors.organization_list_for(user).exclude(kind__in=MEMBER_HOLDING_KINDS).order_by("path")
        self.fields["organization"].narrow(
            orgs,
            top_depth(user),
            listed_levels=LISTED_LEVELS,
            selected=self.data.get("organization") or self.initial.get("organization"),
        )

    def clean(self):
        data = super().clean()
        kind, year = data.get("kind"), data.get("year")
        if kind == "year" and year:
            data["period"] = periods.year(year)
        elif kind in ("half1", "half2") and year:
            data["period"] = periods.half(year, 1 if kind == "half1" else 2)
        elif kind == "term" and year:
            last = data.get("last_year") or 0
            if not year < last <= year + 10:
                raise forms.ValidationError(_("A term runs from its first to its last year, at most ten years."))
            data["period"] = periods.term(year, last)
        elif kind == "range" and data.get("start") and data.get("end") and data["start"] <= data["end"]:
            data["period"] = periods.Period("range", data["start"], data["end"])
        else:
            raise forms.ValidationError(_("Give the dates of the period."))
        return data


class ReportTextsForm(forms.Form):
    """The sections of the báo cáo the figures cannot write; paragraphs separated by line breaks."""

    situation = forms.CharField(label=_("I. Situation"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    assessment = forms.CharField(
        label=_("III. Overall assessment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    direction = forms.CharField(label=_("IV. Direction"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
