from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.decorators import about, audited
from core import xlsx
from core.views import add_service_errors
from unions import access
from unions.models import Member, MemberStatus
from unions.services import import_batches

from ..forms.awards import ComplaintForm, DisciplineForm, RatingRowForm, RatingsImportForm, ScopeYearForm
from ..importers.ratings_template import template_workbook as ratings_workbook
from ..models import Complaint, DisciplineRecord, PerformanceRating, Rating
from ..services import inputs as services


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def ratings_edit(request):
    """Enter a union's yearly ratings for all its members on one page."""
    scope = ScopeYearForm(request.GET or None, user=request.user, perm=access.MEMBER_WRITE, holding_only=True)
    if not scope.is_valid():
        return render(request, "awards/ratings.html", {"scope": scope})
    org, year = scope.cleaned_data["organization"], scope.cleaned_data["year"]
    members = list(
        Member.objects.filter(organization__path__startswith=org.path, status=MemberStatus.ACTIVE)
        .select_related("organization")
        .order_by("search_name", "pk")
    )
    existing = {r.member_id: r for r in PerformanceRating.objects.filter(member__in=members, year=year)}
    forms = [
        RatingRowForm(request.POST or None, prefix=f"m{m.pk}", initial=_initial(existing.get(m.pk))) for m in members
    ]
    union = PerformanceRating.objects.filter(organization=org, member=None, year=year).first()
    if request.method == "POST" and all(f.is_valid() for f in forms):
        rows = [
            (m, f.cleaned_data["rating"], f.cleaned_data["months_worked"], f.cleaned_data["absent_days"])
            for m, f in zip(members, forms, strict=True)
        ]
        try:
            services.ratings_save(
                actor=request.user,
                organization=org,
                year=year,
                rows=rows,
                union_rating=request.POST.get("union_rating", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The ratings were saved."))
            return redirect(f"{reverse('awards:ratings')}?{request.GET.urlencode()}")
    return render(
        request,
        "awards/ratings.html",
        {
            "scope": scope,
            "org": org,
            "year": year,
            "rows": list(zip(members, forms, strict=True)),
            "union_rating": union.rating if union else "",
            "ratings": Rating.choices,
        },
    )


def _initial(record):
    if record is None:
        return {"months_worked": 12, "absent_days": 0}
    return {"rating": record.rating, "months_worked": record.months_worked, "absent_days": record.absent_days}


@login_required
@access.declares(access.READ)
def discipline_list(request):
    records = DisciplineRecord.objects.visible_to(request.user).select_related("member", "organization")
    complaints = Complaint.objects.visible_to(request.user).select_related("member", "organization")
    return render(
        request,
        "awards/discipline_list.html",
        {
            "records": Paginator(records, 50).get_page(request.GET.get("page")),
            "complaints": complaints.filter(resolved_on__isnull=True)[:50],
            "can_add": access.can(request.user, access.MEMBER_WRITE),
        },
    )


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def discipline_create(request):
    form = DisciplineForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.discipline_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("awards:discipline_list")
    return render(request, "awards/form.html", {"form": form, "title": _("Record a disciplinary case")})


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def complaint_create(request):
    form = ComplaintForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("awards:discipline_list")
    return render(request, "awards/form.html", {"form": form, "title": _("Record a complaint or inspection")})


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def ratings_import(request):
    form = RatingsImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = import_batches.batch_create(
            actor=request.user,
            organization=data["organization"],
            upload=data["file"],
            kind="ratings",
            options={"year": data["year"]},
        )
        return redirect("unions:import_detail", pk=batch.pk)
    return render(request, "awards/ratings_import.html", {"form": form})


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
@audited("export")
def ratings_template(request):
    scope = ScopeYearForm(request.GET or None, user=request.user, perm=access.MEMBER_WRITE, holding_only=True)
    if not scope.is_valid():
        raise PermissionDenied
    org, year = scope.cleaned_data["organization"], scope.cleaned_data["year"]
    content = ratings_workbook(org, year)
    about(request, organization=org, label=_("Ratings template %(year)s") % {"year": year})
    return xlsx.xlsx_response(content, f"xep-loai-{org.code.lower()}-{year}.xlsx")
