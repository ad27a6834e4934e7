"""Input parsing for initiatives, works and research; every choice narrowed through unions.access."""

import re
from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from unions import selectors as union_selectors
from unions.forms import own_union, top_depth
from unions.models import Member, Organization
from unions.pickers import MemberPickerField, offer

from ..models import Initiative, ResearchProject, WorkProduct

_MONEY_NOISE = re.compile(r"[\s\u00a0\u202f]|đ|₫|vnđ|vnd|dong", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


def _this_year():
    return timezone.localdate().year


def group_thousands(value):
    digits = str(int(value))
    parts = []
    while digits:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    return ".".join(parts)


class MoneyInput(forms.TextInput):
    """Shows 1250000 as 1.250.000; the phone keyboard opens on digits."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "0", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return group_thousands(value)
        return super().format_value(value)


class MoneyField(forms.Field):
    """An amount in đồng typed the Vietnamese way: "1.250.000", "1 250 000 đ" or "1250000"."""

    widget = MoneyInput
    default_error_messages = {"invalid": _("Enter an amount in VND, for example 1.250.000.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        text = _MONEY_NOISE.sub("", str(value))
        if text.endswith((",00", ",0")):
            text = text.rsplit(",", 1)[0]
        if _GROUPED.match(text):
            text = re.sub(r"[.,]", "", text)
        if not text.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class ShareField(forms.DecimalField):
    """A percentage typed with a comma or a dot: "33,33" or "33.33"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("max_value", Decimal(100))
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("%", "").strip().replace(",", ".")
        return super().to_python(value)


class OwnerFields(forms.ModelForm):
    """The union that owns the record: a grassroots union or division in the user's write reach."""

    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Union"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = union_selectors.member_holding_orgs_for(user)
        self.fields["organization"].narrow(choices, top_depth(user))
        if not self.instance.pk and not self.initial.get("organization"):
            self.fields["organization"].initial = own_union(user, choices)
        if "year" in self.fields:
            self.fields["year"].initial = self.fields["year"].initial or _this_year()
            self.fields["year"].widget.attrs.update(inputmode="numeric", min=2000, max=2100)
        if "campaign" in self.fields:
            from ..selectors.campaigns import campaign_list_for

            self.fields["campaign"].queryset = campaign_list_for(user).order_by("-year", "name")
            self.fields["campaign"].required = False

    def validate_unique(self):
        # The service checks the domain rules inside its transaction.
        pass


class InitiativeForm(OwnerFields):
    estimated_benefit = MoneyField(
        label=_("Estimated benefit (VND)"),
        required=False,
        help_text=_("Type the amount with dots, for example 1.250.000."),
    )

    class Meta:
        model = Initiative
        fields = [
            "organization",
            "title",
            "kind",
            "campaign",
            "year",
            "description",
            "applied_from",
            "estimated_benefit",
            "attachment",
        ]
        field_classes = {"applied_from": DateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.attachment:
            # The current file opens through its download view, which checks reach (see core/downloads.py).
            # Read by templates/bootstrap5/layout/field_file.html.
            self.fields["attachment"].download_url = reverse(  # type: ignore[attr-defined]
                "initiatives:initiative_attachment", args=[self.instance.pk]
            )

    def clean_estimated_benefit(self):
        return self.cleaned_data.get("estimated_benefit") or 0


class AuthorForm(forms.Form):
    member = MemberPickerField(source="campaigns.author", label=_("Author"), required=False)
    share = ShareField(label=_("Share (%)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["member"], user)

    def clean(self):
        data = super().clean()
        if data.get("member") and not data.get("share"):
            self.add_error("share", _("Enter the author's share."))
        if data.get("share") and not data.get("member"):
            self.add_error("member", _("Choose the author."))
        return data


class BaseAuthorFormSet(forms.BaseFormSet):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, form_kwargs={"user": user}, **kwargs)

    def authors(self):
        """[(member, share)] of the filled lines."""
        return [
            (f.cleaned_data["member"], f.cleaned_data["share"])
            for f in self.forms
            if f.cleaned_data.get("member") and f.cleaned_data.get("share")
        ]

    def clean(self):
        if any(self.errors):
            return
        authors = self.authors()
        if not authors:
            raise forms.ValidationError(_("An initiative needs at least one author."))
        members = [m.pk for m, _share in authors]
        if len(set(members)) != len(members):
            raise forms.ValidationError(_("An author is listed twice."))
        total = sum((share for _member, share in authors), Decimal(0))
        if total != 100:
            raise forms.ValidationError(
                _("Authors' shares must add up to 100%% (now %(total)s%%).")
                % {"total": f"{total.normalize():f}".replace(".", ",")}
            )


# Any number of authors: the page adds a line per click ("Add an author"); Django's own ceiling of 1.000 forms
# still bounds what a post can make the server build.
AuthorFormSet = forms.formset_factory(AuthorForm, formset=BaseAuthorFormSet, extra=1)


def author_initial(initiative):
    # The member objects themselves (prefetched with their union): the pickers show them without a query each.
    return [{"member": a.member, "share": a.share} for a in initiative.authors.all()]


def author_formset(user, data=None, initiative=None):
    initial = author_initial(initiative) if initiative else None
    return AuthorFormSet(data, user=user, initial=initial, prefix="authors")


class RecognitionForm(forms.Form):
    scope = forms.ChoiceField(label=_("Recognised at"))
    recognised_by = forms.CharField(
        label=_("Recognising body"),
        max_length=255,
        help_text=_("For example: the initiative council of the union, the city federation."),
    )
    recognition_decision = forms.CharField(
        label=_("Recognition decision"),
        max_length=64,
        help_text=_("For example 45/QĐ-CĐCS."),
    )
    recognised_on = DateField(label=_("Recognised on"), initial=timezone.localdate)

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [(s.value, s.label) for s in scopes]
        if len(scopes) == 1:
            self.fields["scope"].initial = scopes[0].value


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=255, widget=forms.Textarea(attrs={"rows": 3}))


class ApplyForm(forms.Form):
    verified_benefit = MoneyField(label=_("Verified benefit (VND)"))
    verified_by = forms.CharField(label=_("Verified by"), max_length=255)
    verified_on = DateField(label=_("Verified on"), initial=timezone.localdate)


class WorkForm(OwnerFields):
    value = MoneyField(label=_("Value (VND)"), required=False)

    class Meta:
        model = WorkProduct
        fields = ["organization", "name", "campaign", "occasion", "year", "value", "completed_on", "plaque_on"]
        field_classes = {"completed_on": DateField, "plaque_on": DateField}
        help_texts = {"occasion": _("For example: welcoming the 14th National Party Congress.")}

    def clean_value(self):
        return self.cleaned_data.get("value") or 0


class ResearchForm(OwnerFields):
    lead = MemberPickerField(source="campaigns.author", label=_("Lead researcher"), required=False)

    class Meta:
        model = ResearchProject
        fields = ["organization", "title", "lead", "level", "year", "accepted_on"]
        field_classes = {"accepted_on": DateField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        lead = offer(self.fields["lead"], user)
        if self.instance.lead_id:
            # A lead who has since left or moved out of reach stays valid on this project.
            lead.queryset = lead.rows | Member.objects.filter(pk=self.instance.lead_id)
            lead.widget.selected = self.instance.lead  # its label, without looking the lead up again
        self.fields["accepted_on"].help_text = _("The date the project was accepted by its evaluation council.")
