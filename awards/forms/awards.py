import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LISTED_LEVELS, DateField, OrganizationChoiceField
from core.text import fold
from unions import access
from unions import selectors as union_selectors
from unions.filters import OrganizationSubtreeFilter, date_filter
from unions.forms import own_union, top_depth
from unions.models import Organization
from unions.pickers import MemberPickerField, OrganizationPickerField, offer

from ..models import Award, AwardType, Complaint, DisciplineLevel, IssuingLevel, LeaveKind, Rating, SubjectKind
from ..services import register


def this_year():
    return timezone.localdate().year


def checked_upload(upload):
    """An uploaded workbook within the size every import accepts."""
    if upload.size > settings.MEMBER_IMPORT_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": settings.MEMBER_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    return upload


class ScopeYearForm(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=this_year)

    def __init__(self, *args, user, perm=access.READ, holding_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = (
            union_selectors.member_holding_orgs_for(user, perm)
            if holding_only
            else union_selectors.organization_list_for(user, perm).active().order_by("path")
        )
        self.fields["organization"].narrow(orgs, top_depth(user))
        roots = list(access.root_orgs(user))
        self.fields["organization"].initial = own_union(user, orgs) or (roots[0] if len(roots) == 1 else None)


class RatingsImportForm(ScopeYearForm):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, perm=access.MEMBER_WRITE, holding_only=True, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlsx"

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"])


def federations_for(user):
    """The federations (every level above grassroots) where the user may record awards."""
    return access.orgs_for(user, access.AWARD_REGISTER_IMPORT).active().order_by("path")


class AwardImportForm(forms.Form):
    """A file of past awards, imported into a federation: every awarded member and union must be inside it."""

    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Federation"))
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, user, federations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].narrow(federations, top_depth(user))
        roots = [o for o in access.root_orgs(user) if access.can(user, access.AWARD_REGISTER_IMPORT, o)]
        self.fields["organization"].initial = roots[0] if len(roots) == 1 else None
        self.fields["file"].widget.attrs["accept"] = ".xlsx"

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"])


class CandidatesForm(ScopeYearForm):
    award_type = forms.ModelChoiceField(queryset=AwardType.objects.filter(active=True), label=_("Award"))
    only_eligible = forms.BooleanField(label=_("Only those who qualify"), required=False)


