"""Names read the Vietnamese way: family and middle names first, as the user list and the menu show them."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.templatetags.vn import person_name


def test_family_name_first_and_the_username_without_a_name(db):
    User = get_user_model()
    assert person_name(User(username="lan", first_name="Lan", last_name="Trần Thị")) == "Trần Thị Lan"
    assert person_name(User(username="ketoan_btl")) == "ketoan_btl"


def test_the_menu_and_the_user_list_say_the_name_family_first(client, world):
    world.admin.first_name, world.admin.last_name = "Lan", "Trần Thị"
    world.admin.save()
    client.force_login(world.admin)
    for url in (reverse("home"), reverse("unions:user_list")):
        page = client.get(url).content.decode()
        assert "Trần Thị Lan" in page and "Lan Trần Thị" not in page, url
