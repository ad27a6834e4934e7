"""How far a running job has got, readable by the web process while the job's transaction is still open.

The job writes its output inside one transaction (jobs/runner.py), so progress cannot go through the database:
it goes to Redis (the broker's, REDIS_URL) with an expiry, or to the local cache when there is no Redis (the
embedded default, where jobs run inside the request and nobody polls).
"""

from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

TTL = 24 * 3600


def _redis():
    return _client(settings.REDIS_URL) if settings.REDIS_URL else None


@lru_cache(maxsize=4)
def _client(url):
    import redis

    return redis.Redis.from_url(url)  # one connection pool per process


def _key(token: str) -> str:
    return f"thidua:job-progress:{token}"


def report(token: str, done: int, total: int) -> None:
    value = f"{done}/{total}"
    client = _redis()
    if client is None:
        cache.set(_key(token), value, TTL)
    else:
        client.set(_key(token), value, ex=TTL)


def read(token: str) -> tuple[int, int] | None:
    client = _redis()
    value = cache.get(_key(token)) if client is None else client.get(_key(token))
    if not value:
        return None
    done, _sep, total = (value.decode() if isinstance(value, bytes) else value).partition("/")
    return int(done), int(total)
