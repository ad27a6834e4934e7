"""The one registry of metrics: dashboards, exports, PDF reports and narratives all count through here.

Each metric is declared once, by a spec (reports/specs.py): the rows owned by an organisation that count, the
owner's path, what is summed, and the time basis (a decision date, a title's year, alive on the last day…),
which its definition states in words. The spec gives both the live query (`specs.live`) and the rollup table's
columns, so the two cannot disagree. A scope is a subtree (materialised path prefix), so one metric gives the
figure of a scope and, grouped by the next path step, the figure of each child, in one query each. A period's
figures count the subtree as it stood on the period's last day: units moved since count where they were then
(unions/placement.py adds a prefix term for each), so a report rebuilt after a reform says what it said before.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Value
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from awards.models import Award, Decision, Proposal
from campaigns.models import CampaignLaunch, Initiative, Registration, WorkProduct
from core import statements
from unions import placement
from unions.models import Gender, Member, MemberStatus, Organization, OrgKind

from .specs import ByYear, Current, Distinct, Flow, Spec, Stock, aggregate, condition, live

WAITING = ["submitted", "under_review", "public_notice", "council"]


@dataclass
class Metric:
    code: str
    label: object
    definition: object  # says what counts and by which date (decision date, title year…)
    rollup: Spec  # the reports.specs spec: the one declaration of the live query and the rollup columns
    unit: str = "count"
    link: object = None  # (scope, period) -> url
    tags: tuple = field(default_factory=tuple)

    def source(self, period):
        return live(self.rollup, period)

    def day(self, period):
        """The day whose tree counts: a period's figures count each unit under the parent it had on the period's
        last day (unions/placement.py); a figure of now, on today's tree."""
        return None if isinstance(self.rollup, Current) else period.end

    def value(self, scope, period):
        qs, path, agg = self.source(period)
        return qs.filter(placement.subtree_q(scope, self.day(period), path)).order_by().aggregate(v=agg)["v"] or 0

    def by_child(self, scope, period):
        """{path of a child of the scope on the period's last day (its path today): value}; the scope's own rows
        under the scope's path."""
        qs, path, agg = self.source(period)
        day = self.day(period)
        rows = (
            qs.filter(placement.subtree_q(scope, day, path))
            .order_by()
            .annotate(child=placement.child_key(scope, day, path))
            .values("child")
            .annotate(v=agg)
        )
        return {row["child"]: row["v"] or 0 for row in rows}

    def url(self, scope, period):
        return self.link(scope, period) if self.link else None


REGISTRY = {}


def declare(code, label, definition, spec, *, unit="count", link=None):
    REGISTRY[code] = Metric(code, label, definition, spec, unit, link)


# A figure's link opens the list behind it filtered by the same scope and period, so the list counts the same
# rows (tests/reports/test_links.py holds every linked metric to it).


def _members_link(**extra):
    def link(scope, period):
        return (
            reverse("unions:member_list")
            + "?"
            + urlencode({"organization": scope.pk, "status": "", "on": period.end.isoformat(), **extra})
        )

    return link


def _awards_link(**extra):
    def link(scope, period):
        params = {
            "organization": scope.pk,
            "status": Award.Status.VALID,
            "decided_from": period.start.isoformat(),
            "decided_to": period.end.isoformat(),
            **extra,
        }
        return reverse("awards:award_list") + "?" + urlencode(params)

    return link


def _initiatives_link(scope, period):
    params = {
        "organization": scope.pk,
        "recognised_from": period.start.isoformat(),
        "recognised_to": period.end.isoformat(),
    }
    return reverse("initiatives:initiative_list") + "?" + urlencode(params)


declare(
    "members",
    _("Members"),
    _("Members in the unions at the end of the period."),
    Stock(Member, ~Q(status=MemberStatus.TRANSFERRED), "org_path", start="joined_on", end="left_on"),
    link=_members_link(),
)


declare(
    "members_women",
    _("Women members"),
    _("Women among the members at the end of the period."),
    Stock(
        Member,
        ~Q(status=MemberStatus.TRANSFERRED) & Q(gender=Gender.FEMALE),
        "org_path",
        start="joined_on",
        end="left_on",
    ),
    link=_members_link(gender="female"),
)


declare(
    "members_new",
    _("New members"),
    _("Members who joined the union during the period."),
    Flow(Member, Q(), "org_path", date="joined_on"),
)


declare(
    "grassroots",
    _("Grassroots unions"),
    _("Grassroots unions existing at the end of the period."),
    Stock(Organization, Q(kind=OrgKind.GRASSROOTS), "path", start="founded_on", end="dissolved_on"),
    link=lambda scope, period: reverse("unions:organization_detail", args=[scope.pk]),
)


