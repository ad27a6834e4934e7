from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions import access
from unions.models import Gender, MemberStatus, MemberTransfer, OrgKind
from unions.signals import announce

from ..models import Campaign, Registration, TargetGroup


def _check_open(actor, campaign, organization, title):
    """Checks against the campaign as stored now (the caller's copy may be stale); returns it."""
    access.require(actor, access.MEMBER_WRITE, organization)
    campaign = Campaign.objects.select_related("organizer").get(pk=campaign.pk)
    if campaign.status != Campaign.Status.LAUNCHED:
        raise ValidationError(_("The campaign is not open: it has not been launched or is already closed."))
    if not organization.path.startswith(campaign.organizer.path) or not campaign.targets(organization):
        raise ValidationError(_("This union is not addressed by the campaign."))
    if title is not None and title not in campaign.titles:
        raise ValidationError({"title": _("This title is not offered by the campaign.")})
    late = timezone.localdate() > campaign.registration_deadline
    if late and not access.can(actor, access.REGISTRATION_CHANGE_AFTER_DEADLINE, organization):
        raise ValidationError(
            _("Registration closed on %(date)s. Ask your federation to add or change registrations.")
            % {"date": campaign.registration_deadline.strftime("%d/%m/%Y")}
        )
    return campaign


def registration_closed_problems(actor, campaign, organization):
    """Why `actor` cannot register members of `organization` in `campaign` now (campaign not open, union not
    addressed, deadline passed); [] when they can. What an import shows on every row before anything is written."""
    try:
        _check_open(actor, campaign, organization, None)
    except ValidationError as error:
        return error.messages
    return []


def _save_all(registrations, duplicate_message):
    """Every new registration is saved here (form, picker and import alike); one announcement for all."""
    try:
        with transaction.atomic():
            for registration in registrations:
                registration.save()
    except IntegrityError:
        raise ValidationError(duplicate_message) from None
    announce({registration.organization.path for registration in registrations})
    return registrations


def member_registration_problems(campaign, organization, member, *, shown=None):
    """Why `member` cannot register in `campaign` through `organization`; [] when they can.

    The one eligibility check of every way members are registered (the picker, the Excel import). `shown`
    names the member in the messages; by default the full name (an import names a member of another union
    by the code the clerk typed, not by a name the clerk may not see).
    """
    name = shown or member.full_name
    path = member.org_path or member.organization.path
    if not path.startswith(organization.path):
        transfer = (
            MemberTransfer.objects.filter(member=member, from_organization__path__startswith=organization.path)
            .order_by("-transferred_on", "-pk")
            .first()
        )
        if transfer is not None:
            return [
                _(
                    "%(name)s was transferred out of this union on %(date)s and is not an active member here: "
                    "the union they belong to now registers them."
                )
                % {"name": member.full_name, "date": transfer.transferred_on.strftime("%d/%m/%Y")}
            ]
        return [
            _("%(name)s belongs to another union, not to this one: each union registers its own members.")
            % {"name": name}
        ]
    if member.status == MemberStatus.LEFT:
        return [_("%(name)s has left the union (not an active member).") % {"name": name}]
    if member.status == MemberStatus.TRANSFERRED:
        return [_("%(name)s was transferred out (not an active member).") % {"name": name}]
    if member.status != MemberStatus.ACTIVE:
        return [_("%(name)s is not an active member of this union.") % {"name": name}]
    if campaign.target_group == TargetGroup.WOMEN and member.gender != Gender.FEMALE:
        return [_("%(name)s cannot register: the campaign is for women members.") % {"name": name}]
    return []


@transaction.atomic
def register_members(*, actor, campaign, organization, year, title, members, commitment=""):
    """Register members of one union for a title; all or none."""
    campaign = _check_open(actor, campaign, organization, title)
    if not members:
        raise ValidationError(_("Choose at least one member."))
    errors = []
    for member in members:
        errors += member_registration_problems(campaign, organization, member)
    existing = set(
        Registration.objects.filter(campaign=campaign, year=year, title=title, member__in=members).values_list(
            "member__full_name", flat=True
        )
    )
    errors += [_("%(name)s is already registered for this title.") % {"name": name} for name in sorted(existing)]
    if errors:
        raise ValidationError(errors)
    registrations = [
        Registration(
            campaign=campaign,
            year=year,
            organization=organization,
            member=member,
            title=title,
            commitment=commitment,
            created_by=actor,
        )
        for member in members
    ]
    for registration in registrations:
        registration._history_user = actor
    return _save_all(
        registrations,
        _("Some of these members were registered at the same moment by someone else. Reload the page and try again."),
    )


