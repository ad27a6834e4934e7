"""The parts every administrative document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): who issues it, its
number, place and date, its kind and summary, who receives it and who signs it.

`Letterhead.context()` gives the placeholders every template, built-in or uploaded, may use; the words of the
form itself (quốc hiệu, tiêu ngữ, "Số:", "Nơi nhận:") are in the templates.
"""

import datetime
from dataclasses import dataclass, field

from core.templatetags.vn import vnd

from .words import amount_in_words

# "TM." signs on behalf of a collective body, "KT." for the head by a deputy (Nghị định 30/2020, Điều 13).
ON_BEHALF, DEPUTY, SELF = "TM.", "KT.", ""


def date_text(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2025": days below 10 and the months January and February take a leading zero,
    so the date cannot be altered by adding a digit (Nghị định 30/2020, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def amount_context(amount: int) -> dict[str, str]:
    """An amount as the decision writes it: in figures (1.250.000 đ) and in words."""
    figures: str = vnd(amount)  # type: ignore[no-untyped-call]  # core's template filters are untyped
    return {"figures": figures, "words": amount_in_words(amount)}


def place_of(names: list[str]) -> str:
    """The địa danh: the province or city of the issuing body, read from the names of its ancestors, top first
    ("Liên đoàn Lao động thành phố Hà Nội" -> "Hà Nội"); staff can change it on the form."""
    for name in names:
        lowered = name.lower()
        for word in ("thành phố ", "tỉnh "):
            if word in lowered:
                return name[lowered.index(word) + len(word) :].strip()
    return ""


# Kinds of body a name starts with: a long name breaks after them, never inside the place name that follows.
BODY_WORDS = ("LIÊN ĐOÀN LAO ĐỘNG", "CÔNG ĐOÀN", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "BAN THƯỜNG VỤ")
ONE_LINE = 26  # upper-case letters that fit the left block of the PDF header on one line


def name_lines(name: str) -> list[str]:
    """ "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI" -> ["LIÊN ĐOÀN LAO ĐỘNG", "THÀNH PHỐ HÀ NỘI"]: the break a clerk
    makes, rather than the one the width would ("… THÀNH PHỐ HÀ" / "NỘI")."""
    if len(name) <= ONE_LINE:
        return [name] if name else []
    for words in BODY_WORDS:
        if name.startswith(words + " "):
            return [words, name[len(words) + 1 :]]
    return [name]


@dataclass
class Letterhead:
    issuer_name: str
    parent_name: str = ""
    number: str = ""
    place: str = ""
    date: datetime.date | None = None
    title: str = ""
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    authority: str = SELF
    on_behalf_of: str = ""
    signer_title: str = ""
    signer_name: str = ""

    def context(self) -> dict[str, object]:
        sign_authority = f"{self.authority} {self.on_behalf_of}".strip().upper() if self.authority else ""
        return {
            "parent_name": self.parent_name.upper(),
            "issuer_name": self.issuer_name.upper(),
            "number": self.number,
            "place": self.place,
            "date_text": date_text(self.date) if self.date else "ngày … tháng … năm …",
            "title": self.title.upper(),
            "subject": self.subject,
            "recipients": [r for r in self.recipients if r],
            "sign_authority": sign_authority,
            "signer_title": self.signer_title.upper(),
            "signer_name": self.signer_name,
        }
