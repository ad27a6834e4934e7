"""Certificates as PDF, one page per award, rendered by WeasyPrint: the full design, or only the fields onto a
pre-printed blank, and the blank's test print.

The page is A4 landscape, as the existing design and the blanks federations buy are. Everything that must not
wrap badly (the issuer, the national motto, the title, the recipient) is broken into lines in `lines.py`.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from unions.models import Organization, OrgKind

from ..models import CertificateReissue
from . import blank, lines, qr, wording

NATIONAL_NAME = "Cộng hòa xã hội chủ nghĩa Việt Nam"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Widths of the page's boxes in mm: A4 landscape less the margins, the frame and its padding.
HEADER_COLUMN = 118
BODY_WIDTH = 235
CITATION_WIDTH = 215
# Fields set in bold on a blank, as on the full certificate.
BOLD_FIELDS = frozenset({"issuer", "recipient", "signer_title", "signer_name"})
CITATION_MAX_WORDS = 45  # three lines at the smallest size; more is a paragraph (and too many ways to break)


@dataclass
class Page:
    award: object
    parent: object
    issuer: lines.Block
    parent_lines: lines.Block
    national: lines.Block
    motto: lines.Block
    title: lines.Block
    recipient: lines.Block
    job: str
    citation: str
    citation_lines: lines.Block | None
    reissue: object
    code: str
    url: str
    qr: str
    fields: dict
    spots: list
    paper: tuple


def _date_words(day):
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def _parents(issuers):
    """The body above each issuer (printed above its name), for all issuers in one query."""
    wanted = {i.path[: -Organization.steplen] for i in issuers if i.depth > 1}
    by_path = {o.path: o for o in Organization.objects.filter(path__in=wanted)} if wanted else {}
    return {i.pk: by_path.get(i.path[: -Organization.steplen]) for i in issuers}


def _grassroots(orgs):
    """The grassroots union of each member's unit (a division's or group's is above it), in one query."""
    below = [o for o in orgs if o.kind in (OrgKind.DIVISION, OrgKind.GROUP)]
    prefixes = {o.path[: Organization.steplen * d] for o in below for d in range(1, o.depth)}
    found = (
        {o.path: o for o in Organization.objects.filter(path__in=prefixes, kind=OrgKind.GRASSROOTS)} if prefixes else {}
    )
    out = {}
    for org in orgs:
        if org.kind == OrgKind.GRASSROOTS:
            out[org.pk] = org
        else:
            out[org.pk] = next((found[p] for p in sorted(found, reverse=True) if org.path.startswith(p)), None)
    return out


def _latest_reissues(awards):
    ids = [a.pk for a in awards if a.reissue_count]
    if not ids:
        return {}
    return {r.award_id: r for r in CertificateReissue.objects.filter(award__in=ids).order_by("number")}


def _citation_lines(text):
    """The citation broken by meaning too when it takes at most three lines; a long achievement text wraps as a
    paragraph instead (shrinking it to fit would make it unreadable)."""
    if len(text.split()) > CITATION_MAX_WORDS:
        return None
    block = lines.fit(text, CITATION_WIDTH, max_size=16, min_size=12, max_lines=3, bold=False, fewer_lines=False)
    fits = all(lines.width_pt(line, block.size) <= CITATION_WIDTH * lines.PT_PER_MM for line in block.lines)
    return block if block.size >= 12 and fits else None


def _job_line(award, grassroots):
    if not award.member_id:
        return ""
    place = wording.workplace(award.organization, grassroots.get(award.organization_id))
    return ", ".join(part for part in (award.member.job_title.strip(), place) if part)


