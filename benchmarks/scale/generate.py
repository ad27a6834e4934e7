"""Load a tier of national-size data into PostgreSQL for benchmarks (`python -m benchmarks.scale`)."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from benchmarks.scale import TIERS, accounts, bulk, history, people, tree

SEED = 20260701
BIG_TABLES = [
    "unions_member",
    "awards_award",
    "awards_performancerating",
    "campaigns_registration",
    "campaigns_initiative",
    "campaigns_initiativeauthor",
    "campaigns_campaignlaunch",
    "awards_decision",
    "unions_organization",
]


class Command(BaseCommand):
    help = "Generate a tier of national-size data (T0 10.000 members … T3 10.500.000) on PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("--tier", choices=sorted(TIERS), default="T0")
        parser.add_argument(
            "--reset", action="store_true", help="Delete all organisations, members, awards, campaigns and users first."
        )
        parser.add_argument(
            "--password", default="", help="Password of the bench-* accounts (none are created without it)."
        )
        parser.add_argument("--no-rollups", action="store_true", help="Skip the rollup rebuild at the end.")

    def handle(self, *args, tier, reset, password, no_rollups, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The scale generator loads data with PostgreSQL features: set DATABASE_URL.")
        spec = TIERS[tier]
        self.started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM unions_organization)")
            if cursor.fetchone()[0]:
                if not reset:
                    raise CommandError("The database already holds organisations: add --reset to replace them.")
                self._reset(cursor)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO off")
            cursor.execute("SET LOCAL work_mem TO '256MB'")
            cursor.execute("SET LOCAL maintenance_work_mem TO '1GB'")
            cursor.execute("SET LOCAL max_parallel_maintenance_workers TO 2")
            with bulk.deferred_triggers(cursor), bulk.deferred_indexes(cursor, BIG_TABLES, out=self._step):
                self._load(cursor, spec)
            if password:
                self._step(f"{accounts.create(cursor, password)} bench accounts")
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('unions_member', 'id'), (SELECT max(id) FROM unions_member))"
            )
            # Codes DV00000001… were drawn from the member numbers: the app continues after them.
            cursor.execute(
                "INSERT INTO unions_codesequence (name, value) SELECT 'member', count(*) "
                "FROM unions_member ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"
            )
        with connection.cursor() as cursor:
            for table in BIG_TABLES:
                cursor.execute(f"VACUUM ANALYZE {table}")
        self._step("vacuum and statistics")
        if not no_rollups:
            from reports import rollups

            rows = rollups.rebuild()
            self._step(f"{rows:,} rollup rows")
        self.stdout.write(self.style.SUCCESS(f"Tier {tier} loaded in {time.monotonic() - self.started:.1f} s"))

    def _load(self, cursor, spec):
        unions, n_orgs = tree.build(cursor, spec, random.Random(SEED))
        self._step(f"{n_orgs:,} organisations")
        people.load_unions(cursor, unions)
        self._step(f"{people.members(cursor):,} members")
        self._step(f"{people.ratings(cursor):,} ratings")
        by_year = history.campaigns(self._root(cursor))
        self._step(f"{history.launches(cursor, by_year):,} campaign launches")
        self._step(f"{people.registrations(cursor, by_year):,} registrations")
        self._step(f"{history.decisions(cursor):,} decisions")
        self._step(f"{history.awards(cursor):,} awards")
        self._step(f"{history.initiatives(cursor):,} initiatives")

    def _root(self, cursor):
        cursor.execute("SELECT id FROM unions_organization WHERE depth = 1")
        return cursor.fetchone()[0]

    def _step(self, what):
        self.stdout.write(f"{time.monotonic() - self.started:8.1f} s  {what}")
        self.stdout.flush()

    def _reset(self, cursor):
        cursor.execute("""SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables
                          WHERE schemaname = current_schema() AND tablename LIKE '%%historical%%'""")
        historical = cursor.fetchone()[0]
        cursor.execute("TRUNCATE unions_organization, auth_user RESTART IDENTITY CASCADE")
        if historical:
            cursor.execute(f"TRUNCATE {historical}")
        cursor.execute("DELETE FROM unions_codesequence")
        self._step("previous data deleted")
