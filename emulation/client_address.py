"""The address a request comes from, the same for sign-in lockout (django-axes) and rate limits (django-ratelimit).

Behind a reverse proxy every request arrives from the proxy's address, so one failure budget would be shared by the
whole country. The proxies we run append the address they received the request from to X-Forwarded-For; with
TRUSTED_PROXY_COUNT of them in front, the client is the entry that many places from the right. Anything to the left
of it was written by the client and is not believed, and without trusted proxies the header is ignored altogether
(anyone can send it).
"""

from django.conf import settings


def client_address(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return request.META.get("REMOTE_ADDR", "")
