"""Sign-in with two failure budgets.

django-axes locks the pair (username, address) after AXES_FAILURE_LIMIT failures: a colleague's typos behind the
same office address do not lock anyone else out, and guessing one account from one address stops quickly. An
address as a whole is refused only after SIGN_IN_ADDRESS_FAILURES failures over every username (spraying one
password over many accounts). Both refusals show the same page, the same for known and unknown usernames.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django_ratelimit.core import get_usage

_GROUP = "sign-in-address"


def _address_usage(request, *, increment):
    return get_usage(request, group=_GROUP, key="ip", rate=settings.SIGN_IN_ADDRESS_FAILURES, increment=increment)


def locked_out(request):
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


class SignInView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        usage = _address_usage(request, increment=False)
        if usage is not None and usage["should_limit"]:
            return locked_out(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _address_usage(self.request, increment=True)
        return super().form_invalid(form)
