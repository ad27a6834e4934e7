"""Eligibility that stays true: the rules' results stored on the lines of open proposals follow their inputs.

A line stores what the rules said (`eligibility`, `eligibility_status`) and when (`eligibility_checked_at`).
Every service that changes an input the rules read (ratings and leave, employment dates, discipline,
complaints, initiatives and research, awards conferred or revoked, membership) calls `inputs_changed` in its
own transaction: one UPDATE clears `eligibility_checked_at` of the lines that read those facts, so no reader
sees the new fact beside the old result. After the commit a task runs the rules again on every stale line;
the proposal page does the same for its own stale lines when it is opened before the task got there.

The rules run on many lines at once through `Evidence` (a fixed number of queries whatever the line count).
Lines are locked while their results are written: a change committed meanwhile waits for that write and
marks the lines stale again after it, so a result computed from old facts is never left looking fresh.
"""

import threading
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.models import Organization

from ..eligibility.engine import evaluate, type_names
from ..eligibility.evidence import Evidence
from ..eligibility.pending import pending_for
from ..models import AwardType, Proposal, ProposalLine

S = Proposal.Status
# Proposals whose lines can still change outcome: their eligibility is kept fresh.
OPEN = (S.DRAFT, S.RETURNED, S.SUBMITTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE)
FIELDS = ["eligibility", "eligibility_status", "status", "eligibility_checked_at"]
# How many proposals one run of the task refreshes before it hands the rest to the next run.
TASK_BATCH = 200

_pending = threading.local()


def _self_and_ancestors(path):
    step = Organization.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def inputs_changed(*, members=(), paths=()):
    """Facts about these members (ids), or about these organisations (paths) and what they hold, changed.

    Marks stale the lines of open proposals that read them: the members' own lines, and the collective lines of
    the organisations and of every organisation above them (a union's figures count its divisions' members).
    Call it inside the writing transaction; the lines are refreshed after the commit.
    """
    member_ids = {pk for pk in members if pk}
    prefixes = {prefix for path in paths if path for prefix in _self_and_ancestors(path)}
    if not member_ids and not prefixes:
        return
    which = Q(member_id__in=member_ids) | Q(member__isnull=True, organization__path__in=prefixes)
    # Lines already stale are written too: the UPDATE then waits for a refresh that holds them (see above).
    marked = ProposalLine.objects.filter(which, proposal__status__in=OPEN).update(eligibility_checked_at=None)
    if marked:
        _schedule()


def on_inputs_changed(sender, members, paths, **kwargs):
    """Receiver of `unions.inputs.inputs_changed`: the same marking for the changes of unions and campaigns."""
    inputs_changed(members=members, paths=paths)


def _schedule():
    """One refresh task per committed transaction: each mark registers a callback (one registered in a
    rolled back savepoint goes with it), the first to run sends the task, the others find it sent."""
    _pending.due = True
    transaction.on_commit(_send)


def _send():
    if not getattr(_pending, "due", False):
        return
    _pending.due = False
    from ..tasks import refresh_eligibility

    refresh_eligibility.delay()


def record(line, verdict, checked_at=None):
    """Store a verdict of the rules on the line (not saved): its results, its status, deferral, when."""
    line.eligibility = [{"rule": r.rule, "status": r.status, "message": r.message} for r in verdict.results]
    line.eligibility_status = verdict.status
    line.eligibility_checked_at = checked_at or timezone.now()
    if verdict.status == "defer" and line.status == ProposalLine.Status.PROPOSED:
        line.status = ProposalLine.Status.DEFERRED
    elif verdict.status != "defer" and line.status == ProposalLine.Status.DEFERRED:
        line.status = ProposalLine.Status.PROPOSED


def lines_refresh(lines, year):
    """Run the rules again on `lines` (with member, organization and award type loaded) and save the results.

    One `Evidence` for all their subjects: the query count does not grow with the lines.
    """
    lines = list(lines)
    if not lines:
        return lines
    members = {line.member_id: line.member for line in lines if line.member_id}
    _attach_organizations(members.values(), lines)
    evidences = {None: Evidence(members=list(members.values()), year=year)}
    # A collective counts on the members proposed in its own file (eligibility/pending.py): one Evidence per
    # proposal holding collective lines, so the cost grows with the proposals refreshed, not with their lines.
    collective = defaultdict(list)
    for line in lines:
        if not line.member_id:
            collective[line.proposal_id].append(line)
    for proposal_id, its_lines in collective.items():
        evidences[proposal_id] = Evidence(
            unions=list({x.organization_id: x.organization for x in its_lines}.values()),
            year=year,
            pending=pending_for(its_lines[0]),
        )
    types = AwardType.objects.prefetch_related("rule_sets").in_bulk({line.award_type_id for line in lines})
    names = type_names()
    now = timezone.now()
    for line in lines:
        subject = line.member if line.member_id else line.organization
        evidence = evidences[None if line.member_id else line.proposal_id]
        record(line, evaluate(subject, types[line.award_type_id], year, evidence=evidence, names=names), now)
    ProposalLine.objects.bulk_update(lines, FIELDS)
    return lines


