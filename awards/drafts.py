"""The papers of a commendation round drafted from the data: tờ trình, biên bản, thông báo, quyết định.

Each function takes an object already fetched through the scoped selectors and gives the letterhead (what the
form prefills) and the values of its kind's placeholders (documents/kinds.py). The wording is the papers', in
Vietnamese whatever the interface language, like the certificate's (templates/awards/certificate.html).
"""

from django.utils.formats import date_format

from core.templatetags.vn import group, vnd
from documents import layout
from documents.selectors import letterhead_for

from .models import ProposalLine

PASSED = {ProposalLine.Status.APPROVED, ProposalLine.Status.AWARDED, ProposalLine.Status.FORWARDED}


def _dmy(day):
    return date_format(day, "d/m/Y")


def _person(no, subject_name, unit, award):
    return {"no": str(no), "name": subject_name, "unit": unit, "award": award}


def _line(no, line):
    return _person(no, line.subject_name, line.organization.name, line.award_type.name)


def _signed_as(title: str) -> dict:
    """TM. Ban Thường vụ for the head, KT. Chủ tịch for a deputy: what staff choose most often."""
    if title.lower().startswith("phó"):
        return {"authority": layout.DEPUTY, "on_behalf_of": "Chủ tịch"}
    return {"authority": layout.ON_BEHALF, "on_behalf_of": "Ban Thường vụ"}


# -- tờ trình đề nghị khen thưởng (per proposal) ---------------------------------------------------------------


def proposal_letterhead(proposal, today):
    return letterhead_for(
        proposal.from_org,
        number="…/TTr-CĐ",
        date=today,
        title="Tờ trình",
        subject=f"Về việc đề nghị khen thưởng năm {proposal.year}",
        recipients=[proposal.to_org.name, "Lưu: VT"],
        **_signed_as(""),
        signer_title="Chủ tịch",
    )


def proposal_values(proposal):
    lines = list(proposal.lines.all())
    return {
        "to_name": proposal.to_org.name,
        "year": str(proposal.year),
        "line_count": group(len(lines)),
        "lines": [{**_line(i, line), "achievement": line.achievement} for i, line in enumerate(lines, 1)],
    }


# -- biên bản họp Hội đồng Thi đua – Khen thưởng (per council session) -------------------------------------------


def minutes_letterhead(proposal):
    session = proposal.council_session
    return letterhead_for(
        session.organization,
        number="…/BB-HĐTĐKT",
        date=session.held_on,
        title="Biên bản",
        subject=f"Họp Hội đồng Thi đua – Khen thưởng xét đề nghị khen thưởng năm {proposal.year}",
        recipients=["Thành viên Hội đồng", "Lưu: VT"],
        signer_title="Chủ tịch Hội đồng",
        signer_name=session.chair,
    )


def _percent(yes, total):
    return f"{yes * 100 / total:.1f}%".replace(".", ",")


def minutes_values(proposal):
    session = proposal.council_session
    voted = [line for line in proposal.lines.all() if line.votes_yes is not None]
    return {
        "held_text": layout.date_text(session.held_on),
        "chair": session.chair,
        "members_total": str(session.members_total),
        "members_present": str(session.members_present),
        "members_absent": str(session.members_total - session.members_present),
        "from_name": proposal.from_org.name,
        "lines": [
            {
                **_line(i, line),
                "votes_yes": str(line.votes_yes),
                "votes_no": str(line.votes_no or 0),
                "percent": _percent(line.votes_yes, session.members_total),
                "result": "Đạt" if line.status in PASSED else "Không đạt",
            }
            for i, line in enumerate(voted, 1)
        ],
    }


# -- thông báo công khai danh sách (per public notice) ------------------------------------------------------------


def _noticed(proposal):
    return [line for line in proposal.lines.all() if line.status != ProposalLine.Status.DEFERRED]


def notice_letterhead(proposal):
    return letterhead_for(
        proposal.to_org,
        number="…/TB-HĐTĐKT",
        date=proposal.notice.starts_on,
        title="Thông báo",
        subject=f"Công khai danh sách đề nghị khen thưởng năm {proposal.year}",
        recipients=[proposal.from_org.name, "Lưu: VT"],
        **_signed_as(""),
        signer_title="Chủ tịch",
    )


def notice_values(proposal):
    lines = _noticed(proposal)
    return {
        "from_name": proposal.from_org.name,
        "starts_text": _dmy(proposal.notice.starts_on),
        "ends_text": _dmy(proposal.notice.ends_on),
        "line_count": group(len(lines)),
        "lines": [_line(i, line) for i, line in enumerate(lines, 1)],
    }


# -- quyết định khen thưởng (per decision) ------------------------------------------------------------------------

DEFAULT_BASIS = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Căn cứ Quy chế khen thưởng của tổ chức Công đoàn",
]


def decision_letterhead(decision):
    base = letterhead_for(
        decision.issuer,
        number=decision.number,
        date=decision.signed_on,
        title="Quyết định",
        subject="Về việc khen thưởng",
        recipients=["Như Điều 3", "Lưu: VT"],
        **_signed_as(decision.signer_title),
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
    )
    base.issuer_name = decision.issuer_name  # the name the decision was signed under, kept if renamed since
    return base


def decision_values(decision):
    awards = list(decision.awards.all())
    total = sum(a.bonus_amount for a in awards)
    basis = [line.strip().rstrip(";") for line in decision.legal_basis.splitlines() if line.strip()]
    amount = layout.amount_context(total)
    return {
        "legal_basis": basis or DEFAULT_BASIS,
        "year": ", ".join(sorted({str(a.year) for a in awards})),
        "line_count": group(len(awards)),
        "lines": [
            {**_person(i, a.subject_name, a.organization.name, a.award_type.name), "bonus": vnd(a.bonus_amount)}
            for i, a in enumerate(awards, 1)
        ],
        "total": amount["figures"],
        "total_words": amount["words"],
    }
