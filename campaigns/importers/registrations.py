"""Registrations from Excel through the shared import flow: one row per member and title.

The clerk's own list is read (title rows, STT, their own column titles). A member is found by member code,
by CCCD (a CCCD typed as a number gets its leading zero back), by old CMND, or by a name that exactly one
active member of the union has. Every message says what is true of the row: no such member, a member who
left or was transferred out, a member of another union, a title the campaign does not offer, a row that
repeats another or a registration already made. Valid rows go to `registrations_import`, which applies the
same rules as registering from the member picker and keeps history.
"""

import re
from functools import cached_property

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.imports.importer import ERROR, NEW, CheckedRow, Importer, register
from core.imports.spec import Field, ImportSpec
from core.imports.values import cell_text, parse_national_id, parse_text
from core.text import fold
from unions.models import Member, MemberStatus

from ..models import Campaign, Registration
from ..services.registrations import (
    member_registration_problems,
    registration_closed_problems,
    registrations_import,
)

# The most characters an Excel cell holds: the bound of a text field without a max_length of its own.
EXCEL_CELL_CHARS = 32_767
# A number, or digits typed as text (with the apostrophe that keeps Excel from dropping the zero): an ID.
_ID_TEXT = re.compile(r"^['’‘`]?[\d\s.\-]+$")

F = Field
SPEC = ImportSpec(
    "registrations",
    (
        F(
            "member",
            gettext_lazy("Member code or CCCD"),
            (
                "Mã đoàn viên hoặc CCCD",
                "Mã đoàn viên",
                "Mã ĐV",
                "Số CCCD",
                "CCCD",
                "Mã đoàn viên/CCCD",
                "Mã ĐV/CCCD",
                "Số CCCD/CMND",
                "CCCD/CMND",
                "Căn cước công dân",
                "Số định danh cá nhân",
            ),
            required=True,
            alternatives=(("full_name",),),
        ),
        F(
            "full_name",
            gettext_lazy("Full name"),
            ("Họ và tên", "Họ tên", "Họ, tên", "Họ và tên đoàn viên", "Họ tên đoàn viên", "Tên đoàn viên"),
        ),
        F(
            "title",
            gettext_lazy("Title sought"),
            (
                "Danh hiệu đăng ký",
                "Danh hiệu",
                "Đăng ký danh hiệu",
                "Danh hiệu thi đua",
                "Danh hiệu đăng ký thi đua",
                "Danh hiệu thi đua đăng ký",
            ),
        ),
        F(
            "commitment",
            gettext_lazy("Commitment"),
            ("Nội dung cam kết", "Cam kết", "Nội dung đăng ký", "Nội dung cam kết thi đua"),
        ),
    ),
)


def commitment_limit():
    return Registration._meta.get_field("commitment").max_length or EXCEL_CELL_CHARS


