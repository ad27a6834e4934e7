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


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "organization"]
    list_select_related = ["user", "organization"]
    raw_id_fields = ["user", "organization"]
