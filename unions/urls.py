from django.urls import path

from .views import accounts, imports, leaving, members, organizations, pickers, transfers, users

app_name = "unions"

urlpatterns = [
    path("organizations/", organizations.organization_tree, name="organization_tree"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/children/", organizations.organization_children, name="organization_children"),
    path("organizations/<int:pk>/add/", organizations.organization_create, name="organization_create"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/move/", organizations.organization_move, name="organization_move"),
    path("organizations/<int:pk>/merge/", organizations.organization_merge, name="organization_merge"),
    path("organizations/<int:pk>/dissolve/", organizations.organization_dissolve, name="organization_dissolve"),
    path("members/", members.member_list, name="member_list"),
    path("members/search/", members.member_search, name="member_search"),
    path("pick/member/", pickers.pick_member, name="pick_member"),
    path("pick/organization/", pickers.pick_organization, name="pick_organization"),
    path("members/export/", members.member_export, name="member_export"),
    path("members/add/", members.member_create, name="member_create"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/transfer/", members.member_transfer, name="member_transfer"),
    path("members/<int:pk>/leave/", members.member_leave, name="member_leave"),
    path("members/import/", imports.member_import, name="member_import"),
    path("members/import/template/", imports.member_import_template, name="member_import_template"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/columns/", imports.import_map, name="import_map"),
    path("imports/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/errors/", imports.import_errors, name="import_errors"),
    path("users/", users.user_list, name="user_list"),
    path("users/add/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("roles/<int:pk>/remove/", users.role_remove, name="role_remove"),
    path("users/<int:pk>/password-reset/", accounts.user_password_reset, name="user_password_reset"),
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/accept/", transfers.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/refuse/", transfers.transfer_refuse, name="transfer_refuse"),
    path("transfers/<int:pk>/withdraw/", transfers.transfer_withdraw, name="transfer_withdraw"),
    path("members/<int:pk>/reinstate/", leaving.member_reinstate, name="member_reinstate"),
]
