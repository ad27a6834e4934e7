from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation import paging

from .. import access, exports, panels, selectors, services
from ..filters import MemberFilter
from ..forms import MemberForm, MemberLeaveForm, MemberTransferForm
from ..models import MemberStatus
from .common import add_service_errors, get_or_404

PAGE_SIZE = 25


def _member_filter(request, data):
    data = data.copy()
    data.setdefault("status", MemberStatus.ACTIVE)
    return MemberFilter(data, queryset=selectors.member_list_for(request.user), user=request.user)


def _page(request, member_filter):
    if member_filter.is_bound and member_filter.form.is_valid() and member_filter.form.cleaned_data.get("sort"):
        return paging.offset_page(member_filter.qs, request.GET.get("page"), PAGE_SIZE)
    return paging.keyset_page(member_filter.qs, "search_name", request.GET.get("after"), PAGE_SIZE)


def _render_list(request, member_filter, *, searched=False):
    page = _page(request, member_filter)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("after", None)
    if page.has_next:
        page.next_query = "&".join(filter(None, [query.urlencode(), urlencode(page.next_params)]))
    context = {
        "filter": member_filter,
        "page": page,
        "query": query.urlencode(),
        "searched": searched,
        "can_add": access.has_perm(request.user, access.MEMBER_WRITE),
    }
    template = "unions/_member_rows.html" if request.htmx and not searched else "unions/member_list.html"
    return render(request, template, context)


@login_required
def member_list(request):
    return _render_list(request, _member_filter(request, request.GET))


@login_required
@require_POST
def member_search(request):
    """The header search: sent by POST so a CCCD never lands in a URL or a log."""
    data = QueryDict(mutable=True)
    data.update({"q": request.POST.get("q", ""), "status": ""})
    return _render_list(request, _member_filter(request, data), searched=True)


@login_required
def member_export(request):
    member_filter = _member_filter(request, request.GET)
    content = exports.members_workbook(member_filter.qs)
    name = f"doan-vien-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
    return exports.response(content, name)


@login_required
def member_detail(request, pk):
    member = get_or_404(selectors.member_get_for, request.user, pk)
    context = {
        "member": member,
        "transfers": selectors.member_transfers(member),
        "history": selectors.member_history(member),
        "panels": panels.render("MEMBER_PANELS", request, member),
        "can_edit": member.status == MemberStatus.ACTIVE
        and access.has_perm_on(request.user, member.organization, access.MEMBER_WRITE),
    }
    return render(request, "unions/member_detail.html", context)


@login_required
def member_create(request):
    if not access.has_perm(request.user, access.MEMBER_WRITE):
        raise PermissionDenied
    initial = {}
    if request.GET.get("organization"):
        initial["organization"] = request.GET["organization"]
    form = MemberForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            member = services.member_create(actor=request.user, organization=data.pop("organization"), **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Member %(name)s was added.") % {"name": member.full_name})
            if "add_another" in request.POST:
                return redirect("unions:member_create")
            return redirect("unions:member_detail", pk=member.pk)
    return render(request, "unions/member_form.html", {"form": form, "title": _("Add a member")})


def _writable_member(request, pk):
    member = get_or_404(selectors.member_get_for, request.user, pk)
    access.require(request.user, member.organization, access.MEMBER_WRITE)
    return member


@login_required
def member_edit(request, pk):
    member = _writable_member(request, pk)
    form = MemberForm(request.POST or None, instance=member, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("unions:member_detail", pk=member.pk)
    return render(request, "unions/member_form.html", {"form": form, "member": member, "title": _("Edit member")})


@login_required
def member_transfer(request, pk):
    member = _writable_member(request, pk)
    form = MemberTransferForm(request.POST or None, user=request.user, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_transfer(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member was transferred."))
            return redirect("unions:member_detail", pk=member.pk)
    return render(request, "unions/member_form.html", {"form": form, "member": member,
                                                        "title": _("Transfer to another union")})


@login_required
def member_leave(request, pk):
    member = _writable_member(request, pk)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_mark_left(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member was marked as having left the union."))
            return redirect("unions:member_detail", pk=member.pk)
    return render(request, "unions/member_form.html", {"form": form, "member": member,
                                                        "title": _("Mark as left the union")})
