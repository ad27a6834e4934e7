from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from unions import access
from unions.models import Organization

from . import layout
from .kinds import Kind


class TemplateUploadForm(forms.Form):
    organization = OrganizationChoiceField(Organization.objects.none(), label=_("Organisation"))
    kind = forms.ChoiceField(label=_("Kind of document"), choices=Kind.choices)
    file = forms.FileField(label=_("Word template (.docx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = access.orgs_for(user, access.DOCUMENT_TEMPLATE)
        top = min((o.depth for o in access.root_orgs(user)), default=1)
        field = cast(OrganizationChoiceField, self.fields["organization"])
        field.narrow(orgs, top, listed_levels=1, selected=self.data.get("organization"))


class LetterheadForm(forms.Form):
    """What a drafted document needs that the data does not hold, prefilled by the view from the data."""

    AUTHORITIES = [
        (layout.SELF, _("In own name")),
        (layout.ON_BEHALF, _("TM. (on behalf of a collective body)")),
        (layout.DEPUTY, _("KT. (for the head, signed by a deputy)")),
    ]

    number = forms.CharField(label=_("Number and symbol"), max_length=64, required=False)
    place = forms.CharField(label=_("Place name"), max_length=64, required=False)
    date = DateField(label=_("Date of the document"))
    subject = forms.CharField(label=_("Summary line (trích yếu)"), max_length=255, required=False)
    authority = forms.ChoiceField(label=_("Signs"), choices=AUTHORITIES, required=False)
    on_behalf_of = forms.CharField(
        label=_("On behalf of / for"),
        max_length=150,
        required=False,
        help_text=_("After TM.: the body (Ban Thường vụ); after KT.: the head (Chủ tịch)."),
    )
    signer_title = forms.CharField(label=_("Title of the signer"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Name of the signer"), max_length=150, required=False)
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, fixed=(), **kwargs):
        """`fixed`: fields the data already holds (a decision's number and date), not asked again."""
        super().__init__(*args, **kwargs)
        for name in fixed:
            del self.fields[name]

    def letterhead(self, base: layout.Letterhead) -> layout.Letterhead:
        """`base` (from the data) with what the user typed."""
        data = self.cleaned_data
        for name in ("number", "place", "date", "subject", "authority", "on_behalf_of", "signer_title", "signer_name"):
            if name in data:
                setattr(base, name, data[name])
        base.recipients = [line.strip() for line in data.get("recipients", "").splitlines() if line.strip()]
        return base

    @staticmethod
    def initial_from(base: layout.Letterhead) -> dict:
        return {
            "number": base.number,
            "place": base.place,
            "date": base.date,
            "subject": base.subject,
            "authority": base.authority,
            "on_behalf_of": base.on_behalf_of,
            "signer_title": base.signer_title,
            "signer_name": base.signer_name,
            "recipients": "\n".join(base.recipients),
        }
