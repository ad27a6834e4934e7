from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.models import Gender, MemberStatus, Organization, OrgKind

from ..models import Campaign, Registration, TargetGroup


def _federation_can(actor, organization):
    """After the deadline only the level above the union may change registrations."""
    parent = Organization.objects.get_parent(organization)
    return parent is not None and parent.kind != OrgKind.GRASSROOTS and access.has_perm_on(
        actor, parent, access.MEMBER_WRITE
    )


def _check_open(actor, campaign, organization, title):
    """Checks against the campaign as stored now (the caller's copy may be stale); returns it."""
    access.require(actor, organization, access.MEMBER_WRITE)
    campaign = Campaign.objects.select_related("organizer").get(pk=campaign.pk)
    if campaign.status != Campaign.Status.LAUNCHED:
        raise ValidationError(_("The campaign is not open: it has not been launched or is already closed."))
    if not organization.path.startswith(campaign.organizer.path) or not campaign.targets(organization):
        raise ValidationError(_("This union is not addressed by the campaign."))
    if title not in campaign.titles:
        raise ValidationError({"title": _("This title is not offered by the campaign.")})
    if timezone.localdate() > campaign.registration_deadline and not _federation_can(actor, organization):
        raise ValidationError(
            _("Registration closed on %(date)s. Ask your federation to add or change registrations.")
            % {"date": campaign.registration_deadline.strftime("%d/%m/%Y")}
        )
    return campaign


def _save_all(registrations, duplicate_message):
    try:
        with transaction.atomic():
            for registration in registrations:
                registration.save()
    except IntegrityError:
        raise ValidationError(duplicate_message) from None
    return registrations


@transaction.atomic
def register_members(*, actor, campaign, organization, year, title, members, commitment=""):
    """Register members of one union for a title; all or none."""
    campaign = _check_open(actor, campaign, organization, title)
    if not members:
        raise ValidationError(_("Choose at least one member."))
    errors = []
    for member in members:
        if not member.organization.path.startswith(organization.path) or member.status != MemberStatus.ACTIVE:
            errors.append(_("%(name)s is not an active member of this union.") % {"name": member.full_name})
        elif campaign.target_group == TargetGroup.WOMEN and member.gender != Gender.FEMALE:
            errors.append(_("%(name)s cannot register: the campaign is for women members.")
                          % {"name": member.full_name})
    existing = set(
        Registration.objects.filter(campaign=campaign, year=year, title=title, member__in=members)
        .values_list("member__full_name", flat=True)
    )
    errors += [_("%(name)s is already registered for this title.") % {"name": name} for name in sorted(existing)]
    if errors:
        raise ValidationError(errors)
    registrations = [
        Registration(campaign=campaign, year=year, organization=organization, member=member, title=title,
                     commitment=commitment, created_by=actor)
        for member in members
    ]
    for registration in registrations:
        registration._history_user = actor
    return _save_all(registrations, _("Some of these members were registered at the same moment by someone else. "
                                      "Reload the page and try again."))


@transaction.atomic
def register_union(*, actor, campaign, organization, year, title, commitment=""):
    campaign = _check_open(actor, campaign, organization, title)
    if organization.kind != OrgKind.GRASSROOTS:
        raise ValidationError(_("Only a grassroots union registers as a collective here."))
    if Registration.objects.filter(campaign=campaign, year=year, title=title, organization=organization,
                                   member__isnull=True).exists():
        raise ValidationError(_("This union is already registered for this title in this campaign and year."))
    registration = Registration(campaign=campaign, year=year, organization=organization, title=title,
                                commitment=commitment, created_by=actor)
    registration._history_user = actor
    return _save_all([registration],
                     _("This union is already registered for this title in this campaign and year."))[0]


@transaction.atomic
def registration_decide(*, actor, registration, status):
    registration = Registration.objects.select_for_update().select_related("campaign", "organization").get(
        pk=registration.pk
    )
    access.require(actor, registration.organization, access.MEMBER_WRITE)
    allowed = {Registration.Status.ACHIEVED, Registration.Status.NOT_ACHIEVED, Registration.Status.WITHDRAWN,
               Registration.Status.REGISTERED}
    if status not in allowed:
        raise ValidationError(_("Unknown result."))
    if status == Registration.Status.WITHDRAWN and registration.status != Registration.Status.REGISTERED:
        raise ValidationError(_("Only a pending registration can be withdrawn."))
    if (status == Registration.Status.WITHDRAWN
            and timezone.localdate() > registration.campaign.registration_deadline
            and not _federation_can(actor, registration.organization)):
        raise PermissionDenied
    registration.status = status
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration._history_user = actor
    registration.save()
    return registration
