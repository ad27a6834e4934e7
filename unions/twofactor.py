"""Two-factor sign-in with an authenticator app (TOTP, django-otp).

Who must enter a code after the password: anyone who set up an authenticator,
and — when settings.OTP_REQUIRED is on — administrators, federation staff and
superusers. The decision is taken at sign-in and kept in the session, so pages
cost no extra query.
"""

from base64 import b32encode
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from unions import access
from unions.services.users import second_factor_set

PRIVILEGED = "_otp_privileged"
HAS_DEVICE = "_otp_has_device"
SETUP_KEY = "_otp_setup_key"


def is_privileged(user):
    return access.needs_second_factor(user)


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def remember(request, user):
    request.session[PRIVILEGED] = is_privileged(user)
    request.session[HAS_DEVICE] = confirmed_device(user) is not None


def _flags(request):
    if PRIVILEGED not in request.session or HAS_DEVICE not in request.session:
        remember(request, request.user)
    return request.session[PRIVILEGED], request.session[HAS_DEVICE]


def required(request):
    privileged, has_device = _flags(request)
    return has_device or (settings.OTP_REQUIRED and privileged)


def has_device(request):
    return _flags(request)[1]


def device_still_there(request):
    """False (and the session told) when an administrator removed the user's device, e.g. after a lost phone."""
    if confirmed_device(request.user) is not None:
        return True
    request.session[HAS_DEVICE] = False
    return False


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        min_length=6,
        strip=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )


def setup_key(request):
    """The secret offered on the set-up page; kept in the session until a code confirms it."""
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = default_key()
    return key


def setup_qr_svg(request, key):
    device = TOTPDevice(user=request.user, key=key)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def setup_confirm(request, *, key, token):
    """Store the authenticator once a code from it matches; the session is then verified."""
    totp = TOTP(unhexlify(key.encode()))
    if not token.isdigit() or not totp.verify(int(token), tolerance=1):
        return None
    device = second_factor_set(user=request.user, key=key, last_t=totp.t())
    request.session.pop(SETUP_KEY, None)
    request.session[HAS_DEVICE] = True
    otp_login(request, device)
    return device


def verify(request, *, token):
    device = confirmed_device(request.user)
    if device is None:
        return None
    device = verify_token(request.user, device.persistent_id, token)
    if device is not None:
        otp_login(request, device)
    return device


def b32_secret(key):
    """The secret in the form authenticator apps accept when typed by hand, in groups of four."""
    text = b32encode(unhexlify(key.encode())).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
