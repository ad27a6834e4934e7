"""A decision confers its individuals before their collectives (issue 13.5).

A union's Tập thể lao động tiên tiến is proposed in the same file as its members' Lao động tiên tiến and was
eligible on condition that enough of them are approved. The decision confers the individual lines first, then
checks each conditional collective line again against what was really conferred.

A collective whose condition is not met (the council rejected too many of its members) is refused on its own:
its line is rejected with the reason written on it, and the rest of the decision is issued. A federation expects
that: the council has voted and its vote on the members is final, the approved members are owed their decision,
and refusing everything would leave the file stuck at the council with no way to vote again. Only when nothing
at all would be conferred does the decision fail, naming the refused lines.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..eligibility.engine import evaluate
from ..eligibility.registry import CONDITIONAL, FAIL, PASS, REFUSED_AT_DECISION, WARN
from ..models import ProposalLine


def _recheck(line, year):
    """The line's eligibility now that the individuals of the decision are conferred: (eligible, results)."""
    verdict = evaluate(line.organization, line.award_type, year)
    results = [{"rule": r.rule, "status": r.status, "message": r.message} for r in verdict.results]
    return verdict.status, results


def _refuse(line, status, results):
    note = _("Refused at the decision: the members' titles it counted on were not all conferred.")
    line.eligibility = [{"rule": REFUSED_AT_DECISION, "status": FAIL, "message": note}, *results]
    line.eligibility_status = FAIL
    line.status = ProposalLine.Status.REJECTED
    line.save(update_fields=["eligibility", "eligibility_status", "status"])


def confer_in_order(*, actor, decision, year, lines, confer):
    """Confer `lines` with `confer(actor, decision, year, lines)`: individuals, then collectives checked again.
    Returns the collective lines refused."""
    individuals = [line for line in lines if line.member_id]
    collectives = [line for line in lines if not line.member_id]
    if individuals:
        confer(actor, decision, year, individuals)
    ready, refused = [], []
    for line in collectives:
        if line.eligibility_status != CONDITIONAL or line.override_reason:
            ready.append(line)
            continue
        status, results = _recheck(line, year)
        if status not in (PASS, WARN):
            refused.append((line, status, results))
            continue
        line.eligibility, line.eligibility_status = results, status
        line.save(update_fields=["eligibility", "eligibility_status"])
        ready.append(line)
    if not individuals and not ready:
        reasons = "; ".join(
            f"{line.subject_name} ({line.award_type.name}): "
            + " ".join(r["message"] for r in results if r["status"] != "pass")
            for line, _status, results in refused
        )
        raise ValidationError(
            _("Nothing can be conferred: %(lines)s. Reject the proposal instead. Nothing was issued.")
            % {"lines": reasons}
        )
    for line, status, results in refused:
        _refuse(line, status, results)
    if ready:
        confer(actor, decision, year, ready)
    return [line for line, _status, _results in refused]
