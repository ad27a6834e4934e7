"""The lines the proposal page shows: a summary of all of them in one grouped read, then one page of them.

A proposal of a district or a large union holds hundreds of lines. Shown all at once, 200 lines made a 130 KB page
that took 46 ms at T3 (p50), most of it building and drawing the rows; the page now shows LINES_PER_PAGE of them,
with the counts by verdict of all, and a filter for the lines that need a look.
"""

import functools
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, ForeignKey, Q

from campaigns.models import Initiative
from unions.models import Organization

from ..models import Award, AwardType, ProposalLine

LINES_PER_PAGE = 50
L = ProposalLine.Status
# The columns the page, its panels and its bulk form read of a line and its member and unit.
LINE_FIELDS = (*(f.attname for f in ProposalLine._meta.concrete_fields), "member__full_name")
UNIT_FIELDS = ("id", "name", "short_name", "path", "kind")
VERDICTS = ("fail", "defer", "cond", "warn", "pass")
PANEL_STATUSES = (L.FORWARDED, L.RETURNED)


@dataclass
class Summary:
    """All the lines of a proposal counted by (status, award type, verdict, sent up from below)."""

    rows: list

    @cached_property
    def total(self):
        return sum(n for *_key, n in self.rows)

    @cached_property
    def by_verdict(self):
        """{verdict: lines}, the gravest first."""
        counts = dict.fromkeys(VERDICTS, 0)
        for _status, _type, verdict, _sent_up, n in self.rows:
            counts[verdict] = counts.get(verdict, 0) + n
        return {verdict: n for verdict, n in counts.items() if n}

    @property
    def attention(self):
        """Lines whose verdict is other than a plain pass."""
        return self.total - self.by_verdict.get("pass", 0)

    @cached_property
    def kinds(self):
        """{(line status, award type id)} of the lines."""
        return {(status, type_id) for status, type_id, *_rest in self.rows}

    @property
    def has_panel_lines(self):
        """Whether a line came from below, went up or came back (the sending-up panel lists them)."""
        return any(sent_up or status in PANEL_STATUSES for status, _t, _v, sent_up, _n in self.rows)


def summary(proposal):
    return Summary(list(_counts().filter(proposal=proposal)))


# The page's two reads without the proposal, built once per process: Django resolves their expressions and
# columns in about as long as PostgreSQL runs them, and a clone of the built query costs a tenth of that.
@functools.cache
def _counts():
    sent_up = ExpressionWrapper(Q(origin__isnull=False), output_field=BooleanField())
    return (
        ProposalLine.objects.order_by()
        .annotate(sent_up=sent_up)
        .values_list("status", "award_type_id", "eligibility_status", "sent_up")
        .annotate(n=Count("id"))
    )


@functools.cache
def _shown():
    return ProposalLine.objects.select_related("member").only(*LINE_FIELDS)


def _of(proposal, lines):
    """The lines of `proposal`, which they hold as read (as proposal.lines would)."""
    field = ProposalLine._meta.get_field("proposal")
    for line in lines:
        field.set_cached_value(line, proposal)
    return lines


class _Counted(Paginator):
    """A paginator given the count the summary already holds."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known = count

    @cached_property
    def count(self):
        return self.known


def page(proposal, number, *, attention=False, counted: Summary):
    """The page `number` of the lines (those needing a look with `attention`), in the order they were added;
    their links are not read yet (`attach_links`)."""
    lines = _shown().filter(proposal=proposal).order_by("pk")
    count = counted.total
    if attention:
        lines, count = lines.exclude(eligibility_status="pass"), counted.attention
    found = _Counted(lines, LINES_PER_PAGE, count).get_page(number)
    found.object_list = _of(proposal, list(found.object_list))
    return found


def panel_lines(proposal, counted: Summary):
    """The lines the sending-up panel lists (awards/selectors/aggregation.py), none read when there are none;
    their links are not read yet (`attach_links`)."""
    if not counted.has_panel_lines:
        return []
    sent = Q(origin__isnull=False) | Q(status__in=PANEL_STATUSES)
    return _of(proposal, list(_shown().filter(sent, proposal=proposal)))


def attach_links(lines):
    """Each line's unit (one object for all the lines of a union), award type, initiative, award and the user who
    overrode a rule, read once each and only when a line has one. Django's prefetch costs more than these reads
    at this size, and a join per line builds an object per line and link."""
    _attach(lines, "organization", Organization.objects.only(*UNIT_FIELDS))
    _attach(lines, "award_type", AwardType.objects.all())
    _attach(lines, "initiative", Initiative.objects.all())
    _attach(lines, "award", Award.objects.all())
    _attach(lines, "overridden_by", get_user_model().objects.all())
    return lines


def _attach(lines, name, queryset):
    """Set the `name` link of each line from one read of `queryset`, as select_related would have."""
    field = cast(ForeignKey, ProposalLine._meta.get_field(name))
    ids = {getattr(line, field.attname) for line in lines} - {None}
    found = queryset.in_bulk(ids) if ids else {}
    for line in lines:
        field.set_cached_value(line, found.get(getattr(line, field.attname)))
