"""Who received each award of a file: members and unions of one federation, looked up once for the file.

A member is found by CCCD, member code, or name with date of birth or union; a union by code or by name.
Every answer is the subject or a message saying what to write instead, so a row never lands on a
namesake: a CCCD whose member has another name, a name shared by two members, a union name used twice in
the federation are all refused with the way out.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from core.text import fold
from unions.models import Member, Organization

from ..award_names import words

_ORG_FIELDS = ("pk", "code", "name", "short_name", "kind", "path", "depth", "dissolved_on")


def _born_as(member, born, born_year):
    """Whether a member's record fits the date (or only the year) of birth the file gives."""
    if born:
        return member.birth_date == born if member.birth_date else member.birth_year == born.year
    return (member.birth_date.year if member.birth_date else member.birth_year) == born_year


class Subjects:
    def __init__(self, federation, *, cccds=(), old_ids=(), codes=(), names=(), union_codes=()):
        self.federation = federation
        path = federation.path
        found = Member.objects.filter(
            Q(national_id__in=set(cccds))
            | Q(old_id_number__in=set(old_ids))
            | Q(member_code__in=set(codes))
            | Q(org_path__startswith=path, search_name__in=set(names))
        ).select_related("organization")
        self.by_id, self.by_code, self.by_name = {}, {}, {}
        for m in found:
            if m.national_id:
                self.by_id[m.national_id] = m
            if m.old_id_number:
                self.by_id.setdefault(m.old_id_number, m)
            self.by_code[m.member_code.upper()] = m
            if m.org_path.startswith(path):
                self.by_name.setdefault(m.search_name, []).append(m)
        self.unions = list(Organization.objects.filter(path__startswith=path).only(*_ORG_FIELDS))
        self.union_by_code = {o.code.upper(): o for o in self.unions}
        self.union_by_name = {}
        for o in self.unions:
            for key in {words(o.name), words(o.short_name)} - {""}:
                self.union_by_name.setdefault(key, []).append(o)
        outside = set(union_codes) - set(self.union_by_code)
        self.outside_codes = (
            {o.code.upper(): o for o in Organization.objects.filter(code__in=outside).only(*_ORG_FIELDS)}
            if outside
            else {}
        )

    def inside(self, member):
        return member.org_path.startswith(self.federation.path)

    # ------------------------------------------------------------------------------------------- unions
    def union(self, text):
        """(union, None) or (None, message) for a union written by code or by name."""
        value = " ".join(str(text).split())
        federation = self.federation.name
        org = self.union_by_code.get(value.upper())
        if org is not None:
            return org, None
        if value.upper() in self.outside_codes:
            return None, _(
                '"%(value)s" (%(name)s) is outside %(federation)s: only its own unions are imported '
                "here. Remove the row, or import it into the federation it belongs to."
            ) % {"value": value, "name": self.outside_codes[value.upper()].name, "federation": federation}
        matches = self.union_by_name.get(words(value), [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, _(
                '%(n)s unions of %(federation)s are named "%(value)s" (%(codes)s): write the code of '
                "the one meant instead of the name."
            ) % {
                "n": len(matches),
                "federation": federation,
                "value": value,
                "codes": ", ".join(o.code for o in matches),
            }
        return None, _(
            '"%(value)s" is not a union of %(federation)s. Write its code or its full name as in the organisation tree.'
        ) % {"value": value, "federation": federation}

    # ------------------------------------------------------------------------------------------ members
    def member(self, *, national_id, code, name, born, born_year, union):
        """(member, None, None) or (None, field key to blame, message)."""
        federation = self.federation.name
        if national_id or code:
            key, value = ("national_id", national_id) if national_id else ("member_code", code)
            member = self.by_id.get(value) if national_id else self.by_code.get(value)
            if member is None:
                return (
                    None,
                    key,
                    _(
                        "No member has %(value)s. Check it against the list of members of "
                        "%(federation)s, or add the member to the union first."
                    )
                    % {"value": value, "federation": federation},
                )
            if not self.inside(member):
                return (
                    None,
                    key,
                    _(
                        "%(value)s is a member outside %(federation)s: only its own members are "
                        "imported here. Remove the row, or import it into the federation the member "
                        "belongs to."
                    )
                    % {"value": value, "federation": federation},
                )
            if name and fold(name) != member.search_name:
                return (
                    None,
                    key,
                    _("%(value)s is %(member)s (%(code)s), not %(name)s. Check the number and the name.")
                    % {"value": value, "member": member.full_name, "code": member.member_code, "name": name},
                )
            return member, None, None
        if not name:
            return (
                None,
                "full_name",
                _("The member is missing: write the full name with the date of birth, or the CCCD or member code."),
            )
        if not (born or born_year or union):
            return (
                None,
                "full_name",
                _(
                    "A name alone may belong to several people: add the date of birth, the "
                    "union, the CCCD or the member code of %(name)s."
                )
                % {"name": name},
            )
        matches = self.by_name.get(fold(name), [])
        if born or born_year:
            matches = [m for m in matches if _born_as(m, born, born_year)]
        if union is not None:
            matches = [m for m in matches if m.org_path.startswith(union.path)]
        if len(matches) == 1:
            return matches[0], None, None
        if matches:
            return (
                None,
                "full_name",
                _("%(n)s members of %(federation)s match %(name)s: write the CCCD or the member code to say which.")
                % {"n": len(matches), "federation": federation, "name": name},
            )
        return (
            None,
            "full_name",
            _(
                "No member of %(federation)s is named %(name)s with this date of birth or union. "
                "Check the name and the date of birth, or write the CCCD or member code."
            )
            % {"federation": federation, "name": name},
        )
