"""Reporting periods: a year, a half-year, a congress term or a custom range."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def code(self):
        if self.kind == "year":
            return f"year:{self.start.year}"
        if self.kind == "half":
            return f"half:{self.start.year}-{1 if self.start.month == 1 else 2}"
        if self.kind == "term":
            return f"term:{self.start.year}-{self.end.year}"
        return f"range:{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    @property
    def label(self):
        if self.kind == "year":
            return _("year %(year)s") % {"year": self.start.year}
        if self.kind == "half":
            return (
                _("first half of %(year)s") % {"year": self.start.year}
                if self.start.month == 1
                else _("second half of %(year)s") % {"year": self.start.year}
            )
        if self.kind == "term":
            return _("term %(start)s–%(end)s") % {"start": self.start.year, "end": self.end.year}
        return _("%(start)s to %(end)s") % {
            "start": self.start.strftime("%d/%m/%Y"),
            "end": self.end.strftime("%d/%m/%Y"),
        }

    @property
    def years(self):
        return range(self.start.year, self.end.year + 1)

    def previous(self):
        if self.kind == "year":
            return year(self.start.year - 1)
        if self.kind == "half":
            return half(self.start.year - 1, 2) if self.start.month == 1 else half(self.start.year, 1)
        if self.kind == "term":
            length = self.end.year - self.start.year
            return term(self.start.year - length, self.start.year)
        days = (self.end - self.start).days + 1
        end = self.start - datetime.timedelta(days=1)
        return Period("range", end - datetime.timedelta(days=days - 1), end)


def year(y):
    return Period("year", datetime.date(y, 1, 1), datetime.date(y, 12, 31))


def half(y, n):
    return (
        Period("half", datetime.date(y, 1, 1), datetime.date(y, 6, 30))
        if n == 1
        else Period("half", datetime.date(y, 7, 1), datetime.date(y, 12, 31))
    )


def term(first, last):
    """A congress term, e.g. 2018–2023: counted from 1 January of the first year to 31 December of the last."""
    return Period("term", datetime.date(first, 1, 1), datetime.date(last, 12, 31))


def parse(code, today):
    """Read a period code (year:2025, half:2025-1, term:2018-2023, range:20250101-20250630); default: this year."""
    try:
        kind, _sep, value = (code or "").partition(":")
        if kind == "year":
            return year(int(value))
        if kind == "half":
            y, n = value.split("-")
            return half(int(y), int(n))
        if kind == "term":
            first, last = value.split("-")
            if int(first) < int(last) <= int(first) + 10:
                return term(int(first), int(last))
        if kind == "range":
            start, end = (datetime.datetime.strptime(v, "%Y%m%d").date() for v in value.split("-"))
            if start <= end:
                return Period("range", start, end)
    except (ValueError, TypeError):
        pass
    return year(today.year)


MENU_TERMS = [(2023, 2028), (2018, 2023), (2016, 2020)]


def menu(today):
    """The periods the dashboard offers, newest first."""
    this_year = today.year
    options = [year(y) for y in range(this_year, this_year - 6, -1)]
    options += [half(this_year, n) for n in (1, 2)]
    options += [term(first, last) for first, last in MENU_TERMS]
    return options


def standard(today, years_back=10):
    """The periods kept in the rollup table: ten years back (the five-year charts), the halves of this year and
    the last, the menu's terms, and each with the period it is compared to."""
    found = {}
    for y in range(today.year - years_back, today.year + 1):
        found[year(y).code] = year(y)
    for y in (today.year - 1, today.year):
        for n in (1, 2):
            found[half(y, n).code] = half(y, n)
    for p in [*found.values(), *menu(today)]:
        found[p.code] = p
        found[p.previous().code] = p.previous()
    return sorted(found.values(), key=lambda p: (p.start, p.end))
