from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import read_choices
from core.views import add_service_errors
from unions import access
from unions import selectors as union_selectors

from ..forms.campaigns import CampaignForm, CampaignLaunchForm, DocumentForm
from ..models import Campaign, CampaignLaunch, StandardCampaign
from ..selectors import campaigns as selectors
from ..services import campaigns as services


@login_required
@access.declares(access.READ)
def campaign_list(request):
    campaigns = selectors.campaign_list_for(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        campaigns = campaigns.filter(year=int(year))
    page = Paginator(campaigns, 25).get_page(request.GET.get("page"))
    can_create = access.can(request.user, access.CAMPAIGN_ORGANISE)
    mine = union_selectors.member_holding_orgs_for(request.user)
    launched = set(
        CampaignLaunch.objects.filter(campaign__in=list(page.object_list), organization__in=mine).values_list(
            "campaign_id", flat=True
        )
    )
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "page": page,
            "launched": launched,
            "year": year,
            "can_create": can_create,
            "standards": list(StandardCampaign.objects.all()) if can_create else [],
        },
    )


@login_required
@access.declares(access.READ)
def campaign_detail(request, pk):
    campaign = access.get_for(request.user, selectors.campaign_get_for, pk)
    user = request.user
    context = {
        "campaign": campaign,
        "can_manage": access.can(user, access.CAMPAIGN_ORGANISE, campaign.organizer),
        "documents": list(campaign.documents.all()),
        "counts": selectors.registration_counts(campaign, user),
        "launchable": selectors.launchable_unions_for(user, campaign).exists()
        if campaign.status == Campaign.Status.LAUNCHED
        else False,
        "registrable": selectors.registrable_unions_for(user, campaign).exists()
        if campaign.status == Campaign.Status.LAUNCHED
        else False,
        "my_launches": list(
            CampaignLaunch.objects.visible_to(user).filter(campaign=campaign).select_related("organization")[:20]
        ),
    }
    root = selectors.coverage_root_for(user, campaign)
    if root is not None:
        context["coverage"], context["coverage_rows"] = selectors.coverage_rows(campaign, user, root)
        context["coverage_root"] = root
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
@access.declares(access.CAMPAIGN_ORGANISE, required=True)
def campaign_create(request):
    standard = StandardCampaign.objects.filter(code=request.GET.get("standard", "")).first()
    initial = {}
    if standard:
        initial = {
            "name": standard.name,
            "kind": standard.kind,
            "slogan": standard.slogan,
            "description": standard.description,
            "titles": standard.titles,
            "target_sectors": [s for s in standard.target_sectors.split(",") if s],
            "target_group": standard.target_group,
        }
    form = CampaignForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            campaign = services.campaign_create(
                actor=request.user, organizer=data.pop("organizer"), standard=standard, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign was created as a draft. Launch it when it is ready."))
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    read_choices(form)
    return render(request, "campaigns/campaign_form.html", {"form": form, "title": _("New campaign")})


def _managed(request, pk):
    return access.get_for(request.user, selectors.campaign_get_for, pk, access.CAMPAIGN_ORGANISE)


@login_required
@access.declares(access.CAMPAIGN_ORGANISE)
def campaign_edit(request, pk):
    campaign = _managed(request, pk)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "title": _("Edit campaign")}
    )


@login_required
@access.declares(access.CAMPAIGN_ORGANISE)
def campaign_launch(request, pk):
    campaign = _managed(request, pk)
    form = CampaignLaunchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_launch(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign was launched to the unions it addresses."))
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "title": _("Launch the campaign")}
    )


@login_required
@require_POST
@access.declares(access.CAMPAIGN_ORGANISE)
def campaign_close(request, pk):
    campaign = _managed(request, pk)
    try:
        services.campaign_close(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The campaign was closed."))
    return redirect("campaigns:campaign_detail", pk=campaign.pk)


@login_required
@access.declares(access.READ)
def campaign_coverage(request, pk):
    campaign = access.get_for(request.user, selectors.campaign_get_for, pk)
    under = selectors.coverage_root_for(request.user, campaign)
    if under is None:
        raise PermissionDenied
    if request.GET.get("under", "").isdigit():
        chosen = access.get_for(request.user, union_selectors.organization_get_for, request.GET["under"])
        if chosen.path.startswith(under.path):
            under = chosen
    data, rows = selectors.coverage_rows(campaign, request.user, under)
    missing = list(selectors.not_launched_unions(campaign, request.user, under))
    return render(
        request,
        "campaigns/campaign_coverage.html",
        {"campaign": campaign, "under": under, "coverage": data, "rows": rows, "missing": missing},
    )


@login_required
@access.declares(access.CAMPAIGN_ORGANISE)
def document_add(request, pk):
    campaign = _managed(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_add(actor=request.user, campaign=campaign, **form.cleaned_data)
        messages.success(request, _("The document was attached."))
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign, "title": _("Attach a document"), "multipart": True},
    )
