"""Mistakes put right: a proposal withdrawn before review, a council ballot undone before the decision, a
decision corrected (number, date, signer) or cancelled with its awards.

Each is a step of the proposal's or the decision's history (the timeline reads it from there), with its reason
as the history row's change reason; the decision's corrections and cancellation also go to the audit log, with
the old and new values, because they change what printed certificates and the figures say.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from audit.services import record
from unions import access
from unions.signals import announce

from ..models import Award, Decision, Proposal, ProposalLine
from .decisions import base_salary_on
from .proposals import _lock, _require_reviewer, _require_sender, _require_status, _transition

S = Proposal.Status
# What a council ballot can be undone back to: the states it is recorded from.
BEFORE_COUNCIL = (S.UNDER_REVIEW, S.PUBLIC_NOTICE)


@transaction.atomic
def proposal_withdraw(*, actor, proposal, reason=""):
    """The sender takes a submitted proposal back to draft, until the receiving level starts its review."""
    proposal = _lock(proposal)
    _require_sender(actor, proposal)
    _require_status(proposal, S.SUBMITTED)
    proposal._change_reason = reason.strip() or None
    return _transition(proposal, actor, S.DRAFT, submitted_at=None)


def _state_before_council(proposal):
    """The state the ballot was recorded from, read from the history (notice or review)."""
    states = proposal.history.order_by("-history_date", "-history_id").values_list("status", flat=True)
    return next((state for state in states if state in BEFORE_COUNCIL), S.UNDER_REVIEW)


@transaction.atomic
def proposal_undo_approval(*, actor, proposal, reason):
    """The reviewer undoes the council's ballot while no decision is issued: the lines it approved or turned
    down are proposed again without votes, and the proposal goes back to the state the ballot was taken in."""
    proposal = _lock(proposal)
    _require_reviewer(actor, proposal)
    _require_status(proposal, S.COUNCIL)
    if proposal.decision_id is not None:
        raise ValidationError(_("A decision is issued: cancel the decision instead."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the ballot is undone.")})
    proposal.lines.filter(status__in=(ProposalLine.Status.APPROVED, ProposalLine.Status.REJECTED)).update(
        status=ProposalLine.Status.PROPOSED, votes_yes=None, votes_no=None
    )
    proposal._change_reason = reason.strip()
    return _transition(proposal, actor, _state_before_council(proposal), council_session=None)


def _lock_decision(decision):
    return Decision.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=decision.pk)


def _require_issuer(actor, decision):
    if decision.issuer is None:
        raise ValidationError(_("A decision of a body outside the union is corrected in the award register."))
    access.require(actor, access.DECISION_ISSUE, decision.issuer)


def _require_in_force(decision):
    if decision.status != Decision.Status.VALID:
        raise ValidationError(_("This decision is cancelled."))


CORRECTABLE = ("number", "signed_on", "signer_name", "signer_title")


def _shown(field, value):
    return value.strftime("%d/%m/%Y") if field == "signed_on" else str(value)


def _audit(actor, decision, text):
    record(actor=actor, action="change", obj=decision, organization=decision.issuer, label=text)


@transaction.atomic
def decision_correct(*, actor, decision, number, signed_on, signer_name, signer_title, reason):
    """Correct what was typed wrong. Certificates are drawn from the decision when printed, so they show the
    new values at once; the awards' copy of the date follows it, and the figures are refreshed."""
    decision = _lock_decision(decision)
    _require_issuer(actor, decision)
    _require_in_force(decision)
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the decision is corrected.")})
    new = {"number": number.strip(), "signed_on": signed_on, "signer_name": signer_name.strip()}
    new["signer_title"] = signer_title.strip()
    changed = {
        field: (getattr(decision, field), value) for field, value in new.items() if getattr(decision, field) != value
    }
    if not changed:
        raise ValidationError(_("Nothing was changed."))
    if "signed_on" in changed and decision.awards.filter(bonus_amount__gt=0).exists():
        old_day, new_day = changed["signed_on"]
        # Bonuses were computed on the base salary of the old date; a date under another salary changes them.
        if base_salary_on(old_day) != base_salary_on(new_day):
            raise ValidationError(
                {
                    "signed_on": _(
                        "The base salary differs on this date, so the bonuses would change: cancel the "
                        "decision and issue it again."
                    )
                }
            )
    for field, (_old, value) in changed.items():
        setattr(decision, field, value)
    decision._history_user = actor
    decision._change_reason = reason.strip()
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError(
            {
                "number": _("Decision %(number)s of %(date)s already exists.")
                % {"number": decision.number, "date": decision.signed_on.strftime("%d/%m/%Y")}
            }
        ) from None
    labels = {field: str(Decision._meta.get_field(field).verbose_name) for field in CORRECTABLE}  # type: ignore[union-attr]
    for field, (old, value) in changed.items():
        _audit(
            actor,
            decision,
            _("Decision %(id)s corrected, %(field)s: %(old)s → %(new)s")
            % {"id": decision.pk, "field": labels[field], "old": _shown(field, old), "new": _shown(field, value)},
        )
    if "signed_on" in changed:
        # decided_on is a copy the figures count by (not in the award history): moved with the decision.
        paths = set(decision.awards.values_list("org_path", flat=True))
        decision.awards.update(decided_on=decision.signed_on)
        announce([decision.issuer.path, *paths])
    return decision


@transaction.atomic
def decision_cancel(*, actor, decision, reason):
    """Cancel a decision as a whole: its valid awards are cancelled (no figure counts them), their bonuses are
    marked for recovery, their gold-book numbers are kept (the book is never renumbered) and shown void, and an
    initiative one of them used is freed for the decision that replaces it. Revoked awards stay revoked."""
    decision = _lock_decision(decision)
    _require_issuer(actor, decision)
    _require_in_force(decision)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the decision is cancelled.")})
    awards = list(Award.objects.select_for_update().filter(decision=decision, status=Award.Status.VALID))
    for award in awards:
        award.status = Award.Status.CANCELLED
        award.bonus_to_recover = award.bonus_amount
        award.initiative = None
    bulk_update_with_history(
        awards,
        Award,
        ["status", "bonus_to_recover", "initiative"],
        default_user=actor,
        default_change_reason=reason[:100],
    )
    decision.status = Decision.Status.CANCELLED
    decision.cancel_reason = reason
    decision._history_user = actor
    decision._change_reason = reason
    decision.save(update_fields=["status", "cancel_reason"])
    _audit(
        actor,
        decision,
        _("Decision %(id)s (%(number)s) cancelled, %(count)s awards: %(reason)s")
        % {"id": decision.pk, "number": decision.number, "count": len(awards), "reason": reason},
    )
    senders = decision.proposals.values_list("from_org__path", flat=True)
    announce([decision.issuer.path, *(award.org_path for award in awards), *senders])
    return decision
