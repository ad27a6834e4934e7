"""How clerks name awards and issuing bodies, matched to the award catalogue and to the union tree.

Lists of past awards spell one award many ways: the catalogue's "Bằng khen của Liên đoàn Lao động tỉnh,
thành phố (cá nhân)", "Bằng khen của LĐLĐ tỉnh", "BK Tổng LĐ", or only "Bằng khen" with the body that
gave it in a column of its own ("Cấp khen": "TLĐ", "UBND tỉnh"). Names are compared as folded words with
the usual abbreviations spelled out; a generic form ("Bằng khen", "Cờ thi đua", "Giấy khen") is told
apart by the level of the body that gave it, by which body of that level it is (a provincial federation
or a sector union: awards/catalogue.py) and by whether a person or a union received it.
"""

import re

from core.text import fold
from unions.models import OrgKind

from . import catalogue
from .models import IssuingLevel, SubjectKind
from .services.decisions import AUTHORITY

_ABBREVIATIONS = (
    (r"\bldld\b", "lien doan lao dong"),
    (r"\b(?:tld|tong ld)\b", "tong lien doan"),
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bbk\b", "bang khen"),
    (r"\bgk\b", "giay khen"),
    (r"\bcdcs\b", "cong doan co so"),
    (r"\bdvcd\b", "doan vien cong doan"),
    (r"\bcd\b", "cong doan"),
    (r"\b(?:ttg|ttcp)\b", "thu tuong chinh phu"),
    (r"\bctn\b", "chu tich nuoc"),
    (r"\bbtv\b", "ban thuong vu"),
    (r"\bbch\b", "ban chap hanh"),
    (r"\bvn\b", "viet nam"),
    (r"\btp\b", "thanh pho"),
)
# A central sector union is named by its sector and the country, without the word "ngành": "Công đoàn Giáo dục
# Việt Nam", "CĐ Y tế VN", and two by their force. Read as "công đoàn ngành …" so its level and body are found;
# the union of a company, a school or a hospital "… Việt Nam" is a grassroots union, not one.
_NOT_A_SECTOR = (
    r"co so|nganh|tren|cap tren|(?:[a-z]+ ){0,4}(?:cong ty|tnhh|co phan|chi nhanh|nha may|xi nghiep|truong|benh vien)"
)
_SECTOR_UNION = re.compile(
    rf"\bcong doan (?!(?:{_NOT_A_SECTOR})\b)(?=(?:[a-z]+ ){{1,5}}viet nam\b|cong an nhan dan\b|quoc phong\b)"
)
# Who signs for a body is not another body: "Ban Thường vụ LĐLĐ tỉnh" is the provincial federation.
_SIGNING_ORGANS = re.compile(r"^(?:ban thuong vu|ban chap hanh|doan chu tich|chu tich(?! nuoc)|thuong truc)\s+")
# Administrative words some lists leave out: "LĐLĐ Nghệ An" is "LĐLĐ tỉnh Nghệ An".
_PLACE_WORDS = re.compile(r"\b(?:tinh|thanh pho|quan|huyen|thi xa)\b")
_FILLER = re.compile(r"\b(?:cua|cap)\b")
FORMS = ("co thi dua", "bang khen", "giay khen")
# The level a body's name says, first match first: "Tổng Liên đoàn Lao động" also holds "liên đoàn lao động".
_LEVEL_WORDS = (
    ("tong lien doan", IssuingLevel.CONFEDERATION),
    ("thu tuong", IssuingLevel.STATE),
    ("chinh phu", IssuingLevel.STATE),
    ("chu tich nuoc", IssuingLevel.STATE),
    ("nha nuoc", IssuingLevel.STATE),
    ("uy ban nhan dan", IssuingLevel.PROVINCE_GOV),
    ("cong doan tren truc tiep co so", IssuingLevel.UPPER),
    ("lien doan lao dong quan", IssuingLevel.UPPER),
    ("lien doan lao dong huyen", IssuingLevel.UPPER),
    ("lien doan lao dong thi xa", IssuingLevel.UPPER),
    ("lien doan lao dong", IssuingLevel.PROVINCIAL),
    ("cong doan nganh", IssuingLevel.PROVINCIAL),
    ("cong doan co so", IssuingLevel.GRASSROOTS),
)
UNION_LEVELS = frozenset(
    {IssuingLevel.GRASSROOTS, IssuingLevel.UPPER, IssuingLevel.PROVINCIAL, IssuingLevel.CONFEDERATION}
)
# What any federation of a kind is also called in a list of its own awards.
_KIND_ALIASES = {
    OrgKind.CONFEDERATION: ("tong lien doan", "tong lien doan lao dong", "tong lien doan lao dong viet nam"),
    OrgKind.PROVINCIAL_FEDERATION: (
        "lien doan lao dong",
        "lien doan lao dong tinh",
        "lien doan lao dong thanh pho",
        "lien doan lao dong tinh thanh pho",
    ),
    OrgKind.DISTRICT_FEDERATION: ("lien doan lao dong quan", "lien doan lao dong huyen", "lien doan lao dong thi xa"),
    OrgKind.SECTOR_UNION: ("cong doan nganh", "cong doan nganh trung uong"),
}


