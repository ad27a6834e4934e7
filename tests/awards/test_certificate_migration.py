"""Awards that existed before verification codes get one each from the migration, batch by batch."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from awards.models import TOKEN_ALPHABET, Award

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("awards", "0012_award_decided_path")]


def _migrate(targets=None):
    """Migrate to `targets`; by default back to the latest migration of every app (not to 0013: later
    migrations left unapplied would break every test that runs after this one)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_awards_get_distinct_codes_in_batches(world, monkeypatch):
    migration = importlib.import_module("awards.migrations.0013_certificates")
    monkeypatch.setattr(migration, "BATCH", 2)  # five awards: three batches, the last one short
    old = _migrate(BEFORE)
    try:
        OldAward, OldDecision = old.get_model("awards", "Award"), old.get_model("awards", "Decision")
        award_type = old.get_model("awards", "AwardType").objects.get(code="LDTT")
        decision = OldDecision.objects.create(
            number="1/QĐ",
            signed_on=datetime.date(2024, 12, 20),
            issuer_id=world.district_a.pk,
            issuer_name=world.district_a.name,
            signer_name="Nguyễn Văn Vinh",
            signer_title="Chủ tịch",
        )
        for year in range(2020, 2025):
            OldAward.objects.create(
                award_type=award_type,
                organization_id=world.union_a1.pk,
                org_path=world.union_a1.path,
                member_id=world.member_a1.pk,
                year=year,
                decision=decision,
                decided_on=decision.signed_on,
            )
    finally:
        _migrate()
    tokens = list(Award.objects.values_list("verification_token", flat=True))
    assert len(tokens) == 5 and len(set(tokens)) == 5
    assert all(len(t) == 12 and set(t) <= set(TOKEN_ALPHABET) for t in tokens)
