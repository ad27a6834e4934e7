"""Certificates: a random verification code on every award (filled for existing awards in batches), reissues,
and the field positions of pre-printed blanks.

The code is added empty, filled a few thousand rows per transaction (a province holds millions of awards: one
UPDATE of them all would hold its locks for minutes), and only then made unique and required.
"""

import secrets

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import awards.models

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # the model's TOKEN_ALPHABET, frozen here as of this migration
BATCH = 2000


def _token():
    return "".join(secrets.choice(ALPHABET) for _ in range(12))


def fill_tokens(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _fill_tokens_postgresql(schema_editor.connection)
        return
    Award = apps.get_model("awards", "Award")
    last = 0
    while True:
        ids = list(
            Award.objects.filter(pk__gt=last, verification_token__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return
        batch = [Award(pk=pk, verification_token=_token()) for pk in ids]
        Award.objects.bulk_update(batch, ["verification_token"])
        last = ids[-1]


def _token_from(random_bytes):
    return "".join(ALPHABET[b % 32] for b in random_bytes)  # 256 is a multiple of 32: every letter as likely


def _fill_tokens_postgresql(connection):
    """One UPDATE … FROM VALUES per 20.000 rows, each committed on its own: at national size (four million
    awards, T3) 6 min 51 s on a 2-core machine, the time going to the award table's indexes, while every other
    write goes on between the batches."""
    from psycopg2.extras import execute_values

    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM awards_award WHERE id > %s AND verification_token IS NULL ORDER BY id LIMIT 20000",
                [last],
            )
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                return
            execute_values(
                cursor.cursor if hasattr(cursor, "cursor") else cursor,
                "UPDATE awards_award AS a SET verification_token = v.token FROM (VALUES %s) AS v(id, token) "
                "WHERE a.id = v.id",
                [(pk, _token_from(secrets.token_bytes(12))) for pk in ids],
                page_size=20000,
            )
        last = ids[-1]


class Migration(migrations.Migration):
    # Each batch commits on its own (see the module's docstring).
    atomic = False

    dependencies = [
        ("awards", "0012_award_decided_path"),
        ("unions", "0007_parent_change"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="reissue_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="reissues"),
        ),
        migrations.AddField(
            model_name="award",
            name="verification_token",
            field=models.CharField(editable=False, max_length=16, null=True, verbose_name="verification code"),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="award",
            name="verification_token",
            field=models.CharField(
                default=awards.models.new_verification_token,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="verification code",
            ),
        ),
        migrations.AddField(
            model_name="award",
            name="verification_views",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="verification page views"),
        ),
        migrations.AddField(
            model_name="historicalaward",
            name="reissue_count",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="reissues"),
        ),
        migrations.CreateModel(
            name="HistoricalCertificateLayout",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("title", "Certificate of an emulation title"),
                            ("merit", "Certificate of merit (Bằng khen)"),
                            ("commendation", "Certificate of commendation (Giấy khen)"),
                            ("other", "Other form of commendation"),
                        ],
                        max_length=16,
                        verbose_name="document",
                    ),
                ),
                (
                    "subject_kind",
                    models.CharField(
                        choices=[("individual", "Individual"), ("collective", "Collective")],
                        max_length=16,
                        verbose_name="for",
                    ),
                ),
                ("page_width", models.PositiveSmallIntegerField(default=297, verbose_name="paper width (mm)")),
                ("page_height", models.PositiveSmallIntegerField(default=210, verbose_name="paper height (mm)")),
                (
                    "offset_x",
                    models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name="shift right (mm)"),
                ),
                (
                    "offset_y",
                    models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name="shift down (mm)"),
                ),
                ("positions", models.JSONField(default=dict, verbose_name="field positions")),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "issuer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="unions.organization",
                        verbose_name="issued by",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical certificate blank layout",
                "verbose_name_plural": "historical certificate blank layouts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="CertificateLayout",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("title", "Certificate of an emulation title"),
                            ("merit", "Certificate of merit (Bằng khen)"),
                            ("commendation", "Certificate of commendation (Giấy khen)"),
                            ("other", "Other form of commendation"),
                        ],
                        max_length=16,
                        verbose_name="document",
                    ),
                ),
                (
                    "subject_kind",
                    models.CharField(
                        choices=[("individual", "Individual"), ("collective", "Collective")],
                        max_length=16,
                        verbose_name="for",
                    ),
                ),
                ("page_width", models.PositiveSmallIntegerField(default=297, verbose_name="paper width (mm)")),
                ("page_height", models.PositiveSmallIntegerField(default=210, verbose_name="paper height (mm)")),
                (
                    "offset_x",
                    models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name="shift right (mm)"),
                ),
                (
                    "offset_y",
                    models.DecimalField(decimal_places=1, default=0, max_digits=4, verbose_name="shift down (mm)"),
                ),
                ("positions", models.JSONField(default=dict, verbose_name="field positions")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "issuer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="certificate_layouts",
                        to="unions.organization",
                        verbose_name="issued by",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate blank layout",
                "verbose_name_plural": "certificate blank layouts",
                "ordering": ["issuer__path", "kind", "subject_kind"],
                "constraints": [
                    models.UniqueConstraint(fields=("issuer", "kind", "subject_kind"), name="one_layout_per_blank")
                ],
            },
        ),
        migrations.CreateModel(
            name="CertificateReissue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveSmallIntegerField(verbose_name="reissue number")),
                ("reissued_on", models.DateField(verbose_name="reissued on")),
                ("reason", models.CharField(max_length=255, verbose_name="reason")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "award",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="reissues", to="awards.award"
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate reissue",
                "verbose_name_plural": "certificate reissues",
                "ordering": ["award", "number"],
                "constraints": [
                    models.UniqueConstraint(fields=("award", "number"), name="one_reissue_number_per_award")
                ],
            },
        ),
    ]
