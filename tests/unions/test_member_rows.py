"""The member list's rows, drawn in Python (unions/views/member_rows.py)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import MemberFactory


@pytest.mark.django_db
def test_a_members_row_is_escaped_and_dated_as_the_list_shows_dates(client, world):
    member: Any = MemberFactory(
        organization=world.union_a1,
        full_name="Lê <i>Thu</i> & Hà",
        search_name="le thu ha",
        birth_date=datetime.date(1990, 3, 7),
        joined_on=datetime.date(2015, 11, 20),
    )
    client.force_login(world.officer_union_a1)
    with translation.override("vi"):
        html = client.get(reverse("unions:member_list"), {"q": "le thu ha"}).content.decode()
    link = reverse("unions:member_detail", args=[member.pk])
    assert f'<a href="{link}">Lê &lt;i&gt;Thu&lt;/i&gt; &amp; Hà</a>' in html
    assert '<td data-label="Ngày sinh">07/03/1990</td>' in html
    assert '<td data-label="Ngày vào CĐ">20/11/2015</td>' in html
    assert "<i>Thu</i>" not in html
