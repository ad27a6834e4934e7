from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from unions import access
from unions.forms import top_depth
from unions.models import Member, Organization

from ..models import Prize
from ..selectors import campaigns as campaign_selectors


def this_year():
    return timezone.localdate().year


def _organizers(user):
    return access.orgs_for(user, access.CLUSTER_ORGANISE).active().order_by("path")


class ClusterForm(forms.Form):
    organizer = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organiser"))
    name = forms.CharField(
        label=_("Name"), max_length=255, help_text=_("For example Cụm thi đua số 1 – khối giáo dục.")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=this_year)
    units = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(), label=_("Units"), widget=forms.CheckboxSelectMultiple
    )
    leader = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Cluster leader"), required=False)
    campaign = forms.ModelChoiceField(
        queryset=None,
        label=_("Campaign"),
        required=False,
        help_text=_("For a ranking at the final review of a campaign."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = _organizers(user)
        self.fields["organizer"].narrow(organizers, top_depth(user))
        units = (
            access.restrict(Organization.objects.active(), user, access.READ)
            .filter(kind__in=["grassroots", "district_federation", "commune_union", "zone_union", "sector_union"])
            .order_by("path")
        )
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda o: o.name
        self.fields["leader"].queryset = units
        self.fields["leader"].label_from_instance = lambda o: o.name
        self.fields["campaign"].queryset = campaign_selectors.campaign_list_for(user)


class PactForm(forms.Form):
    signed_on = DateField(label=_("Signed on"), initial=timezone.localdate)
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    targets = forms.CharField(label=_("Commitments and targets"), widget=forms.Textarea(attrs={"rows": 4}))


class ContestForm(forms.Form):
    organizer = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organiser"))
    name = forms.CharField(label=_("Name"), max_length=255, help_text=_("For example Hội thi thợ giỏi ngành cơ khí."))
    trade = forms.CharField(label=_("Trade"), max_length=150, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=this_year)
    held_on = DateField(label=_("Held on"))
    campaign = forms.ModelChoiceField(queryset=None, label=_("Campaign"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].narrow(_organizers(user), top_depth(user))
        self.fields["campaign"].queryset = campaign_selectors.campaign_list_for(user)


class ContestResultForm(forms.Form):
    member = forms.CharField(
        label=_("Contestant"), max_length=16, help_text=_("Member code or citizen ID (CCCD) of the contestant.")
    )
    rank = forms.IntegerField(label=_("Rank"), min_value=1)
    prize = forms.ChoiceField(label=_("Prize"), choices=Prize.choices)
    score = forms.DecimalField(label=_("Score"), max_digits=6, decimal_places=2, required=False)

    def __init__(self, *args, contest, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = (
            Member.objects.visible_to(user)
            .filter(organization__path__startswith=contest.organizer.path, status="active")
            .select_related("organization")
        )

    def clean_member(self):
        value = self.cleaned_data["member"].strip()
        member = self.members.filter(Q(member_code__iexact=value) | Q(national_id=value)).first()
        if member is None:
            raise forms.ValidationError(_("No active member with this code or CCCD below the organiser."))
        return member
