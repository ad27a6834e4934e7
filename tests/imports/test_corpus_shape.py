"""The member-file corpus is well formed; no database, no import pipeline."""

import collections
import io
import re
import unicodedata

import pytest
from openpyxl import load_workbook

from tests.imports.corpus import Case, Expected, build_corpus

CORPUS = build_corpus()
FIELD_KEYS = {
    "full_name",
    "family_name",
    "given_name",
    "gender",
    "birth_date",
    "national_id",
    "organization_code",
    "card_number",
    "joined_on",
    "ethnicity",
    "job_title",
    "education",
    "phone",
    "email",
}


def test_at_least_25_cases_with_unique_slug_names():
    names = [case.name for case in CORPUS]
    assert len(names) >= 25
    assert len(set(names)) == len(names), [n for n, k in collections.Counter(names).items() if k > 1]
    assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in names)


def test_building_twice_gives_the_same_files():
    assert [(c.name, c.members, c.refusal) for c in build_corpus()] == [(c.name, c.members, c.refusal) for c in CORPUS]


def test_national_ids_never_repeat_across_the_corpus():
    ids = [m.national_id for case in CORPUS for m in case.members if m.national_id]
    ids += [m.old_id_number for case in CORPUS for m in case.members if m.old_id_number]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_case_is_a_readable_xlsx_with_either_members_or_a_refusal(case: Case):
    assert case.habit.strip() and case.content[:2] == b"PK"
    wb = load_workbook(io.BytesIO(case.content))
    assert any(ws.max_row > 1 for ws in wb.worksheets)
    assert bool(case.members) != bool(case.refusal), "a case expects members or a refusal, not both"
    if case.refusal:
        assert case.refusal.row is None or case.refusal.row >= 2
        assert case.refusal.column_contains and case.refusal.message_contains
    assert all(value in {"", *FIELD_KEYS} for value in case.mapping.values())


@pytest.mark.parametrize("case", [c for c in CORPUS if c.members], ids=lambda case: case.name)
def test_expected_members_hold_stored_shapes(case: Case):
    for m in case.members:
        assert isinstance(m, Expected)
        assert m.gender in {"male", "female"}
        assert m.full_name == unicodedata.normalize("NFC", " ".join(m.full_name.split()))
        assert m.full_name.upper() != m.full_name and m.full_name.lower() != m.full_name
        if m.birth_date:
            assert m.birth_year == m.birth_date.year
        assert m.national_id is None or re.fullmatch(r"0\d{11}", m.national_id)
        assert not (m.national_id and m.old_id_number)
        assert m.old_id_number == "" or re.fullmatch(r"\d{9}", m.old_id_number)
        assert all(p == "" or re.fullmatch(r"0\d{9}", p) for p in (m.phone, m.phone2))
        assert len(m.job_title) <= 150
