from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.text import clean_name

from .. import access, ancestry
from ..inputs import inputs_changed_send
from ..models import (
    ALLOWED_PARENT_KINDS,
    Member,
    MemberStatus,
    MemberTransfer,
    Organization,
    OrganizationEvent,
    ParentChange,
)
from ..signals import announce

EDITABLE_FIELDS = ("code", "name", "short_name", "sector", "address", "phone", "email", "founded_on")


def _check_kind_under(kind, parent):
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENT_KINDS[kind]:
        raise ValidationError(
            _("A %(kind)s cannot be placed under %(parent)s.")
            % {"kind": Organization(kind=kind).get_kind_display(), "parent": parent or "-"}
        )


def _check_active(org):
    if not org.is_active:
        raise ValidationError(_("%(org)s has been dissolved.") % {"org": org})


def _record(org, kind, *, actor, happened_on, decision_number="", other=None, **details):
    return OrganizationEvent.objects.create(
        organization=org,
        kind=kind,
        happened_on=happened_on,
        decision_number=decision_number,
        other=other,
        details=details,
        actor=actor,
    )


@transaction.atomic
def organization_create(*, actor, parent, kind, name, code, happened_on, decision_number="", **data):
    access.require(actor, access.ORG_ADD_UNIT, parent)
    parent = Organization.objects.select_for_update().get(pk=parent.pk)
    _check_active(parent)
    _check_kind_under(kind, parent)
    org = Organization(kind=kind, name=clean_name(name), code=code.strip().upper(), **data)
    org.full_clean(exclude=["path", "depth", "numchild"])
    org._history_user = actor
    org = Organization.objects.add_child(parent, instance=org)
    _record(org, OrganizationEvent.Kind.CREATED, actor=actor, happened_on=happened_on, decision_number=decision_number)
    announce([org.path])  # a new grassroots union counts from its founding date
    return org


@transaction.atomic
def organization_update(*, actor, organization, happened_on, decision_number="", **data):
    access.require(actor, access.ORG_RESTRUCTURE, organization)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    old_name = org.name
    for field, value in data.items():
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"{field} is not editable here")
        setattr(org, field, value)
    org.name = clean_name(org.name)
    org.code = org.code.strip().upper()
    org.full_clean(exclude=["path", "depth", "numchild"])
    org._history_user = actor
    org.save()
    announce([org.path])  # the founding date is editable and counted
    if org.name != old_name:
        _record(
            org,
            OrganizationEvent.Kind.RENAMED,
            actor=actor,
            happened_on=happened_on,
            decision_number=decision_number,
            old_name=old_name,
            new_name=org.name,
        )
    return org


@transaction.atomic
def organization_move(*, actor, organization, new_parent, happened_on, decision_number="", new_code=""):
    """Place a unit under another parent of the mover's reach; `new_code` gives it the code of its new place
    (HN-BTL-001 under HN-TH becomes HN-TH-…): the old one stays in the event and the history."""
    access.require(actor, access.ORG_RESTRUCTURE, organization)
    access.require(actor, access.ORG_ADD_UNIT, new_parent)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    new_parent = Organization.objects.select_for_update().get(pk=new_parent.pk)
    _check_active(org)
    _check_active(new_parent)
    if new_parent.path.startswith(org.path):
        raise ValidationError(_("An organisation cannot be moved under itself or its own unit."))
    old_parent = Organization.objects.get_parent(org)
    if old_parent and old_parent.pk == new_parent.pk:
        raise ValidationError(_("The organisation is already under %(parent)s.") % {"parent": new_parent})
    _check_kind_under(org.kind, new_parent)
    old_path, old_code = org.path, org.code
    new_code = (new_code or "").strip().upper()
    if new_code and new_code != old_code:
        _recode(org, new_code, actor)
    Organization.objects.move(org, new_parent, "last-child")
    org.refresh_from_db()
    # The tree keeps only the parent of today; figures of earlier periods need the one of that time.
    ParentChange.objects.create(organization=org, old_parent=old_parent, new_parent=new_parent, happened_on=happened_on)
    ancestry.refresh_under(org, old_paths=[old_path])
    inputs_changed_send(paths=[old_path, org.path])  # the unions above, before and after, count its members
    codes = {"old_code": old_code, "new_code": org.code} if org.code != old_code else {}
    _record(
        org,
        OrganizationEvent.Kind.MOVED,
        actor=actor,
        happened_on=happened_on,
        decision_number=decision_number,
        other=new_parent,
        old_parent=old_parent.name if old_parent else "",
        new_parent=new_parent.name,
        **codes,
    )
    return org


