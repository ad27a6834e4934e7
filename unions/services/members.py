from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from audit.services import record
from core.text import clean_name, fold

from .. import access
from ..inputs import inputs_changed_send
from ..leaving_reasons import clean_left_reason, left_reason_label
from ..models import CodeSequence, Member, MemberStatus, MemberTransfer, Organization, TransferRequest
from ..signals import announce

MEMBER_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "national_id",
    "old_id_number",
    "card_number",
    "joined_on",
    "ethnicity",
    "job_title",
    "education",
    "phone",
    "phone2",
    "email",
    "employed_from",
    "employed_until",
)


def allocate_member_codes(count):
    """Reserve `count` member codes in one locked step (safe under concurrent imports)."""
    with transaction.atomic():
        CodeSequence.objects.get_or_create(name="member")
        seq = CodeSequence.objects.select_for_update().get(name="member")
        first = seq.value + 1
        seq.value += count
        seq.save(update_fields=["value"])
    return [f"DV{n:08d}" for n in range(first, first + count)]


# A member is of working age: born from 1930 to 15 years before today.
FIRST_BIRTH_YEAR, YOUNGEST_AGE = 1930, 15


def check_member(
    *, birth_date=None, birth_year=None, joined_on=None, employed_from=None, employed_until=None, today=None
):
    """The rules on a member's dates, whichever path writes them (the form, the import, the services).

    Only the values given are checked: an update is held to what it writes. ValidationError by field.
    """
    today = today or timezone.localdate()
    errors = {}
    year = birth_date.year if birth_date else birth_year
    last = today.year - YOUNGEST_AGE
    if year and not FIRST_BIRTH_YEAR <= year <= last:
        shown = birth_date.strftime("%d/%m/%Y") if birth_date else str(year)
        errors["birth_date"] = _(
            "%(date)s is not plausible for a member (born %(first)s to %(last)s). Check the date."
        ) % {"date": shown, "first": FIRST_BIRTH_YEAR, "last": last}
    if joined_on and joined_on > today:
        errors["joined_on"] = _("The joining date cannot be in the future.")
    if employed_from and employed_until and employed_until < employed_from:
        errors["employed_until"] = _("The end of employment cannot be before its start.")
    if errors:
        raise ValidationError(errors)


def _checked_values(data):
    keys = ("birth_date", "birth_year", "joined_on", "employed_from", "employed_until")
    return {k: data[k] for k in keys if k in data}


def check_can_hold_members(org):
    if not org.holds_members:
        raise ValidationError(
            {"organization": _("Members belong to a grassroots union or one of its divisions or groups.")}
        )
    if not org.is_active:
        raise ValidationError({"organization": _("%(org)s has been dissolved.") % {"org": org}})


def save_unique(member, actor):
    """Save; a concurrent duplicate CCCD hits the unique index and becomes a form error."""
    member._history_user = actor
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ValidationError({"national_id": _("A member with this citizen ID (CCCD) already exists.")}) from None


def prepare(member):
    """Normalise what users type before validation and saving."""
    member.full_name = clean_name(member.full_name)
    member.search_name = fold(member.full_name)
    member.national_id = (member.national_id or "").strip() or None
    if member.birth_date:
        member.birth_year = member.birth_date.year
    member.ethnicity = clean_name(member.ethnicity)
    member.job_title = clean_name(member.job_title)


@transaction.atomic
def member_create(*, actor, organization, **data):
    access.require(actor, access.MEMBER_WRITE, organization)
    check_can_hold_members(organization)
    check_member(**_checked_values(data))
    member = Member(organization=organization, **{k: v for k, v in data.items() if k in MEMBER_FIELDS})
    prepare(member)
    member.member_code = allocate_member_codes(1)[0]
    member.full_clean()
    save_unique(member, actor)
    announce([organization.path])
    inputs_changed_send(paths=[organization.path])  # one more member in the union's figures
    record(actor=actor, action="create", obj=member)
    return member


@transaction.atomic
def member_update(*, actor, member, **data):
    member = Member.objects.select_for_update().get(pk=member.pk)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    for field, value in data.items():
        if field not in MEMBER_FIELDS:
            raise ValueError(f"{field} is not editable here")
        setattr(member, field, value)
    check_member(**_checked_values(data))
    prepare(member)
    member.full_clean()
    save_unique(member, actor)
    announce([member.organization.path])  # joining date, gender, status: what the member figures count
    inputs_changed_send(members=[member.pk], paths=[member.organization.path])  # employment dates, joining date
    record(actor=actor, action="change", obj=member)
    return member


