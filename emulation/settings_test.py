"""Settings for pytest: the real ones, with test-only conveniences."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-4b1f0c9e7a2d58e3c6b0f1a9d7e2c4b8a6f0e3d1")

from .settings import *  # noqa: E402,F403

# The test server speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# No manifest under pytest, and live_server serves through the finders.
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405  (the environment's, as in production)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks eagerly; tests marked `celery_worker` switch the app to
# the real Redis broker and an in-process worker (see tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
# Static files come from the finders under pytest; WhiteNoise has no collected root here.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# On SQLite (the `both_databases` tests of `make test`) the test database is a file next to the configured one:
# the threads of the race tests need one database they all open, which an in-memory database is not.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _sqlite_name = str(DATABASES["default"]["NAME"])  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": _sqlite_name.rsplit("/", 1)[0] + "/test_" + _sqlite_name.rsplit("/", 1)[-1]}  # noqa: F405
