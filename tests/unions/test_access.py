from unions import access, selectors
from unions.models import Member, Organization


def names(qs):
    return {o.code for o in qs}


def test_reach_of_each_persona(world):
    assert names(access.orgs_for(world.officer_union_a1)) == {"HN-BTL-001", "HN-BTL-001-K1"}
    assert names(access.orgs_for(world.staff_district_a)) == {"HN-BTL", "HN-BTL-001", "HN-BTL-001-K1", "HN-BTL-002"}
    assert "HN-TH-001" in names(access.orgs_for(world.leader_city))
    assert not names(access.orgs_for(world.leader_city, access.MEMBER_WRITE))
    assert not access.orgs_for(world.outsider).exists()
    assert access.orgs_for(world.admin).count() == Organization.objects.count()


def test_members_visible_to(world):
    assert set(Member.objects.visible_to(world.officer_union_a1)) == {world.member_a1}
    assert set(Member.objects.visible_to(world.staff_district_a)) == {world.member_a1, world.member_a2}
    assert set(Member.objects.visible_to(world.leader_city, access.MEMBER_WRITE)) == set()


def test_nested_roles_collapse_to_one_prefix(world):
    from tests.factories import role

    role(world.staff_district_a, world.union_a1, "union_officer")
    access.forget(world.staff_district_a)
    assert access.scope_q(world.staff_district_a, access.READ).children == [("path__startswith", world.district_a.path)]


def test_disabled_user_reaches_nothing(world):
    world.staff_district_a.is_active = False
    assert not access.orgs_for(world.staff_district_a).exists()


def test_subtree_member_counts(world):
    counts = selectors.subtree_member_counts([world.city, world.district_a, world.union_a1, world.union_b1])
    assert counts == {world.city.pk: 3, world.district_a.pk: 2, world.union_a1.pk: 1, world.union_b1.pk: 1}
