#!/usr/bin/env bash
# Folds the translations that parallel branches left in locale/pending/*.po into the Vietnamese catalogue:
# the catalogue is regenerated from the code, then each pending msgid takes its pending translation.
set -euo pipefail
cd "$(dirname "$0")/.."
PO=locale/vi/LC_MESSAGES/django.po
shopt -s nullglob
pending=(locale/pending/*.po)
DEBUG=1 .venv/bin/python manage.py makemessages -l vi --ignore=.venv --ignore=node_modules --ignore=staticfiles >/dev/null
if [ ${#pending[@]} -gt 0 ]; then
  tmp=$(mktemp -d)
  for f in "${pending[@]}"; do
    printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' > "$tmp/$(basename "$f")"
    cat "$f" >> "$tmp/$(basename "$f")"
  done
  # The catalogue's own header (plural forms, language) is kept: the pending files have none worth keeping.
  awk 'BEGIN{RS=""; ORS="\n\n"} NR==1' "$PO" > "$tmp/header"
  msgcat --use-first -o "$tmp/all.po" "$tmp"/*.po "$PO"
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$tmp/all.po" "$PO"
  { cat "$tmp/header"; awk 'BEGIN{RS=""; ORS="\n\n"} NR>1' "$tmp/merged.po"; } > "$PO"
  rm -rf "$tmp" "${pending[@]}"
fi
msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true
