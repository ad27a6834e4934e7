"""The award register as an Excel file (a background job above EXPORT_INLINE_ROWS rows: jobs/exports.py)."""

from django.utils.translation import gettext_lazy as _

from core import xlsx
from jobs import exports

AWARDS = xlsx.Table(
    title=_("Awards"),
    headers=[
        _("Year"),
        _("Award"),
        _("Awarded"),
        _("Member code"),
        _("Union"),
        _("Decision"),
        _("Signed on"),
        _("Issuing body"),
        _("Certificate number"),
        _("Gold book number"),
        _("Bonus (VND)"),
        _("Status"),
    ],
    row=lambda a: [
        a.year,
        a.award_type.name,
        a.subject_name,
        a.member.member_code if a.member_id else "",
        a.organization.name,
        a.decision.number,
        a.decision.signed_on,
        a.decision.issuer_name,
        a.certificate_number,
        a.gold_book_number,
        a.bonus_amount,
        a.get_status_display(),
    ],
    widths=[8, 40, 28, 12, 36, 16, 12, 36, 14, 14, 14, 12],
)


def awards_workbook(queryset):
    """The award register: one row per award of `queryset` (selectors.awards.award_list_for, filtered)."""
    return AWARDS.to_bytes(queryset.iterator(chunk_size=2000))


def _award_rows(user, params):
    from .forms.awards import AwardFilter
    from .selectors.awards import award_list_for

    return AwardFilter(params, queryset=award_list_for(user), user=user).qs


AWARD_EXPORT = exports.register(
    exports.Export(
        kind="awards.register",
        label=_("Award register"),
        filename="so-khen-thuong",
        rows=_award_rows,
        write=lambda rows, out, progress=None: AWARDS.write(out, rows.iterator(chunk_size=2000), progress),
    )
)


# The quality grid of grassroots unions, as the district files it: (year, selectors.union_quality.QualityRow).
UNION_QUALITY = xlsx.Table(
    title=_("Quality of grassroots unions"),
    headers=[_("Year"), _("Code"), _("Grassroots union"), _("Class"), _("Score"), _("Note")],
    row=lambda item: [
        item[0],
        item[1].union.code,
        item[1].union.name,
        item[1].rating.get_grade_display() if item[1].rating else "",
        item[1].rating.score if item[1].rating else None,
        item[1].rating.note if item[1].rating else "",
    ],
    widths=(8, 16, 48, 34, 10, 40),
)
