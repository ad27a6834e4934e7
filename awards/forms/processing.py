from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from core.templatetags.vn import person_name
from unions import access
from unions.forms import top_depth
from unions.models import Organization

from ..models import Proposal
from .awards import this_year


def _freeze(field, objects):
    """The options read once here, not while the template renders (tests/test_budget_matrix.py)."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [(obj.pk, field.label_from_instance(obj)) for obj in objects]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(person_name(obj))


class AssignForm(forms.Form):
    assignee = PersonChoiceField(
        queryset=None,
        label=_("Specialist"),
        required=False,
        empty_label=_("Nobody (take the assignment back)"),
        help_text=_("The reviewers whose role sits at the receiving body."),
    )

    def __init__(self, *args, specialists, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(PersonChoiceField, self.fields["assignee"])
        field.queryset = specialists
        _freeze(field, specialists)


class SettingsForm(forms.Form):
    sign_off_required = forms.BooleanField(
        label=_("Issue decisions only after a leader's sign-off"),
        required=False,
        help_text=_(
            "When ticked, a proposal goes from the specialist's review to the head of department's approval, "
            "then the council and a leader's sign-off, and only then can its decision be issued."
        ),
    )


class RoundForm(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Receiving body"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=this_year)
    title = forms.CharField(label=_("Title"), max_length=255, help_text=_("For example Đợt xét khen thưởng năm 2025."))
    kind = forms.ChoiceField(
        label=_("Kind of proposals"),
        choices=[("", _("Every kind")), *Proposal.Kind.choices],
        required=False,
    )
    deadline = DateField(label=_("Deadline"), help_text=_("The last day senders may change and submit (dd/mm/yyyy)."))

    def __init__(self, *args, user, submission_round=None, **kwargs):
        super().__init__(*args, **kwargs)
        if submission_round is None:
            field = cast(OrganizationChoiceField, self.fields["organization"])
            bodies = access.orgs_for(user, access.PROCESSING_ORGANISE).filter(dissolved_on__isnull=True)
            field.narrow(bodies.order_by("path"), top_depth(user))
            orgs = list(bodies.order_by("path"))
            _freeze(field, orgs)
            if len(orgs) == 1:
                field.initial = orgs[0].pk
        else:
            # A round stays with its body and year; only its title, kind and deadline change.
            del self.fields["organization"]
            del self.fields["year"]


class ReopenForm(forms.Form):
    until = DateField(label=_("Reopen until"))
