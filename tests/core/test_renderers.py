"""Widgets drawn in Python (core/renderers.py) write exactly what their templates write."""

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from core.forms import DateInput
from core.renderers import Renderer

CHOICES = [("", "---------"), (1, "Hà Nội"), ("Miền Nam", [(2, "TP. Hồ Chí Minh"), (3, 'Cần Thơ "<b>"')])]

WIDGETS = [
    (forms.TextInput(attrs={"class": "form-control", "required": True, "disabled": False}), "Trần <Thị> & Lan"),
    (forms.TextInput(), None),
    (forms.TextInput(), ""),
    (forms.NumberInput(attrs={"min": 0}), 1250000),
    (DateInput(), datetime.date(2025, 12, 31)),
    (forms.EmailInput(), "lan@congdoan.vn"),
    (forms.PasswordInput(), "bí mật"),
    (forms.PasswordInput(render_value=True), "bí mật"),
    (forms.HiddenInput(), "42"),
    (forms.SearchInput(), "nguyen"),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.Textarea(attrs={"rows": 3}), "Dòng 1\n<script>"),
    (forms.Textarea(), ""),
    (forms.Select(choices=CHOICES, attrs={"class": "form-select"}), 2),
    (forms.Select(choices=CHOICES), None),
    (forms.SelectMultiple(choices=CHOICES), [1, 3]),
    (forms.NullBooleanSelect(), True),
    (forms.Select(choices=[(1, mark_safe("<i>an toàn</i>"))]), 1),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS)
def test_a_widget_drawn_in_python_is_the_one_its_templates_draw(widget, value):
    attrs = {"id": "id_field"}
    drawn = widget.render("field", value, attrs=attrs, renderer=Renderer())
    templated = widget.render("field", value, attrs=attrs, renderer=TemplatesSetting())
    assert drawn == templated


def test_other_widgets_are_still_drawn_by_their_templates():
    widget = forms.RadioSelect(choices=[(1, "Có"), (2, "Không")])
    assert widget.render("x", 1, renderer=Renderer()) == widget.render("x", 1, renderer=TemplatesSetting())
