"""Forms that put many subjects into a proposal, or change many of its lines, in one post."""

from typing import cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Initiative
from campaigns.selectors import campaigns as campaign_selectors
from unions import access
from unions.models import Member, Organization, OrgKind

from ..models import AwardType, Proposal
from ..services.proposals import EDITABLE
from .awards import ScopeYearForm

NEW = ""


def editable_proposals(user, proposer, year):
    """Drafts (and returned proposals) of the proposing organisation for the year that the user may fill."""
    if proposer is None:
        return Proposal.objects.none()
    return (
        Proposal.objects.visible_to(user)
        .filter(from_org=proposer, year=year, status__in=EDITABLE)
        .order_by("-created_at")
    )


class AddToProposalForm(forms.Form):
    """The ticked subjects and where they go: an open proposal of the union, or a new one with this title."""

    # Ticked in the page's own table, never drawn as a list of every member in reach.
    subject = forms.ModelMultipleChoiceField(
        queryset=Member.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    proposal = forms.ModelChoiceField(
        queryset=Proposal.objects.none(), required=False, label=_("Add to"), empty_label=_("A new proposal")
    )
    title = forms.CharField(
        label=_("Title of the new proposal"),
        max_length=255,
        required=False,
        help_text=_("For example Đề nghị khen thưởng tổng kết năm 2025."),
    )

    def __init__(self, *args, user, proposer, year, award_type, **kwargs):
        super().__init__(*args, **kwargs)
        path = proposer.path if proposer is not None else "-"
        if award_type.subject_kind == "individual":
            subjects = access.restrict(Member.objects.all(), user, access.MEMBER_WRITE, "organization").filter(
                organization__path__startswith=path
            )
        else:
            subjects = access.restrict(Organization.objects.all(), user, access.MEMBER_WRITE).filter(
                path__startswith=path, kind__in=[OrgKind.GRASSROOTS, proposer.kind if proposer else OrgKind.GRASSROOTS]
            )
        cast(forms.ModelMultipleChoiceField, self.fields["subject"]).queryset = subjects
        cast(forms.ModelChoiceField, self.fields["proposal"]).queryset = editable_proposals(user, proposer, year)
        self.fields["title"].initial = _("Commendation proposal %(year)s") % {"year": year}

    def clean(self):
        data = super().clean() or {}
        if not data.get("subject"):
            self.add_error(None, _("Tick at least one member or union."))
        if not data.get("proposal") and not (data.get("title") or "").strip():
            self.add_error("title", _("Choose a proposal or give the title of a new one."))
        return data


class RegistrationsFilterForm(ScopeYearForm):
    """Registrations marked achieved in a campaign and year, to propose for an award."""

    campaign = forms.ModelChoiceField(queryset=Campaign.objects.none(), label=_("Campaign"))
    award_type = forms.ModelChoiceField(queryset=AwardType.objects.filter(active=True), label=_("Award"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, perm=access.PROPOSAL_SUBMIT, **kwargs)
        campaigns = campaign_selectors.campaign_list_for(user).order_by("-year", "name")
        cast(forms.ModelChoiceField, self.fields["campaign"]).queryset = campaigns


class LinesActionForm(forms.Form):
    """One change to the ticked lines of a proposal."""

    REMOVE, ACHIEVEMENT, INITIATIVE = "remove", "achievement", "initiative"

    line = forms.TypedMultipleChoiceField(coerce=int, label=_("Lines"))
    action = forms.ChoiceField(
        label=_("With the ticked lines"),
        choices=[
            (ACHIEVEMENT, _("Set the achievement summary")),
            (INITIATIVE, _("Set the initiative cited")),
            (REMOVE, _("Remove them")),
        ],
    )
    achievement = forms.CharField(
        label=_("Achievement summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Initiative cited"),
        required=False,
        empty_label=_("None (remove the initiative)"),
    )

    def __init__(self, *args, user, proposal, lines, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["line"]).choices = [(line.pk, line.subject_name) for line in lines]
        cast(forms.ModelChoiceField, self.fields["initiative"]).queryset = initiatives_for_lines(user, proposal, lines)
        for name in ("action", "initiative"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["achievement"].widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        data = super().clean() or {}
        if data.get("action") == self.ACHIEVEMENT and not (data.get("achievement") or "").strip():
            self.add_error("achievement", _("Write the achievement summary to set."))
        return data


def initiatives_for_lines(user, proposal, lines):
    """Initiatives in reach that could support a line of the proposal: by one of its members, or of one of its
    unions; recognised or applied, and not yet used by an award."""
    members = [line.member_id for line in lines if line.member_id]
    union_paths = [line.organization.path for line in lines if not line.member_id]
    subject = Q(authors__member_id__in=members)
    for path in union_paths:
        subject |= Q(organization__path__startswith=path)
    return (
        Initiative.objects.visible_to(user)
        .filter(subject, organization__path__startswith=proposal.from_org.path)
        .filter(status__in=["recognised", "applied"], award__isnull=True)
        .distinct()
        .order_by("-year", "title")
    )
