from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.decorators import about, audited
from core import paging, xlsx
from core.forms import read_choices
from core.views import add_service_errors
from unions import access
from unions.services import import_batches

from ..forms.awards import ComplaintForm, DisciplineForm, RatingRowForm, RatingsImportForm, ScopeYearForm
from ..importers.ratings_template import template_workbook as ratings_workbook
from ..models import Complaint, DisciplineRecord, LeaveKind, Rating
from ..selectors import ratings as rating_selectors
from ..services import inputs as services


@login_required
@access.declares(access.MEMBER_WRITE, required=True)
def ratings_edit(request):
    """Enter a union's yearly ratings, leave and work time for all its members on one page, saved in one post."""
    scope = read_choices(
        ScopeYearForm(request.GET or None, user=request.user, perm=access.MEMBER_WRITE, holding_only=True)
    )
    if not scope.is_valid():
        return render(request, "awards/ratings.html", {"scope": scope})
    org, year = scope.cleaned_data["organization"], scope.cleaned_data["year"]
    grid = rating_selectors.ratings_grid_for(request.user, org, year)
    set_all = request.POST.get("set_all_value", "") if "set_all" in request.POST else None
    data = _with_rating_for_all(request.POST, grid, set_all) if set_all is not None else request.POST or None
    forms = [
        RatingRowForm(
            data,
            prefix=f"m{row.member.pk}",
            initial=_initial(row),
            months_computed=row.months_from_dates is not None,
            absent_computed=row.time.absent_computed,
        )
        for row in grid
    ]
    union = rating_selectors.union_rating_for(org, year)
    if set_all is not None:
        messages.info(request, _("Every row now shows this rating: change the exceptions, then save."))
    elif request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            services.ratings_save(
                actor=request.user,
                organization=org,
                year=year,
                rows=[_row(row.member, f.cleaned_data) for row, f in zip(grid, forms, strict=True)],
                leaves={row.member: f.leaves() for row, f in zip(grid, forms, strict=True)},
                union_rating=request.POST.get("union_rating", ""),
            )
        except ValidationError as error:
            _errors_onto_rows(request, error, grid, forms)
        else:
            messages.success(request, _("The ratings were saved."))
            return redirect(f"{reverse('awards:ratings')}?{request.GET.urlencode()}")
    elif request.method == "POST":
        messages.error(request, _("Nothing was saved: correct the rows marked in red."))
    return render(
        request,
        "awards/ratings.html",
        {
            "scope": scope,
            "org": org,
            "year": year,
            "rows": list(zip(grid, forms, strict=True)),
            "union_rating": request.POST.get("union_rating", union.rating if union else ""),
            "ratings": Rating.choices,
            "leave_kinds": LeaveKind.choices,
        },
    )


def _initial(row):
    """What the row shows before editing: the rating and leave saved, and the months and days the rules read."""
    initial = {f"leave_{kind}": days for kind, days in row.leaves.items()}
    initial["months_worked"] = 12 if row.time.months is None else row.time.months
    initial["absent_days"] = 0 if row.time.absent is None else row.time.absent
    if row.rating is not None:
        initial["rating"], initial["time_override"] = row.rating.rating, row.rating.time_override
    return initial


def _with_rating_for_all(post, grid, value):
    """The posted grid with every row's rating replaced: "set all to …" without JavaScript, saved later."""
    data = post.copy()
    if value in Rating.values or value == "":
        for row in grid:
            data[f"m{row.member.pk}-rating"] = value
    return data


def _row(member, cleaned):
    return (member, cleaned["rating"], cleaned["months_worked"], cleaned["absent_days"], cleaned["time_override"])


def _errors_onto_rows(request, error, grid, forms):
    """The service's problems by member, each shown on its row; the rest at the top of the page."""
    if not hasattr(error, "error_dict"):
        messages.error(request, " ".join(error.messages))
        return
    by_member = {str(row.member.pk): form for row, form in zip(grid, forms, strict=True)}
    for key, problems in error.message_dict.items():
        form = by_member.get(key)
        for problem in problems:
            if form is None:
                messages.error(request, problem)
            else:
                form.add_error(None, problem)
    messages.error(request, _("Nothing was saved: correct the rows marked in red."))


@login_required
@access.declares(access.READ)
def discipline_list(request):
    records = DisciplineRecord.objects.visible_to(request.user).select_related("member", "organization")
    complaints = Complaint.objects.visible_to(request.user).select_related("member", "organization")
    return render(
        request,
        "awards/discipline_list.html",
        {
            "records": paging.read(Paginator(records, 50).get_page(request.GET.get("page"))),
            "complaints": list(complaints.filter(resolved_on__isnull=True)[:50]),
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
