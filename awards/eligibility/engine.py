"""Evaluate a subject against an award type: each rule's result and an overall verdict."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from unions.models import Member

from ..models import Award, AwardType
from .evidence import Evidence
from .registry import CONDITIONAL, DEFER, FAIL, PASS, WARN, Result, run


@dataclass
class Context:
    subject: object
    collective: bool
    year: int
    award_type: object
    evidence: Evidence
    type_names_by_code: dict = field(default_factory=dict)

    @property
    def ratings(self):
        ev = self.evidence
        return ev.union_ratings[self.subject.pk] if self.collective else ev.member_ratings[self.subject.pk]

    @property
    def work_time(self):
        """Months worked and days absent in the year: computed from dates and leave, or typed (individuals)."""
        return self.evidence.work_time(self.subject)

    @property
    def awards(self):
        ev = self.evidence
        return ev.union_awards[self.subject.pk] if self.collective else ev.member_awards[self.subject.pk]

    @property
    def discipline(self):
        ev = self.evidence
        return ev.union_discipline[self.subject.pk] if self.collective else ev.member_discipline[self.subject.pk]

    @property
    def open_complaints(self):
        ev = self.evidence
        if self.collective:
            return ev.union_open_complaints[self.subject.pk]
        return ev.member_open_complaints[self.subject.pk]

    @property
    def quality(self):
        """The yearly quality ratings of a grassroots union given by the level above, by year."""
        return self.evidence.quality(self.subject)

    @property
    def initiatives(self):
        return self.evidence.member_initiatives[self.subject.pk]

    @property
    def research(self):
        return self.evidence.member_research[self.subject.pk]

    @property
    def stats(self):
        return self.evidence.union_stats[self.subject.pk]

    @property
    def cluster_ranks(self):
        return self.evidence.union_cluster_ranks[self.subject.pk]

    def initiative_free(self, initiative):
        """Rule 10: an initiative supports at most one award."""
        return _safe_award(initiative) is None

    def type_name(self, code):
        return self.type_names_by_code.get(code, code)

    def type_names(self, codes):
        return [self.type_name(c) for c in codes]

    def quota_used(self):
        org = self.subject if self.collective else self.subject.organization
        return self.evidence.quota_used(self.award_type, org)


def _safe_award(initiative):
    try:
        return initiative.award
    except Award.DoesNotExist:
        return None


@dataclass
class Verdict:
    award_type: object
    results: list

    @property
    def status(self):
        statuses = {r.status for r in self.results}
        if FAIL in statuses:
            return FAIL
        if DEFER in statuses:
            return DEFER
        if CONDITIONAL in statuses:
            return CONDITIONAL
        if WARN in statuses:
            return WARN
        return PASS

    @property
    def eligible(self):
        return self.status in (PASS, WARN, CONDITIONAL)


def type_names():
    return dict(AwardType.objects.values_list("code", "name"))


def evaluate(subject, award_type, year, *, evidence=None, on=None, names=None, pending=None):
    """Check `subject` (a Member or an Organization) for `award_type` in `year`.

    `pending` ({award code: member ids}) names the members proposed in the same file: a collective whose share
    of titled members is met only with them is eligible on condition that they are approved."""
    collective = not isinstance(subject, Member)
    if (award_type.subject_kind == "collective") != collective:
        return Verdict(award_type, [Result("subject_kind", FAIL, _("This award is not for this kind of subject."))])
    if evidence is None:
        evidence = Evidence(
            members=[] if collective else [subject],
            unions=[subject] if collective else [],
            year=year,
            pending=pending,
        )
    rule_set = award_type.rule_set_on(on or timezone.localdate())
    if rule_set is None:
        return Verdict(award_type, [Result("rule_set", WARN, _("No rules in force for this award: check by hand."))])
    ctx = Context(subject, collective, year, award_type, evidence, names if names is not None else type_names())
    return Verdict(award_type, [run(spec, ctx) for spec in rule_set.rules])
