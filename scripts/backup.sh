#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL into backups/thidua-YYYYmmdd-HHMMSS.dump
# (pg_dump's custom format: compressed, restored with scripts/restore.sh).
#   DATABASE_URL=postgres://user@host:5432/thidua scripts/backup.sh [DIR]
# DIR (or BACKUP_DIR) defaults to backups/. Prints the path of the new file.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup: DATABASE_URL is not a PostgreSQL URL (the embedded SQLite file is backed up by copying it)" >&2
     exit 2 ;;
esac
dir="${1:-${BACKUP_DIR:-backups}}"
mkdir -p "$dir"
out="$dir/thidua-$(date +%Y%m%d-%H%M%S).dump"
if [ -e "$out" ]; then
  echo "backup: $out already exists; wait a second and run again" >&2
  exit 3
fi
# Write under a temporary name and rename at the end: a half-written dump never looks like a backup.
tmp="$out.partial"
trap 'rm -f "$tmp"' EXIT
pg_dump --format=custom --compress=6 --dbname="$DATABASE_URL" --file="$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "$out"
