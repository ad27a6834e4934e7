"""Each award carries its decision's date, the date figures count conferrals by.

Filled for the awards already recorded from their decisions, then required. The path index covers the date
too, so a scope's counts for a period stay index-only scans.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    Decision = apps.get_model("awards", "Decision")
    Award.objects.filter(decided_on__isnull=True).update(
        decided_on=Subquery(Decision.objects.filter(pk=OuterRef("decision_id")).values("signed_on")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0009_provincial_flag"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="decided_on",
            field=models.DateField(editable=False, null=True, verbose_name="decided on"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="award",
            name="decided_on",
            field=models.DateField(editable=False, verbose_name="decided on"),
        ),
        migrations.RemoveIndex(
            model_name="award",
            name="award_org_path",
        ),
        migrations.AddIndex(
            model_name="award",
            index=models.Index(fields=["org_path"], include=("year", "decided_on", "status", "member", "award_type",
                                                             "bonus_amount"),
                               name="award_org_path", opclasses=["varchar_pattern_ops"]),
        ),
    ]
