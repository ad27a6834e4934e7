"""The quality grid: the grassroots unions under an organisation that the user rates, with their year's rating."""

from dataclasses import dataclass

from unions import access
from unions.models import Organization

from ..models import UnionQualityRating


@dataclass
class QualityRow:
    union: Organization
    rating: UnionQualityRating | None


def quality_grid_for(user, organization, year):
    """Rows in name order, two queries whatever the number of unions."""
    unions = list(
        access.orgs_for(user, access.UNION_RATE)
        .filter(path__startswith=organization.path, dissolved_on__isnull=True)
        .order_by("name", "pk")
    )
    ratings = {r.organization_id: r for r in UnionQualityRating.objects.filter(organization__in=unions, year=year)}
    return [QualityRow(union=u, rating=ratings.get(u.pk)) for u in unions]
