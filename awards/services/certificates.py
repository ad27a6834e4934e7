"""Certificates: issuing a lost one again, the positions of pre-printed blanks, and counting verifications."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from unions import access

from ..certificates.blank import FIELDS
from ..models import Award, CertificateLayout, CertificateReissue
from .revocations import authority_for


def _lock(award):
    """Only the award's row: two clerks reissuing at once must not both print "Cấp lại lần 2"."""
    return Award.objects.select_for_update().select_related("decision", "organization").get(pk=award.pk)


def _require_printable(award):
    if award.external or not award.gold_book_number:
        raise ValidationError(_("This award has no certificate of the union: nothing to reissue."))
    if award.status != Award.Status.VALID:
        raise ValidationError(_("A revoked award's certificate cannot be reissued."))


@transaction.atomic
def certificate_reissue(*, actor, award, reason, reissued_on=None):
    """Issue a lost or damaged certificate again: numbered, recorded in the award's history and the audit log;
    every copy printed from now on says "Cấp lại lần N"."""
    award = _lock(award)
    access.require(actor, access.DECISION_ISSUE, authority_for(award))
    _require_printable(award)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is issued again.")})
    reissued_on = reissued_on or timezone.localdate()
    if reissued_on < award.decision.signed_on:
        raise ValidationError({"reissued_on": _("A certificate cannot be reissued before the decision's date.")})
    reissue = CertificateReissue.objects.create(
        award=award, number=award.reissue_count + 1, reissued_on=reissued_on, reason=reason, recorded_by=actor
    )
    award.reissue_count = reissue.number
    award._history_user = actor
    award.save(update_fields=["reissue_count"])
    record(
        actor=actor,
        action=Action.CHANGE,
        obj=award,
        label=_("Certificate reissued (no. %(number)s): %(award)s")
        % {"number": reissue.number, "award": f"{award.award_type_id}/{award.gold_book_number}"},
    )
    return reissue


def _clean_positions(positions, width, height):
    cleaned = {}
    for name, spot in (positions or {}).items():
        if name not in FIELDS or not spot:
            continue
        try:
            x, y = Decimal(str(spot["x"])), Decimal(str(spot["y"]))
            w, size = Decimal(str(spot.get("w") or 60)), Decimal(str(spot.get("size") or 12))
        except (KeyError, ArithmeticError, ValueError, TypeError) as error:
            raise ValidationError(
                _("The position of %(field)s is not a number.") % {"field": FIELDS[name][0]}
            ) from error
        if not (0 <= x < width and 0 <= y < height and 0 < w <= width and 0 <= size <= 72):
            raise ValidationError(
                _("%(field)s is placed outside the paper (%(width)s × %(height)s mm).")
                % {"field": FIELDS[name][0], "width": width, "height": height}
            )
        cleaned[name] = {"x": float(x), "y": float(y), "w": float(w), "size": float(size)}
    return cleaned


@transaction.atomic
def layout_save(
    *,
    actor,
    issuer,
    kind,
    subject_kind,
    positions,
    layout=None,
    page_width=297,
    page_height=210,
    offset_x=Decimal(0),
    offset_y=Decimal(0),
):
    """Create or change where the fields of an issuer's blank are printed."""
    access.require(actor, access.DECISION_ISSUE, issuer)
    if layout is not None:
        layout = CertificateLayout.objects.select_for_update().get(pk=layout.pk)
        access.require(actor, access.DECISION_ISSUE, layout.issuer)
    taken = CertificateLayout.objects.filter(issuer=issuer, kind=kind, subject_kind=subject_kind)
    if layout is not None:
        taken = taken.exclude(pk=layout.pk)
    if taken.exists():
        raise ValidationError(_("This blank already has a layout: change that one."))
    layout = layout or CertificateLayout()
    layout.issuer, layout.kind, layout.subject_kind = issuer, kind, subject_kind
    layout.page_width, layout.page_height = page_width, page_height
    layout.offset_x, layout.offset_y = offset_x, offset_y
    layout.positions = _clean_positions(positions, page_width, page_height)
    layout.updated_by = actor
    layout._history_user = actor
    layout.full_clean(exclude=["issuer", "updated_by"])
    layout.save()
    return layout


def verification_count(*, award):
    """One more view of the award's public verification page (F(): concurrent scans all count, no lock)."""
    Award.objects.filter(pk=award.pk).update(verification_views=F("verification_views") + 1)
