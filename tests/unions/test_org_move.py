"""Moving a grassroots union within the staff's own subtree, with the event read the right way and a new code."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, role
from unions import picker_sources
from unions.models import Organization, OrganizationEvent
from unions.services import organizations

DAY = timezone.localdate()


@pytest.fixture
def staff_city(world):
    user = UserFactory(username="staff_city")
    role(user, world.city, "federation_staff")
    return user


def fresh(org):
    return Organization.objects.get(pk=org.pk)


def test_staff_move_a_union_to_another_district_with_a_new_code(client, world, staff_city):
    client.force_login(staff_city)
    response = client.post(
        reverse("unions:organization_move", kwargs={"pk": world.union_a2.pk}),
        {
            "new_parent": world.district_b.pk,
            "new_code": "hn-th-002",
            "happened_on": DAY.strftime("%d/%m/%Y"),
            "decision_number": "15/QĐ-LĐLĐ",
        },
    )
    assert response.status_code == 302
    moved = fresh(world.union_a2)
    assert Organization.objects.get_parent(moved) == world.district_b
    assert moved.code == "HN-TH-002"
    event = moved.events.get(kind=OrganizationEvent.Kind.MOVED)
    assert event.details == {
        "old_parent": world.district_a.name,
        "new_parent": world.district_b.name,
        "old_code": "HN-BTL-002",
        "new_code": "HN-TH-002",
    }
    # The page reads "from the old parent to the new one", whatever the language.
    page = client.get(reverse("unions:organization_detail", kwargs={"pk": moved.pk})).content.decode()
    (text,) = re.findall(r"<span data-move-event>(.*?)</span>", page, re.S)
    assert text.index(world.district_a.name) < text.index(world.district_b.name)
    assert text.index("HN-BTL-002") < text.index("HN-TH-002")


def test_the_code_is_kept_unless_a_new_one_is_given(world, staff_city):
    organizations.organization_move(
        actor=staff_city, organization=world.union_a2, new_parent=world.district_b, happened_on=DAY
    )
    moved = fresh(world.union_a2)
    assert moved.code == "HN-BTL-002"
    assert "new_code" not in moved.events.get(kind=OrganizationEvent.Kind.MOVED).details


def test_a_code_taken_is_a_message_on_the_field(client, world, staff_city):
    with pytest.raises(ValidationError) as error:
        organizations.organization_move(
            actor=staff_city,
            organization=world.union_a2,
            new_parent=world.district_b,
            happened_on=DAY,
            new_code=world.union_b1.code,
        )
    assert list(error.value.message_dict) == ["new_code"]
    assert Organization.objects.get_parent(fresh(world.union_a2)) == world.district_a  # nothing moved
    client.force_login(staff_city)
    response = client.post(
        reverse("unions:organization_move", kwargs={"pk": world.union_a2.pk}),
        {"new_parent": world.district_b.pk, "new_code": world.union_b1.code, "happened_on": DAY.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_code"]


def test_the_choices_are_the_upper_levels_of_the_movers_reach(world, staff_city):
    offered = set(picker_sources.move_parents(staff_city, world.union_a2))
    # The city itself may hold a grassroots union; the present parent and the unions themselves are no choice.
    assert offered == {world.city, world.district_b}
    assert not picker_sources.move_parents(world.staff_district_a, world.union_a2).exists()
    assert not picker_sources.move_parents(world.leader_city, world.union_a2).exists()


def test_the_picker_searches_only_those_choices(client, world, staff_city):
    client.force_login(staff_city)
    url = reverse("unions:pick_organization")
    found = client.post(url, {"q": "Tây Hồ", "source": "unions.move_parent", "within": world.union_a2.pk})
    assert world.district_b.code in found.content.decode()
    found = client.post(url, {"q": "Bắc Từ Liêm", "source": "unions.move_parent", "within": world.union_a2.pk})
    assert world.district_a.code not in found.content.decode()


def test_district_staff_cannot_move_a_union_out_of_their_district(client, world):
    with pytest.raises(PermissionDenied):
        organizations.organization_move(
            actor=world.staff_district_a, organization=world.union_a1, new_parent=world.district_b, happened_on=DAY
        )
    client.force_login(world.staff_district_a)
    response = client.post(
        reverse("unions:organization_move", kwargs={"pk": world.union_a1.pk}),
        {"new_parent": world.district_b.pk, "happened_on": DAY.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 200 and response.context["form"].errors["new_parent"]
    assert Organization.objects.get_parent(fresh(world.union_a1)) == world.district_a


def test_suggested_code_puts_the_unit_number_under_the_new_parent(world):
    assert organizations.suggested_code(world.union_a1, world.district_b) == "HN-TH-001"
