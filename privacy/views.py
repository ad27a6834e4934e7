from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import add_service_errors
from unions import access
from unions import selectors as union_selectors

from . import selectors, services
from .forms import ConsentForm, DataRequestForm, DataRequestUpdateForm
from .models import NOTICE_VERSION, DataSubjectRequest


def notice(request):
    """The privacy notice: public, versioned."""
    return render(request, f"privacy/notice_{NOTICE_VERSION}.html", {"version": NOTICE_VERSION})


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def request_list(request):
    status = request.GET.get("status", "pending")
    page = Paginator(selectors.data_request_list_for(request.user, status=status), 30).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for data_request in page.object_list:
        data_request.overdue = data_request.is_overdue(today)
    return render(
        request,
        "privacy/request_list.html",
        {"page": page, "status": status, "statuses": DataSubjectRequest.Status.choices},
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def request_create(request, pk):
    member = access.get_for(request.user, union_selectors.member_get_for, pk, access.MEMBER_WRITE)
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.data_request_create(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request was registered."))
            return redirect("unions:member_detail", pk=member.pk)
    return render(
        request, "privacy/form.html", {"form": form, "member": member, "title": _("Register a data-subject request")}
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def request_detail(request, pk):
    data_request = access.get_for(request.user, selectors.data_request_get_for, pk, access.MEMBER_WRITE, via="member")
    form = DataRequestUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.data_request_update(actor=request.user, data_request=data_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("privacy:request_detail", pk=data_request.pk)
    return render(
        request,
        "privacy/request_detail.html",
        {
            "data_request": data_request,
            "form": None if data_request.is_closed else form,
            "overdue": data_request.is_overdue(timezone.localdate()),
        },
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def consent_create(request, pk):
    member = access.get_for(request.user, union_selectors.member_get_for, pk, access.MEMBER_WRITE)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The legal basis was recorded."))
            return redirect("unions:member_detail", pk=member.pk)
    return render(
        request, "privacy/form.html", {"form": form, "member": member, "title": _("Record the legal basis or consent")}
    )


@login_required
@require_POST
@access.declares(access.MEMBER_WRITE)
def consent_withdraw(request, pk):
    consent = access.get_for(request.user, selectors.consent_get_for, pk)
    try:
        services.consent_withdraw(actor=request.user, consent=consent, withdrawn_on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The withdrawal was recorded."))
    return redirect("unions:member_detail", pk=consent.member_id)


@login_required
@access.declares(access.MEMBER_WRITE)
def member_anonymise(request, pk):
    member = access.get_for(request.user, union_selectors.member_get_for, pk, access.MEMBER_WRITE)
    if request.method == "POST":
        try:
            services.anonymise_member(actor=request.user, member=member, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The member's personal data was erased."))
        return redirect("unions:member_detail", pk=member.pk)
    return render(request, "privacy/anonymise_confirm.html", {"member": member})
