from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from unions import access
from unions.forms import own_union, top_depth
from unions.models import Organization, Sector

from ..models import Campaign, CampaignDocument
from ..selectors import campaigns as selectors


class TitlesField(forms.CharField):
    """One title per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class CampaignForm(forms.ModelForm):
    organizer = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organiser"))
    target_sectors = forms.MultipleChoiceField(
        label=_("Target sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to address every grassroots union."),
    )
    titles = TitlesField(label=_("Titles sought"), help_text=_("One per line, for example Lao động tiên tiến."))

    class Meta:
        model = Campaign
        fields = [
            "organizer",
            "code",
            "name",
            "kind",
            "slogan",
            "description",
            "year",
            "start_on",
            "end_on",
            "registration_deadline",
            "midterm_review_on",
            "final_review_on",
            "target_sectors",
            "target_group",
            "titles",
            "criteria",
        ]
        field_classes = dict.fromkeys(
            ("start_on", "end_on", "registration_deadline", "midterm_review_on", "final_review_on"), DateField
        )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organizer"]
            self.initial["target_sectors"] = self.instance.sectors
        else:
            choices = access.orgs_for(user, access.CAMPAIGN_ORGANISE).active().order_by("path")
            self.fields["organizer"].narrow(choices, top_depth(user))
            roots = [o for o in access.root_orgs(user) if access.can(user, access.CAMPAIGN_ORGANISE, o)]
            if len(roots) == 1:
                self.fields["organizer"].initial = roots[0]

    def validate_unique(self):
        pass

    def _post_clean(self):
        # The service validates the model (sectors are stored in their own format).
        pass


class CampaignLaunchForm(forms.Form):
    launched_on = DateField(label=_("Launched on"), initial=timezone.localdate)
    launch_document = forms.CharField(label=_("Launch document number"), max_length=64, required=False)


class LaunchRecordForm(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Union"))
    launched_on = DateField(label=_("Launched on"), initial=timezone.localdate)
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1)

    def __init__(self, *args, user, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.launchable_unions_for(user, campaign)
        self.fields["organization"].narrow(choices, top_depth(user))
        self.fields["organization"].initial = own_union(user, choices)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = CampaignDocument
        fields = ["kind", "title", "file"]
