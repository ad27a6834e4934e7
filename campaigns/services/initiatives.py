"""Writes of the initiative register (sáng kiến): create, edit and the recognition workflow.

registered → under_evaluation → recognised → applied, or → rejected. A recognised
initiative may later be recognised again at a higher scope (grassroots, then provincial).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.text import clean_name, fold
from unions import access
from unions.inputs import inputs_changed_send
from unions.models import Member, MemberStatus, Organization
from unions.signals import announce

from ..models import Initiative, InitiativeAuthor, RecognitionScope

Status = Initiative.Status

INITIATIVE_FIELDS = (
    "title",
    "kind",
    "campaign",
    "year",
    "description",
    "applied_from",
    "estimated_benefit",
    "attachment",
)
SCOPE_RANK = {RecognitionScope.GRASSROOTS: 1, RecognitionScope.PROVINCIAL: 2, RecognitionScope.NATIONAL: 3}
EDITABLE_STATUSES = (Status.REGISTERED, Status.UNDER_EVALUATION)
HUNDRED = Decimal(100)


def check_owner_organization(actor, organization):
    """Initiatives, works and research belong to a grassroots union or one of its divisions."""
    access.require(actor, access.MEMBER_WRITE, organization)
    if not organization.holds_members:
        raise ValidationError({"organization": _("Choose a grassroots union or one of its divisions.")})
    if not organization.is_active:
        raise ValidationError({"organization": _("%(org)s has been dissolved.") % {"org": organization}})


def check_campaign(actor, campaign):
    if campaign is None:
        return
    from ..selectors.campaigns import campaign_list_for

    if not campaign_list_for(actor).filter(pk=campaign.pk).exists():
        raise ValidationError({"campaign": _("This campaign is not open to your union.")})


def clean_authors(actor, authors):
    """[(member, share)] → [(member, Decimal share)] after checking the domain rules."""
    authors = list(authors or [])
    if not authors:
        raise ValidationError({"authors": _("An initiative needs at least one author.")})
    cleaned, seen = [], set()
    for member, share in authors:
        try:
            share = Decimal(str(share)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError, TypeError):
            raise ValidationError({"authors": _("Enter each author's share as a percentage.")}) from None
        if share <= 0 or share > HUNDRED:
            raise ValidationError({"authors": _("Each author's share must be more than 0% and at most 100%.")})
        if member.pk in seen:
            raise ValidationError({"authors": _("%(name)s is listed twice.") % {"name": member.full_name}})
        seen.add(member.pk)
        cleaned.append((member, share))
    total = sum((share for _member, share in cleaned), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            {"authors": _("Authors' shares must add up to 100%% (now %(total)s%%).") % {"total": _percent(total)}}
        )
    visible = set(
        Member.objects.visible_to(actor).filter(pk__in=seen, status=MemberStatus.ACTIVE).values_list("pk", flat=True)
    )
    for member, _share in cleaned:
        if member.pk not in visible:
            raise ValidationError(
                {"authors": _("%(name)s is not an active member in your reach.") % {"name": member.full_name}}
            )
    return cleaned


def _percent(value):
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _fields(data):
    """The editable fields of `data`; a cleared attachment (False from the form) becomes empty."""
    data = {k: v for k, v in data.items() if k in INITIATIVE_FIELDS}
    if data.get("attachment") is False:
        data["attachment"] = ""
    return data


def _prepare(initiative):
    initiative.title = clean_name(initiative.title)
    initiative.search_title = fold(initiative.title)
    initiative.description = (initiative.description or "").strip()


def _save(initiative, actor, reason=None):
    """Every write of an initiative ends here; it announces the owner before (a union may hand the initiative to
    another) and after."""
    before = initiative.org_path
    initiative._history_user = actor
    if reason:
        initiative._change_reason = reason
    initiative.save()
    announce([before, initiative.org_path])
    inputs_changed_send(members=initiative.authors.values_list("member_id", flat=True))  # the rules read authors'


def _write_authors(initiative, authors):
    initiative.authors.all().delete()
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=initiative, member=member, share=share) for member, share in authors
    )


def _locked(initiative):
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


@transaction.atomic
def initiative_create(*, actor, organization, authors, **data):
    organization = Organization.objects.get(pk=organization.pk)
    check_owner_organization(actor, organization)
    check_campaign(actor, data.get("campaign"))
    authors = clean_authors(actor, authors)
    initiative = Initiative(
        organization=organization,
        created_by=actor,
        **_fields(data),
    )
    if initiative.estimated_benefit is None:
        initiative.estimated_benefit = 0
    _prepare(initiative)
    initiative.full_clean(exclude=["created_by"])
    _save(initiative, actor)
    _write_authors(initiative, authors)
    return initiative


@transaction.atomic
def initiative_update(*, actor, initiative, authors=None, organization=None, **data):
    initiative = _locked(initiative)
    access.require(actor, access.MEMBER_WRITE, initiative.organization)
    if initiative.status not in EDITABLE_STATUSES:
        raise ValidationError(_("A recognised, applied or rejected initiative can no longer be edited."))
    if organization is not None and organization.pk != initiative.organization_id:
        check_owner_organization(actor, Organization.objects.get(pk=organization.pk))
        initiative.organization = organization
    if "campaign" in data and data["campaign"] is not None and data["campaign"].pk != initiative.campaign_id:
        check_campaign(actor, data["campaign"])
    unknown = set(data) - set(INITIATIVE_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} not editable here")
    for field, value in _fields(data).items():
        setattr(initiative, field, value)
    if initiative.estimated_benefit is None:
        initiative.estimated_benefit = 0
    _prepare(initiative)
    initiative.full_clean(exclude=["created_by"])
    if authors is not None:
        _write_authors(initiative, clean_authors(actor, authors))
    _save(initiative, actor)
    return initiative


@transaction.atomic
def initiative_start_evaluation(*, actor, initiative):
    initiative = _locked(initiative)
    access.require(actor, access.MEMBER_WRITE, initiative.organization)
    if initiative.status != Status.REGISTERED:
        raise ValidationError(_("Only a registered initiative can be sent for evaluation."))
    initiative.status = Status.UNDER_EVALUATION
    _save(initiative, actor)
    return initiative


def _recognition_action(scope):
    """Grassroots recognition is the union's own; higher scopes are recorded by the level above it."""
    return access.MEMBER_WRITE if scope == RecognitionScope.GRASSROOTS else access.INITIATIVE_RECOGNISE_PROVINCIAL


