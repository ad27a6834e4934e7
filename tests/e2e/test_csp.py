"""The browser reports no Content-Security-Policy violation on the pages that use scripts."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_run_without_csp_violations(page, live_server, world, sign_in):
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    sign_in("staff_district_a")
    for url in (
        reverse("home"),
        reverse("unions:organization_tree"),
        reverse("reports:dashboard"),
        reverse("otp_setup"),
        reverse("unions:member_list"),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # An htmx request (the member filter) still works under the policy.
    with page.expect_response(lambda r: "gender=female" in r.url):
        page.get_by_label("Giới tính").select_option("female")
    page.wait_for_load_state("networkidle")
    assert "Lê Thị Bích" in page.locator("#member-results").inner_text()
    assert "Nguyễn Văn An" not in page.locator("#member-results").inner_text()
    assert violations == []
