"""The tree of a past day (unions/placement.py) against the plain definition, on random histories of moves.

The oracle walks each unit's parent on the day (the old parent of its first change after the day, else its
current parent) up to the scope; placement answers with prefix terms on today's paths, loading only the
changes that matter to the scope. Both must name the same units, the same child of the scope for each, and the
same children.
"""

import datetime
import random

import pytest

from tests.factories import add_org
from unions import placement
from unions.models import Organization, ParentChange

DAYS = [datetime.date(2019, 1, 1), datetime.date(2021, 3, 1), datetime.date(2022, 6, 1), datetime.date(2030, 1, 1)]


def oracle(scope, day, orgs):
    """({unit id: id of the scope's child it was under, None for the scope itself}) for the units in the scope's
    subtree on `day`."""
    then: dict[int, int | None] = {}
    for change in ParentChange.objects.filter(happened_on__gt=day).order_by("happened_on", "created_at", "pk"):
        then.setdefault(change.organization_id, change.old_parent_id)
    by_path = {o.path: o.pk for o in orgs}
    current = {o.pk: by_path.get(o.path[: -Organization.steplen]) for o in orgs}
    found: dict[int, int | None] = {}
    for org in orgs:
        node, below = org.pk, None
        for _step in range(50):
            if node is None:
                break
            if node == scope.pk:
                found[org.pk] = below
                break
            below, node = node, then.get(node, current[node])
    return found


def random_history(rng):
    root = add_org(None, "confederation", "Tổng Liên đoàn")
    provinces = [add_org(root, "provincial_federation", f"Tỉnh {i}") for i in range(3)]
    districts = [add_org(rng.choice(provinces), "district_federation", f"Quận {i}") for i in range(5)]
    unions = [add_org(rng.choice(districts), "grassroots", f"Công đoàn {i}") for i in range(8)]
    for step in range(7):
        org = Organization.objects.get(pk=rng.choice(districts + unions).pk)
        targets = districts + provinces if org.kind == "grassroots" else provinces
        target = Organization.objects.get(pk=rng.choice(targets).pk)
        old = Organization.objects.get_parent(org)
        if old.pk == target.pk:
            continue
        Organization.objects.move(org, target, "last-child")
        on = datetime.date(2020 + step, 1, 1) if rng.random() < 0.7 else datetime.date(2020, 6, 1)
        ParentChange.objects.create(organization=org, old_parent=old, new_parent=target, happened_on=on)
    return root


@pytest.mark.parametrize("seed", range(12))
def test_placement_matches_the_walk_up_the_tree_of_that_day(db, seed):
    rng = random.Random(seed)
    root = random_history(rng)
    orgs = list(Organization.objects.filter(path__startswith=root.path))
    paths = {o.pk: o.path for o in orgs}
    changed = 0
    for day in DAYS:
        for org in orgs:
            scope = Organization.objects.get(pk=org.pk)
            want = oracle(scope, day, orgs)
            q = placement.subtree_q(scope, day, "path")
            rows = Organization.objects.filter(q, path__startswith=root.path)
            keys = dict(rows.annotate(key=placement.child_key(scope, day, "path")).values_list("pk", "key"))
            assert keys == {pk: paths[child or scope.pk] for pk, child in want.items()}, (seed, scope.name, day)
            children = set(placement.children_at(scope, day).values_list("pk", flat=True))
            assert children == {pk for pk, child in want.items() if child == pk}, (seed, scope.name, day)
            plain = {o.pk for o in orgs if o.path.startswith(scope.path)}
            changed += set(want) != plain
    assert changed  # the histories move units across scopes: the comparison is not only of plain prefixes
