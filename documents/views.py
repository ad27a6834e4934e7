from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import download
from core.forms import read_choices
from core.views import add_service_errors
from unions import access

from . import builtin, kinds, selectors, services
from .forms import TemplateUploadForm


@login_required
@access.declares(access.DOCUMENT_TEMPLATE, required=True)
def template_list(request):
    versions = list(selectors.template_list_for(request.user))
    rows = [
        {
            "kind": kind,
            "label": label,
            "placeholders": kinds.placeholders(kind),
            "versions": [v for v in versions if v.kind == kind],
        }
        for kind, label in kinds.Kind.choices
    ]
    return render(request, "documents/template_list.html", {"rows": rows})


@login_required
@access.declares(access.DOCUMENT_TEMPLATE, required=True)
def template_upload(request):
    form = TemplateUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_upload(actor=request.user, upload=form.cleaned_data.pop("file"), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The template was checked and is now in use."))
            return redirect("documents:template_list")
    elif request.method == "GET" and request.GET.get("kind") in kinds.Kind.values:
        form.initial["kind"] = request.GET["kind"]
    read_choices(form)
    return render(request, "documents/template_upload.html", {"form": form})


@login_required
@access.declares(access.DOCUMENT_TEMPLATE)
def template_file(request, pk):
    template = access.get_for(request.user, selectors.template_get_for, pk, access.DOCUMENT_TEMPLATE)
    return download(template.file, f"mau-{template.kind}-v{template.version}.docx")


@login_required
@access.declares(access.DOCUMENT_TEMPLATE, required=True)
def template_builtin(request, kind):
    if kind not in kinds.Kind.values:
        raise Http404
    return download(builtin.template_bytes(kind), f"mau-{kind}.docx")


@login_required
@require_POST
@access.declares(access.DOCUMENT_TEMPLATE)
def template_activate(request, pk):
    template = access.get_for(request.user, selectors.template_get_for, pk, access.DOCUMENT_TEMPLATE)
    active = request.POST.get("active") == "1"
    services.template_activate(actor=request.user, template=template, active=active)
    if active:
        messages.success(request, _("This version is now in use."))
    else:
        messages.success(request, _("This version is no longer in use: the federation's or the built-in one applies."))
    return redirect("documents:template_list")
