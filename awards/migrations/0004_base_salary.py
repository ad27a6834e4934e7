import datetime

from django.db import migrations

# Lương cơ sở: Nghị định 38/2019, 24/2023 and 73/2024.
AMOUNTS = [(datetime.date(2019, 7, 1), 1_490_000), (datetime.date(2023, 7, 1), 1_800_000),
           (datetime.date(2024, 7, 1), 2_340_000)]


def load(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for valid_from, amount in AMOUNTS:
        BaseSalary.objects.update_or_create(valid_from=valid_from, defaults={"amount": amount})


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_proposals")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
