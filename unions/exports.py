from django.utils.translation import gettext as _

from core import xlsx


def members_workbook(queryset):
    wb, ws = xlsx.new_workbook(_("Members"))
    headers = [
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
    ]
    rows = (
        [
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
        ]
        for m in queryset.select_related("organization").iterator(chunk_size=2000)
    )
    xlsx.write_table(ws, headers, rows, widths=[12, 28, 8, 12, 15, 14, 36, 14, 12, 10, 22, 14, 13, 24, 14, 12])
    return xlsx.to_bytes(wb)


response = xlsx.xlsx_response
