"""The download of a drafted document, .docx or PDF, for the views of the apps that own the data."""

from typing import Any

from django.http import FileResponse

from core.downloads import download
from unions.models import Organization

from . import layout, render, selectors

DOCX = "docx"
PDF = "pdf"
FORMATS = (DOCX, PDF)


def draft(
    *, org: Organization | None, kind: str, context: dict[str, Any], pdf_template: str, filename: str, fmt: str
) -> FileResponse:
    """The document in `fmt`: the .docx from the template in use for `org` (its own, its federation's or the
    built-in one), the PDF from the HTML template. Raises render.TemplateProblem when the template fails."""
    if fmt == DOCX:
        content = render.fill_docx(selectors.template_for(org, kind).content, context)
    else:
        lines = {
            "parent_lines": layout.name_lines(str(context.get("parent_name", ""))),
            "issuer_lines": layout.name_lines(str(context.get("issuer_name", ""))),
        }
        content = render.render_pdf(pdf_template, {**context, **lines})
    return download(content, f"{filename}.{fmt}")
