"""Cờ thi đua: first in its cluster, or leader of a thematic campaign of at least 3 years at its final review."""

from django.db import migrations

RULES = [
    {"rule": "one_of", "params": {"rules": [
        {"rule": "first_in_cluster"},
        {"rule": "led_long_campaign", "params": {"min_years": 3}},
    ]}},
    {"rule": "no_open_case"},
    {"rule": "vote_threshold", "params": {"percent": 80}},
]


def load(apps, schema_editor):
    apps.get_model("awards", "RuleSet").objects.filter(award_type__code="CO_TLD").update(rules=RULES)


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_base_salary"), ("campaigns", "0004_cluster_campaign")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
