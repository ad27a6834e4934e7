from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions import access
from unions.models import Organization
from unions.signals import announce

from ..models import Award, Revocation
from . import eligibility_refresh


def authority_for(award):
    """The decision's issuer revokes; for an external award, the union above the awarded one."""
    return award.decision.issuer or Organization.objects.get_parent(award.organization)


@transaction.atomic
def award_revoke(*, actor, award, ground, decision_number, decided_on, bonus_recovered=0, note=""):
    award = Award.objects.select_for_update().select_related("decision", "organization").get(pk=award.pk)
    access.require(actor, access.AWARD_REVOKE, authority_for(award))
    if award.status == Award.Status.REVOKED:
        raise ValidationError(_("This award is already revoked."))
    if ground not in Revocation.Ground.values:
        raise ValidationError({"ground": _("Choose one of the legal grounds.")})
    if bonus_recovered > award.bonus_amount:
        raise ValidationError({"bonus_recovered": _("More than the bonus that was paid.")})
    if decided_on < award.decision.signed_on:
        raise ValidationError({"decided_on": _("A revocation cannot be dated before the award.")})
    revocation = Revocation.objects.create(
        award=award,
        ground=ground,
        decision_number=decision_number,
        decided_on=decided_on,
        bonus_recovered=bonus_recovered,
        note=note,
        recorded_by=actor,
    )
    award.status = Award.Status.REVOKED
    award._history_user = actor
    award.save(update_fields=["status"])
    announce([award.organization.path])
    eligibility_refresh.inputs_changed(members=[award.member_id], paths=[award.organization.path])
    return revocation
