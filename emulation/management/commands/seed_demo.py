from django.core.management.base import BaseCommand
from django.db import transaction

from awards.demo import Loader as AwardsLoader
from campaigns.demo import Loader as CampaignsLoader
from reports.demo import Loader as ReportsLoader
from unions.demo_loader import Loader as UnionsLoader


class Command(BaseCommand):
    help = "Load the demo data of every app (safe to run again: nothing is duplicated)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write("Unions: " + UnionsLoader().run())
        self.stdout.write("Campaigns: " + CampaignsLoader().run())
        self.stdout.write("Awards: " + AwardsLoader().run())
        self.stdout.write("History: " + ReportsLoader().run())
