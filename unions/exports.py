"""The member list as an Excel file (a background job above EXPORT_INLINE_ROWS rows: jobs/exports.py)."""

from django.utils.translation import gettext_lazy as _

from core import xlsx
from jobs import exports

MEMBERS = xlsx.Table(
    title=_("Members"),
    headers=[
        _("Member code"),
        _("Full name"),
        _("Gender"),
        _("Date of birth"),
        _("Citizen ID (CCCD)"),
        _("Union code"),
        _("Union"),
        _("Member card number"),
        _("Joined the union on"),
        _("Ethnicity"),
        _("Job title"),
        _("Education level"),
        _("Phone"),
        _("E-mail"),
        _("Status"),
        _("Left on"),
    ],
    row=lambda m: [
        m.member_code,
        m.full_name,
        m.get_gender_display(),
        m.birth_date,
        m.national_id or "",
        m.organization.code,
        m.organization.name,
        m.card_number,
        m.joined_on,
        m.ethnicity,
        m.job_title,
        m.get_education_display(),
        m.phone,
        m.email,
        m.get_status_display(),
        m.left_on,
    ],
    widths=[12, 28, 8, 12, 15, 14, 36, 14, 12, 10, 22, 14, 13, 24, 14, 12],
)


def _rows(queryset):
    return queryset.select_related("organization").iterator(chunk_size=2000)


def members_workbook(queryset):
    return MEMBERS.to_bytes(_rows(queryset))


def _member_rows(user, params):
    from .filters import MemberFilter
    from .selectors import member_list_for

    data = params.copy()
    data.setdefault("status", "active")
    member_filter = MemberFilter(data, queryset=member_list_for(user), user=user)
    rows = member_filter.qs
    if member_filter.loose_qs is not None and not rows.exists():  # as the list falls back (views.members._page)
        rows = member_filter.loose_qs
    return rows


MEMBER_EXPORT = exports.register(
    exports.Export(
        kind="unions.members",
        label=_("Member list"),
        filename="doan-vien",
        rows=_member_rows,
        write=lambda rows, out, progress=None: MEMBERS.write(out, _rows(rows), progress),
    )
)

response = xlsx.xlsx_response
