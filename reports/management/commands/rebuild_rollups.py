from django.core.management.base import BaseCommand

from reports import rollups


class Command(BaseCommand):
    help = (
        "Recompute the whole rollup table now (what the nightly job does). Run it after a data migration "
        "or any write made outside the services, which announce nothing to the dashboards."
    )

    def handle(self, *args, **options):
        rows = rollups.rebuild()
        self.stdout.write(f"{rows} rollup rows")
