"""The awards register: awards recorded directly, such as those conferred outside the union."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from unions import access

from ..models import Award, Decision


def _decision(actor, *, number, signed_on, issuer_name, signer_name, signer_title, issuer=None, external=True):
    decision, _created = Decision.objects.get_or_create(
        issuer_name=issuer_name.strip(), number=number.strip(), signed_on=signed_on,
        defaults={"issuer": issuer, "signer_name": signer_name, "signer_title": signer_title, "external": external,
                  "created_by": actor},
    )
    return decision


def external_award_record(*, actor, award_type, year, member=None, organization=None, certificate_number="",
                          achievement="", **decision_data):
    """An award conferred by the employer, a People's Committee or the State, kept as evidence."""
    organization = member.organization if member is not None else organization
    access.require(actor, organization, access.MEMBER_WRITE)
    if (award_type.subject_kind == "individual") != (member is not None):
        raise ValidationError({"award_type": _("This award is not for this kind of subject.")})
    try:
        with transaction.atomic():
            decision = _decision(actor, **decision_data)
            award = Award(award_type=award_type, year=year, member=member, organization=organization,
                          decision=decision, certificate_number=certificate_number, achievement=achievement,
                          external=True)
            award._history_user = actor
            award.save()
    except IntegrityError:
        raise ValidationError(_("This subject already has this award for this year.")) from None
    return award
