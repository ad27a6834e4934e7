"""The page before a drafted document: a form for what the data does not hold, then the download.

Used by the views of the apps that own the data (awards for the papers of a commendation round, reports for the
báo cáo): they fetch the owner through their scoped selector, build the letterhead and the kind's values, and
hand them here. A template that fails (a federation's upload broken by a later change, a value of an
unexpected shape) shows its reason on the form: a download never ends in a server error.
"""

from collections.abc import Callable

from django.shortcuts import render
from django.utils.translation import gettext as _

from audit.services import record

from . import responses
from .forms import LetterheadForm
from .layout import Letterhead
from .render import TemplateProblem


def draft_page(
    request,
    *,
    owner,
    org,
    kind: str,
    base: Letterhead,
    values: Callable[[], dict],
    pdf_template: str,
    filename: str,
    title: str,
    back_url: str,
    fixed: tuple[str, ...] = (),
):
    """GET: the form prefilled from `base`. POST with format=docx|pdf: the document, with `values()`
    (the kind's placeholders) over the letterhead's. `org` chooses the template (its own, its federation's…)."""
    form = LetterheadForm(request.POST or None, initial=LetterheadForm.initial_from(base), fixed=fixed)
    fmt = request.POST.get("format")
    if request.method == "POST" and fmt in responses.FORMATS and form.is_valid():
        context = {**form.letterhead(base).context(), **values()}
        try:
            response = responses.draft(
                org=org, kind=kind, context=context, pdf_template=pdf_template, filename=filename, fmt=fmt
            )
        except TemplateProblem as problem:
            form.add_error(
                None,
                _("The Word template in use cannot draft this document: %(problem)s Ask your federation to replace it.")
                % {"problem": problem},
            )
        else:
            # The papers list people by name: handing them out is logged like any export of personal data.
            record(
                actor=request.user,
                action="export",
                obj=owner,
                organization=org,
                request=request,
                label=f"{title}: {owner}",
            )
            return response
    return render(request, "documents/draft_form.html", {"form": form, "title": title, "back_url": back_url})
