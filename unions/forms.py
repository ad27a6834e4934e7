"""Input parsing only; every organisation choice is narrowed through unions.access."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField

from . import access, selectors
from .models import LeftReason, Member, Organization, OrgKind, RoleKind, child_kinds
from .pickers import OrganizationPickerField, offer
from .services.members import check_member

User = get_user_model()


def _today():
    return timezone.localdate()


def top_depth(user):
    return min((o.depth for o in access.root_orgs(user)), default=1)


def own_union(user, choices):
    """An officer's own union comes preselected; staff choose among many."""
    roots = [o for o in access.root_orgs(user) if o.holds_members]
    return roots[0] if len(roots) == 1 else None


class DecisionFields(forms.Form):
    happened_on = DateField(label=_("Effective date"), initial=_today)
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=64,
        required=False,
        help_text=_("For example 125/QĐ-LĐLĐ."),
    )


class OrganizationCreateForm(DecisionFields, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["kind", "code", "name", "short_name", "sector", "address", "phone", "email", "founded_on"]
        field_classes = {"founded_on": DateField}

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = child_kinds(parent.kind)
        self.fields["kind"].choices = [(k, OrgKind(k).label) for k in allowed]
        if len(allowed) == 1:
            self.fields["kind"].initial = allowed[0]
        self.fields["code"].help_text = _("A short unique code, for example HN-BTL-045.")

    def clean(self):
        data = super().clean()
        if data.get("kind") == OrgKind.GRASSROOTS and not data.get("sector"):
            self.add_error("sector", _("Choose the sector of the grassroots union."))
        return data


class OrganizationEditForm(DecisionFields, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["code", "name", "short_name", "sector", "address", "phone", "email", "founded_on"]
        field_classes = {"founded_on": DateField}


class OrganizationMoveForm(DecisionFields):
    new_parent = OrganizationPickerField(source="unions.move_parent", label=_("New parent organisation"))
    new_code = forms.CharField(
        label=_("New code"),
        max_length=32,
        required=False,
        help_text=_("Filled in with the new parent's code when you choose it; leave empty to keep the current code."),
    )
    field_order = ["new_parent", "new_code", "happened_on", "decision_number"]

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        field = offer(self.fields["new_parent"], user, within=organization)
        if not field.rows.exists():
            field.help_text = _(
                "No other upper-level union in your reach can take this unit: the level above yours moves it."
            )
        # static/js/org-move.js writes the new parent's code before the unit's own number (services.suggested_code).
        self.fields["new_code"].widget.attrs.update({"data-current-code": organization.code})


class OrganizationDissolveForm(DecisionFields):
    successor = OrganizationChoiceField(
        queryset=Organization.objects.none(),
        label=_("Successor"),
        required=False,
        help_text=_("The organisation that takes over the units and members."),
    )

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_number"].required = True
        self.fields["successor"].narrow(
            selectors.organization_list_for(user, access.ORG_ADD_UNIT)
            .active()
            .exclude(path__startswith=organization.path)
            .exclude(kind__in=[OrgKind.DIVISION, OrgKind.GROUP])
            .order_by("path"),
            top_depth(user),
        )


class OrganizationMergeForm(DecisionFields):
    into = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Merge into"))

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_number"].required = True
        self.fields["into"].narrow(
            selectors.organization_list_for(user, access.ORG_ADD_UNIT)
            .active()
            .filter(kind=organization.kind)
            .exclude(pk=organization.pk)
            .order_by("path"),
            top_depth(user),
        )


class MemberForm(forms.ModelForm):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Union"))

    class Meta:
        model = Member
        fields = [
            "organization",
            "full_name",
            "gender",
            "birth_date",
            "national_id",
            "card_number",
            "joined_on",
            "ethnicity",
            "job_title",
            "education",
            "phone",
            "email",
            "employed_from",
            "employed_until",
        ]
        field_classes = {
            "birth_date": DateField,
            "joined_on": DateField,
            "employed_from": DateField,
            "employed_until": DateField,
        }
        help_texts = {
            "employed_from": _("Start of work at the employer; the months worked in a year are counted from it."),
            "employed_until": _("Leave empty while the member still works there."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.member_holding_orgs_for(user)
        self.fields["organization"].narrow(choices, top_depth(user))
        if self.instance.pk:
            # The union changes only through a transfer, which keeps history.
            del self.fields["organization"]
        elif not self.initial.get("organization"):
            self.fields["organization"].initial = own_union(user, choices)
        self.fields["national_id"].widget.attrs.update(inputmode="numeric", maxlength="12")
        self.fields["ethnicity"].initial = self.fields["ethnicity"].initial or "Kinh"

    def clean(self):
        data = super().clean()
        try:
            # The services' rules, shown on the fields before anything is sent.
            dated = ("birth_date", "joined_on", "employed_from", "employed_until")
            check_member(**{k: data[k] for k in dated if data.get(k)})
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return data

    def validate_unique(self):
        # Uniqueness is checked by the service inside its transaction.
        pass


class MemberTransferForm(forms.Form):
    to_organization = OrganizationPickerField(
        source="unions.transfer_destination",
        label=_("Transfer to"),
        help_text=_(
            "A unit you keep takes the member at once; a union elsewhere receives a request and decides on it."
        ),
    )
    transferred_on = DateField(label=_("Transfer date"), initial=_today)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, user, member, **kwargs):
        super().__init__(*args, **kwargs)
        field = offer(self.fields["to_organization"], user)
        field.queryset = field.rows.exclude(pk=member.organization_id)


class TransferRefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the refusal"), max_length=255)


class MemberLeaveForm(forms.Form):
    left_on = DateField(label=_("Left on"), initial=_today)
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "---------"), *LeftReason.choices])
    reason_text = forms.CharField(label=_("Reason, in words (for “Other”)"), max_length=255, required=False)


