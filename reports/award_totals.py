"""Awards received in a scope as a báo cáo states them: by form of award and by who issued them.

A federation's report says "5 Cờ thi đua and 311 Bằng khen of the federation (94 collectives, 217
individuals); 3 Cờ thi đua and 41 Bằng khen of the Confederation". So the awards received by the subjects
of a scope are grouped by
- who issued them, seen from the scope: the scope itself, a level above it, a unit below it, a body outside
  the union (a People's Committee, the Prime Minister: a decision without an issuer in the tree), another
  branch of the union;
- the form of award (Cờ thi đua, Bằng khen, Giấy khen; a title such as Lao động tiên tiến stands alone);
- collective or individual;
and counted by the date the decision was signed: an award belongs to the period in which it was decided,
whatever year its achievement was.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from awards.award_names import FORMS, words
from awards.models import Award, AwardType
from core import statements
from unions import placement

from . import rollups

OWN, ABOVE, BELOW, OUTSIDE, OTHER = rollups.OWN, rollups.ABOVE, rollups.BELOW, rollups.OUTSIDE, rollups.OTHER
ISSUERS = {
    OWN: _("Issued by the unit itself"),
    ABOVE: _("Received from a level above"),
    BELOW: _("Issued by units below"),
    OUTSIDE: _("Received from outside the union"),
    OTHER: _("Received from another branch of the union"),
}
FORM_LABELS = {
    "co thi dua": _("Emulation flag (Cờ thi đua)"),
    "bang khen": _("Certificate of merit (Bằng khen)"),
    "giay khen": _("Certificate of commendation (Giấy khen)"),
}


@dataclass(frozen=True)
class Total:
    issuer: str
    form: str  # a key of FORM_LABELS, or "t:<award type code>" for a title
    label: str
    collective: int
    individual: int

    @property
    def total(self):
        return self.collective + self.individual

    @property
    def issuer_label(self):
        return str(ISSUERS[self.issuer])


def form_of(award_type):
    key = words(award_type.name)
    return next((form for form in FORMS if key.startswith(form)), f"t-{award_type.code}")


def issuer_of(scope_path, issuer_path):
    if issuer_path is None:
        return OUTSIDE
    if issuer_path == scope_path:
        return OWN
    if issuer_path.startswith(scope_path):
        return BELOW
    if scope_path.startswith(issuer_path):
        return ABOVE
    return OTHER


def _totals(counts, types):
    """[Total] from {(issuer, form): (collective, individual)}: issuers in report order, then flags, certificates
    of merit and of commendation, then titles highest first."""
    by_form = {f"t-{t.code}": t for t in types}
    forms = list(FORM_LABELS)

    def order(key):
        issuer, form = key
        title = by_form.get(form)
        return (
            list(ISSUERS).index(issuer),
            forms.index(form) if form in forms else len(forms),
            -(title.rank if title else 0),
            form,
        )

    return [
        Total(
            issuer, form, str(FORM_LABELS.get(form) or getattr(by_form.get(form), "name", form)), *counts[issuer, form]
        )
        for issuer, form in sorted(counts, key=order)
    ]


def received(scope: Any, period: Any) -> list[tuple[AwardType, str, int, int]]:
    """[(award type, issuer class, collective, individual)] of the valid awards received in the scope whose
    decision was signed in the period, shared by the totals by form and issuer and the totals by level
    (remembered on the scope object, which a page or a report asks both of).

    Scopes and periods the rollup table holds read it (a past year of the whole country is half a million
    awards); the others count live in one grouped query. The receivers are the units of the scope on the
    period's last day (unions/placement.py); the issuer is placed on today's tree (a decision's issuer rarely
    moves, and an issuer that did stays who it was)."""
    cache: dict[tuple[Any, Any], list[tuple[AwardType, str, int, int]]]
    cache = scope.__dict__.setdefault("_awards_received", {})
    key = (period.start, period.end)
    if key not in cache:
        if rollups.covers(scope, period):
            types = {t.code: t for t in _award_types(scope)}
            cache[key] = [(types[code], issuer, c, i) for code, issuer, c, i in rollups.awards_received(scope, period)]
        else:
            cache[key] = received_live(scope, period)
    return cache[key]


def received_live(scope, period):
    days = {"start": period.start, "end": period.end}
    ins = statements.stand_ins(days)

    def build():
        return (
            Award.objects.filter(
                placement.subtree_q(scope, ins["end"], "org_path"),
                status=Award.Status.VALID,
                decided_on__range=(ins["start"], ins["end"]),
            )
            .order_by()
            .values("award_type_id", "decision__issuer__path")
            .annotate(
                collective=Count("id", filter=Q(member__isnull=True)),
                individual=Count("id", filter=Q(member__isnull=False)),
            )
        )

    moved = placement.as_of(scope, period.end).regrouped
    rows = statements.fetch(("received", len(scope.path)), Award, build, days, scope.path, reuse=not moved)
    types = {t.pk: t for t in _award_types(scope)}
    return [
        (
            types[r["award_type_id"]],
            issuer_of(scope.path, r["decision__issuer__path"]),
            r["collective"],
            r["individual"],
        )
        for r in rows
    ]


def award_totals(scope, period, live=False):
    """[Total] of the valid awards received in the scope whose decision was signed in the period (counted live
    when asked: the tests compare both paths)."""
    counts = {}
    forms = {}
    for award_type, issuer, collective_n, individual_n in (received_live if live else received)(scope, period):
        if award_type.pk not in forms:
            forms[award_type.pk] = form_of(award_type)
        key = (issuer, forms[award_type.pk])
        collective, individual = counts.get(key, (0, 0))
        counts[key] = (collective + collective_n, individual + individual_n)
    return _totals(counts, _award_types(scope))


def _award_types(scope):
    """The catalogue of award types, read once per scope object (a page asks for it from several parts)."""
    if "_award_types" not in scope.__dict__:
        scope.__dict__["_award_types"] = list(AwardType.objects.all())
    return scope.__dict__["_award_types"]


def snapshot_codes(totals):
    """{snapshot code: value}: how a report run keeps the totals frozen."""
    codes = {}
    for t in totals:
        codes[f"total:{t.issuer}:{t.form}:collective"] = t.collective
        codes[f"total:{t.issuer}:{t.form}:individual"] = t.individual
    return codes


def from_snapshots(snapshots):
    """[Total] rebuilt from a run's snapshots, in the same order as award_totals."""
    counts = {}
    for s in snapshots:
        if s.code.startswith("total:") and not s.child:
            _prefix, issuer, form, kind = s.code.split(":")
            collective, individual = counts.get((issuer, form), (0, 0))
            counts[issuer, form] = (s.value, individual) if kind == "collective" else (collective, s.value)
    return _totals(counts, AwardType.objects.all())
