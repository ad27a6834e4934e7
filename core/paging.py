"""Paging for lists that may hold a province's or the whole country's rows.

Counting 750.000 rows on every page view costs more than the page itself, so counts stop at
COUNT_LIMIT ("more than 10.000"). In the default order a page continues after the last row shown
(keyset): page 4.000 costs what page 1 costs, where OFFSET would read every row before it.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, F, Func, Q, Value

COUNT_LIMIT = 10_000


def capped_count(qs, limit=COUNT_LIMIT):
    """The number of rows, or limit + 1 when there are more."""
    return qs.order_by()[: limit + 1].count()


@dataclass
class Page:
    object_list: list
    count: int
    has_next: bool = False
    next_params: dict = field(default_factory=dict)
    is_first: bool = True
    number: int = 1
    num_pages: int = 1

    @property
    def capped(self):
        return self.count > COUNT_LIMIT

    @property
    def shown_count(self):
        return min(self.count, COUNT_LIMIT)

    @property
    def has_other_pages(self):
        return self.has_next or not self.is_first


def _unindexed(key):
    """The same order through an expression the planner cannot read from the index on `key`."""
    return Func(F(key), Value(""), function="", arg_joiner=" || ", output_field=CharField())


def keyset_page(qs, key, after, size):
    """Rows in (key, pk) order after the row whose pk is `after` (the first page without it).

    A scope of up to COUNT_LIMIT rows (a union) is read through its own index and sorted; walking the
    index on `key` and skipping other unions' rows would read most of the table to fill a page. A
    larger scope (a province, the country) is read in index order, where matches come quickly.
    """
    count = capped_count(qs)
    order = key if count > COUNT_LIMIT else _unindexed(key)
    is_first = True
    if str(after or "").isdigit():
        anchor = qs.model._base_manager.filter(pk=after).values_list(key, flat=True).first()
        if anchor is not None:
            is_first = False
            qs = qs.filter(
                Q(**{f"{key}__gt": anchor}) | Q(**{key: anchor, "pk__gt": int(after)}), **{f"{key}__gte": anchor}
            )
    rows = list(qs.order_by(order, "pk")[: size + 1]) if count else []
    has_next = len(rows) > size
    rows = rows[:size]
    return Page(rows, count, has_next, {"after": rows[-1].pk} if has_next else {}, is_first)


def offset_page(qs, number, size):
    """Numbered pages for the other orders, up to the counted limit."""
    count = capped_count(qs)
    num_pages = max(1, -(-min(count, COUNT_LIMIT) // size))
    number = int(number) if str(number or "").isdigit() else 1
    number = min(max(number, 1), num_pages)
    rows = list(qs[(number - 1) * size : number * size])
    has_next = number < num_pages
    return Page(rows, count, has_next, {"page": number + 1} if has_next else {}, number == 1, number, num_pages)


def read(page):
    """Read a Django paginator page's rows in the view: its `object_list` is a lazy slice that the template would
    otherwise run, out of the page's query budget."""
    page.object_list = list(page.object_list)
    return page