declare(
    "grassroots_launched",
    _("Grassroots unions that launched a campaign"),
    _("Grassroots unions that recorded the launch of at least one campaign during the period."),
    Distinct(
        CampaignLaunch,
        Q(organization__kind=OrgKind.GRASSROOTS),
        "organization__path",
        date="launched_on",
        key="organization_id",
    ),
)


declare(
    "registrations",
    _("Registrations"),
    _(
        "Registrations for the titles of the years of the period, withdrawn ones excluded (counted by the "
        "title's year: a half-year counts the registrations of its whole year)."
    ),
    ByYear(Registration, ~Q(status=Registration.Status.WITHDRAWN), "org_path"),
    link=lambda scope, period: (
        reverse("campaigns:registration_list")
        + "?"
        + urlencode(
            {"organization": scope.pk, "status": "counted", "year_from": period.start.year, "year_to": period.end.year}
        )
    ),
)


declare(
    "registrations_achieved",
    _("Registrations achieved"),
    _("Registrations marked achieved, for the titles of the years of the period (counted by the title's year)."),
    ByYear(Registration, Q(status=Registration.Status.ACHIEVED), "org_path"),
)


def _recognised_spec(total="", **extra):
    where = Q(status__in=[Initiative.Status.RECOGNISED, Initiative.Status.APPLIED], **extra)
    return Flow(Initiative, where, "org_path", total, date="recognised_on")


declare(
    "initiatives",
    _("Initiatives recognised"),
    _("Initiatives recognised during the period, any scope."),
    _recognised_spec(),
    link=_initiatives_link,
)


declare(
    "initiatives_grassroots",
    _("Initiatives recognised at grassroots level"),
    _("Initiatives whose highest recognition in the period is at grassroots level."),
    _recognised_spec(scope="grassroots"),
)


declare(
    "initiatives_provincial",
    _("Initiatives recognised at provincial or confederation level"),
    _("Initiatives recognised by a province, city or the confederation."),
    _recognised_spec(scope="provincial"),
)


declare(
    "initiatives_national",
    _("Initiatives recognised at national level"),
    _("Initiatives recognised nationally."),
    _recognised_spec(scope="national"),
)


declare(
    "initiatives_value",
    _("Estimated benefit of recognised initiatives"),
    _("Sum of the estimated benefit of the initiatives recognised in the period."),
    _recognised_spec("estimated_benefit"),
    unit="vnd",
    link=_initiatives_link,
)


declare(
    "initiatives_verified_value",
    _("Verified benefit of applied initiatives"),
    _("Sum of the benefit verified during the period."),
    Flow(Initiative, Q(), "org_path", "verified_benefit", date="verified_on"),
    unit="vnd",
)


declare(
    "works_plaque",
    _("Works given a plaque"),
    _("Works and products given a plaque during the period."),
    Flow(WorkProduct, Q(), "organization__path", date="plaque_on"),
)


def _awards_spec(total="", **extra):
    return Flow(Award, Q(status=Award.Status.VALID, **extra), "org_path", total, date="decided_on")


declare(
    "awards_individual",
    _("Individual awards"),
    _(
        "Conferrals (lượt) to members whose decision was signed in the period (counted by the decision date, "
        "whatever the year of the achievement), revoked and cancelled ones excluded."
    ),
    _awards_spec(member__isnull=False),
    link=_awards_link(subject="individual"),
)


declare(
    "awards_collective",
    _("Collective awards"),
    _(
        "Conferrals (lượt) to unions whose decision was signed in the period (counted by the decision date, "
        "whatever the year of the achievement), revoked and cancelled ones excluded."
    ),
    _awards_spec(member__isnull=True),
    link=_awards_link(subject="collective"),
)


declare(
    "bonuses",
    _("Bonuses paid"),
    _("Sum of the bonuses of the valid awards whose decision was signed in the period (counted by the decision date)."),
    _awards_spec("bonus_amount"),
    unit="vnd",
    link=_awards_link(),
)


declare(
    "decisions",
    _("Decisions issued"),
    _(
        "Commendation decisions signed in the period (by the date signed) by the unit or the units below it; "
        "decisions received from a level above or from outside the union, and cancelled ones, are not counted."
    ),
    Flow(Decision, Q(issuer__isnull=False, status=Decision.Status.VALID), "issuer__path", date="signed_on"),
)


declare(
    "proposals_waiting",
    _("Proposals waiting"),
    _("Proposals received and not yet decided."),
    Current(Proposal, Q(status__in=WAITING), "to_org__path"),
    link=lambda scope, period: reverse("awards:proposal_list"),
)


