"""The dashboard's table by unit, drawn in Python (reports/views/child_rows.py)."""

from types import SimpleNamespace

from django.utils import translation

from reports import periods
from reports.views.child_rows import child_rows


def row(name, active=True, coverage=12.5, members=6115):
    org = SimpleNamespace(pk=7, name=name, is_active=active)
    return {
        "org": org,
        "members": members,
        "grassroots": 40,
        "coverage": coverage,
        "awards_individual": 1250,
        "awards_collective": 0,
        "initiatives": 3,
    }


def test_a_row_reads_as_the_dashboard_shows_figures():
    with translation.override("vi"):
        html = str(child_rows([row("Công đoàn <Khu công nghiệp> & Dịch vụ")], periods.year(2025)))
    assert '<a href="?org=7&period=year:2025">Công đoàn &lt;Khu công nghiệp&gt; &amp; Dịch vụ</a>' in html
    assert '<td data-label="Đoàn viên" class="text-end">6.115</td>' in html  # grouped with a dot
    assert ">12,5%</td>" in html and ">1.250</td>" in html and ">0</td>" in html
    assert "text-bg-secondary" not in html


def test_a_dissolved_unit_is_marked_and_a_missing_share_is_a_dash():
    with translation.override("vi"):
        html = str(child_rows([row("Công đoàn cũ", active=False, coverage=None)], periods.year(2025)))
    assert '<span class="badge text-bg-secondary">' in html
    assert ">—</td>" in html
