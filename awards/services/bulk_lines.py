"""Proposal lines in bulk: many subjects into one proposal (new or existing) in one transaction, and one change
applied to many lines.

Every line still goes through `proposals.line_add`, so each carries the eligibility snapshot it would have had if
typed by hand. All or nothing: every refused subject is named with its reason and nothing is written; a subject
already proposed for the same award in that proposal is skipped and named, not refused, so a second post of the
same form (a double click, a second tab) adds nothing twice.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions import access
from unions.models import Member, MemberStatus, Organization

from ..models import Proposal, ProposalLine
from . import proposals as svc


def proposer_for(user, organization):
    """The organisation that proposes for subjects of `organization`: itself, or the nearest organisation above
    it where the user may propose (a division proposes through its union)."""
    step = Organization.steplen
    paths = [organization.path[:end] for end in range(step, len(organization.path) + 1, step)]
    for org in Organization.objects.filter(path__in=paths).order_by("-depth"):
        if access.can(user, access.PROPOSAL_SUBMIT, org):
            return org
    return None


def _lock_union(org):
    """The proposing union's row, while its draft is looked up or created: two posts of the same form must not
    leave two drafts of the same title. Only this path takes it; adding to an existing proposal locks that."""
    Organization.objects.select_for_update().filter(pk=org.pk).first()


def _target(actor, *, proposal, from_org, year, title):
    if proposal is not None:
        return proposal
    if from_org is None or not (title or "").strip():
        raise ValidationError({"title": _("Choose a proposal or give the title of a new one.")})
    _lock_union(from_org)
    same = Proposal.objects.filter(
        from_org=from_org, year=year, title=title.strip(), status__in=svc.EDITABLE, created_by=actor
    ).first()
    return same or svc.proposal_create(actor=actor, from_org=from_org, year=year, title=title)


def _refusal(subject, award_type):
    individual = isinstance(subject, Member)
    if individual and subject.status != MemberStatus.ACTIVE:
        return _("is no longer an active member (%(status)s).") % {"status": subject.get_status_display()}
    if (award_type.subject_kind == "individual") != individual:
        return _("%(award)s is not for this kind of subject.") % {"award": award_type.name}
    return None


def _name(subject):
    return subject.full_name if isinstance(subject, Member) else subject.name


@transaction.atomic
def lines_add_to(*, actor, award_type, subjects, proposal=None, from_org=None, year=None, title=""):
    """Add members or unions (`subjects`) for `award_type` to `proposal`, or to a new draft of `from_org` for
    `year` titled `title`. Returns (proposal, lines added, names skipped as already proposed)."""
    if not subjects:
        raise ValidationError(_("Tick at least one member or union."))
    proposal = _editable(actor, _target(actor, proposal=proposal, from_org=from_org, year=year, title=title))
    present = ProposalLine.objects.filter(proposal=proposal, award_type=award_type)
    taken_members = set(present.filter(member__isnull=False).values_list("member_id", flat=True))
    taken_orgs = set(present.filter(member__isnull=True).values_list("organization_id", flat=True))
    added, skipped, refused = [], [], []
    for subject in subjects:
        individual = isinstance(subject, Member)
        if subject.pk in (taken_members if individual else taken_orgs):
            skipped.append(_name(subject))
            continue
        reason = _refusal(subject, award_type)
        if reason is None:
            kind = "member" if individual else "organization"
            try:
                with transaction.atomic():
                    added.append(svc.line_add(actor=actor, proposal=proposal, award_type=award_type, **{kind: subject}))
            except ValidationError as error:
                reason = " ".join(error.messages)
        if reason is not None:
            refused.append(_("%(name)s: %(reason)s") % {"name": _name(subject), "reason": reason})
    if refused:
        raise ValidationError(refused)
    return proposal, added, skipped


def _lines(proposal, line_ids):
    lines = list(
        ProposalLine.objects.filter(proposal=proposal, pk__in=line_ids).select_related("member", "organization")
    )
    if not lines or len(lines) != len(set(line_ids)):
        raise ValidationError(_("Tick the lines of this proposal to change."))
    return lines


def _editable(actor, proposal):
    proposal = svc._lock(proposal)
    svc._require_sender(actor, proposal)
    svc._require_status(proposal, *svc.EDITABLE)
    return proposal


@transaction.atomic
def lines_remove(*, actor, proposal, line_ids):
    proposal = _editable(actor, proposal)
    lines = _lines(proposal, line_ids)
    ProposalLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return len(lines)


@transaction.atomic
def lines_set_achievement(*, actor, proposal, line_ids, achievement):
    proposal = _editable(actor, proposal)
    lines = _lines(proposal, line_ids)
    for line in lines:
        line.achievement = achievement.strip()
    ProposalLine.objects.bulk_update(lines, ["achievement"])
    return len(lines)


def _cites(initiative, line):
    """An initiative supports a person's line when they are one of its authors, a union's when it is the
    union's or one of its units'."""
    if line.member_id:
        return any(author.member_id == line.member_id for author in initiative.authors.all())
    return initiative.organization.path.startswith(line.organization.path)


@transaction.atomic
def lines_set_initiative(*, actor, proposal, line_ids, initiative):
    """Cite `initiative` (None: none) on the lines; every line refused is named, and nothing changes."""
    proposal = _editable(actor, proposal)
    lines = _lines(proposal, line_ids)
    if initiative is not None:
        refused = [line.subject_name for line in lines if not _cites(initiative, line)]
        if refused:
            raise ValidationError(
                [
                    _("%(name)s: not an author of “%(title)s”, nor is it the union's.")
                    % {"name": name, "title": initiative.title}
                    for name in refused
                ]
            )
    for line in lines:
        line.initiative = initiative
    ProposalLine.objects.bulk_update(lines, ["initiative"])
    return len(lines)
