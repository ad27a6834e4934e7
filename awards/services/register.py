"""The awards register: awards recorded directly, one at a time from the form or a file of past awards.

Both paths record through here and follow the same rules (`check_award`): the subject is a member or an
active grassroots union the actor may write to, the award type is in use and made for that kind of
subject. Decisions are shared by (issuing body, number, date), so the awards of one decision typed on
several days, or imported from several files, hang from one decision.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from audit.services import record
from unions import access
from unions.models import Member, Organization, OrgKind
from unions.signals import announce

from ..models import Award, Decision, SubjectKind
from . import eligibility_refresh

FIRST_YEAR, LAST_YEAR = 1950, 2100


def _decision(actor, *, number, signed_on, issuer_name, signer_name, signer_title, issuer=None, external=True):
    decision, _created = Decision.objects.get_or_create(
        issuer_name=issuer_name.strip(),
        number=number.strip(),
        signed_on=signed_on,
        defaults={
            "issuer": issuer,
            "signer_name": signer_name,
            "signer_title": signer_title,
            "external": external,
            "created_by": actor,
        },
    )
    return decision


def collective_subjects(actor):
    """The units an award can be recorded for: any the actor may write to but the confederation, dissolved ones
    included (their awards of before the dissolution are still entered)."""
    return Organization.objects.visible_to(actor, access.MEMBER_WRITE).exclude(kind=OrgKind.CONFEDERATION)


def issuers_for(actor):
    """The unions a recorded award's decision can name as its issuer: the units the actor may write to and the
    levels above its top (its province, the confederation). A body outside the union is named in words."""
    step = Organization.steplen
    above = {
        path[:length]
        for path in access.root_orgs(actor).values_list("path", flat=True)
        for length in range(step, len(path), step)
    }
    reach = Organization.objects.visible_to(actor, access.MEMBER_WRITE).values("pk")
    return Organization.objects.filter(Q(pk__in=reach) | Q(path__in=above))


def individual_subjects(actor):
    """The members an award can be recorded for: any member (active or not) the actor may write to."""
    return Member.objects.visible_to(actor, access.MEMBER_WRITE)


def check_award(actor, award_type, *, year, member=None, organization=None):
    """The register's rules for one award, whichever path records it; ValidationError (by field) if broken.

    `organization` is the awarded union (collectives) or the member's union (individuals). Raises
    PermissionDenied when the subject is outside the actor's reach.
    """
    if not access.can(actor, access.MEMBER_WRITE, organization):
        raise PermissionDenied
    if not award_type.active:
        raise ValidationError({"award_type": _("%(award)s is no longer in use.") % {"award": award_type.name}})
    if (award_type.subject_kind == SubjectKind.INDIVIDUAL) != (member is not None):
        raise ValidationError({"award_type": _("This award is not for this kind of subject.")})
    if member is None and organization.kind == OrgKind.CONFEDERATION:
        raise ValidationError(
            {
                "organization": _(
                    "The confederation is not given awards in this register. Name the unit that received it."
                )
            }
        )
    if member is None and organization.dissolved_on and organization.dissolved_on.year < year:
        # A dissolved unit keeps the awards of its time (a district federation before 7/2025), not later ones.
        raise ValidationError(
            {
                "organization": _("%(union)s was dissolved on %(date)s, before the year of this award.")
                % {"union": organization.name, "date": organization.dissolved_on.strftime("%d/%m/%Y")}
            }
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {"year": _("The year must be between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}}
        )


def external_award_record(
    *,
    actor,
    award_type,
    year,
    member=None,
    organization=None,
    certificate_number="",
    achievement="",
    issuer=None,
    issuer_name="",
    **decision_data,
):
    """An award recorded from its decision: one of a union in the tree (`issuer`: the awarded unit or a level
    above it, counted among the decisions it issued), or of the employer, a People's Committee or the State
    (no issuer: outside the union), kept as evidence."""
    organization = member.organization if member is not None else organization
    check_award(actor, award_type, year=year, member=member, organization=organization)
    if issuer is not None and not (
        organization.path.startswith(issuer.path) and issuers_for(actor).filter(pk=issuer.pk).exists()
    ):
        raise ValidationError(
            {
                "issuer": _(
                    "%(issuer)s cannot have issued an award to %(union)s: choose the unit itself or a level above it."
                )
                % {"issuer": issuer.name, "union": organization.name}
            }
        )
    issuer_name = (issuer_name or "").strip() or (issuer.name if issuer is not None else "")
    if not issuer_name:
        raise ValidationError({"issuer_name": _("Name the body that issued the decision.")})
    try:
        with transaction.atomic():
            decision = _decision(
                actor, issuer=issuer, issuer_name=issuer_name, external=issuer is None, **decision_data
            )
            award = Award(
                award_type=award_type,
                year=year,
                member=member,
                organization=organization,
                decision=decision,
                certificate_number=certificate_number,
                achievement=achievement,
                external=decision.issuer_id is None,
            )
            award._history_user = actor
            award.save()
    except IntegrityError:
        raise ValidationError(_("This subject already has this award for this year.")) from None
    announce([organization.path, *([decision.issuer.path] if decision.issuer_id else [])])
    eligibility_refresh.inputs_changed(members=[award.member_id], paths=[organization.path])
    return award


@dataclass
class PastAward:
    """One award of a file of past awards, as checked by the import (awards/importers/register.py)."""

    award_type: object
    year: int
    organization: Organization  # the awarded union, or the member's union
    number: str
    signed_on: object
    issuer: Organization | None  # None: a body outside the union (People's Committee, State…)
    issuer_name: str
    member: Member | None = None
    signer_name: str = ""
    signer_title: str = ""
    bonus_amount: int = 0
    certificate_number: str = ""
    gold_book_number: str = ""
    achievement: str = ""
    decision_key: tuple = field(init=False)

    def __post_init__(self):
        self.decision_key = (self.issuer_name.strip(), self.number.strip(), self.signed_on)


def awards_import(*, actor, organization, rows):
    """Record a federation's past awards: all of them or none (ValidationError).

    Each decision is found or created once; an award is outside the union (`external`) exactly when its
    decision has no issuer in the tree. The unique constraints stay the last guard against a duplicate
    that another import or entry wrote meanwhile.
    """
    if organization.holds_members:
        raise ValidationError(_("Past awards are imported into a federation, not into a grassroots union."))
    access.require(actor, access.AWARD_REGISTER_IMPORT, organization)
    awards, decisions = [], {}
    try:
        with transaction.atomic():
            for row in rows:
                if not row.organization.path.startswith(organization.path):
                    raise ValidationError(
                        _("%(union)s is outside %(federation)s.")
                        % {"union": row.organization.name, "federation": organization.name}
                    )
                check_award(actor, row.award_type, year=row.year, member=row.member, organization=row.organization)
                decision = decisions.get(row.decision_key)
                if decision is None:
                    decision = decisions[row.decision_key] = _decision(
                        actor,
                        number=row.number,
                        signed_on=row.signed_on,
                        issuer_name=row.issuer_name,
                        signer_name=row.signer_name,
                        signer_title=row.signer_title,
                        issuer=row.issuer,
                        external=row.issuer is None,
                    )
                awards.append(
                    Award(
                        award_type=row.award_type,
                        year=row.year,
                        member=row.member,
                        organization=row.organization,
                        decision=decision,
                        bonus_amount=row.bonus_amount,
                        certificate_number=row.certificate_number,
                        gold_book_number=row.gold_book_number,
                        achievement=row.achievement,
                        external=decision.issuer_id is None,
                    )
                )
            if awards:
                # One audit entry and one announcement for the whole register; history rows for every award.
                record(
                    actor=actor,
                    action="create",
                    organization=organization,
                    label=_("Import: %(n)s awards into %(federation)s")
                    % {"n": len(awards), "federation": organization.code},
                )
                announce(
                    {a.organization.path for a in awards} | {d.issuer.path for d in decisions.values() if d.issuer_id}
                )
                bulk_create_with_history(awards, Award, batch_size=1000, default_user=actor)
                eligibility_refresh.inputs_changed(
                    members=[a.member_id for a in awards], paths=[a.organization.path for a in awards]
                )
    except IntegrityError:
        raise ValidationError(
            _(
                "Some of these awards were recorded meanwhile by another import or entry. "
                "Nothing was imported: upload the file again to see which rows."
            )
        ) from None
    return awards
