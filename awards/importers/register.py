"""Past awards from Excel: a federation's register of awards, one row per award, through the shared flow.

Its own decisions, those of the levels above it (the confederation) and of bodies outside the union (UBND
tỉnh, Thủ tướng Chính phủ…) are all read; only the last are marked `external`. Names of awards and bodies
are matched in awards/award_names.py, members and unions in awards/importers/award_subjects.py; valid rows go to
`awards_import`, which applies the register's rules again and writes all of them or none. A row identical
to an award already stored is unchanged, never a duplicate.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.imports.importer import ERROR, NEW, UNCHANGED, CheckedRow, Importer, register
from core.imports.spec import Field, ImportSpec
from core.imports.values import (
    cell_text,
    fold_header,
    is_blank,
    parse_amount,
    parse_birth,
    parse_date,
    parse_integer,
    parse_name,
    parse_national_id,
    parse_text,
)
from core.text import fold
from unions import access
from unions.models import Organization

from .. import catalogue
from ..award_names import UNION_LEVELS, Catalogue, Issuers, level_in, looks_like_a_union
from ..models import Award, AwardType, IssuingLevel, SubjectKind
from ..services.register import PastAward, awards_import, check_award
from .award_subjects import Subjects

F = Field
AWARD_SPEC = ImportSpec(
    "awards",
    (
        F(
            "subject_kind",
            gettext_lazy("Subject"),
            ("Cá nhân/Tập thể", "Cá nhân, tập thể", "Đối tượng", "Đối tượng khen thưởng", "Loại đối tượng", "CN/TT"),
        ),
        F(
            "full_name",
            gettext_lazy("Full name"),
            (
                "Họ và tên",
                "Họ tên",
                "Tên cá nhân",
                "Họ và tên cá nhân",
                "Tên cá nhân, tập thể",
                "Cá nhân, tập thể được khen",
            ),
        ),
        F(
            "national_id",
            gettext_lazy("Citizen ID (CCCD)"),
            (
                "Số CCCD",
                "CCCD",
                "Số định danh",
                "Số định danh cá nhân",
                "CCCD/CMND",
                "Số CCCD/CMND",
                "Căn cước công dân",
            ),
        ),
        F("member_code", gettext_lazy("Member code"), ("Mã đoàn viên", "Mã ĐV")),
        F(
            "birth_date",
            gettext_lazy("Date of birth"),
            ("Ngày sinh", "Năm sinh", "Ngày tháng năm sinh", "Sinh ngày"),
            date=True,
        ),
        F(
            "union",
            gettext_lazy("Union"),
            (
                "Đơn vị",
                "Tên đơn vị",
                "Tập thể",
                "Công đoàn cơ sở",
                "Mã đơn vị",
                "Đơn vị công tác",
                "Tên tập thể",
                "CĐCS",
                "Mã công đoàn",
                "Tên công đoàn",
            ),
        ),
        F(
            "award",
            gettext_lazy("Award"),
            (
                "Hình thức khen thưởng",
                "Danh hiệu",
                "Hình thức",
                "Loại khen thưởng",
                "Danh hiệu, hình thức khen thưởng",
                "Hình thức khen",
                "Khen thưởng",
            ),
            required=True,
        ),
        F(
            "issuer",
            gettext_lazy("Issued by"),
            (
                "Cấp khen",
                "Cơ quan quyết định",
                "Cấp quyết định",
                "Đơn vị khen",
                "Cấp khen thưởng",
                "Cơ quan khen thưởng",
                "Cơ quan ban hành",
            ),
        ),
        F(
            "decision_number",
            gettext_lazy("Decision number"),
            ("Số quyết định", "Số QĐ", "Quyết định số", "QĐ số"),
            required=True,
        ),
        F(
            "decision_date",
            gettext_lazy("Signed on"),
            ("Ngày quyết định", "Ngày ký", "Ngày QĐ", "Ngày ký quyết định", "Ngày ban hành"),
            required=True,
            date=True,
        ),
        F("year", gettext_lazy("Year"), ("Năm", "Năm khen", "Năm thành tích", "Năm khen thưởng")),
        F(
            "bonus",
            gettext_lazy("Bonus (VND)"),
            ("Tiền thưởng", "Số tiền", "Số tiền thưởng", "Tiền thưởng (đồng)", "Mức thưởng"),
        ),
        F(
            "certificate_number",
            gettext_lazy("Certificate number"),
            ("Số bằng", "Số giấy chứng nhận", "Số hiệu bằng", "Số bằng khen", "Số chứng nhận"),
        ),
        F("gold_book_number", gettext_lazy("Gold book number"), ("Số vào sổ vàng", "Số sổ vàng", "Số vào sổ")),
        F("signer_name", gettext_lazy("Signed by"), ("Người ký", "Người ký quyết định")),
        F("signer_title", gettext_lazy("Signer's title"), ("Chức vụ người ký",)),
        F("achievement", gettext_lazy("Achievement"), ("Thành tích", "Tóm tắt thành tích", "Lý do khen thưởng")),
    ),
)
_SUBJECT_WORDS = {
    "canhan": SubjectKind.INDIVIDUAL,
    "cn": SubjectKind.INDIVIDUAL,
    "individual": SubjectKind.INDIVIDUAL,
    "tapthe": SubjectKind.COLLECTIVE,
    "tt": SubjectKind.COLLECTIVE,
    "collective": SubjectKind.COLLECTIVE,
}
_UNION_NAME_STARTS = ("cong doan", "lien doan lao dong", "to cong doan", "nghiep doan")
TEXT_LIMITS = {
    "certificate_number": 32,
    "gold_book_number": 32,
    "signer_name": 150,
    "signer_title": 150,
    "achievement": 2000,
}


@register
class AwardImporter(Importer):
    """Past awards of a federation (its own, those from above and from outside the union), one per row."""

    kind = "awards"
    spec = AWARD_SPEC
    permission = access.AWARD_REGISTER_IMPORT
    preview_fields = (
        "subject",
        "member_code",
        "organization",
        "award_type",
        "year",
        "decision",
        "issuer_name",
        "bonus",
    )
    preview_sources = {"member_code": (), "year": ()}  # found or deduced: shown whatever the file's columns
    preview_headings = {
        "subject": gettext_lazy("Awarded"),
        "organization": gettext_lazy("Union"),
        "award_type": gettext_lazy("Award"),
        "decision": gettext_lazy("Decision"),
        "issuer_name": gettext_lazy("Issuing body"),
    }

    def check(self, parsed):
        self.titles = self.column_titles(parsed)
        self.today = timezone.localdate()
        federation = self.organization
        self.catalogue = Catalogue(AwardType.objects.filter(active=True))
        self.issuers = Issuers(federation, Organization.objects.get_ancestors(federation))
        rows = []
        for source in parsed.rows:
            row = CheckedRow(source=source)
            self._read(row, parsed.date_orders)
            rows.append(row)
        self.subjects = Subjects(federation, **_lookups(rows))
        for row in rows:
            if federation.holds_members:
                self._fail(
                    row,
                    "union",
                    _(
                        "Past awards are imported into a federation: choose the federation on "
                        "the upload page, not a grassroots union."
                    ),
                )
            self._resolve(row)
        self._compare(rows)
        for row in rows:
            if row.errors:
                row.status = ERROR
        return rows

    # --------------------------------------------------------------------------------------------- cells
    def _column(self, row, key):
        return self.titles.get((row.source.sheet, key)) or str(AWARD_SPEC.field(key).label)

    def _fail(self, row, key, message):
        row.errors.append(_("%(column)s: %(error)s") % {"column": self._column(row, key), "error": message})

    def _read(self, row, orders):
        """Each cell as the clerk meant it; the lookups come after, for the whole file at once."""
        cells, values = row.source.cells, row.values
        read = self.reader(row, self.titles)
        kind = fold_header(cells.get("subject_kind"))
        values["kind"] = _SUBJECT_WORDS.get(kind) if kind else None
        if kind and values["kind"] is None:
            self._fail(
                row,
                "subject_kind",
                _('"%(value)s" is neither Cá nhân nor Tập thể. Write one of the two, or leave it empty.')
                % {"value": cell_text(cells.get("subject_kind"))},
            )
        values["full_name"] = read("full_name", parse_name, ("", False))[0]
        values["national_id"], values["old_id"] = read("national_id", parse_national_id, (None, None))
        values["member_code"] = cell_text(cells.get("member_code")).upper()
        values["born"], values["born_year"] = read(
            "birth_date", parse_birth, (None, None), order=orders.get("birth_date", "dmy")
        )
        values["union_text"] = cell_text(cells.get("union"))
        values["award_text"] = cell_text(cells.get("award"))
        values["issuer_text"] = cell_text(cells.get("issuer"))
        values["number"] = read("decision_number", parse_text, "", max_length=64)
        values["signed_on"] = read("decision_date", parse_date, order=orders.get("decision_date", "dmy"))
        values["year"] = read("year", parse_integer)
        values["bonus"] = read("bonus", parse_amount) or 0
        if values["number"] and values["signed_on"]:
            values["decision"] = f"{values['number']} · {values['signed_on']:%d/%m/%Y}"
        for key, limit in TEXT_LIMITS.items():
            values[key] = read(key, parse_text, "", max_length=limit)
        row.name = values["full_name"] or values["union_text"]
        self._check_decision(row)

    def _check_decision(self, row):
        values, cells = row.values, row.source.cells
        if is_blank(cells.get("decision_number")):
            self._fail(
                row,
                "decision_number",
                _("the decision number is missing. Write it as on the decision, e.g. 125/QĐ-LĐLĐ."),
            )
        signed_on = values["signed_on"]
        if signed_on is None:
            if is_blank(cells.get("decision_date")):  # else the date could not be read, as said already
                self._fail(row, "decision_date", _("the date of the decision is missing. Write it as dd/mm/yyyy."))
            return
        if signed_on > self.today:
            self._fail(
                row,
                "decision_date",
                _("%(date)s is in the future: only decisions already signed are imported. Check the date.")
                % {"date": f"{signed_on:%d/%m/%Y}"},
            )
        year = values["year"]
        if year is None:
            values["year"] = signed_on.year  # lists of past awards often give only the decision
        elif year > signed_on.year or year < 1950:
            self._fail(
                row,
                "year",
                _(
                    "%(year)s cannot be the year of an award decided on %(date)s. Write the year "
                    "of the achievement (at most the year of the decision)."
                )
                % {"year": year, "date": f"{signed_on:%d/%m/%Y}"},
            )

    # ------------------------------------------------------------------------------------------- lookups
    def _resolve(self, row):
        values = row.values
        issuer = self._issuer(row)
        if issuer is False:
            return
        award_type = self._award_type(row, issuer)
        if award_type is None:
            return
        values["award_type"] = award_type
        if issuer is None:
            issuer = self._issuer_of_level(row, award_type)
            if issuer is False:
                return
        self._check_issuer(row, award_type, issuer)
        self._subject(row, award_type)

    def _issuer(self, row):
        """(org or None, name, level) from the issuing body's column; None when blank; False on error."""
        text = row.values["issuer_text"]
        if not text:
            return None
        org = self.issuers.find(text)
        if org is not None:
            return org, org.name, Issuers.level_of(org)
        if looks_like_a_union(text):
            self._fail(
                row,
                "issuer",
                _(
                    '"%(value)s" is not this federation or a level above it (%(names)s). '
                    "Awards given by another union are imported by that union; write one of "
                    "these names, or a body outside the union such as UBND tỉnh."
                )
                % {"value": text, "names": "; ".join(o.name for o in self.issuers.chain)},
            )
            return False
        return None, text, level_in(text)

    def _issuer_of_level(self, row, award_type):
        """The body that gives this award when the file does not say: the federation or a level above it."""
        org = self.issuers.for_award(award_type)
        if org is None:
            self._fail(
                row,
                "issuer",
                _("write the body that gave %(award)s (for example UBND tỉnh, Thủ tướng Chính phủ).")
                % {"award": award_type.name},
            )
            return False
        return org, org.name, Issuers.level_of(org)

    def _award_type(self, row, issuer):
        values = row.values
        text = values["award_text"]
        if not text:
            self._fail(row, "award", _("the award is missing. Write its name as in the Guide sheet of the template."))
            return None
        org, level = (issuer[0], issuer[2]) if issuer else (None, None)
        found = self.catalogue.find(
            text, level=level, subject=self._subject_hint(row), body=org.kind if org is not None else None
        )
        if len(found) == 1:
            return found[0]
        if found:
            self._fail(
                row,
                "award",
                _('"%(value)s" may be any of: %(names)s. Write the full name of the one meant.')
                % {"value": text, "names": "; ".join(t.name for t in found)},
            )
        else:
            self._fail(
                row,
                "award",
                _(
                    '"%(value)s" is not an award of the catalogue in use. Write a name from the '
                    "Guide sheet of the template (Bằng khen, Cờ thi đua… with the body that gave "
                    "it)."
                )
                % {"value": text},
            )
        return None

    def _subject_hint(self, row):
        """Individual or collective, before the award says: the column, else what the row identifies."""
        values = row.values
        if values["kind"]:
            return values["kind"]
        if values["national_id"] or values["old_id"] or values["member_code"] or values["born_year"]:
            return SubjectKind.INDIVIDUAL
        name = fold(values["full_name"])
        if name.startswith(_UNION_NAME_STARTS):
            return SubjectKind.COLLECTIVE
        if name:
            return SubjectKind.INDIVIDUAL
        return SubjectKind.COLLECTIVE if values["union_text"] else None

    def _check_issuer(self, row, award_type, issuer):
        org, name, level = issuer
        values = row.values
        values["issuer"], values["issuer_name"] = org, name
        levels = dict(IssuingLevel.choices)
        wanted = award_type.issuing_level
        if org is not None and level != wanted:
            self._fail(
                row,
                "issuer",
                _(
                    "%(award)s is given by the level %(level)s, but %(issuer)s is at the level "
                    "%(actual)s. Check the award or the issuing body."
                )
                % {"award": award_type.name, "level": levels[wanted], "issuer": name, "actual": levels.get(level, "—")},
            )
        elif org is not None and not catalogue.conferred_by(award_type, org.kind):
            self._fail(
                row,
                "issuer",
                _(
                    "%(award)s is not an award of %(issuer)s: another body of the same level gives it. Check "
                    "the award or the issuing body."
                )
                % {"award": award_type.name, "issuer": name},
            )
        elif org is None and (wanted in UNION_LEVELS or (level and level != wanted)):
            self._fail(
                row,
                "issuer",
                _(
                    '%(award)s is given by the level %(level)s, not by "%(issuer)s". Check the '
                    "award or the issuing body."
                )
                % {"award": award_type.name, "level": levels[wanted], "issuer": name},
            )

    def _subject(self, row, award_type):
        values = row.values
        if values["kind"] and values["kind"] != award_type.subject_kind:
            self._fail(
                row,
                "subject_kind",
                _("%(award)s is given to: %(kind)s. Write %(kind)s or leave the cell empty.")
                % {"award": award_type.name, "kind": SubjectKind(award_type.subject_kind).label},
            )
            return
        union_text = values["union_text"]
        if award_type.subject_kind == SubjectKind.COLLECTIVE:
            union_text = union_text or values["full_name"]
            key = "union" if values["union_text"] else "full_name"
            if not union_text:
                self._fail(
                    row,
                    "union",
                    _("%(award)s goes to a union: write the union's code or name.") % {"award": award_type.name},
                )
                return
            union, message = self.subjects.union(union_text)
            if union is None:
                self._fail(row, key, message)
                return
            values.update(member=None, organization=union, subject=union.name)
        else:
            union = None
            if union_text:
                union, message = self.subjects.union(union_text)
                if union is None:
                    self._fail(row, "union", message)
                    return
            member, key, message = self.subjects.member(
                national_id=values["national_id"] or values["old_id"],
                code=values["member_code"],
                name=values["full_name"],
                born=values["born"],
                born_year=values["born_year"],
                union=union,
            )
            if member is None:
                self._fail(row, key, message)
                return
            values.update(
                member=member,
                organization=member.organization,
                subject=member.full_name,
                member_code=member.member_code,
            )
        row.name = values["subject"]
        if values["year"] is None:
            return  # the decision's date is missing: said on its column
        try:
            check_award(
                self.actor,
                award_type,
                year=values["year"],
                member=values["member"],
                organization=values["organization"],
            )
        except PermissionDenied:
            self._fail(
                row,
                key if award_type.subject_kind == SubjectKind.COLLECTIVE else "full_name",
                _("%(subject)s is outside your reach: remove the row, or ask a federation that holds it to import it.")
                % {"subject": values["subject"]},
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self._fail(row, _RULE_COLUMNS.get(field, "award"), message)

    # -------------------------------------------------------------------------------------- duplicates
    def _compare(self, rows):
        """Rows twice in the file are errors; a row already stored as it is is unchanged, otherwise an error."""
        self._dates_of_decisions(rows)
        ready = [r for r in rows if not r.errors and r.values.get("award_type")]
        stored = _stored_awards(ready)
        seen = {}
        for row in ready:
            key = _award_key(row.values)
            if key in seen:
                self._fail(
                    row,
                    "award",
                    _("%(subject)s already has %(award)s for %(year)s on row %(row)s. Keep one of the two rows.")
                    % {**_said(row.values), "row": seen[key]},
                )
                continue
            seen[key] = row.number
            award = stored.get(key)
            if award is not None:
                self._against_stored(row, award)

    def _dates_of_decisions(self, rows):
        """One decision number of one body on several dates is most often a typo: said before confirming."""
        dates = {}
        for row in rows:
            values = row.values
            if values.get("issuer_name") and values.get("number") and values.get("signed_on"):
                dates.setdefault((values["issuer_name"], values["number"]), set()).add(values["signed_on"])
        for (issuer, number), found in sorted(dates.items()):
            if len(found) > 1:
                self.warnings.append(
                    _(
                        "Decision %(number)s of %(issuer)s has %(n)s dates in the file (%(dates)s): "
                        "each date makes a decision of its own. Check the dates if it is one "
                        "decision."
                    )
                    % {
                        "number": number,
                        "issuer": issuer,
                        "n": len(found),
                        "dates": ", ".join(f"{d:%d/%m/%Y}" for d in sorted(found)),
                    }
                )

    def _against_stored(self, row, award):
        values, decision = row.values, award.decision
        said = _said(values)
        if (decision.issuer_name, decision.number, decision.signed_on) != _decision_key(values):
            self._fail(
                row,
                "award",
                _(
                    "%(subject)s already has %(award)s for %(year)s (decision %(number)s of "
                    "%(date)s, %(issuer)s). An award is given once a year: remove the row, or "
                    "correct its award or year."
                )
                % {
                    **said,
                    "number": decision.number,
                    "issuer": decision.issuer_name,
                    "date": f"{decision.signed_on:%d/%m/%Y}",
                },
            )
            return
        for key, stored in (
            ("bonus", award.bonus_amount),
            ("certificate_number", award.certificate_number),
            ("gold_book_number", award.gold_book_number),
        ):
            given = values[key]
            if given and given != stored:
                self._fail(
                    row,
                    key,
                    _(
                        "%(subject)s already has this award from this decision, stored with "
                        "%(stored)s. The import does not change stored awards: write %(stored)s or "
                        "remove the row."
                    )
                    % {**said, "stored": self.display(key, stored) or "—"},
                )
                return
        row.status, row.target = UNCHANGED, award

    # -------------------------------------------------------------------------------------------- write
    def write(self, rows):
        new = [r.values for r in rows if r.status == NEW]
        created = awards_import(
            actor=self.actor,
            organization=self.organization,
            rows=[
                PastAward(
                    award_type=v["award_type"],
                    year=v["year"],
                    organization=v["organization"],
                    member=v["member"],
                    number=v["number"],
                    signed_on=v["signed_on"],
                    issuer=v["issuer"],
                    issuer_name=v["issuer_name"],
                    signer_name=v["signer_name"],
                    signer_title=v["signer_title"],
                    bonus_amount=v["bonus"],
                    certificate_number=v["certificate_number"],
                    gold_book_number=v["gold_book_number"],
                    achievement=v["achievement"],
                )
                for v in new
            ],
        )
        return len(created), 0

    def display(self, key, value):
        if key == "bonus":
            return f"{value:,}".replace(",", ".") if value else ""
        if key == "organization" and value is not None:
            return value.code
        return super().display(key, value)

    def done_url(self, batch):
        return f"{reverse('awards:award_list')}?organization={batch.organization_id}"

    def upload_url(self, batch):
        return reverse("awards:award_import")


_RULE_COLUMNS = {"award_type": "award", "organization": "union", "year": "year"}


def _lookups(rows):
    """What the file identifies its members and unions by, to fetch them in a few queries."""
    values = [r.values for r in rows]
    return {
        "cccds": {v["national_id"] for v in values if v.get("national_id")},
        "old_ids": {v["old_id"] for v in values if v.get("old_id")},
        "codes": {v["member_code"] for v in values if v.get("member_code")},
        "names": {fold(v["full_name"]) for v in values if v.get("full_name")},
        "union_codes": {v["union_text"].upper() for v in values if v.get("union_text")},
    }


def _award_key(values):
    """What the unique constraints of Award hold once: one award type, year and member or union."""
    member = values["member"]
    return (
        values["award_type"].pk,
        values["year"],
        member.pk if member else None,
        None if member else values["organization"].pk,
    )


def _decision_key(values):
    return values["issuer_name"].strip(), values["number"].strip(), values["signed_on"]


def _said(values):
    return {"subject": values["subject"], "award": values["award_type"].name, "year": values["year"]}


def _stored_awards(rows):
    """{award key: valid award already stored} for the rows' subjects, types and years, in one query."""
    if not rows:
        return {}
    values = [r.values for r in rows]
    members = {v["member"].pk for v in values if v["member"]}
    unions = {v["organization"].pk for v in values if not v["member"]}
    found = (
        Award.objects.filter(
            status=Award.Status.VALID,
            award_type__in={v["award_type"].pk for v in values},
            year__in={v["year"] for v in values},
        )
        .filter(Q(member__in=members) | Q(member__isnull=True, organization__in=unions))
        .select_related("decision")
    )
    return {(a.award_type_id, a.year, a.member_id, None if a.member_id else a.organization_id): a for a in found}
