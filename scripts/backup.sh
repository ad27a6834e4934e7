#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL into backups/thidua-YYYYmmdd-HHMMSS.dump
# (pg_dump's custom format: compressed, restored with scripts/restore.sh), and the stored files (uploads,
# report files under MEDIA_ROOT) into thidua-YYYYmmdd-HHMMSS-media.tar.gz beside it.
#   DATABASE_URL=postgres://user@host:5432/thidua MEDIA_ROOT=/var/lib/thidua/media scripts/backup.sh [DIR]
# DIR (or BACKUP_DIR) defaults to backups/; MEDIA_ROOT to the project's media/, as in the settings.
# With FILE_STORAGE=s3 the files live in the bucket and are left to the object store's own versioning or
# replication. Prints the path of each new file, the dump first.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup: DATABASE_URL is not a PostgreSQL URL (the embedded SQLite file is backed up by copying it)" >&2
     exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-${BACKUP_DIR:-backups}}"
mkdir -p "$dir"
stamp="$(date +%Y%m%d-%H%M%S)"
out="$dir/thidua-$stamp.dump"
media_out="$dir/thidua-$stamp-media.tar.gz"
if [ -e "$out" ] || [ -e "$media_out" ]; then
  echo "backup: $out already exists; wait a second and run again" >&2
  exit 3
fi
# Write under temporary names and rename at the end: a half-written file never looks like a backup.
tmp="$out.partial"
tmp_media="$media_out.partial"
trap 'rm -f "$tmp" "$tmp_media"' EXIT
pg_dump --format=custom --compress=6 --dbname="$DATABASE_URL" --file="$tmp"
# The files are archived after the dump: every row of the dump that names a file finds it in the archive
# (a file uploaded in between is archived too, and simply unused).
if [ "${FILE_STORAGE:-filesystem}" = "filesystem" ]; then
  media="${MEDIA_ROOT:-$root/media}"
  if [ -d "$media" ]; then
    tar -C "$media" -czf "$tmp_media" .
  else
    tar -czf "$tmp_media" --files-from /dev/null
  fi
else
  echo "backup: FILE_STORAGE=${FILE_STORAGE}: stored files are in the bucket, not in this backup" >&2
fi
mv "$tmp" "$out"
[ ! -e "$tmp_media" ] || mv "$tmp_media" "$media_out"
trap - EXIT
echo "$out"
[ ! -e "$media_out" ] || echo "$media_out"
