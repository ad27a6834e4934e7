"""The timeline of a proposal and of a decision, each from its history rows in one query (core/timeline.py)."""

from django.utils.translation import gettext as _

from core.timeline import Step, steps

from ..models import Decision, Proposal

# States whose reason the reviewer writes on the proposal itself (shown to the union); the others' reason is
# the change reason of the step (a withdrawal, an undone ballot).
REASON_ON_PROPOSAL = (Proposal.Status.RETURNED, Proposal.Status.REJECTED)


def _proposal_reason(row):
    return row.return_reason if row.status in REASON_ON_PROPOSAL else row.history_change_reason


def proposal_timeline(proposal) -> list[Step]:
    rows = proposal.history.select_related("history_user").order_by("history_date", "history_id")
    return steps(rows, state="status", labels=dict(Proposal.Status.choices), reason=_proposal_reason)


DECISION_FIELDS = ("number", "signed_on", "signer_name", "signer_title")


def decision_timeline(decision) -> list[Step]:
    rows = decision.history.select_related("history_user").order_by("history_date", "history_id")
    tracked = {field: Decision._meta.get_field(field).verbose_name for field in DECISION_FIELDS}  # type: ignore[union-attr]
    labels = {**dict(Decision.Status.choices), Decision.Status.VALID: _("Corrected")}
    return steps(rows, state="status", labels=labels, tracked=tracked, first=_("Issued"))
