"""Who hears of a proposal's steps and of its decision, and what they read (see notifications/dispatch.py).

The services call `proposal_changed` (every change of state passes `_transition`) and `decision_issued`;
the senders below run in the task after commit. Recipients:
- submitted, resubmitted: the reviewers of the receiving organisation (roles placed there with
  `proposal.review`; when it has none, those of the nearest level above that has);
- returned (with its reason), notice published, council recorded, decision issued: the sender's side, i.e.
  the roles placed at the proposing organisation with `proposal.submit` and the person who drew the proposal
  up; the council's result also goes to those at the receiving organisation who may issue the decision.
Everyone is checked against the proposal (`access.can(user, READ, proposal)`) and the person who acted is left
out: they know.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.dispatch import Message, send_after_commit, sender
from notifications.kinds import Kind
from unions import access
from unions.models import Organization

from .models import Proposal

S = Proposal.Status


def _round(proposal):
    """Which submission of the proposal: a proposal returned twice is returned in two different rounds."""
    return int(proposal.submitted_at.timestamp() * 1_000_000) if proposal.submitted_at else 0


def proposal_changed(proposal, actor, previous):
    """Called by `_transition` after each change of state, inside the service's transaction."""
    ids = {"proposal_id": proposal.pk, "actor_id": actor.pk if actor else None, "round": _round(proposal)}
    if proposal.status == S.SUBMITTED:
        kind = Kind.PROPOSAL_RESUBMITTED if previous == S.RETURNED else Kind.PROPOSAL_SUBMITTED
        send_after_commit(kind, **ids)
    elif proposal.status == S.RETURNED:
        send_after_commit(Kind.PROPOSAL_RETURNED, reason=proposal.return_reason, **ids)
    elif proposal.status == S.PUBLIC_NOTICE:
        send_after_commit(Kind.NOTICE_PUBLISHED, **ids)
    elif proposal.status == S.COUNCIL:
        send_after_commit(Kind.COUNCIL_RECORDED, **ids)


def decision_issued(decision, proposal, child, actor):
    """Called by `decision_issue`: the decision to the proposer's side; a forwarded part to the level above."""
    if decision is not None:
        send_after_commit(Kind.DECISION_ISSUED, proposal_id=proposal.pk, decision_id=decision.pk, actor_id=actor.pk)
    if child is not None:
        send_after_commit(Kind.PROPOSAL_SUBMITTED, proposal_id=child.pk, actor_id=actor.pk, round=_round(child))


def _load(proposal_id):
    return Proposal.objects.select_related("from_org", "to_org", "created_by", "decision").get(pk=proposal_id)


def _messages(proposal, users, actor_id, key, title, body=""):
    link = reverse("awards:proposal_detail", args=[proposal.pk])
    for user in sorted(users, key=lambda u: u.pk):
        if user.pk != actor_id and access.can(user, access.READ, proposal):
            yield Message(user=user, key=key, title=title, body=body, link=link)


def _nearest_holders(org, action):
    """Those placed at the organisation who hold the action; when nobody is (a level with no accounts yet), those
    of the nearest level above, whose reach covers it, so that the event does not go unheard."""
    for level in [org, *reversed(Organization.objects.get_ancestors(org))]:
        users = set(access.holders_at(level, action))
        if users:
            return users
    return set()


def _reviewers(proposal):
    return _nearest_holders(proposal.to_org, access.PROPOSAL_REVIEW)


def _senders(proposal):
    users = set(access.holders_at(proposal.from_org, access.PROPOSAL_SUBMIT))
    author = proposal.created_by
    if author is not None and author.is_active and access.can(author, access.PROPOSAL_SUBMIT, proposal.from_org):
        users.add(author)
    return users


def _names(proposal):
    return {"title": proposal.title, "org": proposal.from_org.display_name, "to": proposal.to_org.display_name}


@sender(Kind.PROPOSAL_SUBMITTED)
def _submitted(*, proposal_id, actor_id, round):
    p = _load(proposal_id)
    title = _("New proposal from %(org)s: %(title)s") % _names(p)
    body = _("%(org)s submitted the proposal to %(to)s. Review it.") % _names(p)
    return _messages(p, _reviewers(p), actor_id, f"proposal-submitted:{p.pk}", title, body)


@sender(Kind.PROPOSAL_RESUBMITTED)
def _resubmitted(*, proposal_id, actor_id, round):
    p = _load(proposal_id)
    title = _("Proposal submitted again by %(org)s: %(title)s") % _names(p)
    body = _("%(org)s completed the proposal you returned and submitted it again.") % _names(p)
    return _messages(p, _reviewers(p), actor_id, f"proposal-resubmitted:{p.pk}:{round}", title, body)


@sender(Kind.PROPOSAL_RETURNED)
def _returned(*, proposal_id, actor_id, round, reason):
    p = _load(proposal_id)
    title = _("Proposal returned by %(to)s: %(title)s") % _names(p)
    body = _("Reason: %(reason)s") % {"reason": reason}
    return _messages(p, _senders(p), actor_id, f"proposal-returned:{p.pk}:{round}", title, body)


@sender(Kind.NOTICE_PUBLISHED)
def _notice(*, proposal_id, actor_id, round):
    p = _load(proposal_id)
    title = _("Public notice published: %(title)s") % _names(p)
    body = _("%(to)s published the list of your proposal for comments.") % _names(p)
    return _messages(p, _senders(p), actor_id, f"notice-published:{p.pk}:{round}", title, body)


@sender(Kind.COUNCIL_RECORDED)
def _council(*, proposal_id, actor_id, round):
    p = _load(proposal_id)
    users = _senders(p) | _nearest_holders(p.to_org, access.DECISION_ISSUE)
    title = _("Council vote recorded: %(title)s") % _names(p)
    body = _("The council of %(to)s voted on the proposal of %(org)s.") % _names(p)
    return _messages(p, users, actor_id, f"council-recorded:{p.pk}:{round}", title, body)


@sender(Kind.DECISION_ISSUED)
def _decided(*, proposal_id, decision_id, actor_id):
    p = _load(proposal_id)
    decision = p.decision
    values = {
        **_names(p),
        "number": decision.number if decision else "",
        "date": decision.signed_on.strftime("%d/%m/%Y") if decision else "",
    }
    title = _("Decision %(number)s issued on your proposal: %(title)s") % values
    body = _("%(to)s issued decision %(number)s of %(date)s on the proposal of %(org)s.") % values
    return _messages(p, _senders(p), actor_id, f"decision-issued:{decision_id}:{p.pk}", title, body)
