from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import xlsx
from unions import access

from ..exports import UNION_QUALITY
from ..forms.union_quality import QualityRowForm, QualityScopeForm
from ..models import Rating
from ..selectors.union_quality import quality_grid_for
from ..services.union_quality import union_quality_save


@login_required
@access.declares(access.UNION_RATE, required=True)
def union_quality_edit(request):
    """The yearly class and score of every grassroots union under an organisation, saved in one post."""
    scope = QualityScopeForm(request.GET or None, user=request.user)
    if not scope.is_valid():
        return render(request, "awards/union_quality.html", {"scope": scope})
    org, year = scope.cleaned_data["organization"], scope.cleaned_data["year"]
    grid = quality_grid_for(request.user, org, year)
    set_all = request.POST.get("set_all_value", "") if "set_all" in request.POST else None
    data = _with_grade_for_all(request.POST, grid, set_all) if set_all is not None else request.POST or None
    forms = [QualityRowForm(data, prefix=f"u{row.union.pk}", initial=_initial(row)) for row in grid]
    if set_all is not None:
        messages.info(request, _("Every row now shows this class: change the exceptions, then save."))
    elif request.method == "POST" and all(f.is_valid() for f in forms):
        rows = [
            (row.union, f.cleaned_data["grade"], f.cleaned_data["score"], f.cleaned_data["note"])
            for row, f in zip(grid, forms, strict=True)
        ]
        try:
            union_quality_save(actor=request.user, year=year, rows=rows)
        except ValidationError as error:
            _errors_onto_rows(request, error, grid, forms)
        else:
            messages.success(request, _("The quality ratings were saved."))
            return redirect(f"{reverse('awards:union_quality')}?{request.GET.urlencode()}")
    elif request.method == "POST":
        messages.error(request, _("Nothing was saved: correct the rows marked in red."))
    context = {"scope": scope, "org": org, "year": year, "rows": list(zip(grid, forms, strict=True))}
    return render(request, "awards/union_quality.html", {**context, "grades": Rating.choices})


def _initial(row):
    if row.rating is None:
        return {}
    return {"grade": row.rating.grade, "score": row.rating.score, "note": row.rating.note}


def _with_grade_for_all(post, grid, value):
    """The posted grid with every row's class replaced ("đặt tất cả là …"), shown to be saved later."""
    data = post.copy()
    if value in Rating.values or value == "":
        for row in grid:
            data[f"u{row.union.pk}-grade"] = value
    return data


def _errors_onto_rows(request, error, grid, forms):
    by_union = {str(row.union.pk): form for row, form in zip(grid, forms, strict=True)}
    for key, problems in getattr(error, "message_dict", {"": error.messages}).items():
        for problem in problems:
            form = by_union.get(key)
            if form is None:
                messages.error(request, problem)
            else:
                form.add_error(None, problem)
    messages.error(request, _("Nothing was saved: correct the rows marked in red."))


@login_required
@access.declares(access.UNION_RATE, required=True)
def union_quality_export(request):
    """The grid of an organisation and a year as an Excel file (the list a district files)."""
    scope = QualityScopeForm(request.GET or None, user=request.user, shown=False)
    if not scope.is_valid():
        raise PermissionDenied
    org, year = scope.cleaned_data["organization"], scope.cleaned_data["year"]
    content = UNION_QUALITY.to_bytes((year, row) for row in quality_grid_for(request.user, org, year))
    return xlsx.xlsx_response(content, f"xep-loai-cdcs-{org.code.lower()}-{year}.xlsx")