def recognisable_scopes(user, initiative):
    """The scopes the user may record for this initiative now (empty when none)."""
    current = SCOPE_RANK.get(initiative.scope, 0)
    if initiative.status == Status.REJECTED:
        return []
    if initiative.status in (Status.RECOGNISED, Status.APPLIED):
        candidates = [s for s in RecognitionScope if SCOPE_RANK[s] > current]
    else:
        candidates = list(RecognitionScope)
    if not candidates:
        return []
    allowed = {
        action: access.can(user, action, initiative.organization)
        for action in {_recognition_action(s) for s in candidates}
    }
    return [s for s in candidates if allowed[_recognition_action(s)]]


@transaction.atomic
def initiative_recognise(*, actor, initiative, scope, recognised_by, recognition_decision, recognised_on):
    initiative = _locked(initiative)
    access.require(actor, access.READ, initiative.organization)
    scope = RecognitionScope(scope)
    access.require(actor, _recognition_action(scope), initiative.organization)
    if initiative.status in (Status.RECOGNISED, Status.APPLIED):
        if SCOPE_RANK[scope] <= SCOPE_RANK.get(initiative.scope, 0):
            raise ValidationError({"scope": _("This initiative is already recognised at this scope or a higher one.")})
    elif initiative.status not in EDITABLE_STATUSES:
        raise ValidationError(_("A rejected initiative cannot be recognised."))
    recognised_by = clean_name(recognised_by)
    recognition_decision = clean_name(recognition_decision)
    if not recognised_by:
        raise ValidationError({"recognised_by": _("Enter the body that recognised the initiative.")})
    if not recognition_decision:
        raise ValidationError({"recognition_decision": _("Enter the number of the recognition decision.")})
    if initiative.status in EDITABLE_STATUSES:
        initiative.status = Status.RECOGNISED
    initiative.scope = scope
    initiative.recognised_by = recognised_by
    initiative.recognition_decision = recognition_decision
    initiative.recognised_on = recognised_on
    initiative.rejection_reason = ""
    _save(initiative, actor, reason=recognition_decision)
    return initiative


@transaction.atomic
def initiative_reject(*, actor, initiative, reason):
    initiative = _locked(initiative)
    access.require(actor, access.MEMBER_WRITE, initiative.organization)
    if initiative.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Only a registered initiative or one under evaluation can be rejected."))
    reason = clean_name(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for rejection.")})
    initiative.status = Status.REJECTED
    initiative.rejection_reason = reason[:255]
    _save(initiative, actor, reason=reason[:100])
    return initiative


@transaction.atomic
def initiative_apply(*, actor, initiative, verified_benefit, verified_by, verified_on):
    initiative = _locked(initiative)
    access.require(actor, access.MEMBER_WRITE, initiative.organization)
    if initiative.status != Status.RECOGNISED:
        raise ValidationError(_("Only a recognised initiative can be marked as applied."))
    if verified_benefit is None or verified_benefit < 0:
        raise ValidationError({"verified_benefit": _("Enter the verified benefit in VND.")})
    verified_by = clean_name(verified_by)
    if not verified_by:
        raise ValidationError({"verified_by": _("Enter who verified the benefit.")})
    if initiative.recognised_on and verified_on and verified_on < initiative.recognised_on:
        raise ValidationError({"verified_on": _("The verification date cannot be before the recognition date.")})
    initiative.status = Status.APPLIED
    initiative.verified_benefit = verified_benefit
    initiative.verified_by = verified_by
    initiative.verified_on = verified_on
    _save(initiative, actor)
    return initiative