def _recode(org, code, actor):
    """A new code, checked like the form's field; a code taken meanwhile is the same message, not a crash."""
    if Organization.objects.filter(code=code).exclude(pk=org.pk).exists():
        raise ValidationError({"new_code": _("Another organisation already has this code.")})
    org.code = code
    try:
        org.full_clean(exclude=["path", "depth", "numchild"])
    except ValidationError as error:
        raise ValidationError({"new_code": error.message_dict.get("code", error.messages)}) from None
    org._history_user = actor
    try:
        with transaction.atomic():
            org.save(update_fields=["code"])
    except IntegrityError:
        raise ValidationError({"new_code": _("Another organisation already has this code.")}) from None


def suggested_code(org, new_parent):
    """The code a unit would get under `new_parent`: the parent's code, then the unit's own number (the last part
    of its code), e.g. HN-BTL-001 moved under HN-TH → HN-TH-001."""
    own = org.code.rsplit("-", 1)[-1] if "-" in org.code else org.code
    return f"{new_parent.code}-{own}"


def _hand_over(org, successor, *, actor, happened_on, decision_number):
    """Move the children and the members of `org` to `successor`; each child's change of parent is dated, so the
    history of `org` stays reportable under its own name."""
    children = list(Organization.objects.get_children(org).filter(dissolved_on__isnull=True))
    for child in children:
        _check_kind_under(child.kind, successor)
    members = list(Member.objects.filter(organization=org))
    if members and not successor.holds_members:
        raise ValidationError(
            _("%(org)s cannot receive members: choose a grassroots union as successor.") % {"org": successor}
        )
    for child in children:
        # Fresh rows each time: treebeard computes paths from the target's current children.
        Organization.objects.move(
            Organization.objects.get(pk=child.pk), Organization.objects.get(pk=successor.pk), "last-child"
        )
    ParentChange.objects.bulk_create(
        ParentChange(organization=child, old_parent=org, new_parent=successor, happened_on=happened_on)
        for child in children
    )
    for member in members:
        member.organization = successor
        member._history_user = actor
    bulk_update_with_history(members, Member, ["organization"], batch_size=500, default_user=actor)
    MemberTransfer.objects.bulk_create(
        MemberTransfer(
            member=m,
            from_organization=org,
            to_organization=successor,
            transferred_on=happened_on,
            note=decision_number,
            actor=actor,
        )
        for m in members
        if m.status == MemberStatus.ACTIVE
    )
    ancestry.refresh_under(Organization.objects.get(pk=successor.pk), old_paths=[org.path])
    inputs_changed_send(members=[m.pk for m in members], paths=[org.path, successor.path])
    return len(children), len(members)


def _end(organization, successor, event_kind, *, actor, happened_on, decision_number):
    access.require(actor, access.ORG_RESTRUCTURE, organization)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    _check_active(org)
    if successor is not None:
        access.require(actor, access.ORG_ADD_UNIT, successor)
        successor = Organization.objects.select_for_update().get(pk=successor.pk)
        _check_active(successor)
        if successor.path.startswith(org.path):
            raise ValidationError(_("The successor cannot be the organisation itself or one of its units."))
        moved_children, moved_members = _hand_over(
            org, successor, actor=actor, happened_on=happened_on, decision_number=decision_number
        )
        org.refresh_from_db()
    else:
        has_children = Organization.objects.get_children(org).filter(dissolved_on__isnull=True).exists()
        has_members = Member.objects.filter(organization=org, status=MemberStatus.ACTIVE).exists()
        if has_children or has_members:
            raise ValidationError(
                _("%(org)s still has units or members: choose a successor to take them over.") % {"org": org}
            )
        moved_children = moved_members = 0
    org.dissolved_on = happened_on
    org.successor = successor
    org._history_user = actor
    org.save(update_fields=["dissolved_on", "successor"])
    announce([org.path])  # counted until its dissolution date; what it handed over is announced by _hand_over
    _record(
        org,
        event_kind,
        actor=actor,
        happened_on=happened_on,
        decision_number=decision_number,
        other=successor,
        moved_children=moved_children,
        moved_members=moved_members,
    )
    if successor is not None:
        _record(
            successor,
            OrganizationEvent.Kind.ABSORBED,
            actor=actor,
            happened_on=happened_on,
            decision_number=decision_number,
            other=org,
            moved_children=moved_children,
            moved_members=moved_members,
        )
    return org


@transaction.atomic
def organization_dissolve(*, actor, organization, happened_on, decision_number, successor=None):
    return _end(
        organization,
        successor,
        OrganizationEvent.Kind.DISSOLVED,
        actor=actor,
        happened_on=happened_on,
        decision_number=decision_number,
    )


@transaction.atomic
def organization_merge(*, actor, organization, into, happened_on, decision_number):
    if into.kind != organization.kind:
        raise ValidationError(_("Only organisations of the same kind can be merged."))
    return _end(
        organization,
        into,
        OrganizationEvent.Kind.MERGED,
        actor=actor,
        happened_on=happened_on,
        decision_number=decision_number,
    )
