from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from . import ancestry
from .models import Member, Organization, OrganizationEvent, Role
from .signals import announce


class AnnounceChangesMixin:
    """Saves and deletes in the Django admin announce the owner paths they change, as the services do
    (unions/signals.py): a member corrected in the admin shows on the province dashboard without the nightly job.

    `owner_paths(obj)` names the paths whose figures the row feeds; a change announces those of the row as stored
    before and as saved, so a row handed to another organisation refreshes both."""

    def owner_paths(self, obj):
        return [obj.organization.path] if getattr(obj, "organization_id", None) else []

    def stored_paths(self, obj):
        stored = type(obj)._base_manager.filter(pk=obj.pk).first() if obj.pk else None
        return self.owner_paths(stored) if stored is not None else []

    def save_form(self, request, form, change):
        # Read before the form saves: a tree form moves the node inside save_form.
        before = self.stored_paths(form.instance) if change else []
        obj = super().save_form(request, form, change)
        obj._paths_before_admin_save = before
        return obj

    def save_model(self, request, obj, form, change):
        before = getattr(obj, "_paths_before_admin_save", None)
        if before is None:  # saved without save_form (a revert from the history page)
            before = self.stored_paths(obj) if change else []
        super().save_model(request, obj, form, change)
        announce([*before, *self.owner_paths(obj)])

    def delete_model(self, request, obj):
        paths = self.owner_paths(obj)
        super().delete_model(request, obj)
        announce(paths)

    def delete_queryset(self, request, queryset):
        paths = [path for obj in queryset for path in self.owner_paths(obj)]
        super().delete_queryset(request, queryset)
        announce(paths)


@admin.register(Organization)
class OrganizationAdmin(AnnounceChangesMixin, TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Organization)
    list_display = ["name", "code", "kind", "sector", "dissolved_on"]
    search_fields = ["name", "code"]
    list_filter = ["kind", "sector"]

    def owner_paths(self, obj):
        return [obj.path]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._after_move(obj, getattr(obj, "_paths_before_admin_save", None) or [])

    def move_node(self, request):
        """The changelist's drag and drop: the same repair and announcement as a move through the form."""
        node = Organization.objects.filter(pk=request.POST.get("node") or None).first()
        with transaction.atomic():
            response = super().move_node(request)
            if node is not None:
                self._after_move(Organization.objects.get(pk=node.pk), [node.path])
        return response

    def _after_move(self, org, old_paths):
        """A node that changed place leaves stale path copies on the rows under it: repair them (which announces
        the old and new paths, as organization_move does)."""
        if any(old != org.path for old in old_paths):
            ancestry.refresh_under(org, old_paths=old_paths)


@admin.register(OrganizationEvent)
class OrganizationEventAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "happened_on", "decision_number"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization", "other"]


@admin.register(Member)
class MemberAdmin(AnnounceChangesMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "member_code", "organization", "status"]
    list_select_related = ["organization"]
    search_fields = ["search_name", "member_code"]
    raw_id_fields = ["organization"]
    list_filter = ["status", "gender"]

    # Members are added, changed, transferred and marked as left on the app's pages, through the services that
    # check the rules, keep the history and write the audit log; here they are only looked up.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "organization"]
    list_select_related = ["user", "organization"]
    raw_id_fields = ["user", "organization"]
