"""Shortcuts long tables take per row must answer exactly what Django's own would."""

from typing import Any, cast

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import ProposalLine
from core.row_urls import row_url
from tests.factories import MemberFactory
from unions.models import Gender, Member, MemberStatus


@pytest.mark.parametrize("pk", [1, 42, 987654321, 10**12])
def test_a_row_link_is_the_reversed_address(pk):
    assert row_url("unions:member_detail", pk) == reverse("unions:member_detail", args=[pk])
    assert row_url("awards:line_remove", pk) == reverse("awards:line_remove", args=[pk])


def test_a_link_without_an_id_is_the_view_address():
    assert row_url("awards:discipline_list") == reverse("awards:discipline_list")


def test_a_row_link_refuses_what_is_not_an_id():
    with pytest.raises(ValueError):
        row_url("unions:member_detail", "1/../../admin")


@pytest.mark.django_db
def test_choice_labels_follow_the_language_of_each_request(world):
    member = cast(Member, MemberFactory(organization=world.union_a1, gender=Gender.FEMALE))
    with translation.override("vi"):
        assert member.get_gender_display() == "Nữ"
        assert member.get_status_display() == str(dict(MemberStatus.choices)[MemberStatus.ACTIVE])
    with translation.override("en"):
        assert member.get_gender_display() == "Female"
    line = ProposalLine(status="no-such-status")
    assert line.get_status_display() == "no-such-status"  # a value outside the choices shows as it is


def test_choice_labels_are_read_from_the_map_built_once_per_field():
    from core import choice_labels

    field = ProposalLine._meta.get_field("status")
    choice_labels._maps.pop(id(field), None)
    assert ProposalLine(status="proposed").get_status_display()
    assert id(field) in choice_labels._maps  # the models made before the app was ready use it too


@pytest.mark.django_db
def test_a_long_select_draws_what_djangos_select_draws(world):
    """Organisation lists are drawn in Python (core.forms.LongSelect); the markup must stay Django's."""
    from django import forms

    from core.forms import LongSelect, OrganizationChoiceField
    from unions.models import Organization

    field = OrganizationChoiceField(Organization.objects.order_by("path"), empty_label="Tất cả <mọi> đơn vị")
    widget = cast(LongSelect, field.widget)
    choices: Any = field.choices  # the field's own iterator, as Django sets it
    widget.choices = choices
    reference = forms.Select()
    reference.choices = list(iter(choices))
    chosen = world.union_a1.pk
    attrs = {"class": "form-select", "id": "id_organization", "required": True}
    fast = widget.render("organization", chosen, attrs)
    slow = reference.render("organization", chosen, attrs)
    assert isinstance(field.widget, LongSelect)
    assert " ".join(fast.split()).replace('selected=""', "selected") == " ".join(slow.split()).replace(
        'selected=""', "selected"
    ).replace("> <", "><")


def test_a_filter_form_is_drawn_with_its_labels_classes_and_errors():
    """core/templatetags/filter_forms.py: the list filters' markup, errors included, without crispy's templates."""
    from django import forms

    from core.forms import DateField
    from core.templatetags.filter_forms import filter_fields

    class Filter(forms.Form):
        q = forms.CharField(label="Họ tên", required=False)
        status = forms.ChoiceField(label="Trạng thái", choices=[("", "Tất cả"), ("active", "Đang sinh hoạt")])
        on = DateField(label="Tính đến ngày", required=False, help_text="dd/mm/yyyy")
        mine = forms.BooleanField(label="Của tôi", required=False)

    with translation.override("vi"):  # a test before may leave English active
        html = str(filter_fields(Filter({"q": "<b>Lan</b>", "status": "active", "on": "31/02/2025"})))
    assert '<label for="id_q" class="form-label">Họ tên</label>' in html
    assert 'value="&lt;b&gt;Lan&lt;/b&gt;"' in html  # typed text is escaped
    assert '<select name="status" class="form-select"' in html and '<option value="active" selected>' in html
    assert "is-invalid" in html and "Nhập ngày theo dạng dd/mm/yyyy." in html  # the refused date says why
    assert 'aria-describedby="id_on_helptext id_on_error"' in html
    assert '<span id="id_on_error" class="invalid-feedback">' in html
    assert '<div id="id_on_helptext" class="form-text">dd/mm/yyyy</div>' in html
    assert 'class="form-check-input"' in html and 'class="form-check-label">Của tôi</label>' in html
