"""Exports neutralise text that Excel would run as a formula; numbers and dates stay typed."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core import xlsx
from tests.awards import helpers as h
from tests.factories import MemberFactory

ATTACKS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_safe_prefixes_formula_starts(text):
    assert xlsx.safe(text) == "'" + text


@pytest.mark.parametrize("value", [5, -5, 2.5, -0.5, datetime.date(2025, 1, 2), None, "Nguyễn Văn An", ""])
def test_safe_keeps_other_values(value):
    assert xlsx.safe(value) == value


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.getvalue())).worksheets[0]


def _cells(ws):
    return [c for row in ws.iter_rows(min_row=2) for c in row]


def test_member_export_has_no_formula(client, world):
    for i, text in enumerate(ATTACKS):
        MemberFactory(
            organization=world.union_a1, full_name=text, search_name=f"attack {i}", job_title=text, phone="+84912345678"
        )
    client.force_login(world.officer_union_a1)
    ws = _sheet(client.get(reverse("unions:member_export")))
    cells = _cells(ws)
    assert all(c.data_type != "f" for c in cells)
    names = {c.value for c in cells if c.column == 2}
    # XML turns the CR into a line feed when read back; the quote is what matters.
    assert {"'" + t for t in ATTACKS[:-1]} <= names
    assert len([n for n in names if n.startswith("'")]) == len(ATTACKS)
    birth = [c for c in cells if c.column == 4 and c.value is not None]
    assert birth and all(isinstance(c.value, datetime.datetime) for c in birth)


def test_award_export_keeps_numbers_and_neutralises_text(client, world, award_catalogue):
    member = MemberFactory(organization=world.union_a1, full_name="=1+1", search_name="attack")
    award = h.award(member, code="LDTT", year=2025)
    award.certificate_number = "-1+2"
    award.bonus_amount = 700000
    award.save()
    client.force_login(world.officer_union_a1)
    ws = _sheet(client.get(reverse("awards:award_export")))
    row = [c for c in _cells(ws) if c.row == 2]
    assert all(c.data_type != "f" for c in _cells(ws))
    assert row[0].value == 2025 and row[0].data_type == "n"
    assert row[2].value == "'=1+1"
    assert row[8].value == "'-1+2"
    assert row[10].value == 700000 and row[10].data_type == "n"


def test_guide_sheet_neutralises_user_text(world):
    from openpyxl import Workbook

    wb = Workbook()
    xlsx.append_row(wb.active, ["=cmd", 3])
    assert [c.value for c in wb.active[1]] == ["'=cmd", 3]