@transaction.atomic
def registrations_import(*, actor, campaign, organization, year, rows):
    """Register the rows of an import, (member, title, commitment) each: all of them or none.

    The same rules as `register_members` (campaign open for each title, the shared eligibility check, no
    registration twice), with history rows by `actor`.
    """
    access.require(actor, access.MEMBER_WRITE, organization)
    if not rows:
        raise ValidationError(_("There is nobody to register."))
    for title in dict.fromkeys(title for _member, title, _commitment in rows):
        campaign = _check_open(actor, campaign, organization, title)
    errors, seen = [], set()
    for member in dict.fromkeys(member for member, _title, _commitment in rows):
        errors += member_registration_problems(campaign, organization, member)
    for member, title, _commitment in rows:
        if (member.pk, title) in seen:
            errors.append(_("%(name)s is listed twice for %(title)s.") % {"name": member.full_name, "title": title})
        seen.add((member.pk, title))
    existing = (
        Registration.objects.filter(campaign=campaign, year=year, member__in={m.pk for m, _t, _c in rows})
        .values_list("member_id", "member__full_name", "title")
        .order_by("member__search_name", "title")
    )
    errors += [
        _("%(name)s is already registered for %(title)s in this campaign and year.") % {"name": name, "title": title}
        for pk, name, title in existing
        if (pk, title) in seen
    ]
    if errors:
        raise ValidationError(errors)
    registrations = [
        Registration(
            campaign=campaign,
            year=year,
            organization=organization,
            member=member,
            title=title,
            commitment=commitment,
            created_by=actor,
        )
        for member, title, commitment in rows
    ]
    for registration in registrations:
        registration._history_user = actor
    return _save_all(
        registrations,
        _(
            "Some of these members were registered for the same title by someone else "
            "while the file was being imported. Nothing was registered: upload the file "
            "again to see which rows."
        ),
    )


@transaction.atomic
def register_union(*, actor, campaign, organization, year, title, commitment=""):
    campaign = _check_open(actor, campaign, organization, title)
    if organization.kind != OrgKind.GRASSROOTS:
        raise ValidationError(_("Only a grassroots union registers as a collective here."))
    if Registration.objects.filter(
        campaign=campaign, year=year, title=title, organization=organization, member__isnull=True
    ).exists():
        raise ValidationError(_("This union is already registered for this title in this campaign and year."))
    registration = Registration(
        campaign=campaign, year=year, organization=organization, title=title, commitment=commitment, created_by=actor
    )
    registration._history_user = actor
    return _save_all([registration], _("This union is already registered for this title in this campaign and year."))[0]


@transaction.atomic
def registration_decide(*, actor, registration, status):
    registration = (
        Registration.objects.select_for_update().select_related("campaign", "organization").get(pk=registration.pk)
    )
    access.require(actor, access.MEMBER_WRITE, registration.organization)
    allowed = {
        Registration.Status.ACHIEVED,
        Registration.Status.NOT_ACHIEVED,
        Registration.Status.WITHDRAWN,
        Registration.Status.REGISTERED,
    }
    if status not in allowed:
        raise ValidationError(_("Unknown result."))
    if status == Registration.Status.WITHDRAWN and registration.status != Registration.Status.REGISTERED:
        raise ValidationError(_("Only a pending registration can be withdrawn."))
    if (
        status == Registration.Status.WITHDRAWN
        and timezone.localdate() > registration.campaign.registration_deadline
        and not access.can(actor, access.REGISTRATION_CHANGE_AFTER_DEADLINE, registration.organization)
    ):
        raise PermissionDenied
    registration.status = status
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration._history_user = actor
    registration.save()
    announce([registration.organization.path])
    return registration
