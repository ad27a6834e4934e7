"""Every metric equals an independent count on a hand-built tree; other subtrees never count."""

import pytest
from django.urls import reverse

from reports import metrics, periods

Y = 2025
PERIOD = periods.year(Y)


EXPECTED_FOR_DISTRICT_A = {
    # world has member_a1 and member_a2 (joined 2015) in district A, plus 2 women who joined in 2025 here.
    "members": 4,
    "members_women": 3,
    "members_new": 2,
    "grassroots": 2,
    "grassroots_launched": 1,
    "registrations": 1,
    "registrations_achieved": 1,
    "initiatives": 2,
    "initiatives_grassroots": 1,
    "initiatives_provincial": 1,
    "initiatives_national": 0,
    "initiatives_value": 40_000_000,
    "initiatives_verified_value": 0,
    "works_plaque": 1,
    "awards_individual": 2,
    "awards_collective": 1,
    "bonuses": 710_000,
    "decisions": 1,
    "proposals_waiting": 0,
}


def test_every_metric_has_an_expectation():
    assert set(metrics.REGISTRY) == set(EXPECTED_FOR_DISTRICT_A)


@pytest.mark.parametrize("code", sorted(EXPECTED_FOR_DISTRICT_A))
def test_metric_for_a_subtree_and_period(data, code):
    assert metrics.REGISTRY[code].value(data.district_a, PERIOD) == EXPECTED_FOR_DISTRICT_A[code]


def test_by_child_adds_up(data):
    for code in metrics.CHILD_COLUMNS:
        metric = metrics.REGISTRY[code]
        children = metric.by_child(data.city, PERIOD)
        assert sum(children.values()) == metric.value(data.city, PERIOD)
        assert children.get(data.district_a.path, 0) == metric.value(data.district_a, PERIOD)


def test_a_term_counts_every_year(data):
    term = periods.term(Y - 1, Y)
    assert metrics.REGISTRY["awards_individual"].value(data.district_a, term) == 3


def test_awards_by_type(data):
    assert metrics.awards_by_type(data.district_a, PERIOD) == [
        ("CSTDCS", "Chiến sĩ thi đua cơ sở", 1),
        ("LDTT", "Lao động tiên tiến", 1),
        ("TTLDTT", "Tập thể lao động tiên tiến", 1),
    ]


def test_dashboard_shows_the_registry_figures(client, data):
    client.force_login(data.leader_city)
    response = client.get(reverse("reports:dashboard"), {"org": data.district_a.pk, "period": f"year:{Y}"})
    figures = {f["code"]: f["value"] for f in response.context["figures"]}
    assert figures["awards_individual"] == 2 and figures["members"] == 4
    assert response.context["coverage"]["percent"] == 50.0
    html = response.content.decode()
    assert 'data-figure="initiatives_value"><a class="text-decoration-none"' in html
    assert "40.000.000\u00a0đ" in html


def test_dashboard_outside_reach_is_404(client, data):
    client.force_login(data.staff_district_a)
    assert client.get(reverse("reports:dashboard"), {"org": data.district_b.pk}).status_code == 404
    assert client.get(reverse("reports:dashboard"), {"org": data.district_a.pk}).status_code == 200


def test_leader_home_is_the_dashboard(client, data):
    client.force_login(data.leader_city)
    response = client.get(reverse("home"))
    assert response.templates[0].name == "reports/dashboard.html"