class RatingRowForm(forms.Form):
    """One member's row of the ratings grid: the rating, the year's leave by kind and, for unusual cases, the
    months and days typed by hand."""

    rating = forms.ChoiceField(choices=[("", "—")] + Rating.choices, required=False, label=_("Rating"))
    months_worked = forms.IntegerField(min_value=0, max_value=12, initial=12, label=_("Months worked"))
    absent_days = forms.DecimalField(
        min_value=0, max_value=366, decimal_places=1, initial=0, label=_("Days absent"), localize=True
    )
    time_override = forms.BooleanField(required=False, label=_("Typed by hand"))

    def __init__(self, *args, months_computed=False, absent_computed=False, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in LeaveKind.choices:
            self.fields[f"leave_{kind}"] = forms.DecimalField(
                min_value=0, max_value=366, decimal_places=1, required=False, label=label, localize=True
            )
        self.fields["rating"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["time_override"].widget.attrs.update({"class": "form-check-input", "data-override": ""})
        for name in ["months_worked", "absent_days", *self.leave_names()]:
            attrs = self.fields[name].widget.attrs
            attrs.update({"class": "form-control form-control-sm text-end grid-number", "autocomplete": "off"})
            attrs["inputmode"] = "numeric" if name == "months_worked" else "decimal"
        # Computed numbers are shown but not typed over unless the row is marked as typed by hand; the
        # service ignores them then anyway, so the lock only says so (the script lifts it on ticking).
        overridden = self["time_override"].value()
        for name, computed in (("months_worked", months_computed), ("absent_days", absent_computed)):
            if computed:
                self.fields[name].widget.attrs["data-computed"] = ""
                if not overridden:
                    # Out of the tab order too: Tab goes from one thing to type to the next.
                    self.fields[name].widget.attrs.update(readonly="", tabindex="-1")

    @staticmethod
    def leave_names():
        return [f"leave_{kind}" for kind in LeaveKind.values]

    def leave_fields(self):
        return [self[name] for name in self.leave_names()]

    def leaves(self):
        return {kind: self.cleaned_data[f"leave_{kind}"] for kind in LeaveKind.values}


class DisciplineForm(forms.Form):
    member = MemberPickerField(
        source="awards.case_member",
        label=_("Member"),
        required=False,
        help_text=_("Leave empty for a case about the union itself."),
    )
    organization = OrganizationPickerField(source="unions.member_unit", label=_("Union"))
    level = forms.ChoiceField(label=_("Level"), choices=DisciplineLevel.choices)
    opened_on = DateField(label=_("Opened on"))
    decided_on = DateField(
        label=_("Decided on"), required=False, help_text=_("Leave empty while the case is open: proposals wait for it.")
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["organization"], user)
        self.fields["organization"].initial = own_union(user, None)
        offer(self.fields["member"], user)


class ComplaintForm(forms.ModelForm):
    member = MemberPickerField(
        source="awards.case_member",
        label=_("Member"),
        required=False,
        help_text=_("Leave empty for a case about the union itself."),
    )
    organization = OrganizationPickerField(source="unions.member_unit", label=_("Union"))

    class Meta:
        model = Complaint
        fields = ["organization", "member", "kind", "received_on", "summary", "resolved_on"]
        field_classes = {"received_on": DateField, "resolved_on": DateField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["organization"], user)
        self.fields["organization"].initial = own_union(user, None)
        offer(self.fields["member"], user)

    def _post_clean(self):
        pass


class ExternalAwardForm(forms.Form):
    member = MemberPickerField(
        source="awards.register_member",
        label=_("Member"),
        required=False,
        help_text=_("Name, member code or CCCD; leave empty for an award to the union."),
    )
    organization = OrganizationPickerField(
        source="awards.register_union",
        label=_("Union"),
        required=False,
        help_text=_("For an award to the union itself."),
    )
    award_type = forms.ModelChoiceField(queryset=AwardType.objects.filter(active=True), label=_("Award"))
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, initial=this_year)
    issuer = OrganizationChoiceField(
        queryset=Organization.objects.none(),
        label=_("Issuing union"),
        required=False,
        help_text=_(
            "When a union issued the decision: the unit itself or a level above it. Its decisions then "
            "count among those it issued. Leave empty for a body outside the union."
        ),
    )
    issuer_name = forms.CharField(
        label=_("Issuing body"),
        max_length=255,
        required=False,
        help_text=_("For example Ủy ban nhân dân thành phố Hà Nội. Empty: the name of the issuing union."),
    )
    number = forms.CharField(label=_("Decision number"), max_length=64)
    signed_on = DateField(label=_("Signed on"))
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=32, required=False)
    achievement = forms.CharField(label=_("Achievement"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The subjects the register service accepts (the import of past awards checks the same).
        offer(self.fields["member"], user)
        offer(self.fields["organization"], user)
        self.fields["issuer"].narrow(register.issuers_for(user).order_by("path"), 1)

    def clean(self):
        data = super().clean()
        if bool(data.get("member")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Give either a member or a union."))
        if not data.get("issuer") and not data.get("issuer_name"):
            self.add_error("issuer_name", _("Name the body that issued the decision."))
        return data


class AwardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="search")
    award_type = django_filters.ModelChoiceFilter(
        label=_("Award"), queryset=AwardType.objects.all(), empty_label=_("All")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    decided_from = date_filter("decided_on", "gte", _("Decided from"))
    decided_to = date_filter("decided_on", "lte", _("Decided until"))
    level = django_filters.ChoiceFilter(
        label=_("Issued by"), field_name="award_type__issuing_level", choices=IssuingLevel.choices, empty_label=_("All")
    )
    subject = django_filters.ChoiceFilter(
        label=_("Subject"), choices=SubjectKind.choices, method="filter_subject", empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Award.Status.choices, empty_label=_("All"))
    external = django_filters.BooleanFilter(label=_("Conferred outside the union"))
    organization = OrganizationSubtreeFilter(
        label=_("Organisation"), queryset=Organization.objects.none(), empty_label=_("All in my reach")
    )

    class Meta:
        model = Award
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["organization"].narrow(
            union_selectors.organization_list_for(user).order_by("path"),
            top_depth(user),
            listed_levels=LISTED_LEVELS,
            selected=self.data.get("organization"),
        )

    def search(self, qs, name, value):
        folded = fold(value)
        if not folded:
            return qs
        return qs.filter(Q(member__search_name__contains=folded) | Q(organization__name__icontains=value))

    def filter_subject(self, qs, name, value):
        return qs.filter(member__isnull=(value == SubjectKind.COLLECTIVE))
