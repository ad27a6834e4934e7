"""Everything the rules look at, loaded for many subjects at once (a fixed number of queries)."""

from collections import defaultdict

from django.db.models import Count

from campaigns.models import ClusterMember, Initiative, InitiativeAuthor, ResearchProject

from ..models import Award, Complaint, DisciplineRecord, LeaveRecord, PerformanceRating, UnionQualityRating
from .collective import union_stats
from .worktime import work_time

HISTORY_YEARS = 10


class Evidence:
    def __init__(self, *, members=(), unions=(), year, pending=None):
        self.year = year
        # {award code: member ids} proposed in the same file, for the collectives' conditional shares.
        self.pending = pending or {}
        self.first_year = year - HISTORY_YEARS
        self.members = {m.pk: m for m in members}
        self.unions = {u.pk: u for u in unions}
        self._load_members()
        self._load_unions()
        self._quota_counts = None
        self._leaves = None
        self._quality = None

    def quota_used(self, award_type, org):
        """Valid awards of this type in the year within the subject's provincial federation (rule 9)."""
        if self._quota_counts is None:
            from django.db.models.functions import Substr

            prefix = 2 * 4  # confederation + province steps of the materialised path
            rows = (
                Award.objects.filter(year=self.year, status=Award.Status.VALID, award_type__annual_quota__isnull=False)
                .annotate(province=Substr("organization__path", 1, prefix))
                .order_by()
                .values("award_type_id", "province")
                .annotate(n=Count("id"))
            )
            self._quota_counts = {(r["award_type_id"], r["province"]): r["n"] for r in rows}
        return self._quota_counts.get((award_type.pk, org.path[:8]), 0)

    def work_time(self, member):
        """Months worked and days absent of `member` in the year (see `worktime.work_time`).

        The leave records are read on the first call, for every member at once: pages that evaluate only
        collectives, or rules that never ask, do not pay the query.
        """
        if self._leaves is None:
            self._leaves = defaultdict(list)
            for member_id, kind, days in LeaveRecord.objects.filter(
                member_id__in=list(self.members), year=self.year
            ).values_list("member_id", "kind", "days"):
                self._leaves[member_id].append((kind, days))
        return work_time(self.year, member, self.member_ratings[member.pk].get(self.year), self._leaves[member.pk])

    def quality(self, union):
        """The quality ratings the level above gave `union`, by year (read once for every union, on first ask)."""
        if self._quality is None:
            self._quality = defaultdict(dict)
            for r in UnionQualityRating.objects.filter(
                organization_id__in=list(self.unions), year__gte=self.first_year
            ):
                self._quality[r.organization_id][r.year] = r
        return self._quality[union.pk]

    # ---- individuals -------------------------------------------------------
    def _load_members(self):
        ids = list(self.members)
        self.member_ratings = defaultdict(dict)
        self.member_awards = defaultdict(lambda: defaultdict(list))
        self.member_initiatives = defaultdict(list)
        self.member_research = defaultdict(list)
        self.member_discipline = defaultdict(list)
        self.member_open_complaints = defaultdict(list)
        if not ids:
            return
        for r in PerformanceRating.objects.filter(member_id__in=ids, year__gte=self.first_year):
            self.member_ratings[r.member_id][r.year] = r
        for a in Award.objects.filter(member_id__in=ids, status=Award.Status.VALID).select_related(
            "award_type", "decision"
        ):
            self.member_awards[a.member_id][a.award_type.code].append(a)
        authorships = InitiativeAuthor.objects.filter(
            member_id__in=ids, initiative__status__in=[Initiative.Status.RECOGNISED, Initiative.Status.APPLIED]
        ).select_related("initiative", "initiative__award")
        for a in authorships:
            self.member_initiatives[a.member_id].append(a.initiative)
        for p in ResearchProject.objects.filter(lead_id__in=ids, accepted_on__isnull=False):
            self.member_research[p.lead_id].append(p)
        # The open-case rule prints each record, whose label names its member and union: load them with it.
        for d in DisciplineRecord.objects.filter(member_id__in=ids).select_related("member", "organization"):
            self.member_discipline[d.member_id].append(d)
        for c in Complaint.objects.filter(member_id__in=ids, resolved_on__isnull=True).select_related(
            "member", "organization"
        ):
            self.member_open_complaints[c.member_id].append(c)

    # ---- collectives -------------------------------------------------------
    def _load_unions(self):
        ids = list(self.unions)
        self.union_ratings = defaultdict(dict)
        self.union_awards = defaultdict(lambda: defaultdict(list))
        self.union_discipline = defaultdict(list)
        self.union_open_complaints = defaultdict(list)
        self.union_cluster_ranks = defaultdict(list)
        self.union_stats = {}
        if not ids:
            return
        for r in PerformanceRating.objects.filter(
            organization_id__in=ids, member__isnull=True, year__gte=self.first_year
        ):
            self.union_ratings[r.organization_id][r.year] = r
        for a in Award.objects.filter(
            organization_id__in=ids, member__isnull=True, status=Award.Status.VALID
        ).select_related("award_type"):
            self.union_awards[a.organization_id][a.award_type.code].append(a)
        for d in DisciplineRecord.objects.filter(organization_id__in=ids).select_related("member", "organization"):
            self.union_discipline[d.organization_id].append(d)
        for c in Complaint.objects.filter(
            organization_id__in=ids, resolved_on__isnull=True, member__isnull=True
        ).select_related("organization"):
            self.union_open_complaints[c.organization_id].append(c)
        for m in ClusterMember.objects.filter(organization_id__in=ids, rank__isnull=False).select_related(
            "cluster", "cluster__campaign"
        ):
            self.union_cluster_ranks[m.organization_id].append(m)
        self._load_union_stats(ids)

    def _load_union_stats(self, ids):
        """Per union, with its divisions and groups on the reference date (see `collective`)."""
        self.union_stats = union_stats([self.unions[pk] for pk in ids], self.year, self.pending)
