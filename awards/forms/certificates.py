from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from unions import access
from unions.forms import top_depth
from unions.models import Organization

from ..certificates.blank import DEFAULT_POSITIONS, FIELDS
from ..models import CertificateKind, SubjectKind

# Blanks are printed by federations and upper-level unions; listing every grassroots union would bury them.
LISTED_LEVELS = 2


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=255, help_text=_("For example: the original was lost in a flood.")
    )
    reissued_on = DateField(label=_("Reissued on"), required=False, help_text=_("Today when left empty."))


def _mm(label, **kwargs):
    return forms.DecimalField(label=label, max_digits=5, decimal_places=1, required=False, **kwargs)


class LayoutForm(forms.Form):
    """The blank's paper and a row of x, y, width and size for every printable field."""

    issuer = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Issued by"))
    kind = forms.ChoiceField(label=_("Document"), choices=CertificateKind.choices)
    subject_kind = forms.ChoiceField(label=_("For"), choices=SubjectKind.choices)
    page_width = forms.IntegerField(label=_("Paper width (mm)"), min_value=50, max_value=600, initial=297)
    page_height = forms.IntegerField(label=_("Paper height (mm)"), min_value=50, max_value=600, initial=210)
    offset_x = forms.DecimalField(label=_("Shift right (mm)"), max_digits=4, decimal_places=1, initial=0)
    offset_y = forms.DecimalField(label=_("Shift down (mm)"), max_digits=4, decimal_places=1, initial=0)

    def __init__(self, *args, user, layout=None, **kwargs):
        positions = layout.positions if layout is not None else DEFAULT_POSITIONS
        initial = kwargs.pop("initial", {}) or {}
        if layout is not None:
            initial |= {
                "issuer": layout.issuer_id,
                "kind": layout.kind,
                "subject_kind": layout.subject_kind,
                "page_width": layout.page_width,
                "page_height": layout.page_height,
                "offset_x": layout.offset_x,
                "offset_y": layout.offset_y,
            }
        for name in FIELDS:
            for part, value in (positions.get(name) or {}).items():
                initial[f"{name}_{part}"] = value
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        orgs = access.orgs_for(user, access.DECISION_ISSUE).filter(dissolved_on__isnull=True).order_by("path")
        issuer = cast(OrganizationChoiceField, self.fields["issuer"])
        issuer.narrow(orgs, top_depth(user), listed_levels=LISTED_LEVELS, selected=self["issuer"].value())
        for name, (label, _single) in FIELDS.items():
            self.fields[f"{name}_x"] = _mm(_("%(field)s: x (mm)") % {"field": label})
            self.fields[f"{name}_y"] = _mm(_("%(field)s: y (mm)") % {"field": label})
            self.fields[f"{name}_w"] = _mm(_("%(field)s: width (mm)") % {"field": label})
            self.fields[f"{name}_size"] = _mm(_("%(field)s: size (pt)") % {"field": label})

    def rows(self):
        """(label, x, y, width, size) bound fields, one row per printable field, for the table."""
        return [
            (label, self[f"{n}_x"], self[f"{n}_y"], self[f"{n}_w"], self[f"{n}_size"])
            for n, (label, _s) in FIELDS.items()
        ]

    def positions(self):
        """Fields left without x or y are not printed."""
        data = self.cleaned_data
        return {
            name: {"x": data[f"{name}_x"], "y": data[f"{name}_y"], "w": data[f"{name}_w"], "size": data[f"{name}_size"]}
            for name in FIELDS
            if data.get(f"{name}_x") is not None and data.get(f"{name}_y") is not None
        }

    def service_kwargs(self):
        data = self.cleaned_data
        keys = ("issuer", "kind", "subject_kind", "page_width", "page_height", "offset_x", "offset_y")
        return {key: data[key] for key in keys} | {"positions": self.positions()}
