#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh into the database named by DATABASE_URL, in one transaction:
# either everything is restored or nothing is. The stored files archived beside it
# (thidua-…-media.tar.gz) are unpacked into MEDIA_ROOT (default: the project's media/).
#   DATABASE_URL=postgres://user@host:5432/thidua_new MEDIA_ROOT=/var/lib/thidua/media \
#     scripts/restore.sh backups/thidua-20250101-020000.dump
# Refuses a database that already has tables, or a MEDIA_ROOT that already holds files, unless FORCE=1
# (then the database's objects and the folder's files are replaced).
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
root="$(cd "$(dirname "$0")/.." && pwd)"
media="${MEDIA_ROOT:-$root/media}"
media_archive="${file%.dump}-media.tar.gz"
# A damaged or foreign file stops here, before the database or the files are touched.
pg_restore --list "$file" >/dev/null
if [ -e "$media_archive" ]; then
  tar -tzf "$media_archive" >/dev/null
fi

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
if [ -e "$media_archive" ] && [ -d "$media" ] && [ -n "$(ls -A "$media")" ] && [ "${FORCE:-0}" != "1" ]; then
  echo "restore: $media already holds files. Restore into an empty folder, or run again with FORCE=1" >&2
  echo "         to replace them." >&2
  exit 3
fi
started=$(date +%s)
pg_restore --single-transaction --exit-on-error --no-owner --no-privileges "${clean[@]}" \
  --dbname="$DATABASE_URL" "$file"
if [ -e "$media_archive" ]; then
  mkdir -p "$media"
  find "$media" -mindepth 1 -delete
  tar -C "$media" -xzf "$media_archive" --no-same-owner
  echo "restored the stored files of $media_archive into $media"
else
  echo "restore: no $media_archive beside the dump: stored files were not restored" >&2
fi
echo "restored $file in $(( $(date +%s) - started )) s"
