from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Member, Organization, OrganizationEvent, Role


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Organization)
    list_display = ["name", "code", "kind", "sector", "dissolved_on"]
    search_fields = ["name", "code"]
    list_filter = ["kind", "sector"]


@admin.register(OrganizationEvent)
class OrganizationEventAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "happened_on", "decision_number"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization", "other"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
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
