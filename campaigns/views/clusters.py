from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import paging
from core.forms import read_choices
from core.views import add_service_errors
from unions import access

from ..forms.clusters import ClusterForm, ContestForm, ContestResultForm, PactForm
from ..selectors import clusters as selectors
from ..services import clusters as services


@login_required
@access.declares(access.READ)
def cluster_list(request):
    page = paging.read(Paginator(selectors.cluster_list_for(request.user), 30).get_page(request.GET.get("page")))
    can_create = access.can(request.user, access.CLUSTER_ORGANISE)
    return render(request, "campaigns/cluster_list.html", {"page": page, "can_create": can_create})


@login_required
@access.declares(access.CLUSTER_ORGANISE, required=True)
def cluster_create(request):
    form = ClusterForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cluster was created."))
            return redirect("campaigns:cluster_detail", pk=cluster.pk)
    read_choices(form)
    return render(request, "campaigns/campaign_form.html", {"form": form, "title": _("New emulation cluster")})


@login_required
@access.declares(access.READ)
def cluster_detail(request, pk):
    cluster = access.get_for(request.user, selectors.cluster_get_for, pk)
    can_manage = access.can(request.user, access.CLUSTER_ORGANISE, cluster.organizer)
    return render(
        request,
        "campaigns/cluster_detail.html",
        {
            "cluster": cluster,
            "memberships": list(cluster.memberships.all()),
            "pacts": cluster.pacts.all(),
            "can_manage": can_manage,
            "pact_form": PactForm() if can_manage else None,
        },
    )


def _managed_cluster(request, pk):
    return access.get_for(request.user, selectors.cluster_get_for, pk, access.CLUSTER_ORGANISE)


@login_required
@require_POST
@access.declares(access.CLUSTER_ORGANISE)
def cluster_rank(request, pk):
    cluster = _managed_cluster(request, pk)
    ranks = {}
    for membership in cluster.memberships.all():
        value = request.POST.get(f"rank-{membership.organization_id}", "")
        ranks[membership.organization_id] = int(value) if value.isdigit() else 0
    try:
        services.cluster_rank(actor=request.user, cluster=cluster, ranks=ranks)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The ranking was saved."))
    return redirect("campaigns:cluster_detail", pk=cluster.pk)


@login_required
@require_POST
@access.declares(access.CLUSTER_ORGANISE)
def pact_add(request, pk):
    cluster = _managed_cluster(request, pk)
    form = PactForm(request.POST)
    if form.is_valid():
        try:
            services.pact_sign(actor=request.user, cluster=cluster, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The pact was recorded."))
    else:
        messages.error(request, _("Check the pact: date and commitments are required."))
    return redirect("campaigns:cluster_detail", pk=cluster.pk)


@login_required
@access.declares(access.READ)
def contest_list(request):
    page = paging.read(Paginator(selectors.contest_list_for(request.user), 30).get_page(request.GET.get("page")))
    can_create = access.can(request.user, access.CLUSTER_ORGANISE)
    return render(request, "campaigns/contest_list.html", {"page": page, "can_create": can_create})


@login_required
@access.declares(access.CLUSTER_ORGANISE, required=True)
def contest_create(request):
    form = ContestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contest was created. Now enter its results."))
            return redirect("campaigns:contest_detail", pk=contest.pk)
    read_choices(form)
    return render(request, "campaigns/campaign_form.html", {"form": form, "title": _("New skills contest")})


@login_required
@access.declares(access.READ)
def contest_detail(request, pk):
    contest = access.get_for(request.user, selectors.contest_get_for, pk)
    can_manage = access.can(request.user, access.CLUSTER_ORGANISE, contest.organizer)
    form = ContestResultForm(request.POST or None, contest=contest, user=request.user)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.contest_result_add(actor=request.user, contest=contest, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The result was recorded."))
                return redirect("campaigns:contest_detail", pk=contest.pk)
    return render(
        request,
        "campaigns/contest_detail.html",
        {"contest": contest, "results": contest.results.all(), "form": form, "can_manage": can_manage},
    )
