"""The download of a drafted document, .docx or PDF, for the views of the apps that own the data."""

from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from unions.models import Organization

from . import layout, render, selectors

DOCX = "docx"
PDF = "pdf"
FORMATS = (DOCX, PDF)
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PDF: "application/pdf",
}


def file_response(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def draft(
    *, org: Organization | None, kind: str, context: dict[str, Any], pdf_template: str, filename: str, fmt: str
) -> HttpResponse:
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
    return file_response(content, f"{filename}.{fmt}", fmt)
