"""The proposal page's lines, drawn in Python (awards/views/line_rows.py): escaped, and with each person's actions."""

import pytest
from django.urls import reverse

from awards.models import AwardType
from awards.services import proposals
from tests.factories import MemberFactory

Y = 2025


@pytest.fixture
def proposal(world, award_catalogue):
    """A draft of union A1 with a line that fails the rules (no rating entered) for a member whose name and
    achievement hold markup."""
    p = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Năm 2025")
    member = MemberFactory(organization=world.union_a1, full_name="Lê <b>Lan</b> & Co")
    proposals.line_add(
        actor=world.officer_union_a1,
        proposal=p,
        award_type=AwardType.objects.get(code="LDTT"),
        member=member,
        achievement='Hoàn thành <script>alert("x")</script> nhiệm vụ',
    )
    return p


def page(client, user, p):
    client.force_login(user)
    answer = client.get(reverse("awards:proposal_detail", args=[p.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


@pytest.mark.django_db
def test_what_a_clerk_typed_is_shown_as_text(client, world, proposal):
    html = page(client, world.officer_union_a1, proposal)
    assert "Lê &lt;b&gt;Lan&lt;/b&gt; &amp; Co" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>Lan</b>" not in html and "<script>alert" not in html


@pytest.mark.django_db
def test_the_sender_ticks_and_removes_lines_and_only_the_reviewer_overrides_a_failed_one(client, world, proposal):
    line = proposal.lines.get()
    remove = reverse("awards:line_remove", args=[line.pk])
    override = reverse("awards:line_override", args=[line.pk])

    html = page(client, world.officer_union_a1, proposal)
    assert 'data-eligibility="fail"' in html
    assert f'name="line" value="{line.pk}"' in html and f'action="{remove}"' in html
    assert f'action="{override}"' not in html
    assert 'name="csrfmiddlewaretoken"' in html

    html = page(client, world.staff_district_a, proposal)
    assert f'action="{override}"' in html and 'name="reason"' in html

    proposals.line_override(actor=world.staff_district_a, line=line, reason="Đã xác minh <ngoại lệ>")
    html = page(client, world.staff_district_a, proposal)
    assert f'action="{override}"' not in html
    assert "Đã xác minh &lt;ngoại lệ&gt; (staff_district_a)" in html
