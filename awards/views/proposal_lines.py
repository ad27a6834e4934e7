"""The lines part of the proposal page: counts by verdict, one page of lines drawn, the bulk form, the sending-up
panel (awards/selectors/proposal_lines.py reads them)."""

from core.forms import read_choices

from ..forms.bulk import LinesActionForm
from ..forms.proposals import ReasonForm
from ..selectors import aggregation, proposal_lines, rule_links
from ..services import eligibility_refresh
from .line_rows import line_rows, verdict_badges

# The page's filter (?lines=attention): the lines whose verdict is other than a plain pass.
ATTENTION = "attention"


def lines_context(request, proposal, *, can_edit, reviews):
    counted = proposal_lines.summary(proposal)
    attention = request.GET.get("lines") == ATTENTION
    page = proposal_lines.page(proposal, request.GET.get("page"), attention=attention, counted=counted)
    lines = page.object_list
    panel_lines = proposal_lines.panel_lines(proposal, counted)
    proposal_lines.attach_links(lines + panel_lines)  # one read per link for both
    eligibility_refresh.proposal_refresh_stale(proposal, lines)  # what changed since the shown lines were checked
    rule_links.with_reasons(lines, proposal.year)
    user = request.user
    return {
        "summary": counted,
        "verdict_badges": verdict_badges(counted.by_verdict),
        "attention": attention,
        "page": page,
        "query": f"lines={ATTENTION}" if attention else "",
        "lines": lines,
        "line_rows": line_rows(request, proposal, lines, can_edit=can_edit, reviews=reviews, reason_form=ReasonForm()),
        "bulk_form": read_choices(LinesActionForm(user=user, proposal=proposal, lines=lines))
        if can_edit and lines
        else None,
        "aggregation": aggregation.panel_for(
            user,
            proposal,
            panel_lines,
            counted,
            types={line.award_type_id: line.award_type for line in lines},
        ),
    }
