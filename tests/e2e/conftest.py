import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def shot(page):
    """Save a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def import_runner(request):
    """Member imports run on a real worker when Redis is there, eagerly otherwise."""
    if os.environ.get("REDIS_URL"):
        return request.getfixturevalue("celery_worker")
    return None


@pytest.fixture
def sign_in(page, live_server):
    def go(username, password="thidua2025"):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(live_server.url + "/")

    return go
