"""The search endpoints of the picker widget (unions/pickers.py): POST, so a CCCD typed never reaches a URL."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, pickers


def _answer(request, kind, label):
    if not request.POST.get("q", "").strip():
        # A cleared box: nothing listed, whatever the source.
        return HttpResponse("")
    rows = pickers.search(
        request.user, request.POST.get("source", ""), kind, request.POST.get("q", ""), request.POST.get("within")
    )
    if rows is None:
        return HttpResponseBadRequest()
    more = len(rows) > pickers.LIMIT
    context = {
        "rows": [{"pk": row.pk, "label": label(row)} for row in rows[: pickers.LIMIT]],
        "searched": True,
        "more": (
            _("More matches: type more of the name, or add the year of birth.")
            if kind == pickers.MEMBER
            else _("More matches: type more of the name.")
        )
        if more
        else "",
        "nothing": _("Nobody found in your reach. Check the spelling, or type the member code.")
        if kind == pickers.MEMBER
        else _("No unit found in your reach."),
    }
    return render(request, "unions/_picker_options.html", context)


@login_required
@require_POST
@access.declares(access.READ)
def pick_member(request):
    return _answer(request, pickers.MEMBER, pickers.member_label)


@login_required
@require_POST
@access.declares(access.READ)
def pick_organization(request):
    return _answer(request, pickers.ORGANIZATION, pickers.organization_label)
