"""Printing onto pre-printed blanks (phôi): which fields exist, where they go by default, and the layout used.

Federations buy blanks with the national emblem, the frame and the document's name already printed; the system
prints only the variable fields, each at the position staff measured on their paper (CertificateLayout). A test
print shows every field's box and name at its position, so staff can hold it against a blank and correct it.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ..models import CertificateLayout
from .wording import kind_of

# field name -> label, and whether it is one line shrunk to its width (else it wraps inside its box).
FIELDS = {
    "issuer": (_("Issuing body"), True),
    "recipient": (_("Recipient"), True),
    "job": (_("Job title and workplace"), False),
    "citation": (_("Citation"), False),
    "date": (_("Place and date"), True),
    "signer_title": (_("Signer's title"), True),
    "signer_name": (_("Signer's name"), True),
    "decision": (_("Decision number and date"), True),
    "gold_book": (_("Gold book number"), True),
    "certificate_number": (_("Certificate number"), True),
    "reissue": (_("Reissue note"), True),
    "code": (_("Verification code"), True),
    "qr": (_("QR code"), False),
}

# Where the fields sit on a common A4 landscape blank (x, y from the top-left corner, width, in mm; size in pt).
DEFAULT_POSITIONS = {
    "issuer": {"x": 20, "y": 22, "w": 110, "size": 12},
    "recipient": {"x": 40, "y": 88, "w": 217, "size": 22},
    "job": {"x": 40, "y": 102, "w": 217, "size": 13},
    "citation": {"x": 40, "y": 114, "w": 217, "size": 14},
    "date": {"x": 170, "y": 146, "w": 110, "size": 12},
    "signer_title": {"x": 170, "y": 153, "w": 110, "size": 12},
    "signer_name": {"x": 170, "y": 182, "w": 110, "size": 13},
    "decision": {"x": 20, "y": 160, "w": 110, "size": 10},
    "gold_book": {"x": 20, "y": 166, "w": 110, "size": 10},
    "certificate_number": {"x": 20, "y": 172, "w": 110, "size": 10},
    "reissue": {"x": 20, "y": 178, "w": 110, "size": 10},
    "code": {"x": 48, "y": 186, "w": 80, "size": 9},
    "qr": {"x": 20, "y": 176, "w": 24, "size": 0},
}


def layout_for(issuer, award_type, layouts):
    """The layout of the blank this award prints on, or None (the default positions are used)."""
    return layouts.get((issuer.pk if issuer else None, kind_of(award_type), award_type.subject_kind))


def layouts_for(awards):
    """Every layout the awards' blanks may need, in one query: {(issuer id, kind, subject kind): layout}."""
    issuers = {a.decision.issuer_id for a in awards if a.decision.issuer_id}
    if not issuers:
        return {}
    return {
        (lay.issuer_id, lay.kind, lay.subject_kind): lay for lay in CertificateLayout.objects.filter(issuer__in=issuers)
    }


def placed(layout):
    """[(field, label, single line, x, y, w, size)] in mm and pt, the calibration shift applied."""
    positions = layout.positions if layout is not None else DEFAULT_POSITIONS
    dx = layout.offset_x if layout is not None else Decimal(0)
    dy = layout.offset_y if layout is not None else Decimal(0)
    out = []
    for name, (label, single) in FIELDS.items():
        spot = positions.get(name)
        if not spot or spot.get("x") is None or spot.get("y") is None:
            continue
        x, y = Decimal(str(spot["x"])) + dx, Decimal(str(spot["y"])) + dy
        out.append((name, label, single, x, y, Decimal(str(spot.get("w") or 60)), Decimal(str(spot.get("size") or 12))))
    return out
