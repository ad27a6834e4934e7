#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh into the database named by DATABASE_URL, in one transaction:
# either everything is restored or nothing is.
#   DATABASE_URL=postgres://user@host:5432/thidua_new scripts/restore.sh backups/thidua-20250101-020000.dump
# Refuses a database that already has tables, unless FORCE=1 (then its objects are dropped first).
set -euo pipefail

file="${1:-${FILE:-}}"
if [ -z "$file" ]; then
  echo "usage: make restore FILE=backups/thidua-YYYYmmdd-HHMMSS.dump [FORCE=1]" >&2
  exit 2
fi
if [ ! -r "$file" ]; then
  echo "restore: cannot read $file" >&2
  exit 2
fi
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
pg_restore --list "$file" >/dev/null  # a damaged or foreign file stops here, before the database is touched

tables=$(psql "$DATABASE_URL" -XAtq -v ON_ERROR_STOP=1 -c \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
clean=()
if [ "$tables" != "0" ]; then
  if [ "${FORCE:-0}" != "1" ]; then
    echo "restore: the target database is not empty ($tables tables). Restore into a new, empty database," >&2
    echo "         or run again with FORCE=1 to replace its contents." >&2
    exit 3
  fi
  clean=(--clean --if-exists)
fi
started=$(date +%s)
pg_restore --single-transaction --exit-on-error --no-owner --no-privileges "${clean[@]}" \
  --dbname="$DATABASE_URL" "$file"
echo "restored $file in $(( $(date +%s) - started )) s"
