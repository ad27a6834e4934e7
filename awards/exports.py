"""Excel files of awards data, built from what the selectors return (already scoped to the user)."""

from django.utils.translation import gettext as _

from core import xlsx


def awards_workbook(queryset):
    """The award register: one row per award of `queryset` (selectors.awards.award_list_for, filtered)."""
    rows = (
        [
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
        ]
        for a in queryset.iterator(chunk_size=2000)
    )
    wb, ws = xlsx.new_workbook(_("Awards"))
    xlsx.write_table(
        ws,
        [
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
        rows,
        widths=[8, 40, 28, 12, 36, 16, 12, 36, 14, 14, 14, 12],
    )
    return xlsx.to_bytes(wb)
