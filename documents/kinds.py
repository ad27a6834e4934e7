"""The kinds of drafted document, and the placeholders each offers to a template.

A kind's placeholders are a contract between the app that fills the document (awards for the four papers of
a commendation round, reports for the báo cáo) and the templates, built-in or uploaded by a federation: the
upload page lists them, and an uploaded template is checked by rendering it with the sample values below,
which have exactly the keys the real documents have (tests/documents holds them equal).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROPOSAL = "proposal", _("Cover letter proposing awards (tờ trình)")
    MINUTES = "minutes", _("Minutes of the commendation council (biên bản)")
    NOTICE = "notice", _("Public notice of the proposed list (thông báo)")
    DECISION = "decision", _("Commendation decision (quyết định)")
    REPORT = "report", _("Periodic report (báo cáo)")


@dataclass(frozen=True)
class Placeholder:
    name: str
    help: str | Promise
    # For a list: the fields of each item, as (name, help).
    fields: tuple[tuple[str, str | Promise], ...] = ()


COMMON = (
    Placeholder("parent_name", _("The governing body, upper case (cơ quan chủ quản); empty at the top")),
    Placeholder("issuer_name", _("The issuing body, upper case")),
    Placeholder("number", _("Number and symbol, e.g. 15/QĐ-LĐLĐ")),
    Placeholder("place", _("Place name of the date line, e.g. Hà Nội")),
    Placeholder("date_text", _("The date in words: ngày 20 tháng 12 năm 2025")),
    Placeholder("title", _("Kind of document, upper case: QUYẾT ĐỊNH")),
    Placeholder("subject", _("Summary line (trích yếu)")),
    Placeholder("recipients", _("List of recipients (nơi nhận), one text per item")),
    Placeholder("sign_authority", _("TM. or KT. with the body or head, e.g. TM. BAN THƯỜNG VỤ; may be empty")),
    Placeholder("signer_title", _("Title of the signer, upper case")),
    Placeholder("signer_name", _("Name of the signer")),
)

_PERSON = (
    ("no", _("row number")),
    ("name", _("person or union")),
    ("unit", _("union of the person")),
    ("award", _("award")),
)

SPECIFIC = {
    Kind.PROPOSAL: (
        Placeholder("to_name", _("The body the proposal is sent to")),
        Placeholder("year", _("Year of the achievements")),
        Placeholder("line_count", _("Number of people and unions proposed")),
        Placeholder("lines", _("The proposed list"), (*_PERSON, ("achievement", _("achievement summary")))),
    ),
    Kind.MINUTES: (
        Placeholder("held_text", _("Date of the sitting, in words")),
        Placeholder("chair", _("Who chaired the sitting")),
        Placeholder("members_total", _("Members of the council")),
        Placeholder("members_present", _("Members present")),
        Placeholder("members_absent", _("Members absent")),
        Placeholder("from_name", _("The union that proposed")),
        Placeholder(
            "lines",
            _("The ballot of each line"),
            (
                *_PERSON,
                ("votes_yes", _("votes for")),
                ("votes_no", _("votes against")),
                ("percent", _("share of all members voting for, e.g. 85,7%")),
                ("result", _("result: Đạt / Không đạt")),
            ),
        ),
    ),
    Kind.NOTICE: (
        Placeholder("from_name", _("The union that proposed")),
        Placeholder("starts_text", _("First day of the notice, dd/mm/yyyy")),
        Placeholder("ends_text", _("Last day of the notice, dd/mm/yyyy")),
        Placeholder("line_count", _("Number of people and unions listed")),
        Placeholder("lines", _("The list published for comment"), _PERSON),
    ),
    Kind.DECISION: (
        Placeholder("legal_basis", _("The grounds (căn cứ), one text per item")),
        Placeholder("year", _("Year of the awards")),
        Placeholder("line_count", _("Number of people and unions awarded")),
        Placeholder("lines", _("The awarded list"), (*_PERSON, ("bonus", _("bonus in figures: 1.250.000 đ")))),
        Placeholder("total", _("Total bonus in figures")),
        Placeholder("total_words", _("Total bonus in words: Hai triệu ba trăm bốn mươi nghìn đồng")),
    ),
    Kind.REPORT: (
        Placeholder("period_label", _("The period: nhiệm kỳ 2018–2023, năm 2025…")),
        Placeholder("situation", _("I. Situation: paragraphs")),
        Placeholder("results", _("II. Results: the sentences written from the figures")),
        Placeholder("figures", _("II. Results: the figures"), (("label", _("metric")), ("value", _("value")))),
        Placeholder("assessment", _("III. Overall assessment: paragraphs")),
        Placeholder("direction", _("IV. Direction: paragraphs")),
        Placeholder("by_award", _("Appendix: conferrals by award"), (("award", _("award")), ("count", _("count")))),
        Placeholder(
            "by_form",
            _("Appendix: awards by form and issuer"),
            (
                ("issuer", _("issued by")),
                ("form", _("form of award")),
                ("collective", _("collectives")),
                ("individual", _("individuals")),
                ("total", _("total")),
            ),
        ),
    ),
}


def placeholders(kind: str) -> tuple[Placeholder, ...]:
    return COMMON + SPECIFIC[Kind(kind)]


def _sample_value(placeholder: Placeholder) -> object:
    if placeholder.fields:
        return [{name: f"{name} {i}" for name, _help in placeholder.fields} for i in (1, 2)]
    if placeholder.name in ("recipients", "legal_basis", "situation", "results", "assessment", "direction"):
        return [f"{placeholder.name} 1", f"{placeholder.name} 2"]
    return placeholder.name


def sample_context(kind: str) -> dict[str, object]:
    """Every placeholder of the kind with a value of its shape: what an uploaded template is tried with."""
    return {p.name: _sample_value(p) for p in placeholders(kind)}