HEADLINE = [
    "members",
    "members_women",
    "grassroots",
    "awards_individual",
    "awards_collective",
    "initiatives",
    "initiatives_value",
    "bonuses",
]
CHILD_COLUMNS = [
    "members",
    "grassroots",
    "grassroots_launched",
    "awards_individual",
    "awards_collective",
    "initiatives",
]


def live_values(scope, wanted, children=None):
    """{(period code, metric code): value} of a scope counted from the rows, for [(period, metric code)]. The
    metrics of one table, owner path and tree share one query with a filtered aggregate each: a dashboard below
    the rollup depth asks some twenty figures, which were twenty queries.

    With `children` (period, codes), the tables that also give a per-child column of that period count it in the
    same query, grouped by child: the scope's figures are then the sums of its children's rows (every row has
    one child key), and the columns wait on the scope object for `live_by_child`.

    The periods' dates are stand-ins (core/statements.py): a query of the same shape for another union of the
    same depth, or another period, reuses the SQL compiled the first time."""
    named, days = _stand_in_periods([p for p, _code in wanted] + ([children[0]] if children else []))
    wanted = [(named[period.code], code) for period, code in wanted]
    if children is not None:
        children = (named[children[0].code], children[1])
    groups: list[dict] = []
    for period, code in wanted:
        metric = REGISTRY[code]
        spec = metric.rollup
        subtree = placement.subtree_q(scope, metric.day(period), spec.path)
        group = next(
            (g for g in groups if g["model"] is spec.model and g["path"] == spec.path and g["subtree"] == subtree),
            None,
        )
        if group is None:
            group = {"model": spec.model, "path": spec.path, "subtree": subtree, "items": [], "columns": []}
            groups.append(group)
        group["items"].append(((period.code, code), spec, condition(spec, period), period))
    if children is not None:
        _add_columns(scope, groups, *children)
    found = {}
    for group in groups:
        rows = _group_rows(scope, group, days)
        for i, (key, *_rest) in enumerate(group["items"]):
            found[key] = sum(row[f"v{i}"] or 0 for row in rows)
        if group["columns"]:
            memo = scope.__dict__.setdefault("_live_columns", {})
            for j, (code, *_rest, same) in enumerate(group["columns"]):
                name = f"c{j}" if same is None else f"v{same}"
                memo[children[0].code, code] = {row["child"]: row[name] for row in rows if row[name]}
    return found


def _stand_in_periods(period_list):
    """({period code: the period with stand-in dates}, {name: date}): the i-th period's dates are "i.start" and
    "i.end"."""
    named: dict[str, Any] = {}
    days: dict[str, datetime.date] = {}
    for period in period_list:
        if period.code in named:
            continue
        i = len(named)
        days |= {f"{i}.start": period.start, f"{i}.end": period.end}
        ins = statements.stand_ins({f"{i}.start": period.start, f"{i}.end": period.end})
        named[period.code] = dataclasses.replace(period, start=ins[f"{i}.start"], end=ins[f"{i}.end"])
    return named, days


def _add_columns(scope, groups, period, codes):
    """Give each group the per-child columns it can count in its own query: same table, owner path and subtree on
    the period's last day, and every count of the group adds up over children."""
    for code in codes:
        metric = REGISTRY[code]
        spec = metric.rollup
        subtree = placement.subtree_q(scope, metric.day(period), spec.path)
        day = metric.day(period)
        for group in groups:
            if group["model"] is spec.model and group["path"] == spec.path and group["subtree"] == subtree:
                same_day = all(other[3] == day for other in group["columns"])
                if same_day and _adds_up(spec) and all(_adds_up(item[1]) for item in group["items"]):
                    # A column the group counts already as a figure of the scope is that figure's rows.
                    keys = [item[0] for item in group["items"]]
                    same = keys.index((period.code, code)) if (period.code, code) in keys else None
                    group["columns"].append((code, spec, condition(spec, period), day, period, same))
                break


def _adds_up(spec):
    """Whether a child's counts add up to the scope's: a distinct count only when its key is the owner itself (a
    union that launched counts once, in its own child)."""
    return not isinstance(spec, Distinct) or spec.path == spec.key.removesuffix("_id") + "__path"


