"""The one registry of metrics: dashboards, exports, PDF reports and narratives all count through here.

Each additive metric is a queryset of rows owned by an organisation, the path of that organisation,
and an aggregate. A scope is a subtree (materialised path prefix), so one metric gives the figure of
a scope and, grouped by the next path step, the figure of each child, in one query each.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from awards.models import Award, Decision, Proposal
from campaigns.models import CampaignLaunch, Initiative, Registration, WorkProduct
from unions.models import Gender, Member, MemberStatus, Organization, OrgKind

from .specs import ByYear, Current, Distinct, Flow, Stock

STEP = Organization.steplen
WAITING = ["submitted", "under_review", "public_notice", "council"]


@dataclass
class Metric:
    code: str
    label: object
    definition: object
    source: object  # period -> (queryset, path field, aggregate)
    unit: str = "count"
    link: object = None  # (scope, period) -> url
    tags: tuple = field(default_factory=tuple)
    rollup: object = None  # a reports.specs spec: how the rollup table keeps it

    def value(self, scope, period):
        qs, path, agg = self.source(period)
        return qs.filter(**{f"{path}__startswith": scope.path}).order_by().aggregate(v=agg)["v"] or 0

    def by_child(self, scope, period):
        qs, path, agg = self.source(period)
        rows = (qs.filter(**{f"{path}__startswith": scope.path}).order_by()
                .annotate(child=Substr(path, 1, len(scope.path) + STEP)).values("child").annotate(v=agg))
        return {row["child"]: row["v"] or 0 for row in rows}

    def url(self, scope, period):
        return self.link(scope, period) if self.link else None


REGISTRY = {}


def register(code, label, definition, unit="count", link=None, rollup=None):
    def decorate(source):
        REGISTRY[code] = Metric(code, label, definition, source, unit, link, rollup=rollup)
        return source

    return decorate


# A figure's link opens the list behind it filtered by the same scope and period, so the list counts the same
# rows (tests/reports/test_links.py holds every linked metric to it).

def _members_link(**extra):
    def link(scope, period):
        return reverse("unions:member_list") + "?" + urlencode(
            {"organization": scope.pk, "status": "", "on": period.end.isoformat(), **extra})
    return link


def _awards_link(**extra):
    def link(scope, period):
        params = {"organization": scope.pk, "status": Award.Status.VALID, "decided_from": period.start.isoformat(),
                  "decided_to": period.end.isoformat(), **extra}
        return reverse("awards:award_list") + "?" + urlencode(params)
    return link


def _initiatives_link(scope, period):
    params = {"organization": scope.pk, "recognised_from": period.start.isoformat(),
              "recognised_to": period.end.isoformat()}
    return reverse("initiatives:initiative_list") + "?" + urlencode(params)


def _members_at_end(period):
    return (Member.objects.exclude(status=MemberStatus.TRANSFERRED)
            .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=period.end))
            .filter(Q(left_on__isnull=True) | Q(left_on__gt=period.end)))


@register("members", _("Members"), _("Members in the unions at the end of the period."),
          link=_members_link(),
          rollup=Stock(Member, ~Q(status=MemberStatus.TRANSFERRED), "org_path", start="joined_on", end="left_on"))
def members(period):
    return _members_at_end(period), "org_path", Count("id")


@register("members_women", _("Women members"), _("Women among the members at the end of the period."),
          link=_members_link(gender="female"),
          rollup=Stock(Member, ~Q(status=MemberStatus.TRANSFERRED) & Q(gender=Gender.FEMALE), "org_path",
                       start="joined_on", end="left_on"))
def members_women(period):
    return _members_at_end(period).filter(gender=Gender.FEMALE), "org_path", Count("id")


@register("members_new", _("New members"), _("Members who joined the union during the period."),
          rollup=Flow(Member, Q(), "org_path", date="joined_on"))
def members_new(period):
    return (Member.objects.filter(joined_on__range=(period.start, period.end)), "org_path",
            Count("id"))


@register("grassroots", _("Grassroots unions"), _("Grassroots unions existing at the end of the period."),
          link=lambda scope, period: reverse("unions:organization_detail", args=[scope.pk]),
          rollup=Stock(Organization, Q(kind=OrgKind.GRASSROOTS), "path", start="founded_on",
                       end="dissolved_on"))
def grassroots(period):
    qs = (Organization.objects.filter(kind=OrgKind.GRASSROOTS)
          .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.end))
          .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.end)))
    return qs, "path", Count("id")


@register("grassroots_launched", _("Grassroots unions that launched a campaign"),
          _("Grassroots unions that recorded the launch of at least one campaign during the period."),
          rollup=Distinct(CampaignLaunch, Q(organization__kind=OrgKind.GRASSROOTS), "organization__path",
                          date="launched_on", key="organization_id"))
def grassroots_launched(period):
    qs = CampaignLaunch.objects.filter(launched_on__range=(period.start, period.end),
                                       organization__kind=OrgKind.GRASSROOTS)
    return qs, "organization__path", Count("organization", distinct=True)


@register("registrations", _("Registrations"),
          _("Registrations for the titles of the years of the period, withdrawn ones excluded (counted by the "
            "title's year: a half-year counts the registrations of its whole year)."),
          link=lambda scope, period: reverse("campaigns:registration_list") + "?" + urlencode(
              {"organization": scope.pk, "status": "counted", "year_from": period.start.year,
               "year_to": period.end.year}),
          rollup=ByYear(Registration, ~Q(status=Registration.Status.WITHDRAWN), "org_path"))
def registrations(period):
    qs = Registration.objects.filter(year__in=list(period.years)).exclude(status=Registration.Status.WITHDRAWN)
    return qs, "org_path", Count("id")


@register("registrations_achieved", _("Registrations achieved"),
          _("Registrations marked achieved, for the titles of the years of the period (counted by the title's "
            "year)."),
          rollup=ByYear(Registration, Q(status=Registration.Status.ACHIEVED), "org_path"))
def registrations_achieved(period):
    qs = Registration.objects.filter(year__in=list(period.years), status=Registration.Status.ACHIEVED)
    return qs, "org_path", Count("id")


def _recognised_spec(total="", **extra):
    where = Q(status__in=[Initiative.Status.RECOGNISED, Initiative.Status.APPLIED], **extra)
    return Flow(Initiative, where, "org_path", total, date="recognised_on")


def _recognised(period, **extra):
    return Initiative.objects.filter(status__in=[Initiative.Status.RECOGNISED, Initiative.Status.APPLIED],
                                     recognised_on__range=(period.start, period.end), **extra)


@register("initiatives", _("Initiatives recognised"), _("Initiatives recognised during the period, any scope."),
          link=_initiatives_link, rollup=_recognised_spec())
def initiatives(period):
    return _recognised(period), "org_path", Count("id")


@register("initiatives_grassroots", _("Initiatives recognised at grassroots level"),
          _("Initiatives whose highest recognition in the period is at grassroots level."),
          rollup=_recognised_spec(scope="grassroots"))
def initiatives_grassroots(period):
    return _recognised(period, scope="grassroots"), "org_path", Count("id")


@register("initiatives_provincial", _("Initiatives recognised at provincial or confederation level"),
          _("Initiatives recognised by a province, city or the confederation."),
          rollup=_recognised_spec(scope="provincial"))
def initiatives_provincial(period):
    return _recognised(period, scope="provincial"), "org_path", Count("id")


@register("initiatives_national", _("Initiatives recognised at national level"),
          _("Initiatives recognised nationally."), rollup=_recognised_spec(scope="national"))
def initiatives_national(period):
    return _recognised(period, scope="national"), "org_path", Count("id")


@register("initiatives_value", _("Estimated benefit of recognised initiatives"),
          _("Sum of the estimated benefit of the initiatives recognised in the period."), unit="vnd",
          link=_initiatives_link, rollup=_recognised_spec("estimated_benefit"))
def initiatives_value(period):
    return _recognised(period), "org_path", Sum("estimated_benefit")


@register("initiatives_verified_value", _("Verified benefit of applied initiatives"),
          _("Sum of the benefit verified during the period."), unit="vnd",
          rollup=Flow(Initiative, Q(), "org_path", "verified_benefit", date="verified_on"))
def initiatives_verified_value(period):
    qs = Initiative.objects.filter(verified_on__range=(period.start, period.end))
    return qs, "org_path", Sum("verified_benefit")


@register("works_plaque", _("Works given a plaque"), _("Works and products given a plaque during the period."),
          rollup=Flow(WorkProduct, Q(), "organization__path", date="plaque_on"))
def works_plaque(period):
    return WorkProduct.objects.filter(plaque_on__range=(period.start, period.end)), "organization__path", Count("id")


def _awards(period, **extra):
    return Award.objects.filter(status=Award.Status.VALID, decided_on__range=(period.start, period.end), **extra)


def _awards_spec(total="", **extra):
    return Flow(Award, Q(status=Award.Status.VALID, **extra), "org_path", total, date="decided_on")


@register("awards_individual", _("Individual awards"),
          _("Conferrals (lượt) to members whose decision was signed in the period (counted by the decision date, "
            "whatever the year of the achievement), revoked ones excluded."),
          link=_awards_link(subject="individual"), rollup=_awards_spec(member__isnull=False))
def awards_individual(period):
    return _awards(period, member__isnull=False), "org_path", Count("id")


@register("awards_collective", _("Collective awards"),
          _("Conferrals (lượt) to unions whose decision was signed in the period (counted by the decision date, "
            "whatever the year of the achievement), revoked ones excluded."),
          link=_awards_link(subject="collective"), rollup=_awards_spec(member__isnull=True))
def awards_collective(period):
    return _awards(period, member__isnull=True), "org_path", Count("id")


@register("bonuses", _("Bonuses paid"),
          _("Sum of the bonuses of the valid awards whose decision was signed in the period (counted by the "
            "decision date)."), unit="vnd", link=_awards_link(), rollup=_awards_spec("bonus_amount"))
def bonuses(period):
    return _awards(period), "org_path", Sum("bonus_amount")


@register("decisions", _("Decisions issued"),
          _("Commendation decisions signed in the period (by the date signed) by the unit or the units below it; "
            "decisions received from a level above or from outside the union are not counted."),
          rollup=Flow(Decision, Q(issuer__isnull=False), "issuer__path", date="signed_on"))
def decisions(period):
    return Decision.objects.filter(signed_on__range=(period.start, period.end), issuer__isnull=False), \
        "issuer__path", Count("id")


@register("proposals_waiting", _("Proposals waiting"), _("Proposals received and not yet decided."),
          link=lambda scope, period: reverse("awards:proposal_list"),
          rollup=Current(Proposal, Q(status__in=WAITING), "to_org__path"))
def proposals_waiting(period):
    qs = Proposal.objects.filter(status__in=WAITING)
    return qs, "to_org__path", Count("id")


HEADLINE = ["members", "members_women", "grassroots", "awards_individual", "awards_collective", "initiatives",
            "initiatives_value", "bonuses"]
CHILD_COLUMNS = ["members", "grassroots", "grassroots_launched", "awards_individual", "awards_collective",
                 "initiatives"]


def coverage_percent(launched, total):
    return round(100 * launched / total, 1) if total else None


def awards_by_type(scope, period):
    """Lượt per award type whose decision was signed in the period, highest awards first (a breakdown)."""
    rows = (_awards(period).filter(org_path__startswith=scope.path).order_by()
            .values("award_type__code", "award_type__name", "award_type__rank")
            .annotate(n=Count("id")).order_by("-award_type__rank", "award_type__name"))
    return [(r["award_type__code"], r["award_type__name"], r["n"]) for r in rows]
