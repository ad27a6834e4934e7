"""Excel files of campaigns data (a background job above EXPORT_INLINE_ROWS rows: jobs/exports.py), built from
what the selectors return, scoped to the user."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from core import xlsx
from jobs import exports

REGISTRATIONS = xlsx.Table(
    title=_("Registrations"),
    headers=[
        _("Campaign"),
        _("Year"),
        _("Registrant"),
        _("Member code"),
        _("Union"),
        _("Title sought"),
        _("Status"),
        _("Commitment"),
    ],
    row=lambda r: [
        r.campaign.name,
        r.year,
        r.subject_name,
        r.member.member_code if r.member_id else "",
        r.organization.name,
        r.title,
        r.get_status_display(),
        r.commitment,
    ],
    widths=[36, 8, 28, 12, 36, 28, 14, 40],
)


def _authors_text(initiative):
    return "; ".join(f"{a.member.full_name} ({floatformat(a.share, -2)}%)" for a in initiative.authors.all())


INITIATIVES = xlsx.Table(
    title=_("Initiatives"),
    headers=[
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
    ],
    row=lambda i: [
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
    ],
    widths=[48, 22, 36, 36, 8, 16, 22, 18, 12, 18, 18],
)
RESEARCH = xlsx.Table(
    title=_("Research projects"),
    headers=[_("Project title"), _("Union"), _("Lead researcher"), _("Level"), _("Year"), _("Accepted on")],
    row=lambda r: [
        r.title,
        r.organization.name,
        r.lead.full_name if r.lead else "",
        r.get_level_display(),
        r.year,
        r.accepted_on,
    ],
    widths=[48, 36, 28, 22, 8, 12],
)
WORKS = xlsx.Table(
    title=_("Works and products"),
    headers=[
        _("Work or product"),
        _("Union"),
        _("Campaign"),
        _("Occasion"),
        _("Year"),
        _("Value (VND)"),
        _("Completed on"),
        _("Plaque attached on"),
    ],
    row=lambda w: [
        w.name,
        w.organization.name,
        w.campaign.name if w.campaign else "",
        w.occasion,
        w.year,
        w.value,
        w.completed_on,
        w.plaque_on,
    ],
    widths=[48, 36, 30, 30, 8, 18, 12, 12],
)


def registrations_workbook(queryset):
    """Emulation registrations: one row per registration of `queryset` (selectors.registration_list_for)."""
    return REGISTRATIONS.to_bytes(queryset.iterator(chunk_size=2000))


def initiatives_workbook(queryset):
    """The initiative register with its authors and shares (selectors.initiatives.initiative_list_for)."""
    return INITIATIVES.to_bytes(queryset.iterator(chunk_size=1000))


def research_workbook(queryset):
    """Research projects and their lead researchers (selectors.initiatives.research_list_for)."""
    return RESEARCH.to_bytes(queryset.iterator(chunk_size=1000))


def works_workbook(queryset):
    """Works and products (selectors.initiatives.work_list_for)."""
    return WORKS.to_bytes(queryset.iterator(chunk_size=1000))


def _registrations(user, params):
    from .filters.registrations import RegistrationFilter
    from .selectors.campaigns import registration_list_for

    return RegistrationFilter(params, queryset=registration_list_for(user), user=user).qs


def _initiatives(user, params):
    from .filters.initiatives import InitiativeFilter
    from .selectors.initiatives import initiative_list_for

    return InitiativeFilter(params, queryset=initiative_list_for(user), user=user).qs


def _research(user, params):
    from .filters.initiatives import ResearchFilter
    from .selectors.initiatives import research_list_for

    return ResearchFilter(params, queryset=research_list_for(user), user=user).qs


def _works(user, params):
    from .filters.initiatives import WorkFilter
    from .selectors.initiatives import work_list_for

    return WorkFilter(params, queryset=work_list_for(user), user=user).qs


def _writer(table, chunk):
    return lambda rows, out, progress=None: table.write(out, rows.iterator(chunk_size=chunk), progress)


REGISTRATION_EXPORT = exports.register(
    exports.Export(
        "campaigns.registrations",
        _("Emulation registrations"),
        "dang-ky-thi-dua",
        _registrations,
        _writer(REGISTRATIONS, 2000),
    )
)
INITIATIVE_EXPORT = exports.register(
    exports.Export(
        "campaigns.initiatives",
        _("Initiatives and their authors"),
        "sang-kien",
        _initiatives,
        _writer(INITIATIVES, 1000),
    )
)
RESEARCH_EXPORT = exports.register(
    exports.Export("campaigns.research", _("Research projects"), "de-tai", _research, _writer(RESEARCH, 1000))
)
WORK_EXPORT = exports.register(
    exports.Export("campaigns.works", _("Works and products"), "cong-trinh", _works, _writer(WORKS, 1000))
)
