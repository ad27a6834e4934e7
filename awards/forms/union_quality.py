"""The forms of the quality grid of grassroots unions: which level and year, and one row per union."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import OrganizationChoiceField
from unions import access
from unions import selectors as union_selectors
from unions.forms import top_depth
from unions.models import MEMBER_HOLDING_KINDS, Organization

from ..models import Rating
from ..services.union_quality import SCORE_MAX
from .awards import this_year


class QualityScopeForm(forms.Form):
    """The organisation whose grassroots unions are rated (a level above grassroots, in reach) and the year."""

    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=this_year)

    def __init__(self, *args, user, shown=True, **kwargs):
        super().__init__(*args, **kwargs)
        # Which unions of the chosen level the user rates is the access module's answer (the grid's selector);
        # here only the levels that have grassroots unions under them are offered.
        orgs = (
            union_selectors.organization_list_for(user).active().exclude(kind__in=MEMBER_HOLDING_KINDS).order_by("path")
        )
        field = cast(OrganizationChoiceField, self.fields["organization"])
        field.narrow(orgs, top_depth(user))
        # Read here, not while the template renders: the page's queries stay in the view (query budgets).
        if shown:
            field.widget.choices = [choice for choice in field.iterator(field)]  # noqa: C416 -- list() counts first
        roots = list(access.root_orgs(user))
        self.fields["organization"].initial = roots[0] if len(roots) == 1 else None


class QualityRowForm(forms.Form):
    """One grassroots union's row: the class, the score of the marking sheet and a note."""

    grade = forms.ChoiceField(choices=[("", "—"), *Rating.choices], required=False, label=_("Class"))
    score = forms.DecimalField(
        min_value=0, max_value=SCORE_MAX, decimal_places=1, required=False, label=_("Score"), localize=True
    )
    note = forms.CharField(max_length=255, required=False, label=_("Note"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["score"].widget.attrs.update(
            {"class": "form-control form-control-sm text-end", "inputmode": "decimal", "autocomplete": "off"}
        )
        self.fields["note"].widget.attrs["class"] = "form-control form-control-sm"
