"""A figure's link opens the list behind it, filtered by the same scope and period, and the list counts the same."""

import datetime
from urllib.parse import urlsplit

import pytest

from reports import metrics, periods
from tests.reports.conftest import Y

# Figures whose link is not a list of the rows counted: the unit's own page, and proposals waiting now
# (not a count of the period).
NOT_A_LIST = {"grassroots", "proposals_waiting"}
LINKED = sorted(code for code, metric in metrics.REGISTRY.items() if metric.link and code not in NOT_A_LIST)
PERIODS = {
    "year": periods.year(Y),
    "half": periods.half(Y, 2),
    "range": periods.Period("range", datetime.date(Y - 1, 6, 1), datetime.date(Y, 10, 15)),
}


def _shown(response, metric):
    """The figure the list states: its count, or the sum it shows for a money figure."""
    context = response.context
    totals = context.get("totals")
    if metric.unit == "vnd":
        return totals["bonus"] if "bonus" in totals else totals["estimated"]
    if totals is not None:
        return totals["count"]
    page = context["page"]
    return page.count if hasattr(page, "count") and isinstance(page.count, int) else page.paginator.count


def test_every_linked_figure_is_checked():
    assert set(LINKED) >= {
        "members",
        "members_women",
        "registrations",
        "initiatives",
        "initiatives_value",
        "awards_individual",
        "awards_collective",
        "bonuses",
    }


@pytest.mark.parametrize("kind", sorted(PERIODS))
@pytest.mark.parametrize("code", LINKED)
def test_the_linked_list_counts_the_figure(client, data, code, kind):
    period, metric = PERIODS[kind], metrics.REGISTRY[code]
    client.force_login(data.leader_city)
    url = urlsplit(metric.url(data.district_a, period))
    response = client.get(url.path + "?" + url.query)
    assert response.status_code == 200
    value = metric.value(data.district_a, period)
    assert _shown(response, metric) == value, (code, kind, url.query)
    # The district's figures are not empty, so an unfiltered list would not pass by chance.
    if kind == "year":
        assert value


def test_the_staff_home_reads_the_registry(client, data):
    """The staff home says the dashboard's member figures for this year, and its link lists as many members."""
    from django.urls import reverse
    from django.utils import timezone

    from tests.factories import MemberFactory

    # A member transferred out: a row the registry never counts (the member counts in the new union).
    MemberFactory(organization=data.union_a1, status="transferred")
    client.force_login(data.staff_district_a)
    response = client.get(reverse("home"))
    this_year = periods.year(timezone.localdate().year)
    figures = response.context["figures"]
    for code in ("members", "members_women", "grassroots"):
        assert figures[code]["value"] == metrics.REGISTRY[code].value(data.district_a, this_year)
    assert figures["members"]["value"] == 4
    assert f'data-figure="members">{figures["members"]["value"]}<' in response.content.decode()
    url = urlsplit(figures["members"]["url"])
    assert client.get(url.path + "?" + url.query).context["page"].count == 4
