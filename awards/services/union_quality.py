"""The yearly quality rating of grassroots unions, given by the union above them (awards.UnionQualityRating)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions import access

from ..models import Rating, UnionQualityRating

SCORE_MAX = 100


@transaction.atomic
def union_quality_save(*, actor, year, rows):
    """Save the year's class and score of several grassroots unions at once: all rows or none.

    `rows`: (union, grade, score, note); a blank grade removes the union's rating of the year. Each union must
    be one the actor rates (the union above it, in reach): anything else is refused as a whole. The problems
    of the rows are raised together as {union pk: [messages]}, so the grid shows each beside its row.
    """
    for union, *_rest in rows:
        access.require(actor, access.UNION_RATE, union)
    errors = {}
    for union, grade, score, _note in rows:
        problems = _problems(grade, score)
        if problems:
            errors[str(union.pk)] = problems
    if errors:
        raise ValidationError(errors)
    # One lock on the year's rows of these unions: two people saving the same grid cannot interleave.
    saved = {
        r.organization_id: r
        for r in UnionQualityRating.objects.select_for_update().filter(
            organization__in=[row[0] for row in rows], year=year
        )
    }
    for union, grade, score, note in rows:
        record = saved.get(union.pk)
        if not grade:
            if record is not None:
                record._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
                record.delete()
            continue
        if record is not None and (record.grade, record.score, record.note) == (grade, score, note or ""):
            continue
        record = record or UnionQualityRating(organization=union, year=year)
        record.grade, record.score, record.note, record.rated_by = grade, score, note or "", actor
        record._history_user = actor  # type: ignore[attr-defined]  # read by simple_history
        record.save()


def _problems(grade, score):
    problems = []
    if grade and grade not in Rating.values:
        problems.append(_("Unknown class."))
    if score is not None and not 0 <= score <= SCORE_MAX:
        problems.append(_("The score must be between 0 and %(max)s.") % {"max": SCORE_MAX})
    if score is not None and not grade:
        problems.append(_("A score needs a class: choose the class too."))
    return problems