@transaction.atomic
def member_transfer(*, actor, member, to_organization, transferred_on, note=""):
    """A transfer by someone who keeps both unions (the sending officer inside its own union, the staff of the
    lowest level above both); across that reach, the receiving union decides (services/transfers.py)."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    access.require(actor, access.MEMBER_WRITE, to_organization)
    if TransferRequest.objects.filter(member=member, status=TransferRequest.Status.OPEN).exists():
        raise ValidationError(
            _("A transfer request for this member is waiting for the receiving union: withdraw it first.")
        )
    return _move_member(
        actor=actor, member=member, to_organization=to_organization, transferred_on=transferred_on, note=note
    )


def _move_member(*, actor, member, to_organization, transferred_on, note=""):
    """The move itself, for a member already locked and an actor already allowed: the transfer row, the member's new
    union (history row), the change signal of both unions and the audit entry under the union left."""
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only active members can be transferred."))
    to_organization = Organization.objects.get(pk=to_organization.pk)
    check_can_hold_members(to_organization)
    if to_organization.pk == member.organization_id:
        raise ValidationError({"to_organization": _("The member already belongs to this union.")})
    transfer = MemberTransfer.objects.create(
        member=member,
        from_organization=member.organization,
        to_organization=to_organization,
        transferred_on=transferred_on,
        note=note,
        actor=actor,
    )
    member.organization = to_organization
    member._history_user = actor
    member._change_reason = note
    member.save(update_fields=["organization", "updated_at"])
    announce([transfer.from_organization.path, to_organization.path])
    inputs_changed_send(members=[member.pk], paths=[transfer.from_organization.path, to_organization.path])
    # Filed under the union the member left (as before): its officers keep the trace of who moved them out.
    record(
        actor=actor,
        action="change",
        obj=member,
        organization=transfer.from_organization,
        label=_("%(member)s: transferred") % {"member": member.member_code},
    )
    return transfer


@transaction.atomic
def member_mark_left(*, actor, member, left_on, reason="", reason_text=""):
    """`reason`: one of LeftReason (empty: not given), `reason_text` the words of "other"."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    access.require(actor, access.MEMBER_WRITE, member.organization)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("This member is no longer active."))
    if member.joined_on and left_on < member.joined_on:
        raise ValidationError({"left_on": _("The leaving date cannot be before the joining date.")})
    member.left_reason, member.left_reason_text = clean_left_reason(reason, reason_text)
    member.status = MemberStatus.LEFT
    member.left_on = left_on
    member._history_user = actor
    member._change_reason = left_reason_label(member.left_reason) or None
    member.save(update_fields=["status", "left_on", "left_reason", "left_reason_text", "updated_at"])
    announce([member.organization.path])
    inputs_changed_send(members=[member.pk], paths=[member.organization.path])
    record(
        actor=actor, action="change", obj=member, label=_("%(member)s: left the union") % {"member": member.member_code}
    )
    return member


@transaction.atomic
def member_import_create(*, actor, rows):
    """Members of an import, in one write: rows of MEMBER_FIELDS plus "organization" (checked by the importer).

    Same rules as member_create (reach, union that holds members, normalised values), history rows, one audit
    entry per union and one change signal for the dashboards.
    """
    members = []
    for organization in {row["organization"] for row in rows}:
        access.require(actor, access.MEMBER_WRITE, organization)
        check_can_hold_members(organization)
    for row in rows:
        check_member(**_checked_values(row))
    for row, code in zip(rows, allocate_member_codes(len(rows)), strict=True):
        member = Member(member_code=code, **{k: v for k, v in row.items() if k in (*MEMBER_FIELDS, "organization")})
        prepare(member)
        members.append(member)
    if not members:
        return []
    # The audit entry and the change announcement belong to the same transaction: they commit with the rows or
    # not at all.
    _audit(actor, "create", members)
    _announce(members)
    bulk_create_with_history(members, Member, batch_size=1000, default_user=actor)
    return members


@transaction.atomic
def member_import_update(*, actor, changes):
    """Apply an import's field changes [(member, {field: value})] to members locked for the write."""
    if not changes:
        return 0
    locked = {
        m.pk: m
        for m in Member.objects.select_for_update(of=("self",))
        .select_related("organization")
        .filter(pk__in=[m.pk for m, _values in changes])
    }
    fields = set()
    members = []
    now = timezone.now()
    for stale, values in changes:
        member = locked[stale.pk]
        access.require(actor, access.MEMBER_WRITE, member.organization)
        for field, value in values.items():
            if field not in MEMBER_FIELDS:
                raise ValueError(f"{field} is not editable here")
            setattr(member, field, value)
        check_member(**_checked_values(values))
        prepare(member)
        member.updated_at = now
        fields.update(values)
        members.append(member)
    fields.update({"search_name", "birth_year", "updated_at"})
    _audit(actor, "change", members)
    _announce(members)
    bulk_update_with_history(members, Member, sorted(fields), batch_size=1000, default_user=actor)
    return len(members)


def _audit(actor, action, members):
    """One audit entry per union of an import (the member rows carry their own history)."""
    by_union = {}
    for member in members:
        by_union.setdefault(member.organization, []).append(member)
    for organization, group in by_union.items():
        record(
            actor=actor,
            action=action,
            organization=organization,
            label=_("Import: %(n)s members of %(union)s") % {"n": len(group), "union": organization.code},
        )


def _announce(members):
    """One announcement for the whole import (bulk writes send no post_save): one rollup refresh at commit."""
    announce({m.organization.path for m in members})
    inputs_changed_send(members=[m.pk for m in members], paths={m.organization.path for m in members})