class MemberReinstateForm(forms.Form):
    reason = forms.CharField(label=_("Why the member is reinstated"), max_length=100, required=False)


class MemberImportForm(forms.Form):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.none(),
        label=_("Union"),
        help_text=_("Rows without a union code go to this union."),
    )
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    update_existing = forms.BooleanField(
        label=_("Update members already in the list"),
        required=False,
        help_text=_(
            "A row that matches a member of the union (same CCCD, member code, or name and date of birth) "
            "updates that member; blank cells change nothing. Without this, such rows are errors."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.member_holding_orgs_for(user)
        self.fields["organization"].narrow(choices, top_depth(user))
        self.fields["organization"].initial = own_union(user, choices)
        self.fields["file"].widget.attrs["accept"] = ".xlsx"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MEMBER_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": limit // (1024 * 1024)}
            )
        return upload


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = User
        fields = ["last_name", "first_name", "username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, the name is made from the person's (unions/usernames.py): "Trần Thị Lan" → lan.tt.
        self.fields["username"].required = False
        self.fields["username"].help_text = _(
            "Leave empty to use the one made from the name, e.g. lan.tt for Trần Thị Lan (a number is added if taken)."
        )
        self.fields["last_name"].help_text = _("Family and middle names, e.g. Trần Thị.")
        self.fields["first_name"].help_text = _("Given name, e.g. Lan.")

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password, User(username=self.cleaned_data.get("username", "")))
        return password

    def validate_unique(self):
        pass


class UserEditForm(forms.ModelForm):
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput,
        strip=False,
        required=False,
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = ["last_name", "first_name", "email", "is_active"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            password_validation.validate_password(password, self.instance)
        return password


class RoleForm(forms.Form):
    organization = OrganizationPickerField(source="unions.role_unit", label=_("Organisation"))
    # No role comes preselected: a slip of the mouse must not make someone an administrator.
    kind = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *RoleKind.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self.fields["organization"], user)


class ImportMappingForm(forms.Form):
    """Which field each column of an uploaded file holds, and which sheets to read."""

    sheets = forms.TypedMultipleChoiceField(label=_("Sheets to read"), coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, parsed, importer, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Do not import this column"))] + [
            (f.key, f.label) for f in importer.spec.fields if f.mappable
        ]
        self.columns = parsed.columns_to_map()
        for column in self.columns:
            self.fields[f"col_{column.key}"] = forms.ChoiceField(
                label=f"{column.letter} · {column.title}",
                choices=choices,
                required=False,
                initial=column.field,
                help_text=" · ".join(column.samples),
            )
        offered = [s for s in parsed.sheets if s.header_row]
        self.fields["sheets"].choices = [(s.index, s.name) for s in offered]
        self.fields["sheets"].initial = [s.index for s in offered if s.read]

    def column_fields(self):
        """(column, bound field) pairs, the columns waiting for a choice first."""
        return [(c, self[f"col_{c.key}"]) for c in self.columns]

    def choices(self):
        return {c.key: self.cleaned_data[f"col_{c.key}"] for c in self.columns}