def _loose(key):
    return " ".join(_PLACE_WORDS.sub(" ", key).split())


def words(text) -> str:
    """'Bằng khen của LĐLĐ tỉnh' -> 'bang khen lien doan lao dong tinh': the key names are compared by."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(str(text or "")))
    for pattern, full in _ABBREVIATIONS:
        folded = re.sub(pattern, full, folded)
    folded = _SECTOR_UNION.sub("cong doan nganh ", folded)
    folded = _FILLER.sub(" ", _SIGNING_ORGANS.sub("", folded.strip()))
    return " ".join(folded.split())


def level_in(text) -> str | None:
    """The issuing level a name of a body or of an award states, or None."""
    key = words(text)
    return next((level for phrase, level in _LEVEL_WORDS if phrase in key), None)


def looks_like_a_union(text) -> bool:
    key = words(text)
    return "lien doan lao dong" in key or "cong doan" in key


def subject_in(text) -> str | None:
    """'… (cá nhân)' or '… (tập thể)' at the end of an award's name."""
    key = words(text)
    if key.endswith(("ca nhan", "cho ca nhan")):
        return SubjectKind.INDIVIDUAL
    if key.endswith(("tap the", "cho tap the")):
        return SubjectKind.COLLECTIVE
    return None


def _without_subject(key):
    return re.sub(r"\s*(?:cho\s+)?(?:ca nhan|tap the)$", "", key)


def _form_of(key):
    return next((form for form in FORMS if key.startswith(form)), "")


class Catalogue:
    """The award types in use, found by code, by name in any spelling, or by form + level + subject."""

    def __init__(self, award_types):
        self.types = list(award_types)
        self.by_code = {t.code.upper(): t for t in self.types}
        self.by_key: dict[str, list] = {}
        for t in self.types:
            for key in {words(t.name), _without_subject(words(t.name))}:
                self.by_key.setdefault(key, []).append(t)
        self._found: dict[tuple, list] = {}

    def find(self, text, *, level=None, subject=None, body=None) -> list:
        """The types the text may mean, narrowed by the issuing level, the body and the subject kind.

        `level` comes from the issuing body's column; a level written in the award's name wins over it.
        `body` is the kind of the issuing body when it is a unit of the tree: at the provincial level a
        sector union's "Bằng khen" is its own, not a federation's. A body named in the award's name wins
        over it; with neither, a level holding several bodies' awards means the usual one's.
        A register repeats a few spellings thousands of times: each is worked out once.
        """
        key = (str(text or ""), level, subject, body)
        if key not in self._found:
            self._found[key] = self._find(text, level=level, subject=subject, body=body)
        return list(self._found[key])

    def _find(self, text, *, level=None, subject=None, body=None) -> list:
        code = str(text or "").strip().upper()
        if code in self.by_code:
            return [self.by_code[code]]
        key = words(text)
        subject = subject_in(text) or subject
        found = self.by_key.get(key) or self.by_key.get(_without_subject(key)) or []
        if not found and (form := _form_of(key)):
            # "Bằng khen" alone, or with a body: "Bằng khen UBND tỉnh". Other words name another award.
            rest = key[len(form) :].strip()
            if rest:
                level = level_in(rest)
                body = catalogue.body_in(rest, level)
            found = (
                [
                    t
                    for t in self.types
                    if _form_of(words(t.name)) == form and t.issuing_level == level and not t.is_thematic
                ]
                if level
                else []
            )
        if len(found) > 1 and subject:
            found = [t for t in found if t.subject_kind == subject] or found
        if len(found) > 1 and level:
            found = [t for t in found if t.issuing_level == level] or found
        if len(found) > 1 and level:
            found = catalogue.of_body(found, body or catalogue.usual_body(level)) or found
        return found


class Issuers:
    """The bodies of the tree that may have given a federation's awards: itself and the levels above it."""

    def __init__(self, federation, ancestors):
        self.chain = [federation, *reversed(list(ancestors))]  # nearest first
        self.by_key, self.by_loose_key = {}, {}
        for org in self.chain:
            keys = {words(org.name), words(org.short_name), words(org.code), *_KIND_ALIASES.get(org.kind, ())}
            for key in keys - {""}:
                self.by_key.setdefault(key, org)  # nearest first: "Liên đoàn Lao động" is the federation
                self.by_loose_key.setdefault(_loose(key), org)

    def find(self, text):
        key = words(text)
        return self.by_key.get(key) or self.by_loose_key.get(_loose(key))

    def for_award(self, award_type):
        """The body of the chain that gives this award (the nearest of its level and kind), or None."""
        return next(
            (
                org
                for org in self.chain
                if AUTHORITY.get(org.kind) == award_type.issuing_level and catalogue.conferred_by(award_type, org.kind)
            ),
            None,
        )

    @staticmethod
    def level_of(org):
        return AUTHORITY.get(org.kind)