def _group_rows(scope, group, days):
    """The group's row dicts: v<i> per item, and with columns a row per child with c<j> per column (else one
    row). Through the statement store when the tree of every day counted is today's (no unit moved since)."""
    items, columns = group["items"], group["columns"]

    def build():
        counts = [(f"v{i}", spec, only) for i, (_key, spec, only, _p) in enumerate(items)]
        counts += [(f"c{j}", spec, only) for j, (_c, spec, only, _d, _p, same) in enumerate(columns) if same is None]
        where, filters = _factored([only for _name, _spec, only in counts])
        # Without columns, a constant key: Django groups by nothing, so one row of totals comes back.
        child = placement.child_key(scope, columns[0][3], group["path"]) if columns else Value("")
        return (
            group["model"]
            ._default_manager.filter(group["subtree"], where)
            .order_by()
            .annotate(child=child)
            .values("child")
            .annotate(**{name: aggregate(spec, only) for (name, spec, _o), only in zip(counts, filters, strict=True)})
        )

    counted = [(key[1], period) for key, _spec, _only, period in items]
    counted += [(code, period) for code, _spec, _only, _day, period, _same in columns]
    moved = any(placement.as_of(scope, REGISTRY[code].day(period)).regrouped for code, period in counted)
    return statements.fetch(_shape(scope, group), group["model"], build, days, scope.path, reuse=not moved)


def _shape(scope, group):
    """What the group's SQL depends on besides its dates and the scope's path: the metrics, which period each
    counts (by stand-in name), the years of a per-year metric, the depth of the scope."""

    def part(code, spec, period):
        return (code, period.start.name, tuple(period.years) if isinstance(spec, ByYear) else None)

    return (
        "live",
        group["model"]._meta.label,
        group["path"],
        len(scope.path),
        tuple(part(key[1], spec, period) for key, spec, _only, period in group["items"]),
        tuple((*part(code, spec, period), same) for code, spec, _only, _day, period, same in group["columns"]),
    )


def live_by_child(scope, period, codes):
    """{code: {child path: value}} like Metric.by_child, one grouped query per table (see live_values); the
    columns live_values counted already are taken from the scope object."""
    memo = scope.__dict__.get("_live_columns", {})
    found: dict[str, dict] = {code: memo[period.code, code] for code in codes if (period.code, code) in memo}
    groups: dict[tuple, list] = {}
    for code in codes:
        if code in found:
            continue
        metric = REGISTRY[code]
        spec = metric.rollup
        groups.setdefault((spec.model, spec.path, metric.day(period)), []).append((code, spec, condition(spec, period)))
    for (model, path, day), items in groups.items():
        where, filters = _factored([only for _code, _spec, only in items])
        rows = list(
            model._default_manager.filter(placement.subtree_q(scope, day, path), where)
            .order_by()
            .annotate(child=placement.child_key(scope, day, path))
            .values("child")
            .annotate(**{f"v{i}": aggregate(spec, filters[i]) for i, (_code, spec, _only) in enumerate(items)})
        )
        for i, (code, _spec, _only) in enumerate(items):
            # A child without rows of this metric is left out, as the metric's own query leaves it out.
            found[code] = {row["child"]: row[f"v{i}"] or 0 for row in rows if row[f"v{i}"]}
    return found


def _factored(conditions):
    """(where, filters) for filtered aggregates over one table: the terms every condition has are asked once in
    WHERE, and each aggregate filters on its own rest (None: every row read). When every rest holds a date range
    on the same column (flows), WHERE also bounds that column by the ranges' hull, so the index on it serves for
    a large scope and the rows outside every range are not read; alive-on-a-day stocks read the subtree's rows.
    (An OR of the rests planned four times slower for the same rows.)"""
    parts = [_terms(only) for only in conditions]
    common = [term for term in parts[0] if all(term in part for part in parts[1:])] if parts else []
    rests = [[term for term in part if term not in common] for part in parts]
    where = _all(common) or Q()
    ranges = [[term for term in rest if isinstance(term, tuple) and term[0].endswith("__range")] for rest in rests]
    fields = {found[0][0] for found in ranges if found}
    if rests and all(ranges) and len(fields) == 1:
        where &= Q(**{fields.pop(): (min(r[0][1][0] for r in ranges), max(r[0][1][1] for r in ranges))})
    return where, [_all(rest) for rest in rests]


def _terms(only):
    """The terms a condition requires together (its AND-ed children)."""
    if not only:
        return []
    if only.connector == Q.AND and not only.negated:
        return list(only.children)
    return [only]


def _all(terms):
    return Q(*terms) if terms else None


def coverage_percent(launched, total):
    return round(100 * launched / total, 1) if total else None


def awards_by_type(scope, period):
    """Lượt per award type whose decision was signed in the period, highest awards first (a breakdown)."""
    awards, _path, _count = live(_awards_spec(), period)
    rows = (
        awards.filter(placement.subtree_q(scope, period.end, "org_path"))
        .order_by()
        .values("award_type__code", "award_type__name", "award_type__rank")
        .annotate(n=Count("id"))
        .order_by("-award_type__rank", "award_type__name")
    )
    return [(r["award_type__code"], r["award_type__name"], r["n"]) for r in rows]
