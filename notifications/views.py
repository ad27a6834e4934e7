from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import paging
from core.views import about_self

from . import selectors, services
from .forms import PreferencesForm


@login_required
@about_self
def notification_list(request):
    page = paging.read(Paginator(selectors.notification_list_for(request.user), 30).get_page(request.GET.get("page")))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
@about_self
def notification_open(request, pk):
    # Each user's own notifications: not owned by an organisation, so not scoped by the access module.
    note = get_object_or_404(selectors.notification_list_for(request.user), pk=pk)
    services.notification_mark_read(actor=request.user, notification=note)
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("notifications:list")


@login_required
@require_POST
@about_self
def notification_read_all(request):
    services.mark_all_read(actor=request.user)
    return redirect("notifications:list")


@login_required
@about_self
def preferences(request):
    """How the signed-in user receives each kind of notification."""
    form = PreferencesForm(request.POST or None, current=selectors.preferences_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_set(actor=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
