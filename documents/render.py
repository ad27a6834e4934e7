"""Filling a Word template, and rendering the same content to PDF: no models, no database.

Uploaded templates are user input run by Jinja, so they run in Jinja's sandbox (no attribute of Python
internals is reachable) with strict undefined values: a placeholder that does not exist is an error at upload,
where the sample values catch it, instead of an empty gap in a signed document.
"""

import io
import zipfile
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError


class TemplateProblem(Exception):
    """A template that cannot be filled, with a message for the person who uploaded it."""


def _where(error: TemplateError) -> str:
    """The text around the failing tag, as docxtpl reports it (line numbers of the XML mean nothing to staff)."""
    lines = [line.strip() for line in getattr(error, "docx_context", ()) if line.strip()]
    return " … ".join(lines)[:200]


def fill_docx(source: bytes, context: dict[str, Any]) -> bytes:
    """The .docx of `source` (a docxtpl template) filled with `context`; TemplateProblem when it cannot be."""
    from docxtpl import DocxTemplate

    env = SandboxedEnvironment(undefined=StrictUndefined)
    try:
        document = DocxTemplate(io.BytesIO(source))
        document.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        document.save(out)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as error:
        raise TemplateProblem(_("The file is not a Word document (.docx).")) from error
    except TemplateSyntaxError as error:
        raise TemplateProblem(
            _("The template has a syntax error (%(error)s) near: %(where)s")
            % {"error": error.message, "where": _where(error)}
        ) from error
    except UndefinedError as error:
        raise TemplateProblem(
            _("The template uses a placeholder that does not exist (%(error)s). Use only the placeholders listed.")
            % {"error": error.message}
        ) from error
    except SecurityError as error:
        raise TemplateProblem(_("The template uses something other than the placeholders listed.")) from error
    except (TemplateError, TypeError, ValueError, AttributeError) as error:
        # A filter or test applied to a value of another shape (a list where text is expected…).
        raise TemplateProblem(
            _("The template cannot be filled (%(error)s). Check the tags around the placeholders.") % {"error": error}
        ) from error
    return out.getvalue()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The PDF of an HTML template in the administrative layout (templates/documents/pdf_base.html)."""
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(template_name, context)
    content: bytes = HTML(string=html).write_pdf()
    return content
