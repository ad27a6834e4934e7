"""Settings read from the environment (see README, "Cấu hình").

Unset DATABASE_URL gives the embedded SQLite file; unset REDIS_URL and
CELERY_BROKER_URL make Celery run tasks eagerly in-process.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

from .storage import default_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-key-not-for-production-0123456789abcdefghijklmnop"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "treebeard",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_ratelimit",
    "core",
    "emulation",
    "unions",
    "documents",
    "notifications",
    "campaigns",
    "awards",
    "reports",
    "audit",
    "privacy",
    "jobs",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "emulation.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.AuditClientMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "emulation.middleware.SessionExpiryMiddleware",
    "emulation.middleware.OTPRequiredMiddleware",
    "emulation.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Covering indexes (INCLUDE) are PostgreSQL's; SQLite, the embedded default, builds them without the extra columns.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

ROOT_URLCONF = "emulation.urls"
WSGI_APPLICATION = "emulation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "unions.context_processors.navigation",
                "notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections stay open between requests (a new one costs ~7 ms on a cold backend); the health check replaces
# one that the server or a restart dropped.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django iterates model-choice drop-downs through a server-side cursor, which PostgreSQL plans for the first
    # 10 % of the rows: the organisation drop-down took 41 ms instead of 1 ms at national size. Every cursor of
    # this app reads its rows to the end, so plan for all of them.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c cursor_tuple_fraction=1".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: in SQLite's default journal a long read (an export, a report) blocks every writer;
    # with a write-ahead log readers and the one writer go on side by side.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    options.setdefault("timeout", 20)
    # A deferred transaction that read before writing cannot wait for the writer ahead of it: SQLite answers
    # "database is locked" at once. Taking the write lock at BEGIN makes a second writer wait its turn instead,
    # and then see the first one's row, so a race ends in the form's message, never a 500.
    options.setdefault("transaction_mode", "IMMEDIATE")
# An optional streaming replica of the PostgreSQL primary: dashboards, report figures and exports read from it
# (core/db_routing.py); writes, and reads after a write, stay on the primary. Its tests mirror the primary.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"].update(
        {
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
            "TEST": {"MIRROR": "default"},
        }
    )
DATABASE_ROUTERS = ["core.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 (argon2-cffi) first: memory-hard, and about as quick to check as PBKDF2 at Django's iteration count,
# so a sign-in holds a worker no longer than before. Passwords stored with PBKDF2 still check, and Django stores
# them again with Argon2 at the user's next sign-in.
PASSWORD_HASHERS = [
    "emulation.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "unions.passwords.ContextWordsValidator",
        "OPTIONS": {
            "words": env.list(
                "PASSWORD_CONTEXT_WORDS",
                default=["congdoan", "thidua", "khenthuong", "liendoan", "laodong", "doanvien"],
            )
        },
    },
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A session ends after SESSION_IDLE_TIMEOUT seconds without a request and, at the
# latest, SESSION_ABSOLUTE_TIMEOUT seconds after sign-in (emulation.middleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=SESSION_ABSOLUTE_TIMEOUT)

# Two-factor sign-in (TOTP). When on, administrators and federation staff must
# set up an authenticator app and enter its code after the password.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Thi đua")

# Login throttling (emulation/sign_in.py): AXES_FAILURE_LIMIT failures lock one username from one address; the
# address as a whole is refused after SIGN_IN_ADDRESS_FAILURES failures over all usernames (a federation office
# signs in from one public address). The same message for every refusal, for unknown and known users.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SIGN_IN_ADDRESS_FAILURES = env("SIGN_IN_ADDRESS_FAILURES", default="100/15m")
# How many reverse proxies of ours stand in front of the web processes, each appending to X-Forwarded-For
# (emulation/client_address.py). 0: the header is ignored, the address is the connection's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "emulation.client_address.client_address"
RATELIMIT_IP_META_KEY = "emulation.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["emulation.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Thousands separators are applied explicitly (|num, |vnd): global grouping
# would print years and ids as "2.025".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Stored files: the file system under MEDIA_ROOT, or an S3-compatible bucket (FILE_STORAGE=s3, see storage.py).
STORAGES = {
    "default": default_storage(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# No URL serves MEDIA_ROOT, in any mode: files leave only through download views that check reach.
MEDIA_URL = "media/"

# Widgets are drawn by the project's template engine, so templates/django/forms/ can replace a stock widget
# template (the select, for speed); the stock inputs, text areas and selects are written in Python with the same
# markup (core/renderers.py).
FORM_RENDERER = "core.renderers.Renderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The REST API (/api/v1/, api/): personal tokens (Authorization: Bearer …) for other systems, the session for
# the browsable docs; a cursor over the id for every list; requests per token limited by API_TOKEN_RATE.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env("API_TOKEN_RATE", default="600/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Thi đua – Khen thưởng API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Celery: a broker URL switches to real workers; without one, tasks run eagerly.
REDIS_URL = env("REDIS_URL", default="")
_broker = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_BROKER_URL = _broker or "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL) or None

# The public certificate verification page is rate limited per address (django-ratelimit). The counts must be
# shared by every web process, so they live in Redis whenever there is one; the embedded single-process mode
# counts in memory. Django's own Redis cache increments atomically, which is all the library needs (W001 says
# only that it tests against django-redis).
# The address the public reaches the site at, printed in certificates' QR codes (https://thidua.example.vn);
# empty: the address of the request that printed them.
PUBLIC_URL = env("PUBLIC_URL", default="")
VERIFICATION_RATE = env("VERIFICATION_RATE", default="30/m")
# "Quên mật khẩu" requests per address (emulation/password_reset.py), on the same counters as the verification page.
PASSWORD_RESET_RATE = env("PASSWORD_RESET_RATE", default="5/h")
# A reset link works for a day, and only until the password is changed.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)
RATELIMIT_USE_CACHE = "ratelimit"
_ratelimit_url = env("RATELIMIT_CACHE_URL", default="") or REDIS_URL
CACHES["ratelimit"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _ratelimit_url, "KEY_PREFIX": "rl"}
    if _ratelimit_url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
)
SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"] + ([] if _ratelimit_url else ["django_ratelimit.E003"])
CELERY_TASK_ALWAYS_EAGER = not _broker
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died is delivered again after this many seconds (acks_late tasks).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One queue per kind of work, so a slow province report never delays an import: a worker started without -Q
# takes them all (the embedded mode, small installations); on several machines each worker takes chosen queues
# (docker-compose.yml, README «Chạy trên nhiều máy»). Jobs choose theirs when registered (jobs/registry.py).
TASK_QUEUE_NAMES = ("default", "imports", "reports", "documents", "notifications")
CELERY_TASK_QUEUES = [Queue(name, Exchange(name), routing_key=name) for name in TASK_QUEUE_NAMES]
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "reports.tasks.*": {"queue": "reports"},
    "documents.tasks.*": {"queue": "documents"},
    "notifications.tasks.*": {"queue": "notifications"},
    "campaigns.tasks.*": {"queue": "notifications"},
}
CELERY_BEAT_SCHEDULE = {
    "campaign-launch-reminders": {
        "task": "campaigns.tasks.remind_due_launches",
        "schedule": crontab(hour=7, minute=30),
    },
    "monthly-reports": {
        "task": "reports.tasks.schedule_reports",
        "args": ["month"],
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
    },
    "half-year-review-reports": {
        "task": "reports.tasks.schedule_reports",
        "args": ["half"],
        "schedule": crontab(month_of_year=6, day_of_month=15, hour=2, minute=30),
    },
    "year-end-review-reports": {
        "task": "reports.tasks.schedule_reports",
        "args": ["year"],
        "schedule": crontab(month_of_year=12, day_of_month=15, hour=3, minute=0),
    },
    "nightly-rollups": {"task": "reports.tasks.rebuild_rollups", "schedule": crontab(hour=1, minute=30)},
    "sweep-stale-jobs": {"task": "jobs.sweep_stale", "schedule": 60.0},
    "forget-old-import-files": {"task": "unions.tasks.forget_old_import_files", "schedule": crontab(hour=2, minute=15)},
    "forget-old-exports": {"task": "jobs.forget_exports", "schedule": crontab(minute=40)},
    "registration-deadline-reminders": {
        "task": "campaigns.tasks.remind_registration_deadlines",
        "schedule": crontab(hour=7, minute=35),
    },
    "notification-digests": {"task": "notifications.tasks.send_digests", "schedule": crontab(hour=17, minute=30)},
}
# List exports (jobs/exports.py): up to this many rows the file comes back in the request; above, a background
# job writes it and the user downloads it from the job's page, where it stays EXPORT_KEEP_HOURS (personal data).
EXPORT_INLINE_ROWS = env.int("EXPORT_INLINE_ROWS", default=2000)
EXPORT_KEEP_HOURS = env.int("EXPORT_KEEP_HOURS", default=24)
# Uploaded import files and their parsed rows hold personal data: kept this many days, then erased (the
# batch keeps its counts, status and warnings).
IMPORT_FILE_RETENTION_DAYS = env.int("IMPORT_FILE_RETENTION_DAYS", default=30)
# The job table (jobs app): a running job touches its heartbeat every JOB_HEARTBEAT_SECONDS; the sweeper
# sends again a job silent for JOB_STALE_SECONDS and gives up after JOB_MAX_ATTEMPTS attempts.
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=15)
JOB_STALE_SECONDS = env.float("JOB_STALE_SECONDS", default=120)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="thidua@localhost")
# The site's address as users reach it (https://thidua.example.vn): links in notification e-mails start with
# it; the same as PUBLIC_URL (the certificates' QR codes) unless set apart.
SITE_URL = env("SITE_URL", default="") or PUBLIC_URL

# Sections other apps add to the member and organisation pages (see unions/panels.py).
MEMBER_PANELS = ["awards.panels.member_awards", "privacy.panels.member_privacy"]
# Extra forms on the "add a member" page: each is bound to POST, validated, then saved with the new member.
MEMBER_CREATE_FORMS = ["privacy.forms.ConsentOnCreateForm"]
ORGANIZATION_PANELS = ["awards.panels.organization_awards"]

# Member import limits (all-or-nothing; see unions/importers/member_files.py).
MEMBER_IMPORT_MAX_BYTES = env.int("MEMBER_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
MEMBER_IMPORT_MAX_ROWS = env.int("MEMBER_IMPORT_MAX_ROWS", default=20000)
# Every uploaded .xlsx (members, registrations, ratings) is checked against these before parsing.
UPLOAD_MAX_ZIP_ENTRIES = env.int("UPLOAD_MAX_ZIP_ENTRIES", default=500)
UPLOAD_MAX_UNCOMPRESSED_BYTES = env.int("UPLOAD_MAX_UNCOMPRESSED_BYTES", default=100 * 1024 * 1024)
UPLOAD_MAX_COMPRESSION_RATIO = env.int("UPLOAD_MAX_COMPRESSION_RATIO", default=100)

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_SAMESITE = "Lax"
# No inline scripts, styles or event handlers anywhere: JS lives in static/js.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws some icons as data: SVG images from its stylesheet.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Responses of these URL namespaces and names hold personal data: never stored
# by the browser or a proxy (emulation.middleware.NoStoreMiddleware).
NO_STORE_NAMESPACES = ["unions", "awards", "campaigns", "initiatives", "reports", "notifications"]
NO_STORE_URL_NAMES = ["home", "password_change", "otp_setup", "otp_verify"]
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Dashboards and reports of organisations down to this depth (1 confederation, 2 provinces) read the rollup
# table, which also holds the child columns of the level below; deeper scopes are small enough to count live.
ROLLUP_MAX_DEPTH = env.int("ROLLUP_MAX_DEPTH", default=2)
