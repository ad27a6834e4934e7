from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.views import add_service_errors

from .. import access, selectors
from ..forms import MemberReinstateForm
from ..services import leaving


@login_required
@access.declares(access.MEMBER_WRITE)
def member_reinstate(request, pk):
    member = access.get_for(request.user, selectors.member_get_for, pk, access.MEMBER_WRITE)
    form = MemberReinstateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            leaving.member_reinstate(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member is active again."))
            return redirect("unions:member_detail", pk=member.pk)
    title = _("Reinstate %(name)s") % {"name": member.full_name}
    return render(request, "unions/member_form.html", {"form": form, "member": member, "title": title})
