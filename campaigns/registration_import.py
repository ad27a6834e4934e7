"""Registrations from Excel: one row per member and title; the whole file or nothing."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation import xlsx
from unions.imports import Column, FileRejected, as_text, column_positions, header_text, read_rows
from unions.models import Gender, Member, MemberStatus

from .models import Registration, TargetGroup
from .services.registrations import _check_open

COLUMNS = [
    Column("member", gettext_lazy("Member code or CCCD"), True, 18),
    Column("full_name", gettext_lazy("Full name"), False, 28),
    Column("title", gettext_lazy("Title sought"), True, 30),
    Column("commitment", gettext_lazy("Commitment"), False, 50),
]


def template_workbook(campaign, organization):
    """Prefilled with the union's active members: the officer keeps the rows they register."""
    members = Member.objects.filter(organization__path__startswith=organization.path, status=MemberStatus.ACTIVE)
    if campaign.target_group == TargetGroup.WOMEN:
        members = members.filter(gender=Gender.FEMALE)
    wb, ws = xlsx.new_workbook(_("Registrations"))
    default_title = campaign.titles[0] if campaign.titles else ""
    xlsx.write_table(ws, [header_text(c) for c in COLUMNS],
                     ([m.member_code, m.full_name, default_title, ""] for m in members.order_by("search_name")),
                     widths=[c.width for c in COLUMNS])
    guide = wb.create_sheet(_("Guide"))
    guide.append([_("Keep one row per member and title; delete the members who do not register.")])
    guide.append([_("Titles offered by the campaign:")])
    for title in campaign.titles:
        xlsx.append_row(guide, [title])
    return xlsx.to_bytes(wb)


def import_registrations(*, actor, campaign, organization, year, content):
    """Check every row; write all registrations or none. Returns (created, errors)."""
    campaign = _check_open(actor, campaign, organization, campaign.titles[0] if campaign.titles else "")
    header, rows = read_rows(content)
    positions, missing = column_positions(header, COLUMNS)
    if missing:
        raise FileRejected(_("The first row must hold the column titles of the template; missing: %(cols)s.")
                           % {"cols": ", ".join(missing)})
    if not rows:
        raise FileRejected(_("The file has no member rows."))
    keys = [as_text(r.raw[positions["member"]]) if positions["member"] < len(r.raw) else "" for r in rows]
    members = Member.objects.filter(organization__path__startswith=organization.path).filter(
        member_code__in=[k.upper() for k in keys]) | Member.objects.filter(
        organization__path__startswith=organization.path, national_id__in=keys)
    by_key = {}
    for m in members:
        by_key[m.member_code.upper()] = m
        if m.national_id:
            by_key[m.national_id] = m
    existing = set(Registration.objects.filter(campaign=campaign, year=year, member__in=list(members))
                   .values_list("member_id", "title"))
    def cell(row, key):
        index = positions.get(key)
        return as_text(row.raw[index]) if index is not None and index < len(row.raw) else ""

    seen, errors, new = {}, [], []
    for row, key in zip(rows, keys, strict=True):
        member, title, problems = by_key.get(key.upper()), cell(row, "title"), []
        if not key:
            problems.append(_("The member code or CCCD is missing."))
        elif member is None or member.status != MemberStatus.ACTIVE:
            problems.append(_("No active member %(key)s in this union.") % {"key": key})
        if title not in campaign.titles:
            problems.append(_("Title \"%(title)s\" is not offered by the campaign.") % {"title": title})
        if member and campaign.target_group == TargetGroup.WOMEN and member.gender != Gender.FEMALE:
            problems.append(_("%(name)s cannot register: the campaign is for women members.")
                            % {"name": member.full_name})
        if member and (member.pk, title) in seen:
            problems.append(_("Repeated: already on row %(row)s.") % {"row": seen[(member.pk, title)]})
        elif member and (member.pk, title) in existing:
            problems.append(_("%(name)s is already registered for this title.") % {"name": member.full_name})
        if member:
            seen.setdefault((member.pk, title), row.number)
        if problems:
            errors.append({"row": row.number, "name": member.full_name if member else cell(row, "full_name"),
                           "errors": problems})
        else:
            new.append(Registration(campaign=campaign, year=year, organization=organization, member=member,
                                    title=title, commitment=cell(row, "commitment"), created_by=actor))
    if errors:
        return 0, errors
    try:
        with transaction.atomic():
            Registration.objects.bulk_create(new)
    except IntegrityError:
        return 0, [{"row": 0, "name": "", "errors": [
            _("Some of these members were registered at the same moment by someone else. "
              "Reload the page and try again.")]}]
    return len(new), []
