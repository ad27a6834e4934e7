"""Reads of aggregation upward: the proposals a union may send up together, and the proposal page's section
(one dossier broken down by grassroots union; what became of the lines sent up).

Each read costs a fixed number of queries whatever the number of lines: the origins in one query, the copies
of the lines sent up in one query per level they went up (at most the depth of the tree).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from unions import access

from ..models import AwardType, Proposal, ProposalLine
from ..services.aggregation import RETURNABLE
from ..services.decisions import confers

S = Proposal.Status
L = ProposalLine.Status


def aggregatable_for(user, organization):
    """Proposals received by `organization`, approved for sending up and not sent yet, oldest first."""
    approved = Count("lines", filter=Q(lines__status=L.APPROVED))
    return (
        Proposal.objects.visible_to(user)
        .filter(to_org=organization, status=S.UNDER_REVIEW)
        .annotate(approved_count=approved)
        .filter(approved_count__gt=0)
        .select_related("from_org")
        .order_by("from_org__path", "submitted_at", "pk")
    )


@dataclass
class Group:
    """The lines of one grassroots proposal inside an aggregated one, with their subtotals."""

    origin: Proposal
    lines: list = field(default_factory=list)

    @property
    def individuals(self):
        return sum(1 for line in self.lines if line.member_id)

    @property
    def collectives(self):
        return len(self.lines) - self.individuals


@dataclass
class Panel:
    groups: list
    outcomes: list  # (line sent up, the last copy of it, whether the viewer may open the copy's proposal)
    returned: list
    can_approve: bool
    can_aggregate: bool
    can_return_lines: bool

    @property
    def total(self):
        return sum(len(g.lines) for g in self.groups)


def _groups(lines):
    """Lines sent up from several proposals, grouped by the proposal (and union) they came from."""
    origin_ids = [line.origin_id for line in lines if line.origin_id]
    if not origin_ids:
        return []
    origins = {o.pk: o for o in ProposalLine.objects.filter(pk__in=origin_ids).select_related("proposal__from_org")}
    groups: dict[int, Group] = {}
    for line in lines:
        origin = origins.get(line.origin_id)
        if origin is None:
            continue
        group = groups.setdefault(origin.proposal_id, Group(origin=origin.proposal))
        group.lines.append(line)
    return sorted(groups.values(), key=lambda g: (g.origin.from_org.path, g.origin.pk))


def _last_copies(lines):
    """{line id: the copy furthest up} for lines sent up; a copy forwarded again is followed to its own."""
    last = {}
    frontier = {line.pk: line.pk for line in lines if line.status == L.FORWARDED}  # line at this step -> start
    while frontier:
        latest = {}
        copies = ProposalLine.objects.filter(origin_id__in=frontier).select_related(
            "proposal__to_org", "proposal__from_org", "award__decision"
        )
        for copy in copies.order_by("pk"):  # a line sent up again after a return: its latest copy counts
            latest[copy.origin_id] = copy
        step = {}
        for origin_id, copy in latest.items():
            last[frontier[origin_id]] = copy
            if copy.status == L.FORWARDED:
                step[copy.pk] = frontier[origin_id]
        frontier = step
    return last


def panel_for(user, proposal, lines, counted, types=None):
    """The proposal page's section on sending up: `lines` are those it lists (proposal_lines.panel_lines),
    `counted` the summary of all the proposal's lines, `types` award types already read ({id: type})."""
    reviews = access.can(user, access.PROPOSAL_REVIEW, proposal.to_org)
    last = _last_copies(lines)
    return Panel(
        groups=_groups(lines),
        outcomes=[
            (line, last[line.pk], access.can(user, access.READ, last[line.pk].proposal))
            for line in lines
            if line.pk in last
        ],
        returned=[line for line in lines if line.status == L.RETURNED],
        can_approve=reviews
        and proposal.status in (S.SUBMITTED, S.UNDER_REVIEW)
        and _some_proposed_go_up(proposal, counted, types or {}),
        can_aggregate=reviews
        and proposal.status == S.UNDER_REVIEW
        and any(status == L.APPROVED for status, _type in counted.kinds),
        can_return_lines=reviews and proposal.status in RETURNABLE,
    )


def _some_proposed_go_up(proposal, counted, types):
    """Whether a proposed line asks for an award this body does not give itself."""
    proposed = {type_id for status, type_id in counted.kinds if status == L.PROPOSED}
    missing = proposed - set(types)
    types = {**types, **AwardType.objects.in_bulk(missing)} if missing else types
    return any(not confers(proposal.to_org, types[type_id]) for type_id in proposed)