@register
class RegistrationImporter(Importer):
    kind = "registrations"
    spec = SPEC
    preview_fields = ("member_code", "full_name", "title", "commitment")
    preview_headings = {"member_code": gettext_lazy("Member code")}

    @property
    def year(self):
        return int(self.options["year"])

    @cached_property
    def campaign(self):
        return Campaign.objects.get(pk=self.options["campaign"])

    def key_scope(self):
        return f"campaign{self.options['campaign']}:{self.year}"

    # ------------------------------------------------------------------------------------------ check
    def check(self, parsed):
        titles = self.column_titles(parsed)
        campaign = self.campaign
        closed = registration_closed_problems(self.actor, campaign, self.organization)  # on every row
        rows = []
        for source in parsed.rows:
            row = CheckedRow(source=source)
            self._read(row, titles)
            rows.append(row)
        self._find(rows, titles)
        members = {r.target.pk for r in rows if r.target is not None}
        existing = {
            (r.member_id, r.title): r
            for r in Registration.objects.filter(campaign=campaign, year=self.year, member__in=members).only(
                "member_id", "title", "status", "created_at"
            )
        }
        seen = {}
        for row in rows:
            member, title = row.target, row.values.get("title")
            if member is not None:
                # A member of another union is named by what the clerk typed, never by a name they may not see.
                shown = row.values["member_code"] if id(row) in self._outside else None
                row.errors += member_registration_problems(campaign, self.organization, member, shown=shown)
            if member is not None and title:
                key = (member.pk, title)
                if key in seen:
                    row.errors.append(
                        _("%(name)s is already on row %(row)s for %(title)s. Keep one of the two rows.")
                        % {"name": row.name, "row": seen[key], "title": title}
                    )
                elif key in existing:
                    earlier = existing[key]
                    row.errors.append(
                        _(
                            "%(name)s is already registered for %(title)s in this campaign and year "
                            "(on %(date)s, %(status)s). Delete the row."
                        )
                        % {
                            "name": row.name,
                            "title": title,
                            "date": earlier.created_at.strftime("%d/%m/%Y"),
                            "status": earlier.get_status_display().lower(),
                        }
                    )
                seen.setdefault(key, row.number)
            row.errors += closed
            row.status = ERROR if row.errors else NEW
        return rows

    def _column(self, titles, row, key):
        return titles.get((row.source.sheet, key)) or str(SPEC.field(key).label)

    def _read(self, row, titles):
        cells, values = row.source.cells, row.values
        row.name = values["full_name"] = cell_text(cells.get("full_name"))
        values["member_code"] = cell_text(cells.get("member"))
        values["title"] = self._title(row, titles)
        values["commitment"] = self.reader(row, titles)("commitment", parse_text, "", max_length=commitment_limit())

    def _title(self, row, titles):
        """One of the campaign's titles as it spells it, matched without diacritics or case."""
        offered = self.campaign.titles
        typed = cell_text(row.source.cells.get("title"))
        listed = "; ".join(offered) or "—"
        column = self._column(titles, row, "title")
        if not typed:
            if len(offered) == 1:
                return offered[0]
            row.errors.append(
                _("%(column)s: no title is written, and the campaign offers several. Write one of: %(titles)s.")
                % {"column": column, "titles": listed}
            )
            return ""
        title = {fold(t): t for t in offered}.get(fold(typed))
        if title is None:
            row.errors.append(
                _('%(column)s: the campaign does not offer the title "%(title)s". Write one of: %(titles)s.')
                % {"column": column, "title": typed, "titles": listed}
            )
            return ""
        return title

    # ---------------------------------------------------------------------------------------- members
    def _key(self, row, titles):
        """("code" | "cccd" | "cmnd", value) of the member cell, None when blank or unreadable (error added)."""
        raw = row.source.cells.get("member")
        text = cell_text(raw)
        if not text:
            return None
        if (isinstance(raw, int | float) and not isinstance(raw, bool)) or _ID_TEXT.match(text):
            cccd, cmnd = self.reader(row, titles)("member", parse_national_id, (None, None))
            if not (cccd or cmnd):
                return None
            return ("cccd", cccd) if cccd else ("cmnd", cmnd)
        return "code", re.sub(r"\s", "", text).upper()

    def _find(self, rows, titles):
        """Tie each row to its member (row.target); errors say precisely why a row has none."""
        union = self.organization
        self._outside = set()
        in_union = Member.objects.filter(org_path__startswith=union.path)
        keys = {id(row): self._key(row, titles) for row in rows}
        wanted = {kind: {k[1] for k in keys.values() if k and k[0] == kind} for kind in ("code", "cccd", "cmnd")}
        names = {fold(r.values["full_name"]) for r in rows if keys[id(r)] is None and r.values["full_name"]}
        by_code = {m.member_code.upper(): m for m in Member.objects.filter(member_code__in=wanted["code"])}
        by_cccd = {m.national_id: m for m in Member.objects.filter(national_id__in=wanted["cccd"])}
        by_cmnd, by_name = {}, {}
        for m in in_union.filter(old_id_number__in=wanted["cmnd"]):
            by_cmnd.setdefault(m.old_id_number, []).append(m)
        for m in in_union.filter(search_name__in=names).order_by("pk"):
            by_name.setdefault(m.search_name, []).append(m)
        for row in rows:
            key = keys[id(row)]
            if key is None:
                if row.values["member_code"]:
                    continue  # the member cell could not be read: its error is already there
                member = self._by_name(row, titles, by_name)
            else:
                member = self._by_key(row, titles, key, by_code, by_cccd, by_cmnd)
            if member is None:
                continue
            row.target = member
            if not (member.org_path or member.organization.path).startswith(union.path):
                self._outside.add(id(row))
                row.values["member_code"] = key[1]
            else:
                typed = row.values["full_name"]
                if typed and fold(typed) != fold(member.full_name):
                    row.errors.append(
                        _("%(column)s: %(key)s is %(member)s, not %(name)s. Check the code or the name.")
                        % {
                            "column": self._column(titles, row, "member"),
                            "key": row.values["member_code"],
                            "member": member.full_name,
                            "name": typed,
                        }
                    )
                row.name = row.values["full_name"] = member.full_name
                row.values["member_code"] = member.member_code

    def _by_key(self, row, titles, key, by_code, by_cccd, by_cmnd):
        kind, value = key
        column = self._column(titles, row, "member")
        if kind == "code":
            member = by_code.get(value)
            message = _(
                "%(column)s: no member has the member code %(key)s in this union. Check the code against "
                "the member list, or delete the row."
            )
        elif kind == "cccd":
            member = by_cccd.get(value)
            message = _(
                "%(column)s: no member has the CCCD %(key)s in this union. Check the number against the "
                "card, or write the member code."
            )
        else:
            found = by_cmnd.get(value, [])
            if len(found) > 1:
                row.errors.append(
                    _(
                        "%(column)s: %(n)s members of this union have the old CMND %(key)s. Write the "
                        "member code or the CCCD instead."
                    )
                    % {"column": column, "n": len(found), "key": value}
                )
                return None
            member = found[0] if found else None
            message = _(
                "%(column)s: no member has the old CMND %(key)s in this union. Write the member code or "
                "the CCCD instead."
            )
        if member is None:
            row.errors.append(message % {"column": column, "key": value})
        return member

    def _by_name(self, row, titles, by_name):
        name = row.values["full_name"]
        if not name:
            row.errors.append(
                _("%(column)s is empty: write the member code or CCCD of the member who registers.")
                % {"column": self._column(titles, row, "member")}
            )
            return None
        everyone = by_name.get(fold(name), [])
        active = [m for m in everyone if m.status == MemberStatus.ACTIVE]
        if len(active) == 1:
            return active[0]
        if len(active) > 1:
            row.errors.append(
                _("%(n)s members are named %(name)s: write the member code or CCCD to say which.")
                % {"n": len(active), "name": name}
            )
            return None
        if len(everyone) == 1:
            return everyone[0]  # the shared check says they left or were transferred out
        row.errors.append(
            _("No active member named %(name)s in this union. Write the member code or CCCD.") % {"name": name}
        )
        return None

    # ------------------------------------------------------------------------------------------ write
    def write(self, rows):
        new = [r for r in rows if r.status == NEW]
        created = registrations_import(
            actor=self.actor,
            campaign=self.campaign,
            organization=self.organization,
            year=self.year,
            rows=[(r.target, r.values["title"], r.values["commitment"]) for r in new],
        )
        return len(created), 0

    def done_url(self, batch):
        return f"{reverse('campaigns:registration_list')}?campaign={self.options['campaign']}&year={self.year}"

    def upload_url(self, batch):
        return reverse("campaigns:registration_import", args=[self.options["campaign"]])
