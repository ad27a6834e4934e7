"""core.forms.read_choices: a form's listed options are read in the view, and a search picker's never."""

from typing import cast

import pytest
from django import forms
from django.forms.models import ModelChoiceIterator

from core.forms import OrganizationChoiceField, read_choices
from tests.factories import MemberFactory
from unions.models import Member, Organization
from unions.pickers import MemberPickerField


class _Form(forms.Form):
    organization = OrganizationChoiceField(queryset=Organization.objects.none())
    units = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    lead = MemberPickerField(source="campaigns.author", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organization.objects.order_by("path")
        cast(OrganizationChoiceField, self.fields["organization"]).narrow(orgs, 1)
        cast(forms.ModelMultipleChoiceField, self.fields["units"]).queryset = orgs
        # Every member: what a picker may accept, and what it must never list.
        cast(MemberPickerField, self.fields["lead"]).queryset = Member.objects.all()


@pytest.mark.django_db
def test_the_options_are_read_once_each_and_drawing_them_runs_no_query(world, django_assert_num_queries):
    MemberFactory(organization=world.union_a1)
    form = _Form(data={"organization": world.union_a1.pk})
    assert form.is_valid()  # as views do before rendering (drawing a bound field reads its errors)

    with django_assert_num_queries(2):  # one per list, no COUNT first, and nothing of the picker's members
        read_choices(form)
    with django_assert_num_queries(0):
        select, boxes = str(form["organization"]), str(form["units"])

    assert f'<option value="{world.union_a1.pk}" selected>' in select  # the chosen unit stays chosen
    assert f"{world.union_a1.name} ({world.union_a1.code})" in select
    assert world.district_b.name in boxes
    assert isinstance(form.fields["lead"].widget.choices, ModelChoiceIterator)  # the picker's left unread


@pytest.mark.django_db
def test_the_form_still_accepts_and_refuses_as_before(world):
    form = read_choices(_Form(data={"organization": world.union_b1.pk, "units": [world.union_a1.pk]}))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organization"] == world.union_b1
    assert list(form.cleaned_data["units"]) == [world.union_a1]

    refused = read_choices(_Form(data={"organization": 10**9}))
    assert not refused.is_valid()
    assert "organization" in refused.errors
