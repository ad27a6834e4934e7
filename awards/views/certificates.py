"""Staff pages for certificates: reissuing a lost one, and the positions of the fields on pre-printed blanks."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.downloads import download
from core.forms import read_choices
from core.views import add_service_errors
from unions import access

from .. import certificates
from ..forms.certificates import LayoutForm, ReissueForm
from ..selectors import certificates as selectors
from ..selectors import proposals as award_selectors
from ..services import certificates as services
from ..services.revocations import authority_for


def public_base_url(request):
    """Where the public reaches the site, for the QR code: the configured address, else this request's."""
    return settings.PUBLIC_URL or request.build_absolute_uri("/")


@login_required
@access.declares(access.DECISION_ISSUE)
def certificate_reissue(request, pk):
    award = access.get_for(request.user, award_selectors.award_get_for, pk)
    if not access.can(request.user, access.DECISION_ISSUE, authority_for(award)):
        raise PermissionDenied
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reissue = services.certificate_reissue(actor=request.user, award=award, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Certificate reissued (no. %(number)s).") % {"number": reissue.number})
            return redirect("awards:decision_detail", award.decision_id)
    title = _("Reissue the certificate of %(award)s") % {"award": award}
    return render(request, "awards/form.html", {"form": form, "title": title})


@login_required
@access.declares(access.DECISION_ISSUE, required=True)
def layout_list(request):
    return render(request, "awards/layout_list.html", {"layouts": list(selectors.layout_list_for(request.user))})


def _layout_form(request, layout):
    form = LayoutForm(request.POST or None, user=request.user, layout=layout)
    if request.method == "POST" and form.is_valid():
        try:
            layout = services.layout_save(actor=request.user, layout=layout, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The blank's layout was saved. Print a test page to check it."))
            return redirect("awards:layout_edit", layout.pk)
    read_choices(form)
    return render(request, "awards/layout_form.html", {"form": form, "layout": layout})


@login_required
@access.declares(access.DECISION_ISSUE, required=True)
def layout_create(request):
    return _layout_form(request, None)


@login_required
@access.declares(access.DECISION_ISSUE)
def layout_edit(request, pk):
    return _layout_form(request, access.get_for(request.user, selectors.layout_get_for, pk, access.DECISION_ISSUE))


@login_required
@access.declares(access.DECISION_ISSUE)
def layout_test_print(request, pk):
    layout = access.get_for(request.user, selectors.layout_get_for, pk, access.DECISION_ISSUE)
    return download(certificates.render_test_print(layout), f"phoi-{layout.pk}.pdf", inline=True)
