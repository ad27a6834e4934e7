from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import paging
from core.views import add_service_errors

from .. import access, selectors, services
from ..forms import RoleForm, UserCreateForm, UserEditForm


@login_required
@access.declares(access.USER_MANAGE, required=True)
def user_list(request):
    users = selectors.user_list_for(request.user)
    page = paging.read(Paginator(users, 50).get_page(request.GET.get("page")))
    return render(request, "unions/user_list.html", {"page": page})


@login_required
@access.declares(access.USER_MANAGE, required=True)
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Account %(name)s was created. Now give it a role.") % {"name": user.username})
            return redirect("unions:user_detail", pk=user.pk)
    return render(request, "unions/user_form.html", {"form": form, "title": _("New account")})


def _managed_user(request, pk):
    return access.get_for(request.user, selectors.user_get_for, pk)


@login_required
@access.declares(access.USER_MANAGE, required=True)
def user_detail(request, pk):
    account = _managed_user(request, pk)
    form = RoleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_add(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The role was added."))
            return redirect("unions:user_detail", pk=account.pk)
    roles = list(account.roles.select_related("organization").order_by("organization__path"))
    return render(
        request,
        "unions/user_detail.html",
        {
            "account": account,
            "roles": roles,
            "form": form,
            "role_history": list(
                account.roles.model.history.filter(user_id=account.pk).select_related("history_user", "organization")[
                    :30
                ]
            ),
        },
    )


@login_required
@access.declares(access.USER_MANAGE, required=True)
def user_edit(request, pk):
    account = _managed_user(request, pk)
    form = UserEditForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(
                actor=request.user, user=get_user_model().objects.get(pk=account.pk), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("unions:user_detail", pk=account.pk)
    return render(request, "unions/user_form.html", {"form": form, "title": _("Edit account"), "account": account})


@login_required
@require_POST
@access.declares(access.USER_MANAGE, required=True)
def role_remove(request, pk):
    role = access.get_for(request.user, selectors.role_get_for, pk)
    services.role_remove(actor=request.user, role=role)
    messages.success(request, _("The role was removed."))
    return redirect("unions:user_detail", pk=role.user_id)
