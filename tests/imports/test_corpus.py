"""Every file of the corpus stores exactly the intended members, or is refused naming row, column and fix.

No file may store wrong data with "no error": each stored field is compared with the expectation, and
every warning the case expects must be listed before confirming.
"""

import dataclasses

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.imports.pipeline import ParsedFile
from tests.imports.corpus import Expected, build_corpus
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member
from unions.services import import_batches

CASES = build_corpus()
COMPARED = [f.name for f in dataclasses.fields(Expected) if f.name != "division"]


def _upload(case):
    return SimpleUploadedFile(f"{case.name}.xlsx", case.content)


def _choices_for(case, batch):
    """The clerk's answers in the mapping step: the case names columns by letter or by title."""
    parsed = ParsedFile.from_json(batch.parsed)
    choices = {}
    for column in parsed.columns_to_map():
        if column.letter in case.mapping:
            choices[column.key] = case.mapping[column.letter]
        elif column.title in case.mapping:
            choices[column.key] = case.mapping[column.title]
        elif column.status == "unknown":
            choices[column.key] = ""  # "Không nhập cột này"
        else:
            choices[column.key] = column.field
    sheets = [s.index for s in parsed.sheets if s.read]
    return choices, sheets


def _import(case, world):
    user = world.officer_union_a1
    with translation.override("en"):
        batch = imports.batch_create(actor=user, organization=world.union_a1, upload=_upload(case))
        if batch.status == ImportBatch.Status.MAPPING:
            choices, sheets = _choices_for(case, batch)
            batch = import_batches.batch_map(actor=user, batch=batch, choices=choices, sheets=sheets)
        return batch


def _stored(member):
    return Expected(**{name: getattr(member, name) for name in COMPARED})


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_file(case, world):
    before = set(Member.objects.values_list("pk", flat=True))
    batch = _import(case, world)
    warnings = " | ".join(batch.warnings)
    for words in case.warnings:
        assert words.lower() in warnings.lower(), (words, batch.warnings)
    if case.refusal is not None:
        assert batch.status == ImportBatch.Status.INVALID, (batch.status, batch.message)
        messages = [(e["row"], m) for e in batch.errors for m in e["errors"]]
        if case.refusal.row is not None:
            at_row = [m for row, m in messages if row == case.refusal.row]
            assert at_row, (case.refusal, messages)
            assert any(
                case.refusal.column_contains in m and all(w in m for w in case.refusal.message_contains) for m in at_row
            ), (case.refusal, at_row)
        else:
            assert all(w in batch.message for w in case.refusal.message_contains), batch.message
        assert set(Member.objects.values_list("pk", flat=True)) == before
        return
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.status, batch.message, batch.errors[:5])
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    batch = import_batches.batch_run(batch.pk)
    assert batch.status == ImportBatch.Status.DONE, (batch.message, batch.errors[:5])
    created = Member.objects.exclude(pk__in=before).order_by("pk")
    stored = [_stored(m) for m in created]
    expected = [dataclasses.replace(e, division="") for e in case.members]
    assert len(stored) == len(expected)
    for got, want in zip(stored, expected, strict=True):
        assert got == want


def test_no_file_of_the_corpus_is_accepted_with_wrong_data(world):
    """The summary a reviewer reads: every case either refused with its reason or stored exactly."""
    assert len(CASES) >= 25
    assert sum(1 for c in CASES if c.refusal) >= 4
