"""A registration's page with its timeline, and correcting a launch record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.views import add_service_errors
from unions import access

from ..forms.launch_edit import LaunchEditForm
from ..selectors import campaigns as selectors
from ..selectors import launches, timeline
from ..services import launch_corrections


@login_required
@access.declares(access.READ)
def registration_detail(request, pk):
    registration = access.get_for(request.user, selectors.registration_get_for, pk)
    context = {
        "registration": registration,
        "timeline": timeline.registration_timeline(registration),
    }
    return render(request, "campaigns/registration_detail.html", context)


@login_required
@access.declares(access.MEMBER_WRITE)
def launch_edit(request, pk):
    launch = access.get_for(request.user, launches.launch_get_for, pk, access.MEMBER_WRITE)
    initial = {f: getattr(launch, f) for f in launch_corrections.FIELDS}
    form = LaunchEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            launch_corrections.launch_update(actor=request.user, launch=launch, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The launch record was corrected."))
            return redirect("campaigns:campaign_detail", pk=launch.campaign_id)
    context = {"form": form, "launch": launch, "history": launches.launch_history(launch)}
    return render(request, "campaigns/launch_edit.html", context)
