"""The awards register: the list, its export, one award typed in, and a file of past awards imported."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from audit.decorators import audited
from core import paging, xlsx
from core.forms import read_choices
from core.views import add_service_errors
from jobs.exports import answer as export_answer
from unions import access
from unions.models import ImportBatch
from unions.services import import_batches

from .. import exports
from ..forms.awards import AwardFilter, AwardImportForm, ExternalAwardForm, federations_for
from ..importers import register_template
from ..selectors import awards as selectors
from ..services import register as services
from .award_rows import award_rows


def _filtered(request):
    return AwardFilter(request.GET, queryset=selectors.award_list_for(request.user), user=request.user)


@login_required
@access.declares(access.READ)
def award_list(request):
    award_filter = _filtered(request)
    totals = selectors.award_totals(award_filter.qs)
    paginator = Paginator(selectors.award_page_order(award_filter.qs, small=not totals["capped"]), 30)
    paginator.count = totals["count"]  # counted once (up to the limit), with the bonus total
    page = paging.read(paginator.get_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    read_choices(award_filter.form)
    return render(
        request,
        "awards/award_list.html",
        {
            "filter": award_filter,
            "page": page,
            "award_rows": award_rows(page.object_list),
            "query": query.urlencode(),
            "totals": totals,
            "can_add": access.can(request.user, access.MEMBER_WRITE),
            "can_import": access.can(request.user, access.AWARD_REGISTER_IMPORT),
        },
    )


@login_required
@access.declares(access.READ)
@audited("export", label=_lazy("Award register"))
def award_export(request):
    return export_answer(request, exports.AWARD_EXPORT, request.GET)


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def external_award_create(request):
    form = ExternalAwardForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.external_award_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The award was recorded."))
            return redirect("awards:award_list")
    title = _("Record an award conferred outside the union")
    read_choices(form)
    return render(request, "awards/form.html", {"form": form, "title": title})


def _federations(user):
    """The federations the user may import past awards into; refused when there is none."""
    federations = federations_for(user)
    if not federations.exists():
        raise PermissionDenied
    return federations


@login_required
@access.declares(access.AWARD_REGISTER_IMPORT, required=True)
def award_import(request):
    """A federation's past awards from Excel, through the shared import flow (upload, check, confirm)."""
    form = AwardImportForm(
        request.POST or None, request.FILES or None, user=request.user, federations=_federations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        batch = import_batches.batch_create(
            actor=request.user,
            organization=form.cleaned_data["organization"],
            upload=form.cleaned_data["file"],
            kind="awards",
        )
        return redirect("unions:import_detail", pk=batch.pk)
    recent = list(
        ImportBatch.objects.visible_to(request.user)
        .filter(actor=request.user, kind="awards")
        .only("pk", "filename", "status", "created_at")[:10]
    )
    read_choices(form)
    return render(request, "awards/award_import.html", {"form": form, "recent": recent})


@login_required
@access.declares(access.AWARD_REGISTER_IMPORT, required=True)
def award_import_template(request):
    _federations(request.user)
    return xlsx.xlsx_response(register_template.template_workbook(), "mau-nhap-khen-thuong.xlsx")
