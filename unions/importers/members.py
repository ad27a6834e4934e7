"""Member lists from Excel, as grassroots officers keep them.

Parses and checks only: the rows go to `member_import_create` / `member_import_update`, which write
with history, audit and the change signal. A row matching a member already in the union (by CCCD,
member code, or name and birth date) updates that member when the clerk asked for updates, and is an
error otherwise: never a duplicate.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.imports.importer import ERROR, NEW, UNCHANGED, UPDATE, CheckedRow, Importer, register
from core.imports.spec import Field, ImportSpec
from core.imports.values import (
    cell_text,
    is_blank,
    join_name_parts,
    parse_birth,
    parse_date,
    parse_email,
    parse_gender,
    parse_name,
    parse_national_id,
    parse_phones,
    parse_text,
)
from core.text import fold

from .. import access
from ..models import Education, Gender, Member, MemberStatus
from ..selectors import member_holding_orgs_for
from ..services.members import check_member, member_import_create, member_import_update

F = Field
SPEC = ImportSpec(
    "members",
    (
        F(
            "full_name",
            gettext_lazy("Full name"),
            ("Họ và tên", "Họ tên", "Họ, tên", "Họ và tên đoàn viên", "Họ tên đoàn viên", "Tên đoàn viên", "Name"),
            required=True,
            alternatives=(("family_name", "given_name"),),
        ),
        F(
            "family_name",
            gettext_lazy("Family and middle name"),
            ("Họ đệm", "Họ và tên đệm", "Họ và đệm", "Họ", "Họ lót", "Họ và chữ đệm"),
        ),
        F("given_name", gettext_lazy("Given name"), ("Tên", "Tên gọi")),
        F(
            "gender",
            gettext_lazy("Gender"),
            ("Giới tính", "Nam/Nữ", "Nam, Nữ", "Nam - Nữ", "Phái", "Sex"),
            required=True,
            alternatives=(("gender_male", "gender_female"),),
        ),
        F("gender_male", gettext_lazy("Male (marked with x)"), ("Nam",)),
        F("gender_female", gettext_lazy("Female (marked with x)"), ("Nữ",)),
        F(
            "birth_date",
            gettext_lazy("Date of birth"),
            ("Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Năm sinh", "Sinh ngày", "Birth date"),
            date=True,
        ),
        F(
            "national_id",
            gettext_lazy("Citizen ID (CCCD)"),
            (
                "Số CCCD",
                "CCCD",
                "CCCD/CMND",
                "Số CCCD/CMND",
                "CMND/CCCD",
                "Số CMND/CCCD",
                "Số định danh cá nhân",
                "Số định danh",
                "CMND",
                "Số CMND",
                "Căn cước công dân",
                "Số căn cước",
                "Citizen ID",
            ),
        ),
        F("member_code", gettext_lazy("Member code"), ("Mã đoàn viên", "Mã ĐV")),
        F("organization_code", gettext_lazy("Union code"), ("Mã công đoàn", "Mã CĐCS", "Mã đơn vị")),
        F("card_number", gettext_lazy("Member card number"), ("Số thẻ", "Số thẻ đoàn viên", "Số thẻ ĐV")),
        F(
            "joined_on",
            gettext_lazy("Joined the union on"),
            (
                "Ngày vào công đoàn",
                "Ngày vào CĐ",
                "Ngày kết nạp",
                "Ngày kết nạp công đoàn",
                "Ngày gia nhập công đoàn",
                "Ngày vào Công đoàn",
            ),
            date=True,
        ),
        F("ethnicity", gettext_lazy("Ethnicity"), ("Dân tộc",)),
        F(
            "job_title",
            gettext_lazy("Job title"),
            (
                "Chức vụ",
                "Chức danh",
                "Chức danh, nghề nghiệp",
                "Nghề nghiệp",
                "Chức vụ, chức danh",
                "Chức danh nghề nghiệp",
                "Công việc",
            ),
        ),
        F("education", gettext_lazy("Education level"), ("Trình độ", "Trình độ học vấn", "Trình độ chuyên môn")),
        F(
            "phone",
            gettext_lazy("Phone"),
            ("Điện thoại", "SĐT", "Số điện thoại", "Số ĐT", "ĐT", "Điện thoại di động", "Di động", "ĐTDĐ"),
        ),
        F("email", gettext_lazy("E-mail"), ("Email", "Thư điện tử", "Địa chỉ email")),
    ),
)
# What an update may change, in the order the preview shows differences.
UPDATABLE = (
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "national_id",
    "old_id_number",
    "card_number",
    "joined_on",
    "ethnicity",
    "job_title",
    "education",
    "phone",
    "phone2",
    "email",
)
TEXT_LIMITS = {"card_number": 32, "ethnicity": 50, "job_title": 150}


def _choice_aliases(choices):
    aliases = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices:
                aliases[fold(value)] = value
                aliases[fold(str(label))] = value
    return aliases


@register
class MemberImporter(Importer):
    kind = "members"
    spec = SPEC
    preview_fields = (
        "full_name",
        "gender",
        "birth",
        "national_id",
        "old_id_number",
        "phone",
        "phone2",
        "joined_on",
        "job_title",
        "organization",
    )
    preview_headings = {
        "birth": gettext_lazy("Date of birth"),
        "old_id_number": gettext_lazy("Old ID (CMND)"),
        "phone2": gettext_lazy("Second phone"),
        "organization": gettext_lazy("Union code"),
        "birth_year": gettext_lazy("Year of birth"),
    }
    preview_sources = {
        "full_name": ("full_name", "family_name", "given_name"),
        "gender": ("gender", "gender_male", "gender_female"),
        "birth": ("birth_date",),
        "old_id_number": ("national_id",),
        "phone2": ("phone",),
        "organization": (),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.update_existing = bool(self.options.get("update_existing"))
        self.today = timezone.localdate()

    # ------------------------------------------------------------------------------------------ values
    def check(self, parsed):
        titles = self.column_titles(parsed)
        orgs = {o.code.upper(): o for o in member_holding_orgs_for(self.actor)}
        educations = _choice_aliases(Education.choices)
        self._sheet_units = self._units_named_like_sheets(parsed, orgs.values())
        recased = 0
        rows = []
        for source in parsed.rows:
            row = CheckedRow(source=source)
            recased += self._read(row, titles, parsed.date_orders, orgs, educations)
            rows.append(row)
        if recased:
            self.warnings.append(
                ngettext(
                    "Capitalisation changed for %(n)s name written all in capitals or all in small letters (for "
                    'example "NGUYỄN VĂN AN" becomes "Nguyễn Văn An"). Check the names in the preview.',
                    "Capitalisation changed for %(n)s names written all in capitals or all in small letters (for "
                    'example "NGUYỄN VĂN AN" becomes "Nguyễn Văn An"). Check the names in the preview.',
                    recased,
                )
                % {"n": recased}
            )
        self._match(rows)
        for row in rows:
            if row.errors:
                row.status = ERROR
        return rows

    def _read(self, row, titles, orders, orgs, educations):
        """Every cell of one row read as the clerk meant it; returns 1 when the name was re-capitalised."""
        cells, values, sheet = row.source.cells, row.values, row.source.sheet
        read = self.reader(row, titles)

        if "full_name" in cells:
            raw_name = cells.get("full_name")
        else:
            raw_name = join_name_parts(cell_text(cells.get("family_name")), cell_text(cells.get("given_name")))
        name, was_recased = read("full_name", lambda _v: parse_name(raw_name), ("", False))
        values["full_name"] = name
        row.name = name
        if not name:
            row.errors.append(_("Full name is missing: write the member's full name."))
        values["gender"] = self._gender(row, cells, read, titles)
        birth_date, birth_year = read("birth_date", parse_birth, (None, None), order=orders.get("birth_date", "dmy"))
        self._check(row, titles, birth_date=birth_date, birth_year=birth_year)
        values["birth_date"], values["birth_year"] = birth_date, birth_year
        values["birth"] = birth_date or birth_year
        values["national_id"], old_id = read("national_id", parse_national_id, (None, None))
        values["old_id_number"] = old_id or ""
        values["joined_on"] = read("joined_on", parse_date, order=orders.get("joined_on", "dmy"))
        self._check(row, titles, joined_on=values["joined_on"])
        code = cell_text(cells.get("organization_code")).upper()
        values["organization"] = orgs.get(code) if code else self._sheet_units.get(sheet, self.organization)
        if values["organization"] is None:
            row.errors.append(
                _(
                    '%(column)s: union code "%(code)s" does not exist or is outside your reach. '
                    "Use a code from the Guide sheet of the template, or leave it empty."
                )
                % {"column": titles.get((sheet, "organization_code")), "code": code}
            )
        values["member_code"] = cell_text(cells.get("member_code")).upper()
        for key, limit in TEXT_LIMITS.items():
            values[key] = read(key, parse_text, "", max_length=limit)
        education = cell_text(cells.get("education"))
        values["education"] = educations.get(fold(education), "") if education else ""
        if education and not values["education"]:
            row.errors.append(
                _('%(column)s: "%(value)s" is not a level of the list (%(levels)s).')
                % {
                    "column": titles.get((sheet, "education")),
                    "value": education,
                    "levels": ", ".join(str(e.label) for e in Education),
                }
            )
        values["phone"], values["phone2"] = read("phone", parse_phones, ("", ""))
        values["email"] = read("email", parse_email, "")
        return int(bool(was_recased))

    def _check(self, row, titles, **values):
        """The services' rules on these values (check_member), each message prefixed by the clerk's column."""
        try:
            check_member(today=self.today, **values)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = titles.get((row.source.sheet, key)) or self.label_of(key)
                row.errors += [_("%(column)s: %(error)s") % {"column": column, "error": m} for m in messages]

    def _units_named_like_sheets(self, parsed, orgs):
        """{sheet: division} when a read sheet bears exactly the name of a division or group of the union ("Tổ 1"):
        its rows without a union code go there, and the warnings say so."""
        below = {}
        for org in orgs:
            if org.path.startswith(self.organization.path) and org.pk != self.organization.pk:
                for name in {org.name, org.short_name}:
                    if name:
                        below.setdefault(fold(name), []).append(org)
        units = {}
        for sheet in parsed.sheets:
            matches = below.get(fold(sheet.name), [])
            if sheet.read and len(matches) == 1:
                units[sheet.index] = matches[0]
                self.warnings.append(
                    _(
                        'Rows of sheet "%(sheet)s" without a union code go to %(unit)s (%(code)s), '
                        "which has the same name."
                    )
                    % {"sheet": sheet.name, "unit": matches[0].name, "code": matches[0].code}
                )
        return units

    def _gender(self, row, cells, read, titles):
        if "gender" in cells:
            errors = len(row.errors)
            gender = read("gender", parse_gender)
            if gender is None and len(row.errors) == errors:
                row.errors.append(
                    _("%(column)s: Gender is missing. Write Nam or Nữ.")
                    % {"column": titles.get((row.source.sheet, "gender"))}
                )
            return gender
        male, female = not is_blank(cells.get("gender_male")), not is_blank(cells.get("gender_female"))
        if male != female:
            return Gender.MALE if male else Gender.FEMALE
        row.errors.append(
            _("%(male)s / %(female)s: mark exactly one of the two columns with an x.")
            % {
                "male": titles.get((row.source.sheet, "gender_male")),
                "female": titles.get((row.source.sheet, "gender_female")),
            }
        )
        return None

    # ---------------------------------------------------------------------------------------- matching
    def _match(self, rows):
        """Tie rows to members already in the union; refuse what would be a duplicate."""
        union = self.organization
        in_union = Member.objects.filter(org_path__startswith=union.path)
        cccds = {r.values["national_id"] for r in rows if r.values.get("national_id")}
        codes = {r.values["member_code"] for r in rows if r.values.get("member_code")}
        names = {fold(r.values["full_name"]) for r in rows if r.values.get("full_name")}
        by_cccd = {
            m.national_id: m for m in Member.objects.filter(national_id__in=cccds).select_related("organization")
        }
        by_code = {m.member_code: m for m in in_union.filter(member_code__in=codes).select_related("organization")}
        by_name = {}
        for m in in_union.filter(search_name__in=names, status=MemberStatus.ACTIVE).select_related("organization"):
            by_name.setdefault(m.search_name, []).append(m)
        seen_cccd, seen_person, seen_member = {}, {}, {}
        for row in rows:
            values = row.values
            cccd, person = (
                values.get("national_id"),
                (fold(values.get("full_name", "")), values.get("birth_date") or values.get("birth_year")),
            )
            if cccd:
                if cccd in seen_cccd:
                    row.errors.append(
                        _("Citizen ID (CCCD) %(value)s is repeated: already on row %(row)s. Keep one of the two rows.")
                        % {"value": cccd, "row": seen_cccd[cccd]}
                    )
                seen_cccd.setdefault(cccd, row.number)
            elif person[0]:
                if person in seen_person:
                    row.errors.append(
                        _(
                            "The same person (name and date of birth) is already on row %(row)s. Keep "
                            "one of the two rows."
                        )
                        % {"row": seen_person[person]}
                    )
                seen_person.setdefault(person, row.number)
            member, how = None, ""
            if cccd and cccd in by_cccd:
                member, how = by_cccd[cccd], _("citizen ID (CCCD)")
                if not member.org_path.startswith(union.path):
                    where = (
                        member.organization.name
                        if access.can(self.actor, access.READ, member.organization)
                        else _("another union")
                    )
                    row.errors.append(
                        _(
                            "Citizen ID (CCCD) %(value)s belongs to a member of %(union)s. A member who "
                            "moved to this union is transferred (chuyển sinh hoạt) by that union, not "
                            "added again: ask it to transfer the member, or remove the row."
                        )
                        % {"value": cccd, "union": where}
                    )
                    continue
            elif values.get("member_code"):
                member, how = by_code.get(values["member_code"]), _("member code")
                if member is None:
                    row.errors.append(
                        _(
                            "Member code %(code)s is not a member of this union. Leave the member code "
                            "empty for a new member."
                        )
                        % {"code": values["member_code"]}
                    )
                    continue
            elif person[0]:
                member, how = self._by_name(row, by_name.get(person[0], []))
                if member is False:
                    continue
            if member is None:
                row.status = NEW
                continue
            if member.pk in seen_member:
                row.errors.append(
                    _("Row %(row)s already matches the same member %(code)s.")
                    % {"row": seen_member[member.pk], "code": member.member_code}
                )
                continue
            seen_member[member.pk] = row.number
            if not self.update_existing:
                row.errors.append(
                    _(
                        '%(name)s is already in the union as %(code)s (same %(how)s). Tick "Update '
                        'members already in the list" to update them, or remove the row.'
                    )
                    % {"name": member.full_name, "code": member.member_code, "how": how}
                )
                continue
            if member.status != MemberStatus.ACTIVE:
                row.errors.append(
                    _("%(name)s (%(code)s) is marked as %(status)s; an import does not change that. Remove the row.")
                    % {
                        "name": member.full_name,
                        "code": member.member_code,
                        "status": member.get_status_display().lower(),
                    }
                )
                continue
            self._diff(row, member)

    def _by_name(self, row, same_name):
        """The one member of the union with this name (and birth, when the row gives it); False when several."""
        values = row.values
        if values.get("birth_year"):
            same_name = [m for m in same_name if _same_birth(values, m)]
            how = _("name and date of birth")
        else:
            how = _("name")
        if len(same_name) > 1:
            row.errors.append(
                _(
                    "%(n)s members of the union are named %(name)s: add the date of birth or the CCCD "
                    "to say which one this row is."
                )
                % {"n": len(same_name), "name": values["full_name"]}
            )
            return False, ""
        return (same_name[0], how) if same_name else (None, "")

    def _diff(self, row, member):
        """Blank cells change nothing; a value the file gives and the member lacks or differs is an update."""
        row.target = member
        for key in UPDATABLE:
            new = row.values.get(key)
            if new in (None, ""):
                continue
            old = getattr(member, key)
            if key == "birth_year":
                # Derived from the date when the row has one; a year alone never replaces a full date.
                if row.values.get("birth_date") or (member.birth_date and member.birth_date.year == new):
                    continue
                old = member.birth_year or (member.birth_date.year if member.birth_date else None)
            if old != new:
                row.diff[key] = (self.display(key, old), self.display(key, new))
        row.status = UPDATE if row.diff else UNCHANGED

    # ------------------------------------------------------------------------------------------- write
    def write(self, rows):
        new = [{k: r.values[k] for k in (*UPDATABLE, "organization")} for r in rows if r.status == NEW]
        changes = [(r.target, {k: r.values[k] for k in r.diff}) for r in rows if r.status == UPDATE]
        created = member_import_create(actor=self.actor, rows=new)
        updated = member_import_update(actor=self.actor, changes=changes)
        return len(created), updated

    def display(self, key, value):
        if key == "gender":
            return str(Gender(value).label) if value else ""
        if key == "organization":
            return value.code if value is not None else ""
        if key == "education" and value:
            return str(Education(value).label)
        return super().display(key, value)

    def done_url(self, batch):
        return reverse("unions:member_list") + f"?organization={batch.organization_id}"

    def upload_url(self, batch):
        return reverse("unions:member_import")


def _same_birth(values, member):
    if values.get("birth_date") and member.birth_date:
        return values["birth_date"] == member.birth_date
    year = member.birth_year or (member.birth_date.year if member.birth_date else None)
    return year is not None and values.get("birth_year") == year
