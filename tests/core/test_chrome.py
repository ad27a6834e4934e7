"""The menus are drawn once per language and menu flags (core/templatetags/chrome.py): each user still sees the
menu of their role, in their language."""

import pytest
from django.conf import settings
from django.urls import reverse

from core.templatetags.vn import person_name

MEMBERS = reverse("unions:member_list")
ADMINISTRATION = reverse("unions:user_list")


def home(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_each_language_gets_its_own_menu(client, world):
    english = home(client, world.officer_union_a1, "en")
    vietnamese = home(client, world.officer_union_a1, "vi")
    again = home(client, world.officer_union_a1, "en")
    assert ">Members</a>" in english and ">Members</a>" in again
    assert ">Đoàn viên</a>" in vietnamese and ">Members</a>" not in vietnamese
    assert ">Đổi mật khẩu</a>" in vietnamese and ">Change password</a>" in english


@pytest.mark.django_db
def test_each_role_gets_the_menu_it_may_use(client, world):
    admin = home(client, world.admin, "vi")
    officer = home(client, world.officer_union_a1, "vi")
    outsider = home(client, world.outsider, "vi")
    assert f'href="{ADMINISTRATION}"' in admin and f'href="{MEMBERS}"' in admin
    assert f'href="{ADMINISTRATION}"' not in officer and f'href="{MEMBERS}"' in officer
    assert f'href="{MEMBERS}"' not in outsider
    # Around the shared menu, each page still names its own user.
    assert person_name(world.officer_union_a1) in officer and person_name(world.admin) in admin
