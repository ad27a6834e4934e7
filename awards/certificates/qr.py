"""The QR code and short code that lead from a printed certificate to its public verification page."""

import base64

import qrcode
import qrcode.image.svg
from django.urls import reverse

from ..models import TOKEN_LENGTH


def short_code(token):
    """The token in groups of four, as printed for typing by hand: 7K3M-9QXA-2BDE."""
    return "-".join(token[i : i + 4] for i in range(0, TOKEN_LENGTH, 4))


def normalise(code):
    """A code as someone typed it (dashes, spaces, lower case) back to the stored token."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def verification_url(token, base_url):
    return base_url.rstrip("/") + reverse("verify:certificate", args=[token])


def svg_data_uri(text):
    """A QR code of `text` as an SVG data URI: vector, so it prints sharp at any size, and no file to serve."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")
