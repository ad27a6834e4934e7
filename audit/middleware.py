"""Who is on the other end of the current request, for audit entries written deep inside services.

Services take `actor`, not the request: they also run in import jobs, tasks and the admin. An entry a service
writes while serving a page still names the address and browser of that page's request, as the view-written
entries did; outside a request (a job, a shell) there is none and the entry has no address.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponseBase

_client: ContextVar[tuple[str | None, str] | None] = ContextVar("audit_client", default=None)

USER_AGENT_LENGTH = 200


def client_of(request: HttpRequest) -> tuple[str | None, str]:
    # Behind the TLS proxy Django sees the proxy; REMOTE_ADDR is what the WSGI server was given.
    return request.META.get("REMOTE_ADDR") or None, request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]


def current_client() -> tuple[str | None, str] | None:
    """(ip, user agent) of the request being served, or None outside a request."""
    return _client.get()


class AuditClientMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _client.set(client_of(request))
        try:
            return self.get_response(request)
        finally:
            _client.reset(token)
