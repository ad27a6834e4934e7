"""Excel files of campaigns data, built from what the selectors return (already scoped to the user)."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from core import xlsx


def registrations_workbook(queryset):
    """Emulation registrations: one row per registration of `queryset` (selectors.registration_list_for)."""
    rows = (
        [
            r.campaign.name,
            r.year,
            r.subject_name,
            r.member.member_code if r.member_id else "",
            r.organization.name,
            r.title,
            r.get_status_display(),
            r.commitment,
        ]
        for r in queryset.iterator(chunk_size=2000)
    )
    wb, ws = xlsx.new_workbook(_("Registrations"))
    xlsx.write_table(
        ws,
        [
            _("Campaign"),
            _("Year"),
            _("Registrant"),
            _("Member code"),
            _("Union"),
            _("Title sought"),
            _("Status"),
            _("Commitment"),
        ],
        rows,
        widths=[36, 8, 28, 12, 36, 28, 14, 40],
    )
    return xlsx.to_bytes(wb)


def _authors_text(initiative):
    return "; ".join(f"{a.member.full_name} ({floatformat(a.share, -2)}%)" for a in initiative.authors.all())


def initiatives_workbook(queryset):
    """The initiative register with its authors and shares (selectors.initiatives.initiative_list_for)."""
    wb, ws = xlsx.new_workbook(_("Initiatives"))
    headers = [
        _("Initiative title"),
        _("Kind"),
        _("Authors"),
        _("Union"),
        _("Year"),
        _("Status"),
        _("Recognised at"),
        _("Recognition decision"),
        _("Recognised on"),
        _("Estimated benefit (VND)"),
        _("Verified benefit (VND)"),
    ]
    rows = (
        [
            i.title,
            i.get_kind_display(),
            _authors_text(i),
            i.organization.name,
            i.year,
            i.get_status_display(),
            i.get_scope_display(),
            i.recognition_decision,
            i.recognised_on,
            i.estimated_benefit,
            i.verified_benefit,
        ]
        for i in queryset.iterator(chunk_size=1000)
    )
    xlsx.write_table(ws, headers, rows, widths=[48, 22, 36, 36, 8, 16, 22, 18, 12, 18, 18])
    return xlsx.to_bytes(wb)


def research_workbook(queryset):
    """Research projects and their lead researchers (selectors.initiatives.research_list_for)."""
    wb, ws = xlsx.new_workbook(_("Research projects"))
    headers = [_("Project title"), _("Union"), _("Lead researcher"), _("Level"), _("Year"), _("Accepted on")]
    rows = (
        [r.title, r.organization.name, r.lead.full_name if r.lead else "", r.get_level_display(), r.year, r.accepted_on]
        for r in queryset.iterator(chunk_size=1000)
    )
    xlsx.write_table(ws, headers, rows, widths=[48, 36, 28, 22, 8, 12])
    return xlsx.to_bytes(wb)


def works_workbook(queryset):
    """Works and products (selectors.initiatives.work_list_for)."""
    wb, ws = xlsx.new_workbook(_("Works and products"))
    headers = [
        _("Work or product"),
        _("Union"),
        _("Campaign"),
        _("Occasion"),
        _("Year"),
        _("Value (VND)"),
        _("Completed on"),
        _("Plaque attached on"),
    ]
    rows = (
        [
            w.name,
            w.organization.name,
            w.campaign.name if w.campaign else "",
            w.occasion,
            w.year,
            w.value,
            w.completed_on,
            w.plaque_on,
        ]
        for w in queryset.iterator(chunk_size=1000)
    )
    xlsx.write_table(ws, headers, rows, widths=[48, 36, 30, 30, 8, 18, 12, 12])
    return xlsx.to_bytes(wb)
