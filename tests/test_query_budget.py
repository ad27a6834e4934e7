"""List and tree pages cost the same number of queries for 3 rows and 300."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import add_org, bulk_members


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow(world, members, unions):
    for i in range(unions):
        org = add_org(world.district_a, "grassroots", f"Công đoàn Công ty số {i}")
        bulk_members(org, members // max(unions, 1))
    bulk_members(world.union_a1, members)


PAGES = [
    ("unions:member_list", {}),
    ("unions:member_list", {"q": "tran thi", "sort": "-birth_date"}),
    ("unions:organization_tree", {}),
    ("home", {}),
]


@pytest.mark.parametrize(("name", "params"), PAGES)
def test_budget_does_not_grow_with_rows(client, world, name, params):
    client.force_login(world.staff_district_a)
    url = reverse(name)
    grow(world, 3, 1)
    small = count_queries(client, url, **params)
    grow(world, 300, 30)
    large = count_queries(client, url, **params)
    assert small == large, f"{name}: {small} queries with few rows, {large} with many"
    assert large <= 16


@pytest.mark.parametrize("name", ["unions:organization_detail", "unions:organization_children"])
def test_tree_node_budget(client, world, name):
    client.force_login(world.staff_district_a)
    url = reverse(name, args=[world.district_a.pk])
    grow(world, 3, 1)
    small = count_queries(client, url)
    grow(world, 300, 30)
    large = count_queries(client, url)
    assert small == large
    assert large <= 14


def test_member_detail_budget(client, world):
    from unions import services

    client.force_login(world.staff_district_a)
    url = reverse("unions:member_detail", args=[world.member_a1.pk])
    small = count_queries(client, url)
    for i in range(20):
        services.member_update(actor=world.staff_district_a, member=world.member_a1, job_title=f"Giáo viên {i}")
    assert count_queries(client, url) == small


def test_user_list_budget(client, world):
    from tests.factories import UserFactory, role

    client.force_login(world.admin)
    url = reverse("unions:user_list")
    small = count_queries(client, url)
    for i in range(30):
        role(UserFactory(username=f"extra{i}"), world.union_a1, "union_officer")
    assert count_queries(client, url) == small
