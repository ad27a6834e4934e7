from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import read_choices
from core.views import add_service_errors

from .. import access, panels, selectors, services
from ..forms import (
    OrganizationCreateForm,
    OrganizationDissolveForm,
    OrganizationEditForm,
    OrganizationMergeForm,
    OrganizationMoveForm,
)
from ..models import child_kinds


@login_required
@access.declares(access.READ)
def organization_tree(request):
    roots = selectors.tree_roots_for(request.user)
    return render(request, "unions/organization_tree.html", {"roots": roots})


@login_required
@access.declares(access.READ)
def organization_children(request, pk):
    parent = access.get_for(request.user, selectors.organization_get_for, pk)
    children = selectors.tree_children_for(request.user, parent)
    return render(request, "unions/_tree_nodes.html", {"nodes": children})


@login_required
@access.declares(access.READ)
def organization_detail(request, pk):
    org = access.get_for(request.user, selectors.organization_get_for, pk)
    user = request.user
    # What the tree allows here (units under it, members in it), whoever asks; the access module says who may.
    takes_units = bool(child_kinds(org.kind)) and org.is_active
    takes_members = org.holds_members and org.is_active
    context = {
        "org": org,
        "ancestors": selectors.ancestors_of(org),
        "children": selectors.tree_children_for(user, org),
        "member_count": selectors.subtree_member_counts([org])[org.pk],
        "events": list(selectors.organization_events_for(user, org)),
        "history": selectors.organization_history(org),
        "panels": panels.render("ORGANIZATION_PANELS", request, org),
        "can_add_child": takes_units and access.can(user, access.ORG_ADD_UNIT, org),
        "can_manage": org.is_active and access.can(user, access.ORG_RESTRUCTURE, org),
        "can_add_member": takes_members and access.can(user, access.MEMBER_WRITE, org),
    }
    return render(request, "unions/organization_detail.html", context)


def _structure_view(request, pk, form_class, title, run, *, action=access.ORG_RESTRUCTURE):
    """The shared shape of the create/edit/move/merge/dissolve pages."""
    org = access.get_for(request.user, selectors.organization_get_for, pk, action)
    if not org.is_active and action == access.ORG_ADD_UNIT:
        raise PermissionDenied
    form = form_class(request.POST or None, **form_kwargs(form_class, request.user, org))
    if request.method == "POST" and form.is_valid():
        try:
            result = run(request.user, org, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("unions:organization_detail", pk=result.pk)
    read_choices(form)
    return render(request, "unions/organization_form.html", {"org": org, "form": form, "title": title})


def form_kwargs(form_class, user, org):
    if form_class is OrganizationCreateForm:
        return {"parent": org}
    if form_class is OrganizationEditForm:
        return {"instance": org}
    return {"user": user, "organization": org}


def _decision(data):
    return {"happened_on": data.pop("happened_on"), "decision_number": data.pop("decision_number")}


@login_required
@access.declares(access.ORG_ADD_UNIT)
def organization_create(request, pk):
    def run(user, parent, data):
        decision = _decision(data)
        return services.organization_create(actor=user, parent=parent, **decision, **data)

    return _structure_view(request, pk, OrganizationCreateForm, _("Add a unit"), run, action=access.ORG_ADD_UNIT)


@login_required
@access.declares(access.ORG_RESTRUCTURE)
def organization_edit(request, pk):
    def run(user, org, data):
        decision = _decision(data)
        return services.organization_update(actor=user, organization=org, **decision, **data)

    return _structure_view(request, pk, OrganizationEditForm, _("Edit organisation"), run)


@login_required
@access.declares(access.ORG_RESTRUCTURE)
def organization_move(request, pk):
    def run(user, org, data):
        return services.organization_move(actor=user, organization=org, **data)

    return _structure_view(request, pk, OrganizationMoveForm, _("Move to another parent"), run)


@login_required
@access.declares(access.ORG_RESTRUCTURE)
def organization_merge(request, pk):
    def run(user, org, data):
        services.organization_merge(actor=user, organization=org, **data)
        return data["into"]

    return _structure_view(request, pk, OrganizationMergeForm, _("Merge into another organisation"), run)


@login_required
@access.declares(access.ORG_RESTRUCTURE)
def organization_dissolve(request, pk):
    def run(user, org, data):
        return services.organization_dissolve(actor=user, organization=org, **data)

    return _structure_view(request, pk, OrganizationDissolveForm, _("Dissolve"), run)
