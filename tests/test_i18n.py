import datetime
from pathlib import Path

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def parse_po(text):
    """[(flags, {field: text})] for each entry of a .po file; continuation lines joined."""
    entries = []
    for block in text.split("\n\n"):
        fields, flags, current = {}, "", None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif line.startswith("msg"):
                current, _sep, rest = line.partition(" ")
                fields[current] = rest.strip()[1:-1]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields:
            entries.append((flags, fields))
    return entries


def test_catalogue_is_complete():
    """Every UI string has a Vietnamese translation, none fuzzy."""
    entries = parse_po(PO.read_text(encoding="utf-8"))[1:]  # the first entry is the header
    assert len(entries) > 250
    untranslated = [f["msgid"] for _flags, f in entries if not (f.get("msgstr") or f.get("msgstr[0]"))]
    fuzzy = [f["msgid"] for flags, f in entries if "fuzzy" in flags]
    assert not untranslated, untranslated[:5]
    assert not fuzzy, fuzzy[:5]


def test_catalogue_is_compiled():
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= PO.stat().st_mtime - 1


def test_vietnamese_is_the_default_even_for_an_english_browser(client, world):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="vi">' in html and "Thêm đoàn viên" in html


def test_english_is_available(client, world):
    client.force_login(world.officer_union_a1)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html and "Add a member" in html


def test_vietnamese_number_money_and_date_formats():
    with translation.override("vi"):
        out = Template(
            "{% load vn %}{{ n|num }} | {{ money|vnd }} | {{ d|date:'SHORT_DATE_FORMAT' }} | {{ year }}"
        ).render(Context({"n": 6115, "money": 1250000, "d": datetime.date(2025, 7, 1), "year": 2025}))
    assert out == "6.115 | 1.250.000\u00a0đ | 01/07/2025 | 2025"
