"""Member lists page by keyset in the default order and count only up to a limit."""

from django.urls import reverse

from core import paging
from tests.factories import MemberFactory


def _names(response):
    return [m.full_name for m in response.context["page"].object_list]


def test_next_page_continues_after_the_last_row_without_gaps(client, world):
    for i in range(30):
        MemberFactory(organization=world.union_a1, full_name=f"Nguyễn Văn Bình {i:02d}")
    client.force_login(world.officer_union_a1)
    first = client.get(reverse("unions:member_list"))
    page = first.context["page"]
    assert len(page.object_list) == 25 and page.has_next and page.is_first
    assert "after=" in page.next_query
    second = client.get(reverse("unions:member_list") + "?" + page.next_query)
    rest = _names(second)
    everyone = _names(first) + rest
    assert len(everyone) == len(set(everyone)) == 31  # 30 + member_a1, each once
    assert not second.context["page"].has_next and not second.context["page"].is_first


def test_counts_stop_at_the_limit(client, world, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 10)
    for i in range(12):
        MemberFactory(organization=world.union_a1, full_name=f"Lê Văn Nam {i:02d}")
    client.force_login(world.officer_union_a1)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("unions:member_list"))
    page = response.context["page"]
    assert page.capped and page.shown_count == 10
    assert "More than 10 members" in response.content.decode()


def test_an_anchor_outside_reach_reveals_nothing(client, world):
    """`after` is only a position: rows of another union never appear."""
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_list"), {"after": world.member_b1.pk})
    assert world.member_b1.full_name not in _names(response)
    assert all(m.organization_id == world.union_a1.pk for m in response.context["page"].object_list)


def test_other_orders_page_by_number(client, world):
    for i in range(30):
        MemberFactory(organization=world.union_a1, full_name=f"Phạm Minh {i:02d}")
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("unions:member_list"), {"sort": "-joined_on", "page": 2})
    page = response.context["page"]
    assert page.number == 2 and page.num_pages == 2 and len(page.object_list) == 6


def test_filter_lists_one_level_down_and_accepts_deeper_ones(client, world):
    """A nationwide account is not sent 130.000 unions in a list; a union from a link still filters."""
    client.force_login(world.admin)
    listed = client.get(reverse("unions:member_list"))
    options = str(listed.context["filter"].form["organization"])
    assert world.city.name in options and world.district_a.name not in options
    chosen = client.get(reverse("unions:member_list"), {"organization": world.union_a1.pk})
    assert world.union_a1.name in str(chosen.context["filter"].form["organization"])
    assert {m.organization_id for m in chosen.context["page"].object_list} == {world.union_a1.pk}
