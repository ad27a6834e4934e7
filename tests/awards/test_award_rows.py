"""The awards register's rows, drawn in Python (awards/views/award_rows.py): escaped, dated and written in money
as the rest of the product writes them."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import Award, Decision
from tests.awards import helpers as h
from tests.factories import MemberFactory


@pytest.mark.django_db
def test_an_award_row_shows_its_person_decision_and_bonus(client, world, award_catalogue):
    member: Any = MemberFactory(organization=world.union_a1, full_name="Lê <i>Thu</i> & Hà", search_name="le thu ha")
    award = h.award(member, code="LDTT", year=2025)
    Award.objects.filter(pk=award.pk).update(bonus_amount=1_250_000)
    client.force_login(world.staff_district_a)
    with translation.override("vi"):
        html = client.get(reverse("awards:award_list"), {"year": 2025}).content.decode()
    person = reverse("unions:member_detail", args=[member.pk])
    decision = reverse("awards:decision_detail", args=[award.decision_id])
    assert f'<a href="{person}">Lê &lt;i&gt;Thu&lt;/i&gt; &amp; Hà</a>' in html
    assert "<i>Thu</i>" not in html
    assert f'<a href="{decision}">2025/QĐ-{world.union_a1.pk}</a> · 20/12/2025' in html
    assert '<td data-label="Tiền thưởng (đồng)" class="text-end">1.250.000\u00a0đ</td>' in html


@pytest.mark.django_db
def test_a_revoked_award_is_struck_and_an_outside_one_is_marked(client, world, award_catalogue):
    revoked = h.award(None, org=world.union_a2, code="TTLDTT", year=2025)
    Award.objects.filter(pk=revoked.pk).update(status=Award.Status.REVOKED)
    outside = h.award(world.member_a1, code="LDTT", year=2025)
    Award.objects.filter(pk=outside.pk).update(external=True)
    Decision.objects.filter(pk=outside.decision_id).update(issuer=None, issuer_name="UBND thành phố")
    client.force_login(world.staff_district_a)
    with translation.override("vi"):
        html = client.get(reverse("awards:award_list"), {"year": 2025, "status": ""}).content.decode()
    assert '<tr class="text-decoration-line-through text-muted">' in html
    assert '<i class="bi bi-building"></i> Công đoàn Công ty Cơ khí Phú Diễn' in html
    assert '<span class="badge text-bg-light border">ngoài tổ chức Công đoàn</span>' in html
    # A decision from outside the union has no page of its own: its number is not a link.
    assert '<div class="small text-muted">UBND thành phố</div>' in html
    assert reverse("awards:decision_detail", args=[outside.decision_id]) not in html
