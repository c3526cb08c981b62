"""Labfolio settings, driven by the environment with safe local defaults.

Nothing needs to be set to run locally. In production set at least
``SITE_URL=https://…``, ``SECRET_KEY`` and ``DATABASE_URL``; see the README.
"""

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from researchers.common import spreadsheets

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / os.environ.get("VAR_DIR", "var")  # a relative VAR_DIR is relative to the project
VAR_DIR.mkdir(exist_ok=True)


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# The public address of the site. An https address switches on the
# production safeguards: secure cookies, HSTS, SSL redirect, a required key.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SECURE = SITE_URL.startswith("https://")


def local_secret_key():
    """A random key kept in var/ so sessions survive restarts of a local install."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if SECURE:
        raise ImproperlyConfigured("SECRET_KEY must be set when SITE_URL is https.")
    SECRET_KEY = local_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [urlsplit(SITE_URL).hostname, "localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "markdownx",
    "import_export",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "researchers",
    "publications",
    "news",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: a cached page for an anonymous visitor skips everything below.
    "portal.caching.pages.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.caching.pages.FormErrorStatusMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins per username and address; the backend comes first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = 1  # hours
# Locked: a username from one address, never a username alone, so a stranger's guesses lock the
# stranger out and not the account's owner. The address is the proxy's X-Forwarded-For only when the
# request comes from TRUSTED_PROXIES (addresses or networks, comma-separated); see portal.accounts.addresses.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.accounts.addresses.client_address"
TRUSTED_PROXIES = [str(ipaddress.ip_network(entry, strict=False)) for entry in env_list("TRUSTED_PROXIES")]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "me:overview"
LOGOUT_REDIRECT_URL = "home"

# The benchmark's server sets tools.bench: the site's addresses plus a trivial baseline view.
ROOT_URLCONF = os.environ.get("ROOT_URLCONF", "portal.urls")
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.pages.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'labfolio.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept, as on PostgreSQL: opening one and running the pragmas below cost more
    # than a member page served from its cache.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the
        # write lock at BEGIN so concurrent writers queue instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiles every query the planner costs high, and publication search always is
    # (its index expression holds eight to_tsvector calls): 10-15 ms of compiling for 5-30 ms queries.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else files under var/cache,
# shared by every worker of this machine: the page cache's invalidation must reach them all.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Whole public pages for anonymous visitors (portal.caching.pages), dropped on every content change;
# the timeout bounds staleness after bulk writes by management commands. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 180))
# Member pages' head and body, for everyone, kept until a change shows on them (portal.caching.member_pages);
# the timeout bounds what a change made without signals could cost. 0 turns it off.
MEMBER_CACHE_SECONDS = int(os.environ.get("MEMBER_CACHE_SECONDS", 600))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Django serves uploads itself only locally: under https a web server or object store does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=not SECURE)


def media_storage(url):
    """MEDIA_STORAGE_URL: unset for files under MEDIA_ROOT, or S3-compatible object storage as
    ``s3://[KEY:SECRET@]BUCKET[/PREFIX]?endpoint_url=https://…&region_name=…&custom_domain=…``.
    Without KEY:SECRET, boto3 finds credentials as usual (AWS_ACCESS_KEY_ID …, an instance role)."""
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL must look like s3://bucket/prefix?endpoint_url=…")
    options = {"bucket_name": parts.hostname, "location": parts.path.strip("/")}
    if parts.username:
        options.update(access_key=unquote(parts.username), secret_key=unquote(parts.password or ""))
    for name, values in parse_qs(parts.query).items():
        if name not in {"endpoint_url", "region_name", "custom_domain", "querystring_auth", "default_acl"}:
            raise ImproperlyConfigured(f"MEDIA_STORAGE_URL has an unknown option {name!r}.")
        options[name] = values[0].lower() not in {"0", "false", "no"} if name == "querystring_auth" else values[0]
    return {"BACKEND": "researchers.storage.MediaS3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(os.environ.get("MEDIA_STORAGE_URL", "")),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: refuse large bodies early (400); images are verified and re-encoded. The form fields of a
# request (a pasted BibTeX file among them) may hold 5 MB; a whole request body, files included, 25 MB
# (portal.limits answers 413 before reading more).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", 25 * 1024 * 1024))
# A researcher's admin form with a long CV has a few thousand fields; Django's default is 1,000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# What one member may keep in storage: photo, CV and the images dropped into their markdown. 0: no limit.
MEDIA_QUOTA_BYTES = int(os.environ.get("MEDIA_QUOTA_BYTES", 50 * 1024 * 1024))

# Markdown: the editor preview and stored HTML use the one sanitiser.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "portal.markdown.markdownify"
# Bounds on one markdown text (portal.markdown): longer is refused; a render past the time is stopped.
MARKDOWN_MAX_CHARS = int(os.environ.get("MARKDOWN_MAX_CHARS", 500_000))
MARKDOWN_RENDER_SECONDS = float(os.environ.get("MARKDOWN_RENDER_SECONDS", 2))
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]
MARKDOWNX_UPLOAD_MAX_SIZE = MAX_IMAGE_BYTES
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1600, 1600), "quality": 85}

# Bulk import and export in the admin (django-import-export). CSV, XLSX and JSON only. An import
# runs in one transaction and any invalid row rolls all of it back. Exported cells that a
# spreadsheet would run as formulas (=, +, -, @) are escaped by researchers.common.spreadsheets in a way the
# import undoes; the library's own switch stays off, as it deletes the "=" and turns empty cells
# into "None". Importing needs the model's change permission (and add, checked by the resources);
# exporting needs its view permission.
IMPORT_EXPORT_FORMATS = spreadsheets.FORMATS
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
# Bounds of one imported file (researchers.common.spreadsheets): checked before it is read.
SPREADSHEET_MAX_BYTES = int(os.environ.get("SPREADSHEET_MAX_BYTES", 5 * 1024 * 1024))
SPREADSHEET_MAX_ROWS = int(os.environ.get("SPREADSHEET_MAX_ROWS", 5_000))
SPREADSHEET_MAX_COLUMNS = int(os.environ.get("SPREADSHEET_MAX_COLUMNS", 60))
# Sheets with more rows are previewed and imported by the job queue rather than inside the request.
SPREADSHEET_BACKGROUND_ROWS = int(os.environ.get("SPREADSHEET_BACKGROUND_ROWS", 200))
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"


# Background jobs (portal.jobs): the Django Tasks API through the django-tasks backport. The
# default backend keeps the queue in the database, so `make run` needs no other server; run
# `manage.py db_worker` beside the app servers. TASKS_BACKEND=immediate runs jobs inside the request.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")]
    }
}
# A running job shows a sign of life at every step; one silent this long lost its worker, and its page says so.
JOB_SILENT_MINUTES = int(os.environ.get("JOB_SILENT_MINUTES", 15))


# Kept by hand rather than dj-email-url: that library reads smtp:// as plain SMTP without STARTTLS
# (deployed smtp://…:587 addresses would send the password in clear), takes smtps:// as STARTTLS
# and ignores an unknown scheme silently; this is fifteen lines of the standard library.
def email_settings(url):
    """EMAIL_URL: ``smtp://user:password@host:587``, ``smtps://…`` or ``console://``."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not smtp, smtps or console.")
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and query.get("tls", ["true"])[0] != "false",
    }


