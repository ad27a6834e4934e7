from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from core import paging
from core.forms import read_choices
from unions import access

from .forms import AuditFilterForm
from .selectors import entry_list_for

PAGE_SIZE = 50


@login_required
@access.declares(access.AUDIT_READ, required=True)
def entry_list(request):
    """The audit log of the organisations the user administers."""
    form = AuditFilterForm(request.GET or None, user=request.user)
    entries = entry_list_for(request.user)
    if form.is_bound and form.is_valid():
        entries = form.filter(entries)
    page = paging.read(Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    read_choices(form)
    return render(request, "audit/entry_list.html", {"form": form, "page": page, "query": query.urlencode()})
