import pytest
from django.urls import reverse


@pytest.mark.parametrize("username", ["officer_union_a1", "nobody-at-all"])
def test_repeated_failures_lock_out_with_the_same_message(client, world, settings, username):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("login")
    for _ in range(3):
        response = client.post(url, {"username": username, "password": "wrong"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    # The lock is on the pair (username, address): the right password of the locked username is refused, while
    # another username at the same address (a colleague in the same office) still signs in.
    response = client.post(url, {"username": "officer_union_a1", "password": "thidua2025"}, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == (429 if username == "officer_union_a1" else 302)


def test_wrong_password_message_is_vietnamese(client, world):
    response = client.post(reverse("login"), {"username": "officer_union_a1", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_sign_in_lands_on_home(client, world):
    response = client.post(reverse("login"), {"username": "officer_union_a1", "password": "thidua2025"})
    assert response.status_code == 302 and response.url == reverse("home")
