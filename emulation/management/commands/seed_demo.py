from django.core.management.base import BaseCommand
from django.db import transaction

from awards.demo import Loader as AwardsLoader
from campaigns.demo import Loader as CampaignsLoader
from reports.demo import Loader as ReportsLoader
from unions.demo_loader import Loader as UnionsLoader
from unions.models import Organization
from unions.signals import announce


class Command(BaseCommand):
    help = "Load the demo data of every app (safe to run again: nothing is duplicated)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write("Unions: " + UnionsLoader().run())
        self.stdout.write("Campaigns: " + CampaignsLoader().run())
        self.stdout.write("Awards: " + AwardsLoader().run())
        self.stdout.write("History: " + ReportsLoader().run())
        # The loaders write in bulk, past the services: one announcement for the whole tree keeps the
        # dashboards fresh at commit (a no-op for the rollups until their first rebuild).
        announce(Organization.objects.values_list("path", flat=True))
