"""Downloads of the drafted papers: each fetched like its owner's page, and asked by the writer of that page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.drafting import draft_page
from documents.kinds import Kind
from unions import access

from .. import drafts
from ..selectors import proposals as selectors


def _proposal(request, pk, action, via=None):
    return access.get_for(request.user, selectors.proposal_get_for, pk, action, via=via)


@login_required
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_draft(request, pk):
    proposal = _proposal(request, pk, access.PROPOSAL_SUBMIT)
    return draft_page(
        request,
        owner=proposal,
        org=proposal.from_org,
        kind=Kind.PROPOSAL,
        base=drafts.proposal_letterhead(proposal, timezone.localdate()),
        values=lambda: drafts.proposal_values(proposal),
        pdf_template="awards/drafts/proposal.html",
        filename=f"to-trinh-{proposal.pk}",
        title=_("Cover letter proposing awards"),
        back_url=reverse("awards:proposal_detail", args=[proposal.pk]),
    )


@login_required
@access.declares(access.COUNCIL_RECORD)
def minutes_draft(request, pk):
    # The minutes are the council secretary's paper (and the staff's, who hold the same action).
    proposal = _proposal(request, pk, access.COUNCIL_RECORD, via="to_org")
    if proposal.council_session is None:
        raise Http404
    return draft_page(
        request,
        owner=proposal.council_session,
        org=proposal.council_session.organization,
        kind=Kind.MINUTES,
        base=drafts.minutes_letterhead(proposal),
        values=lambda: drafts.minutes_values(proposal),
        pdf_template="awards/drafts/minutes.html",
        filename=f"bien-ban-{proposal.council_session.pk}",
        title=_("Minutes of the council"),
        back_url=reverse("awards:proposal_detail", args=[proposal.pk]),
    )


@login_required
@access.declares(access.PROPOSAL_REVIEW)
def notice_draft(request, pk):
    proposal = _proposal(request, pk, access.PROPOSAL_REVIEW, via="to_org")
    notice = getattr(proposal, "notice", None)
    if notice is None:
        raise Http404
    return draft_page(
        request,
        owner=proposal,
        org=proposal.to_org,
        kind=Kind.NOTICE,
        base=drafts.notice_letterhead(proposal),
        values=lambda: drafts.notice_values(proposal),
        pdf_template="awards/drafts/notice.html",
        filename=f"thong-bao-{notice.pk}",
        title=_("Public notice of the proposed list"),
        back_url=reverse("awards:proposal_detail", args=[proposal.pk]),
    )


@login_required
@access.declares(access.DECISION_ISSUE)
def decision_draft(request, pk):
    decision = access.get_for(request.user, selectors.decision_get_for, pk, access.DECISION_ISSUE)
    return draft_page(
        request,
        owner=decision,
        org=decision.issuer,
        kind=Kind.DECISION,
        base=drafts.decision_letterhead(decision),
        values=lambda: drafts.decision_values(decision),
        pdf_template="awards/drafts/decision.html",
        filename=f"quyet-dinh-{decision.pk}",
        title=_("Commendation decision"),
        back_url=reverse("awards:decision_detail", args=[decision.pk]),
        fixed=("number", "date"),
    )
