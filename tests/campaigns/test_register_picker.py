"""Registering a union's members in bulk: select all, by division or group, by job title; those already
registered for the campaign and year are marked and skipped; one post; the page's queries do not grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Registration
from tests.factories import bulk_members
from unions.models import Member

LDTT = "Lao động tiên tiến"


def fifty_seven(world):
    """The union of issue 13: 42 members attached to the union itself, 15 in its tổ công đoàn."""
    bulk_members(world.union_a1, 41, prefix="Đỗ Văn Nam")  # with member_a1: 42
    bulk_members(world.division_a1, 15, prefix="Vũ Thị Lan")
    Member.objects.filter(full_name__startswith="Vũ Thị Lan").update(job_title="Giáo viên")
    return Member.objects.filter(org_path__startswith=world.union_a1.path, status="active")


def register(campaign, world, members, year=2026, title=LDTT):
    for member in members:
        Registration.objects.create(
            campaign=campaign, year=year, organization=world.union_a1, member=member, title=title
        )


def url(campaign, **query):
    base = reverse("campaigns:register_members", args=[campaign.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_everyone_listed_in_one_post_skipping_those_registered(client, world, campaign):
    members = fifty_seven(world)
    assert members.count() == 57
    already = list(members.order_by("pk")[:3])
    register(campaign, world, already, title="Chiến sĩ thi đua cơ sở")
    register(campaign, world, members.order_by("-pk")[:2], year=2025)  # another year: offered again
    client.force_login(world.officer_union_a1)
    page = client.get(url(campaign))
    html = page.content.decode()
    assert html.count('name="members"') == 54
    assert html.count("data-registered") == 3
    assert page.context["registered"] == {m.pk: ["Chiến sĩ thi đua cơ sở"] for m in already}
    response = client.post(
        url(campaign), {"organization": world.union_a1.pk, "title": LDTT, "year": 2026, "everyone": "1"}
    )
    assert response.status_code == 302
    done = Registration.objects.filter(campaign=campaign, year=2026, title=LDTT)
    assert done.count() == 54
    assert not done.filter(member__in=already).exists()


def test_ticked_members_in_one_post(client, world, campaign):
    members = list(fifty_seven(world))
    client.force_login(world.officer_union_a1)
    response = client.post(
        url(campaign),
        {"organization": world.union_a1.pk, "title": LDTT, "year": 2026, "members": [m.pk for m in members]},
    )
    assert response.status_code == 302
    assert Registration.objects.filter(campaign=campaign, year=2026).count() == 57


def test_by_group_and_by_job_title(client, world, campaign):
    fifty_seven(world)
    client.force_login(world.officer_union_a1)
    by_group = client.get(url(campaign, group=world.division_a1.pk)).context["members"]
    assert len(by_group) == 15 and {m.organization_id for m in by_group} == {world.division_a1.pk}
    by_job = client.get(url(campaign, job="Giáo viên")).context["members"]
    assert {m.pk for m in by_job} == {m.pk for m in by_group}
    assert [g.pk for g in client.get(url(campaign)).context["groups"]] == [world.division_a1.pk]
    response = client.post(
        url(campaign, group=world.division_a1.pk),
        {"organization": world.union_a1.pk, "title": LDTT, "year": 2026, "everyone": "1"},
    )
    assert response.status_code == 302
    assert set(Registration.objects.values_list("member_id", flat=True)) == {m.pk for m in by_group}


def test_a_group_of_another_union_filters_nothing_in(client, world, campaign):
    fifty_seven(world)
    client.force_login(world.officer_union_a1)
    shown = client.get(url(campaign, group=world.union_b1.pk)).context["members"]
    assert len(shown) == 57 and world.member_b1 not in shown


def test_queries_do_not_grow_with_the_members(client, world, campaign):
    client.force_login(world.officer_union_a1)
    fifty_seven(world)
    register(campaign, world, Member.objects.filter(org_path__startswith=world.union_a1.path)[:5])
    client.get(url(campaign))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(campaign)).status_code == 200
        return len(ctx.captured_queries)

    at_57 = count()
    bulk_members(world.division_a1, 143, prefix="Hoàng Minh")
    register(campaign, world, Member.objects.filter(full_name__startswith="Hoàng Minh")[:40])
    assert count() == at_57
