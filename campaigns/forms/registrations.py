from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import OrganizationChoiceField
from unions.forms import own_union, top_depth
from unions.models import Member, Organization

from ..models import Registration
from ..selectors import campaigns as selectors
from ..services.registrations import member_registration_problems


class _RegistrationBase(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Union"))
    title = forms.ChoiceField(label=_("Title sought"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    commitment = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.registrable_unions_for(user, campaign)
        self.fields["organization"].narrow(choices, top_depth(user))
        self.fields["organization"].initial = own_union(user, choices)
        self.fields["title"].choices = [(t, t) for t in campaign.titles]
        self.fields["year"].initial = campaign.year
        self.campaign = campaign


class RegisterUnionForm(_RegistrationBase):
    pass


class RegisterMembersForm(_RegistrationBase):
    # Ticked in the page's own list (filtered, grouped by division, capped), never drawn from the form.
    members = forms.ModelMultipleChoiceField(
        queryset=Member.objects.none(), label=_("Members"), widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        # The year is chosen with the filters above the list, so that who is already registered is marked for it.
        self.fields["year"].widget = forms.HiddenInput()
        self.fields["members"].queryset = members

    def clean(self):
        data = super().clean()
        org, members = data.get("organization"), data.get("members") or []
        if org is not None:
            # The service's eligibility check (also the import's), shown beside the list of members.
            for member in members:
                for problem in member_registration_problems(self.campaign, org, member):
                    self.add_error("members", problem)
        return data


class DecideForm(forms.Form):
    status = forms.ChoiceField(choices=Registration.Status.choices)


class RegistrationImportForm(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Union"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, user, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.registrable_unions_for(user, campaign)
        self.fields["organization"].narrow(choices, top_depth(user))
        self.fields["organization"].initial = own_union(user, choices)
        self.fields["year"].initial = campaign.year
        self.fields["file"].widget.attrs["accept"] = ".xlsx"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MEMBER_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": limit // (1024 * 1024)}
            )
        return upload
