import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from unions import twofactor

LOGIN_AT = "_login_at"
SEEN_AT = "_seen_at"


class ChosenLanguageMiddleware:
    """Vietnamese unless the user picked another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which
    would show English to most office PCs; the product is Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        if request.path.startswith("/api/"):
            # Other systems say which language they want their error messages in; Vietnamese when they do not.
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def _now():
    return int(time.time())


def remember_login(sender, request, user, **kwargs):
    """On sign-in (user_logged_in): start the session clocks and note whether a second factor is due."""
    if request is None or not hasattr(request, "session"):
        return
    now = _now()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    twofactor.remember(request, user)


def _to_login(request):
    login_url = resolve_url(settings.LOGIN_URL)
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = login_url
        return response
    if request.method == "GET":
        return redirect_to_login(request.get_full_path(), login_url)
    return HttpResponseRedirect(login_url)


class SessionExpiryMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT seconds idle or SESSION_ABSOLUTE_TIMEOUT after sign-in.

    Also ends at once the session of an account that was disabled (or deleted):
    Django's backend then no longer returns its user.
    """

    # Writing the session on every request would cost a query each time.
    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if not request.user.is_authenticated:
            if SESSION_KEY in session:
                session.flush()  # the account was disabled or deleted
            return self.get_response(request)
        now = _now()
        login_at = session.setdefault(LOGIN_AT, now)
        seen_at = session.get(SEEN_AT, now)
        idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
        if idle or now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
            logout(request)
            messages.warning(
                request,
                _("Your session has expired. Please sign in again.")
                if idle
                else _("Your session has reached its maximum length. Please sign in again."),
            )
            return _to_login(request)
        if now - seen_at >= self.TOUCH_EVERY or SEEN_AT not in session:
            session[SEEN_AT] = now
        return self.get_response(request)


class OTPRequiredMiddleware:
    """After the password, accounts that need a second factor see only the set-up and verify pages."""

    EXEMPT = frozenset({"otp_setup", "otp_verify", "logout", "login", "set_language", "healthz"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or request.resolver_match.view_name in self.EXEMPT:
            return None
        if not twofactor.required(request):
            return None
        target = "otp_verify" if twofactor.has_device(request) else "otp_setup"
        url = f"{reverse(target)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on pages and exports that show personal data (settings.NO_STORE_*)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.namespaces = frozenset(settings.NO_STORE_NAMESPACES)
        self.names = frozenset(settings.NO_STORE_URL_NAMES)

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and (
            match.view_name in self.names or (match.namespaces and match.namespaces[0] in self.namespaces)
        ):
            patch_cache_control(response, no_store=True)
        return response