def _attach_organizations(members, lines):
    """Each member's union as an object (the quota rule reads it): the line's own when the member is still
    there, the others in one query, so that no rule reads it member by member."""
    orgs = {line.organization_id: line.organization for line in lines}
    missing = {m.organization_id for m in members if m.organization_id not in orgs}
    if missing:
        orgs.update(Organization.objects.in_bulk(missing))
    for member in members:
        member.organization = orgs[member.organization_id]


def _locked_stale(ids):
    return set(
        ProposalLine.objects.select_for_update()
        .filter(pk__in=ids, eligibility_checked_at__isnull=True)
        .values_list("pk", flat=True)
    )


def proposal_refresh_stale(proposal, lines):
    """When the page of an open proposal is opened: its stale lines (the loaded `lines`) get fresh results.

    Nothing is read when no line is stale; the objects in `lines` carry the new results for the page.
    """
    if proposal.status not in OPEN:
        return
    stale = [line for line in lines if line.eligibility_checked_at is None]
    if not stale:
        return
    with transaction.atomic():
        # Only the lines still stale once locked: the task may have just refreshed some (they are then shown
        # as loaded a moment ago, which is the same result).
        ids = _locked_stale([line.pk for line in stale])
        # Read again with every column the rules need: the page reads its lines narrowly.
        fresh = {
            line.pk: line
            for line in lines_refresh(
                ProposalLine.objects.filter(pk__in=ids).select_related("member", "organization", "award_type"),
                proposal.year,
            )
        }
    for line in stale:
        if line.pk in fresh:
            for field in FIELDS:
                setattr(line, field, getattr(fresh[line.pk], field))


def _require_sender_or_reviewer(actor, proposal):
    if access.can(actor, access.PROPOSAL_SUBMIT, proposal.from_org):
        return
    access.require(actor, access.PROPOSAL_REVIEW, proposal.to_org)


@transaction.atomic
def proposal_recheck(*, actor, proposal):
    """ "Kiểm tra lại": run the rules again on every line of an open proposal, whatever is marked."""
    proposal = Proposal.objects.select_related("from_org", "to_org").get(pk=proposal.pk)
    _require_sender_or_reviewer(actor, proposal)
    if proposal.status not in OPEN:
        raise ValidationError(
            _("This cannot be done while the proposal is “%(status)s”.") % {"status": proposal.get_status_display()}
        )
    lines = list(
        proposal.lines.select_for_update(of=("self",))
        .select_related("member", "organization", "award_type")
        .order_by("pk")
    )
    return lines_refresh(lines, proposal.year)


def stale_refresh():
    """The task's work: every stale line of open proposals, one proposal per transaction.

    Returns the number of lines refreshed; more than TASK_BATCH proposals are left to the next run, which
    this one sends.
    """
    proposals = list(
        ProposalLine.objects.filter(eligibility_checked_at__isnull=True, proposal__status__in=OPEN)
        .order_by()
        .values_list("proposal_id", "proposal__year")
        .distinct()[: TASK_BATCH + 1]
    )
    done = 0
    for proposal_id, year in proposals[:TASK_BATCH]:
        done += _refresh_proposal(proposal_id, year)
    if len(proposals) > TASK_BATCH:
        from ..tasks import refresh_eligibility

        refresh_eligibility.delay()
    return done


def _refresh_proposal(proposal_id, year):
    try:
        with transaction.atomic():
            lines = list(
                ProposalLine.objects.select_for_update(of=("self",))
                .filter(proposal_id=proposal_id, eligibility_checked_at__isnull=True, proposal__status__in=OPEN)
                .select_related("member", "organization", "award_type")
                .order_by("pk")
            )
            return len(lines_refresh(lines, year))
    except OperationalError:
        # A lock held too long by a writer: its own mark sends another run.
        return 0
