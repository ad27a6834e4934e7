"""What the member picker of a registration shows besides the members: the union's divisions and groups,
the job titles to pick by, and who is already registered (marked, not offered again)."""

from collections import defaultdict

from unions.models import Organization

from ..models import Registration


def subunits(union):
    """The divisions and groups (tổ công đoàn) under `union`, in tree order, for the "by group" choice."""
    units = Organization.objects.filter(path__startswith=union.path, depth__gt=union.depth, dissolved_on__isnull=True)
    return list(units.order_by("path"))


def job_titles(members):
    """The distinct job titles among `members` (a queryset), for the "by job title" choice."""
    return list(members.exclude(job_title="").order_by("job_title").values_list("job_title", flat=True).distinct())


def registered_titles(campaign, year, union):
    """{member id: [titles]} of the union's members already registered in `campaign` for `year`."""
    titles = defaultdict(list)
    rows = (
        Registration.objects.filter(
            campaign=campaign, year=year, member__isnull=False, member__org_path__startswith=union.path
        )
        .order_by("title")
        .values_list("member_id", "title")
    )
    for member_id, title in rows:
        titles[member_id].append(title)
    return dict(titles)