def _fields(page, award, reissue):
    """The text of every field a blank may print (blank.FIELDS), as the full certificate words it."""
    decision = award.decision
    return {
        "issuer": decision.issuer_name.upper(),
        "recipient": wording.recipient(award),
        "job": page.job,
        "citation": page.citation,
        "date": _date_words(decision.signed_on).capitalize(),
        "signer_title": decision.signer_title.upper(),
        "signer_name": decision.signer_name,
        "decision": f"Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}",
        "gold_book": f"Số vào sổ vàng: {award.gold_book_number}" if award.gold_book_number else "",
        "certificate_number": f"Số: {award.certificate_number}" if award.certificate_number else "",
        "reissue": f"Cấp lại lần {reissue.number}, {_date_words(reissue.reissued_on)}" if reissue else "",
        "code": f"Mã xác thực: {page.code}",
        "qr": page.qr,
    }


def pages_for(awards, *, base_url):
    awards = list(awards)
    issuers = {a.decision.issuer_id: a.decision.issuer for a in awards if a.decision.issuer_id}
    parents = _parents(issuers.values())
    grassroots = _grassroots({a.organization_id: a.organization for a in awards if a.member_id}.values())
    reissues = _latest_reissues(awards)
    layouts = blank.layouts_for(awards)
    national = lines.fit(NATIONAL_NAME.upper(), HEADER_COLUMN, max_size=13, min_size=9, max_lines=1)
    motto = lines.fit(MOTTO, HEADER_COLUMN, max_size=13, min_size=9, max_lines=1)
    pages = []
    for award in awards:
        decision = award.decision
        parent = parents.get(decision.issuer_id)
        reissue = reissues.get(award.pk)
        url = qr.verification_url(award.verification_token, base_url)
        page = Page(
            award=award,
            parent=parent,
            parent_lines=lines.fit(parent.name.upper() if parent else "", HEADER_COLUMN, max_size=12.5, min_size=9.5),
            issuer=lines.fit(decision.issuer_name.upper(), HEADER_COLUMN, max_size=12.5, min_size=9.5),
            national=national,
            motto=motto,
            title=lines.fit(wording.document_title(award.award_type).upper(), BODY_WIDTH, max_size=54, min_size=32),
            recipient=lines.fit(wording.recipient(award), BODY_WIDTH, max_size=30, min_size=18),
            job=_job_line(award, grassroots),
            citation=wording.citation(award),
            citation_lines=_citation_lines(wording.citation(award)),
            reissue=reissue,
            code=qr.short_code(award.verification_token),
            url=url,
            qr=qr.svg_data_uri(url),
            fields={},
            spots=[],
            paper=(297, 210),
        )
        page.fields = _fields(page, award, reissue)
        layout = blank.layout_for(decision.issuer, award.award_type, layouts)
        page.spots = [_spot(spot, page.fields[spot[0]]) for spot in blank.placed(layout)]
        if layout is not None:
            page.paper = (layout.page_width, layout.page_height)
        pages.append(page)
    return pages


def _spot(spot, text):
    name, label, single, x, y, w, size = spot
    if single and text:
        block = lines.fit(text, float(w), max_size=float(size), min_size=6, max_lines=1, bold=name in BOLD_FIELDS)
        size = block.size
    return {
        "name": name,
        "label": label,
        "x": x,
        "y": y,
        "w": w,
        "size": size,
        "text": text,
        "single": single,
        "bold": name in BOLD_FIELDS,
    }


def _write(template, context):
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def render_pdf(awards, *, base_url, onto_blank=False):
    """One page per award. `onto_blank`: only the fields, at the positions of the issuer's blank."""
    pages = pages_for(awards, base_url=base_url)
    if onto_blank:
        return _write("awards/certificate_blank.html", {"pages": pages, "test_print": False})
    return _write("awards/certificate.html", {"pages": pages})


def render_test_print(layout):
    """The layout's fields as labelled boxes at their positions, to hold against a blank."""
    spots = [_spot(spot, "") for spot in blank.placed(layout)]
    page = {"spots": spots, "paper": (layout.page_width, layout.page_height)}
    return _write("awards/certificate_blank.html", {"pages": [page], "test_print": True, "layout": layout})
