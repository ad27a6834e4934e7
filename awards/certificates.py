"""Certificates (Giấy khen, Bằng khen) as PDF, rendered by WeasyPrint from an HTML template."""

from django.template.loader import render_to_string
from django.utils import translation

from unions.models import Organization


def _context(award):
    issuer = award.decision.issuer
    parent = Organization.objects.get_parent(issuer) if issuer else None
    return {
        "award": award,
        "issuer": issuer,
        "parent": parent,
        "decision": award.decision,
        "kind_title": award.award_type.name.split(" của ")[0],
    }


def render_pdf(awards):
    """One page per award; certificates are always in Vietnamese."""
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string("awards/certificate.html", {"pages": [_context(a) for a in awards]})
    return HTML(string=html).write_pdf()
