from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from campaigns.models import Initiative
from campaigns.selectors import campaigns as campaign_selectors
from core.forms import DateField, OrganizationChoiceField
from unions import access
from unions.forms import own_union, top_depth
from unions.models import Organization
from unions.pickers import MemberPickerField, OrganizationPickerField, offer

from ..models import AwardType, Proposal, ProposalAttachment, Revocation
from ..services.proposals import required_share
from .awards import this_year


class ProposalForm(forms.Form):
    from_org = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Proposed by"))
    title = forms.CharField(
        label=_("Title"), max_length=255, help_text=_("For example Đề nghị khen thưởng tổng kết năm 2025.")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=this_year)
    kind = forms.ChoiceField(label=_("Kind"), choices=Proposal.Kind.choices)
    campaign = forms.ModelChoiceField(queryset=None, label=_("Campaign"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = access.orgs_for(user, access.PROPOSAL_SUBMIT).active().order_by("path")
        self.fields["from_org"].narrow(orgs, top_depth(user))
        self.fields["from_org"].initial = own_union(user, orgs) or (orgs[0] if len(orgs) == 1 else None)
        self.fields["campaign"].queryset = campaign_selectors.campaign_list_for(user)


class LineForm(forms.Form):
    member = MemberPickerField(
        source="awards.line_member",
        label=_("Member"),
        required=False,
        help_text=_("Type part of the name (accents optional), the member code or the CCCD; empty: a union."),
    )
    organization = OrganizationPickerField(
        source="awards.line_union", label=_("Union"), required=False, help_text=_("For a collective award.")
    )
    award_type = forms.ModelChoiceField(queryset=AwardType.objects.filter(active=True), label=_("Award"))
    achievement = forms.CharField(
        label=_("Achievement summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(), label=_("Initiative as evidence"), required=False
    )

    def __init__(self, *args, user, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["member"], user, within=proposal.from_org)
        offer(self.fields["organization"], user, within=proposal.from_org)
        self.fields["initiative"].queryset = Initiative.objects.filter(
            organization__path__startswith=proposal.from_org.path,
            status__in=["recognised", "applied"],
            award__isnull=True,
        ).order_by("-year", "title")

    def clean(self):
        data = super().clean()
        if bool(data.get("member")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Give either a member or a union."))
        award_type = data.get("award_type")
        if award_type and (award_type.subject_kind == "individual") != bool(data.get("member")):
            self.add_error("award_type", _("This award is not for this kind of subject."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = ProposalAttachment
        fields = ["kind", "title", "file"]


class NoticeForm(forms.Form):
    starts_on = DateField(label=_("From"), initial=timezone.localdate)
    ends_on = DateField(label=_("Until"))


class CommentForm(forms.Form):
    author = forms.CharField(label=_("From"), max_length=150)
    received_on = DateField(label=_("Received on"), initial=timezone.localdate)
    content = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class CouncilForm(forms.Form):
    """The council's session and its tally for every line, one row per line: whose line, which award, the
    share it needs. A tally is required where the award needs a secret ballot and optional elsewhere."""

    held_on = DateField(label=_("Held on"), initial=timezone.localdate)
    members_total = forms.IntegerField(label=_("Council members"), min_value=1)
    members_present = forms.IntegerField(label=_("Members present"), min_value=0)
    chair = forms.CharField(label=_("Chaired by"), max_length=150)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot_lines = list(lines)
        for line in self.ballot_lines:
            required = required_share(line.award_type) is not None
            for prefix, label in (("yes", _("For")), ("no", _("Against"))):
                self.fields[f"{prefix}_{line.pk}"] = forms.IntegerField(
                    label=format_lazy("{} – {}", label, line.subject_name),
                    min_value=0,
                    required=required,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control form-control-sm"}),
                )

    def rows(self):
        """(line, required share or None, the For field, the Against field) in the order of the lines."""
        return [
            (line, required_share(line.award_type), self[f"yes_{line.pk}"], self[f"no_{line.pk}"])
            for line in self.ballot_lines
        ]

    def clean(self):
        data = super().clean() or {}
        for line in self.ballot_lines:
            yes, no = data.get(f"yes_{line.pk}"), data.get(f"no_{line.pk}")
            if (yes is None) != (no is None):
                self.add_error(f"no_{line.pk}" if no is None else f"yes_{line.pk}", _("Enter both counts or none."))
        return data

    def votes(self):
        return {
            line.pk: (self.cleaned_data[f"yes_{line.pk}"], self.cleaned_data[f"no_{line.pk}"])
            for line in self.ballot_lines
        }


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=64)
    signed_on = DateField(label=_("Signed on"), initial=timezone.localdate)
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, initial=_("Chairman"))
    legal_basis = forms.CharField(label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RevokeForm(forms.Form):
    ground = forms.ChoiceField(label=_("Legal ground"), choices=Revocation.Ground.choices)
    decision_number = forms.CharField(label=_("Revoking decision"), max_length=64)
    decided_on = DateField(label=_("Decided on"), initial=timezone.localdate)
    bonus_recovered = forms.IntegerField(label=_("Bonus recovered (VND)"), min_value=0, initial=0)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
