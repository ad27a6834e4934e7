"""Who in an organisation meets which award in a year, with the reasons (a page of subjects at a time)."""

from django.core.paginator import Paginator

from unions import access
from unions.models import Member, MemberStatus, Organization, OrgKind

from ..eligibility.engine import evaluate, type_names
from ..eligibility.evidence import Evidence
from ..eligibility.pending import pending_in_drafts

PAGE_SIZE = 40


def candidates(user, organization, year, award_type, page_number=None, only_eligible=False):
    if award_type.subject_kind == "individual":
        subjects = (
            access.restrict(Member.objects.all(), user, access.READ, "organization")
            .filter(status=MemberStatus.ACTIVE, organization__path__startswith=organization.path)
            .select_related("organization")
            .order_by("search_name", "pk")
        )
    else:
        subjects = (
            access.restrict(Organization.objects.all(), user, access.READ)
            .filter(kind=OrgKind.GRASSROOTS, dissolved_on__isnull=True, path__startswith=organization.path)
            .order_by("name")
        )
    page = Paginator(subjects, PAGE_SIZE).get_page(page_number)
    items = list(page.object_list)
    individual = award_type.subject_kind == "individual"
    pending = None if individual else pending_in_drafts(organization, year)
    evidence = Evidence(
        members=items if individual else [], unions=[] if individual else items, year=year, pending=pending
    )
    names = type_names()
    award_type = type(award_type).objects.prefetch_related("rule_sets").get(pk=award_type.pk)
    rows = [(s, evaluate(s, award_type, year, evidence=evidence, names=names)) for s in items]
    if only_eligible:
        rows = [r for r in rows if r[1].eligible]
    return page, rows
