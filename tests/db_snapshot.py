"""Proof that a request wrote nothing: row counts and a digest of every business table."""

import hashlib

from django.apps import apps
from django.db import connection

BUSINESS_APPS = ("unions", "campaigns", "awards", "notifications", "reports")


def business_tables():
    tables = {}
    for label in BUSINESS_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.managed or model._meta.proxy:
                continue
            tables[model._meta.db_table] = model._meta.pk.column
    return sorted(tables.items())


def snapshot():
    """{table: (row count, md5 of all rows ordered by primary key)} of unions, campaigns, awards and friends."""
    result = {}
    with connection.cursor() as cursor:
        for table, pk in business_tables():
            qt, qpk = connection.ops.quote_name(table), connection.ops.quote_name(pk)
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t.{qpk}), '')) FROM {qt} t"
                )
                result[table] = tuple(cursor.fetchone())
            else:  # the SQLite fallback of `make test` without PostgreSQL
                cursor.execute(f"SELECT * FROM {qt} ORDER BY {qpk}")
                rows = cursor.fetchall()
                result[table] = (len(rows), hashlib.md5(repr(rows).encode()).hexdigest())
    return result


def changed(before, after):
    return sorted(table for table in before if before[table] != after.get(table))
