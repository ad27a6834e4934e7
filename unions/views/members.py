from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.decorators import about, audited
from core import paging
from core.forms import read_choices
from core.views import add_service_errors
from jobs.exports import answer as export_answer

from .. import access, exports, panels, selectors, selectors_transfers, services
from ..filters import MemberFilter, looks_like_national_id
from ..forms import MemberForm, MemberLeaveForm, MemberTransferForm
from ..models import MemberStatus
from ..services import transfers
from .member_rows import member_rows

PAGE_SIZE = 25


def _member_filter(request, data, *, by_national_id=False):
    data = data.copy()
    data.setdefault("status", MemberStatus.ACTIVE)
    return MemberFilter(
        data, queryset=selectors.member_list_for(request.user), user=request.user, by_national_id=by_national_id
    )


def _page(request, member_filter):
    def page(qs):
        if member_filter.is_bound and member_filter.form.is_valid() and member_filter.form.cleaned_data.get("sort"):
            return paging.offset_page(qs, request.GET.get("page"), PAGE_SIZE)
        return paging.keyset_page(qs, "search_name", request.GET.get("after"), PAGE_SIZE)

    found = page(member_filter.qs)
    if not found.count and member_filter.loose_qs is not None:  # no name with those whole words
        found = page(member_filter.loose_qs)
    return found


def _render_list(request, member_filter, *, searched=False, params=None):
    page = _page(request, member_filter)
    query = (request.GET if params is None else params).copy()
    query.pop("page", None)
    query.pop("after", None)
    if page.has_next:
        page.next_query = "&".join(filter(None, [query.urlencode(), urlencode(page.next_params)]))
    context = {
        "filter": member_filter,
        "page": page,
        "member_rows": member_rows(page.object_list),
        "query": query.urlencode(),
        "searched": searched,
        "can_add": access.can(request.user, access.MEMBER_WRITE),
    }
    if request.htmx and not searched:
        return render(request, "unions/_member_rows.html", context)  # the rows only: the filters stay as they are
    read_choices(member_filter.form)
    return render(request, "unions/member_list.html", context)


@login_required
@access.declares(access.READ)
def member_list(request):
    params = request.GET
    if looks_like_national_id(params.get("q")):
        # Not searched, and not echoed into the paging and export links either.
        messages.warning(
            request,
            _(
                "To find a member by citizen ID (CCCD), use the search box at the top: "
                "it does not put the number in the address."
            ),
        )
        params = params.copy()
        params.pop("q")
    return _render_list(request, _member_filter(request, params), params=params)


@login_required
@require_POST
@access.declares(access.READ)
def member_search(request):
    """The header search: sent by POST so a CCCD never lands in a URL or a log."""
    data = QueryDict(mutable=True)
    data.update({"q": request.POST.get("q", ""), "status": ""})
    member_filter = _member_filter(request, data, by_national_id=True)
    if looks_like_national_id(data["q"]):
        # The results are computed; the filter form below must not carry the number into a GET URL.
        member_filter.qs  # noqa: B018
        member_filter.form.data = member_filter.form.data.copy()
        member_filter.form.data["q"] = ""
    return _render_list(request, member_filter, searched=True)


@login_required
@access.declares(access.READ)
@audited("export")
def member_export(request):
    about(request, label=_("Member list"))
    return export_answer(request, exports.MEMBER_EXPORT, request.GET)


@login_required
@access.declares(access.READ)
@audited("view")
def member_detail(request, pk):
    member = access.get_for(request.user, selectors.member_get_for, pk)
    about(request, obj=member)
    can_edit = member.status == MemberStatus.ACTIVE and access.can(
        request.user, access.MEMBER_WRITE, member.organization
    )
    context = {
        "member": member,
        "transfers": list(selectors.member_transfers(member)),
        # The sending union's trace of a request still waiting at the receiving one.
        "pending_transfer": selectors_transfers.open_request_of(member) if can_edit else None,
        "history": selectors.member_history(member),
        "panels": panels.render("MEMBER_PANELS", request, member),
        "can_edit": can_edit,
        "can_reinstate": member.status == MemberStatus.LEFT
        and access.can(request.user, access.MEMBER_WRITE, member.organization),
    }
    return render(request, "unions/member_detail.html", context)


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def member_create(request):
    initial = {}
    if request.GET.get("organization"):
        initial["organization"] = request.GET["organization"]
    form = MemberForm(request.POST or None, user=request.user, initial=initial)
    extras = [import_string(path)(request.POST or None) for path in settings.MEMBER_CREATE_FORMS]
    if request.method == "POST" and form.is_valid() and all(extra.is_valid() for extra in extras):
        data = dict(form.cleaned_data)
        try:
            with transaction.atomic():
                member = services.member_create(actor=request.user, organization=data.pop("organization"), **data)
                for extra in extras:
                    extra.save(actor=request.user, member=member)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Member %(name)s was added.") % {"name": member.full_name})
            if "add_another" in request.POST:
                return redirect("unions:member_create")
            return redirect("unions:member_detail", pk=member.pk)
    read_choices(form)
    return render(request, "unions/member_form.html", {"form": form, "extras": extras, "title": _("Add a member")})


@login_required
@access.declares(access.MEMBER_WRITE)
def member_edit(request, pk):
    member = access.get_for(request.user, selectors.member_get_for, pk, access.MEMBER_WRITE)
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
@access.declares(access.MEMBER_WRITE)
def member_transfer(request, pk):
    member = access.get_for(request.user, selectors.member_get_for, pk, access.MEMBER_WRITE)
    form = MemberTransferForm(request.POST or None, user=request.user, member=member)
    if request.method == "POST" and form.is_valid():
        # A union the user keeps takes the member at once; any other decides on a request.
        direct = access.can(request.user, access.MEMBER_WRITE, form.cleaned_data["to_organization"])
        try:
            if direct:
                services.member_transfer(actor=request.user, member=member, **form.cleaned_data)
            else:
                req = transfers.transfer_request(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if direct:
                messages.success(request, _("The member was transferred."))
                return redirect("unions:member_detail", pk=member.pk)
            messages.success(
                request,
                _("The request was sent to %(union)s: the member moves when it accepts.")
                % {"union": req.to_organization.name},
            )
            return redirect("unions:transfer_detail", pk=req.pk)
    return render(
        request, "unions/member_form.html", {"form": form, "member": member, "title": _("Transfer to another union")}
    )


@login_required
@access.declares(access.MEMBER_WRITE)
def member_leave(request, pk):
    member = access.get_for(request.user, selectors.member_get_for, pk, access.MEMBER_WRITE)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_mark_left(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member was marked as having left the union."))
            return redirect("unions:member_detail", pk=member.pk)
    return render(
        request, "unions/member_form.html", {"form": form, "member": member, "title": _("Mark as left the union")}
    )