globals().update(email_settings(os.environ.get("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Labfolio <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LAB_NAME = os.environ.get("LAB_NAME", "Labfolio Demo Lab")

# Scholarly sources (Crossref, arXiv, ORCID, OpenAlex): reached only when switched on; their
# polite pools ask for a contact address, sent in the User-Agent and to OpenAlex as mailto.
SCHOLARLY_SOURCES_ONLINE = env_bool("SCHOLARLY_SOURCES_ONLINE")
SCHOLARLY_SOURCES_CONTACT = os.environ.get("SCHOLARLY_SOURCES_CONTACT", "")
SCHOLARLY_SOURCES_TIMEOUT = float(os.environ.get("SCHOLARLY_SOURCES_TIMEOUT", "20"))
SCHOLARLY_SOURCES_INTERVAL = float(os.environ.get("SCHOLARLY_SOURCES_INTERVAL", "1"))
CITATIONS_STALE_DAYS = int(os.environ.get("CITATIONS_STALE_DAYS", "30"))
# Hours between syncs of every member's works (`sync_works --every`, started by `make run`); 0 turns it off.
SCHOLARLY_SYNC_HOURS = float(os.environ.get("SCHOLARLY_SYNC_HOURS", "24"))

# Content Security Policy: scripts only from our own files (no inline script anywhere), no
# plugins, no framing. Images may come from any https site: bios link pictures elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # the admin's widgets set inline styles
        "img-src": [SELF, "data:", "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
# Preloading is a promise to browsers that is slow to take back: only on request.
SECURE_HSTS_PRELOAD = SECURE and env_bool("HSTS_PRELOAD")
if SECURE and not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "not preloaded": a choice, see HSTS_PRELOAD
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
