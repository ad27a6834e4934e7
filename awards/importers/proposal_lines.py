"""Proposal lines from Excel: a year-end list of nominees (LĐTT, CSTĐCS…) in one file, not one form per person.

Each row names a member (member code, CCCD — a number that lost its zero gets it back —, or name and date
of birth when that is unique in the union) or, for a collective award, a union (code or name), and the award
by its name or code. Valid rows go to `lines_add`, which applies the same rules as adding one line by hand
and snapshots each line's eligibility.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.imports.importer import ERROR, NEW, CheckedRow, Importer, register
from core.imports.spec import Field, ImportSpec
from core.imports.values import cell_text, parse_birth, parse_national_id, parse_text
from core.text import fold
from unions.models import Member, MemberStatus, Organization, OrgKind

from ..models import AwardType, Proposal, ProposalLine, SubjectKind
from ..services.proposals import lines_add

F = Field
SPEC = ImportSpec(
    "proposal_lines",
    (
        F(
            "member",
            gettext_lazy("Member code or CCCD"),
            ("Mã đoàn viên hoặc CCCD", "Mã đoàn viên", "Mã ĐV", "Số CCCD", "CCCD", "Số định danh cá nhân", "CCCD/CMND"),
        ),
        F("full_name", gettext_lazy("Full name"), ("Họ và tên", "Họ tên", "Họ, tên", "Tên cá nhân")),
        F("birth_date", gettext_lazy("Date of birth"), ("Ngày sinh", "Năm sinh", "Ngày tháng năm sinh"), date=True),
        F(
            "union",
            gettext_lazy("Union (for a collective award)"),
            ("Tập thể", "Tên tập thể", "Đơn vị", "Tên đơn vị", "Mã công đoàn", "Công đoàn cơ sở"),
        ),
        F(
            "award",
            gettext_lazy("Award proposed"),
            (
                "Danh hiệu",
                "Hình thức",
                "Hình thức khen thưởng",
                "Danh hiệu đề nghị",
                "Hình thức đề nghị",
                "Đề nghị khen thưởng",
                "Danh hiệu, hình thức khen thưởng",
            ),
            required=True,
        ),
        F(
            "achievement",
            gettext_lazy("Achievement summary"),
            ("Thành tích", "Tóm tắt thành tích", "Thành tích chủ yếu", "Nội dung thành tích"),
        ),
    ),
)
ACHIEVEMENT_LIMIT = 4000


@register
class ProposalLineImporter(Importer):
    kind = "proposal_lines"
    spec = SPEC
    preview_fields = ("subject", "code", "award", "achievement")
    preview_headings = {"subject": gettext_lazy("Proposed"), "code": gettext_lazy("Code")}
    preview_sources = {"subject": (), "code": ()}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proposal = Proposal.objects.select_related("from_org").get(pk=self.options["proposal"])

    def key_scope(self):
        return f"proposal-{self.proposal.pk}"

    def check(self, parsed):
        titles = self.column_titles(parsed)
        union = self.proposal.from_org
        members = list(
            Member.objects.filter(org_path__startswith=union.path).only(
                "pk",
                "member_code",
                "national_id",
                "old_id_number",
                "full_name",
                "search_name",
                "birth_date",
                "birth_year",
                "status",
                "organization_id",
            )
        )
        self._by_key = {}
        self._by_name = {}
        for m in members:
            for key in (m.member_code.upper(), m.national_id, m.old_id_number):
                if key:
                    self._by_key[key] = m
            if m.status == MemberStatus.ACTIVE:
                self._by_name.setdefault(m.search_name, []).append(m)
        self._unions = list(
            Organization.objects.filter(path__startswith=union.path).filter(
                kind__in=[OrgKind.GRASSROOTS, union.kind], dissolved_on__isnull=True
            )
        )
        self._types = {}
        for award_type in AwardType.objects.filter(active=True):
            self._types[fold(award_type.code)] = award_type
            self._types.setdefault(fold(award_type.name), award_type)
        existing = {
            (t, "m", m) if m else (t, "o", o)
            for t, m, o in ProposalLine.objects.filter(proposal=self.proposal).values_list(
                "award_type_id", "member_id", "organization_id"
            )
        }
        rows, seen = [], {}
        for source in parsed.rows:
            row = CheckedRow(source=source)
            self._read(row, titles, parsed.date_orders.get("birth_date", "dmy"))
            values = row.values
            subject = values.get("member") or values.get("union")
            if not row.errors and subject is not None:
                key = (values["award_type"].pk, "m" if values.get("member") else "o", subject.pk)
                if key in seen:
                    row.errors.append(
                        _("The same subject and award are already on row %(row)s. Keep one of the two rows.")
                        % {"row": seen[key]}
                    )
                elif key in existing:
                    row.errors.append(
                        _("%(name)s is already proposed for %(award)s in this proposal.")
                        % {"name": row.name, "award": values["award_type"].name}
                    )
                seen.setdefault(key, row.number)
            row.status = ERROR if row.errors else NEW
            rows.append(row)
        return rows

    def _read(self, row, titles, order):
        read = self.reader(row, titles)
        cells, values = row.source.cells, row.values
        values["achievement"] = read("achievement", parse_text, "", max_length=ACHIEVEMENT_LIMIT)
        award_type = self._award(row, titles)
        values["award_type"] = award_type
        values["award"] = award_type.name if award_type else cell_text(cells.get("award"))
        if award_type is None:
            return
        if award_type.subject_kind == SubjectKind.COLLECTIVE:
            union = self._union(row, titles)
            values["union"], values["member"] = union, None
            row.name = union.name if union else cell_text(cells.get("union"))
            values["subject"], values["code"] = row.name, union.code if union else ""
            return
        birth_date, birth_year = read("birth_date", parse_birth, (None, None), order=order)
        member = self._member(row, titles, birth_date, birth_year)
        values["member"], values["union"] = member, None
        row.name = member.full_name if member else cell_text(cells.get("full_name"))
        values["subject"], values["code"] = row.name, member.member_code if member else ""

    def _award(self, row, titles):
        typed = cell_text(row.source.cells.get("award"))
        award_type = self._types.get(fold(typed)) if typed else None
        if award_type is None:
            row.errors.append(
                _(
                    '%(column)s: "%(value)s" is not an award of the catalogue. Write its name as in the '
                    "Guide sheet of the template."
                )
                % {"column": self._title(titles, row, "award"), "value": typed or "—"}
            )
        return award_type

    def _union(self, row, titles):
        typed = cell_text(row.source.cells.get("union"))
        matches = [
            u
            for u in self._unions
            if typed
            and (
                u.code.upper() == typed.upper()
                or fold(u.name) == fold(typed)
                or fold(u.short_name or "") == fold(typed)
            )
        ]
        if len(matches) == 1:
            return matches[0]
        row.errors.append(
            _(
                '%(column)s: "%(value)s" is not a union of %(union)s. A collective award needs the union\'s code or '
                "name."
            )
            % {"column": self._title(titles, row, "union"), "value": typed or "—", "union": self.proposal.from_org.name}
            if not matches
            else _('%(column)s: several unions are called "%(value)s": write the union\'s code.')
            % {"column": self._title(titles, row, "union"), "value": typed}
        )
        return None

    def _member(self, row, titles, birth_date, birth_year):
        raw = row.source.cells.get("member")
        typed = cell_text(raw)
        column = self._title(titles, row, "member")
        if typed:
            key = typed.upper()
            if typed.replace(" ", "").replace(".", "").isdigit():
                cccd, cmnd = self.reader(row, titles)("member", parse_national_id, (None, None))
                key = cccd or cmnd
                if not key:
                    return None
            member = self._by_key.get(key)
            if member is None:
                row.errors.append(
                    _("%(column)s: no member of %(union)s has the code or CCCD %(value)s. Check it.")
                    % {"column": column, "union": self.proposal.from_org.name, "value": typed}
                )
            elif member.status != MemberStatus.ACTIVE:
                row.errors.append(
                    _("%(column)s: %(name)s is no longer an active member (%(status)s) and cannot be proposed.")
                    % {"column": column, "name": member.full_name, "status": member.get_status_display().lower()}
                )
                return None
            return member
        name = cell_text(row.source.cells.get("full_name"))
        same = self._by_name.get(fold(name), [])
        if birth_date or birth_year:
            same = [
                m
                for m in same
                if (birth_date and m.birth_date == birth_date)
                or (not birth_date and (m.birth_year or getattr(m.birth_date, "year", None)) == birth_year)
            ]
        if len(same) == 1:
            return same[0]
        if not name:
            row.errors.append(_("Write the member code, the CCCD, or the name and date of birth of the member."))
        elif not same:
            row.errors.append(
                _(
                    "No active member of %(union)s is named %(name)s with this date of birth. Write the "
                    "member code or CCCD."
                )
                % {"union": self.proposal.from_org.name, "name": name}
            )
        else:
            row.errors.append(
                _("%(n)s members are named %(name)s: add the date of birth, the member code or the CCCD.")
                % {"n": len(same), "name": name}
            )
        return None

    def _title(self, titles, row, key):
        return titles.get((row.source.sheet, key)) or self.label_of(key)

    def write(self, rows):
        lines = lines_add(
            actor=self.actor,
            proposal=self.proposal,
            rows=[
                {
                    "award_type": r.values["award_type"],
                    "member": r.values["member"],
                    "organization": r.values["union"],
                    "achievement": r.values["achievement"],
                }
                for r in rows
                if r.status == NEW
            ],
        )
        return len(lines), 0

    def done_url(self, batch):
        return reverse("awards:proposal_detail", args=[self.proposal.pk])

    def upload_url(self, batch):
        return reverse("awards:proposal_lines_import", args=[self.proposal.pk])
