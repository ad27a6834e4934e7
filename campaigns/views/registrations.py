from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from audit.decorators import audited
from core import paging, xlsx
from core.forms import read_choices
from core.text import fold
from core.views import add_service_errors
from jobs.exports import answer as export_answer
from unions import access
from unions import selectors as union_selectors
from unions.forms import own_union
from unions.models import Member, MemberStatus
from unions.services import import_batches

from .. import exports
from ..filters.registrations import RegistrationFilter
from ..forms.campaigns import LaunchRecordForm
from ..forms.registrations import DecideForm, RegisterMembersForm, RegisterUnionForm, RegistrationImportForm
from ..importers import registrations_template
from ..models import Campaign
from ..selectors import campaigns as selectors
from ..selectors import registration_picker as picker
from ..services import launches, registrations

PICKER_LIMIT = 200


def _open_campaign(request, pk):
    campaign = access.get_for(request.user, selectors.campaign_get_for, pk)
    if campaign.status != Campaign.Status.LAUNCHED:
        messages.error(request, _("The campaign is not open: it has not been launched or is already closed."))
        return campaign, redirect("campaigns:campaign_detail", pk=campaign.pk)
    return campaign, None


@login_required
@access.declares(access.MEMBER_WRITE)
def launch_create(request, pk):
    campaign, closed = _open_campaign(request, pk)
    if closed:
        return closed
    form = LaunchRecordForm(request.POST or None, user=request.user, campaign=campaign)
    if not form.fields["organization"].queryset.exists() and request.method == "GET":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            launches.launch_record(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The launch was recorded."))
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    read_choices(form)
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "title": _("Record our launch")}
    )


def _picker(request, campaign):
    """The union whose members are listed (the officer's own by default) and its active members, narrowed by
    the filters: name, gender, division or group (tổ công đoàn), job title."""
    unions = selectors.registrable_unions_for(request.user, campaign)
    chosen = request.POST.get("organization") or request.GET.get("organization")
    union = unions.filter(pk=chosen).first() if str(chosen or "").isdigit() else own_union(request.user, unions)
    if union is None:
        return None, Member.objects.none(), Member.objects.none(), []
    everyone = union_selectors.member_list_for(request.user, access.MEMBER_WRITE).filter(
        status=MemberStatus.ACTIVE, organization__path__startswith=union.path
    )
    members = everyone
    q = fold(request.GET.get("q", ""))
    if q:
        members = members.filter(search_name__contains=q)
    if request.GET.get("gender"):
        members = members.filter(gender=request.GET["gender"])
    groups = picker.subunits(union)
    group = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    if group is not None:
        members = members.filter(organization__path__startswith=group.path)
    if request.GET.get("job"):
        members = members.filter(job_title=request.GET["job"])
    # Grouped by division and group as the list shows them; the union's own members first.
    return union, everyone, members.order_by("organization__path", "search_name", "pk"), groups


def _year(request, campaign):
    year = request.POST.get("year") or request.GET.get("year") or ""
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else campaign.year


@login_required
@access.declares(access.MEMBER_WRITE)
def register_members(request, pk):
    """Tick members (all, by group, by job title) and register them in one post; those already registered for
    the campaign and year are marked and never offered again."""
    campaign, closed = _open_campaign(request, pk)
    if closed:
        return closed
    union, everyone, members, groups = _picker(request, campaign)
    year = _year(request, campaign)
    registered = picker.registered_titles(campaign, year, union) if union else {}
    data = request.POST or None
    if data is not None and "everyone" in data:
        # Without JavaScript: everyone the filters list and not yet registered, in the same one post.
        data = data.copy()
        data.setlist("members", [str(m) for m in members.values_list("pk", flat=True) if m not in registered])
    initial = {"organization": union, "year": year} if union else {"year": year}
    form = RegisterMembersForm(
        data, user=request.user, campaign=campaign, members=members.exclude(pk__in=list(registered)), initial=initial
    )
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            done = registrations.register_members(
                actor=request.user, campaign=campaign, members=list(data.pop("members")), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(n)s members were registered.") % {"n": len(done)})
            return redirect("campaigns:registration_list")
    read_choices(form)
    shown = list(members[:PICKER_LIMIT])
    return render(
        request,
        "campaigns/register_members.html",
        {
            "form": form,
            "campaign": campaign,
            "union": union,
            "year": year,
            "members": shown,
            "more": len(shown) == PICKER_LIMIT,
            "registered": registered,
            "open_count": sum(1 for m in shown if m.pk not in registered),
            "groups": groups,
            "job_titles": picker.job_titles(everyone) if union else [],
            "chosen": {int(v) for v in request.POST.getlist("members") if v.isdigit()},
        },
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def register_union(request, pk):
    campaign, closed = _open_campaign(request, pk)
    if closed:
        return closed
    form = RegisterUnionForm(request.POST or None, user=request.user, campaign=campaign)
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            registrations.register_union(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The union was registered."))
            return redirect("campaigns:registration_list")
    read_choices(form)
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "title": _("Register the union")}
    )


def _filtered(request):
    return RegistrationFilter(request.GET, queryset=selectors.registration_list_for(request.user), user=request.user)


@login_required
@access.declares(access.READ)
def registration_list(request):
    registration_filter = _filtered(request)
    page = paging.read(Paginator(registration_filter.qs, 30).get_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    read_choices(registration_filter.form)
    return render(
        request,
        "campaigns/registration_list.html",
        {
            "filter": registration_filter,
            "page": page,
            "query": query.urlencode(),
            "statuses": DecideForm.base_fields["status"].choices,
        },
    )


@login_required
@access.declares(access.READ)
@audited("export", label=_lazy("Emulation registrations"))
def registration_export(request):
    return export_answer(request, exports.REGISTRATION_EXPORT, request.GET)


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def registration_decide(request, pk):
    registration = access.get_for(request.user, selectors.registration_get_for, pk, access.MEMBER_WRITE)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown result."))
    else:
        try:
            registrations.registration_decide(
                actor=request.user, registration=registration, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "campaigns:registration_list"
    return redirect(target)


@login_required
@access.declares(access.MEMBER_WRITE)
def registration_import(request, pk):
    """Upload a list; the shared import pages match its columns, preview every row and register on confirm."""
    campaign, closed = _open_campaign(request, pk)
    if closed:
        return closed
    form = RegistrationImportForm(request.POST or None, request.FILES or None, user=request.user, campaign=campaign)
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = import_batches.batch_create(
            actor=request.user,
            organization=data["organization"],
            upload=data["file"],
            kind="registrations",
            options={"campaign": campaign.pk, "year": data["year"]},
        )
        return redirect("unions:import_detail", pk=batch.pk)
    read_choices(form)
    # The template workbook's own list of unions (the upload form's, with their names rather than labels).
    unions = list(selectors.registrable_unions_for(request.user, campaign))
    return render(request, "campaigns/registration_import.html", {"form": form, "campaign": campaign, "unions": unions})


@login_required
@access.declares(access.MEMBER_WRITE)
def registration_import_template(request, pk):
    campaign, closed = _open_campaign(request, pk)
    if closed:
        return closed
    unions = selectors.registrable_unions_for(request.user, campaign)
    chosen = request.GET.get("organization", "")
    union = unions.filter(pk=chosen).first() if chosen.isdigit() else own_union(request.user, unions)
    union = union or unions.first()
    if union is None:
        raise PermissionDenied
    content = registrations_template.template_workbook(campaign, union)
    return xlsx.xlsx_response(content, f"dang-ky-{campaign.code.lower()}-{union.code.lower()}.xlsx")
