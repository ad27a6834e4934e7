from django.conf import settings
from django.db import DatabaseError


def database_status(connection):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def broker_status():
    """Redis answers PING; with no broker configured, tasks run in-process."""
    url = settings.CELERY_BROKER_URL
    if not url or url.startswith("memory://"):
        return {"ok": True, "mode": "eager"}
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except (redis.RedisError, OSError) as exc:
        return {"ok": False, "mode": "redis", "error": exc.__class__.__name__}
    return {"ok": True, "mode": "redis"}
