"""Which body confers an award type, where one issuing level holds the awards of several kinds of body.

The issuing level says how high an award is; at the provincial level two kinds of union body confer a Cờ
thi đua and a Bằng khen of their own: a provincial federation ("… của Liên đoàn Lao động tỉnh, thành phố")
and a sector union ("… của Công đoàn ngành Trung ương và tương đương", QĐ 999/QĐ-TLĐ). The award's name
says whose it is. This module is the one place that reads it: the register import tells "Bằng khen" of a
sector union from a federation's by it, and a decision confers only its issuer's own.

This is about which award a body gives, not about who may act: authority stays in unions/access.py.
"""

import re

from core.text import fold
from unions.models import OrgKind

from .models import IssuingLevel

# The bodies of one level, by the words of their names, first match first.
_BODIES = {
    IssuingLevel.PROVINCIAL: (
        ("cong doan nganh", OrgKind.SECTOR_UNION),
        ("lien doan lao dong", OrgKind.PROVINCIAL_FEDERATION),
    ),
}
# The body a level means when nothing names it: the lists of provincial awards we have seen are all the
# federations'; a sector union's file names its body or is imported into the sector union itself.
_USUAL_BODY = {IssuingLevel.PROVINCIAL: OrgKind.PROVINCIAL_FEDERATION}


def _key(text):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split())


def body_in(key, level) -> str | None:
    """The kind of body that words (folded, abbreviations spelled out) name among those of the level."""
    return next((kind for phrase, kind in _BODIES.get(level, ()) if phrase in key), None)


def body_of(award_type) -> str | None:
    """The kind of body whose award this is, when its level holds the awards of several kinds; else None."""
    return body_in(_key(award_type.name), award_type.issuing_level)


def usual_body(level) -> str | None:
    return _USUAL_BODY.get(level)


def conferred_by(award_type, kind) -> bool:
    """Whether a body of this kind gives this award as its own (the level aside: see `within_authority`)."""
    body = body_of(award_type)
    return body is None or body == kind


def of_body(award_types, kind) -> list:
    """The award types a body of this kind gives among these (a level's Bằng khen: its own ones)."""
    return [t for t in award_types if conferred_by(t, kind)]
