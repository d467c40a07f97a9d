"""Settings shared by every environment.

Everything that differs between machines comes from environment variables;
``dev`` and ``test`` add safe defaults, ``production`` insists on the secrets.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "csp",
    "cases",
    # Plugins: each registers itself in its own ready().
    "cases.connectors.contrib.workbench",
    "cases.connectors.contrib.http_json",
    "cases.registry.contrib.http",
    "cases.banksearch.contrib.http",
    "cases.sms.contrib.file",
    "cases.sms.contrib.http",
    "content",
    "forms",
    "portal",
    "api",
    "office",
    "graphene_django",
    "health_check",
    "django_prometheus",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "oauth2_provider",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First and last: django-prometheus times the whole request.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.PermissionsPolicy",
    "cms.middleware.ContentSecurityPolicy",
    # Session, authentication and messages pass bearer-token API calls
    # straight on (cms/bearer.py); Django's own otherwise.
    "cms.bearer.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Guidance pages for anonymous visitors, without a query (cms/page_cache.py).
    "cms.page_cache.AnonymousPageCache",
    "django.middleware.csrf.CsrfViewMiddleware",
    "cms.bearer.AuthenticationMiddleware",
    "cms.middleware.NoStoreForPersonalData",
    "django_otp.middleware.OTPMiddleware",
    "office.two_factor.StaffSecondFactorMiddleware",
    "cms.bearer.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# /metrics answers this bearer token; without one, only loopback (cms/metrics.py).
METRICS_TOKEN = env("METRICS_TOKEN", "")

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"


def database_config(url):
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so two
        # writers queue instead of both reading a row and both changing it.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": database_config(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Guidance pages exist in both languages; English ones live under /en/.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
# Office hours of a working day, in local time: limits in working hours are
# counted inside them, and a limit in working days ends when the last closes.
OFFICE_HOURS = [("08:30", "12:00"), ("13:30", "17:30")]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded personal documents: encrypted, outside MEDIA_ROOT, served only by
# views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# The largest file a family may send, on the web and in the app alike (a
# question may ask for less; nginx takes bodies up to 25 MB).
UPLOAD_MAX_MB = int(env("UPLOAD_MAX_MB", 10))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work: jobs are rows written in the same transaction as the change
# that causes them; ``manage.py db_worker`` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "身后一件事"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Personal data -----------------------------------------------------------
# Fernet keys, newest first: the first encrypts, all of them decrypt, so a new
# key can be put in front and ``manage.py rotate_encryption_keys`` re-encrypts.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
# Key of the keyed hash (blind index) used to find a person by ID number or
# phone. It never rotates with the encryption keys: changing it means running
# ``manage.py rotate_encryption_keys --rehash``.
BLIND_INDEX_KEY = env("BLIND_INDEX_KEY")
# Key that signs each day's head of the audit trail's hash chain
# (``cases.services.trail``). Kept away from the database: whoever edits the
# tables cannot sign a rewritten chain. Changing it leaves the old days
# unverifiable; keep the old key to check them.
AUDIT_TRAIL_KEY = env("AUDIT_TRAIL_KEY")
# Retention (cases.services.retention): a closed case keeps its personal data
# this many days after it was completed or withdrawn, then keeps only the
# anonymous facts the statistics read. Audit and access events are kept at
# least 183 days (MLPS 2.0 level 3; a shorter setting stops the server).
CASE_RETENTION_DAYS = int(env("CASE_RETENTION_DAYS", "1095"))
AUDIT_RETENTION_DAYS = int(env("AUDIT_RETENTION_DAYS", "365"))
# A relative's request about the deceased's personal information is answered
# within this many working days (PIPL Art. 50 leaves the time to rules; 15
# is the national standard GB/T 35273's).
DATA_REQUEST_WORKING_DAYS = int(env("DATA_REQUEST_WORKING_DAYS", "15"))

# Sharing with the bodies that handle what follows (api/sharing.py): OAuth2
# client credentials, one scope per purpose, the scopes each body may ask
# for held by cases.ReceivingBody; tokens live ten minutes.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "death-facts": "who died, when and where, and the death certificate",
        "heirs-and-consents": "the heirs and their consents",
        "certificates": "the certificates issued and whether each is valid",
    },
    "DEFAULT_SCOPES": [],
    "SCOPES_BACKEND_CLASS": "api.sharing_scopes.ReceivingBodyScopes",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 600,
    # The OAuth 2.0 Security BCP (RFC 9700) throughout: no implicit or
    # password grant, no plain PKCE, tokens only in the Authorization
    # header and stored hashed, https redirects only (bodies use client
    # credentials, which has none).
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
# Calls a receiving body may make per minute, all cases together.
SHARING_CALLS_PER_MINUTE = int(env("SHARING_CALLS_PER_MINUTE", "60"))

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_MASK_CALLABLE = "cases.masking.mask_for_audit"
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- Department connectors ---------------------------------------------------
CONNECTOR_TIMEOUT_SECONDS = float(env("CONNECTOR_TIMEOUT_SECONDS", 10))
CONNECTOR_MAX_ATTEMPTS = int(env("CONNECTOR_MAX_ATTEMPTS", 8))
CONNECTOR_RETRY_BASE_SECONDS = float(env("CONNECTOR_RETRY_BASE_SECONDS", 30))
CONNECTOR_RETRY_CAP_SECONDS = float(env("CONNECTOR_RETRY_CAP_SECONDS", 3600))
# How long a worker may take to send one dispatch before the scheduled sweep
# decides it died and sends again (the department recognises the key).
CONNECTOR_LEASE_SECONDS = float(env("CONNECTOR_LEASE_SECONDS", 120))
# How long the links in a payload open the task's documents for the
# department's system (each attempt carries fresh ones).
CONNECTOR_FILE_LINK_SECONDS = int(env("CONNECTOR_FILE_LINK_SECONDS", 900))

# --- Satisfaction ratings (政务服务"好差评") ---------------------------------------
# Working days a department's supervisors have to answer a poor rating. The
# national rules allow up to 15 working days to put one right; a grieving
# family should hear back sooner.
RATING_REVIEW_WORKING_DAYS = int(env("RATING_REVIEW_WORKING_DAYS", 5))

# --- SMS ----------------------------------------------------------------------
# file: one JSON line per message under var/sms/ (development); memory: an
# in-process outbox (tests); http: the provider's gateway (production).
SMS_BACKEND = env("SMS_BACKEND", "http")
SMS_HTTP_URL = env("SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = env("SMS_HTTP_TOKEN", "")
SMS_DAILY_CAP_PER_PHONE = int(env("SMS_DAILY_CAP_PER_PHONE", 20))
SMS_MAX_ATTEMPTS = int(env("SMS_MAX_ATTEMPTS", 5))
SMS_RETRY_BASE_SECONDS = float(env("SMS_RETRY_BASE_SECONDS", 30))
SMS_RETRY_CAP_SECONDS = float(env("SMS_RETRY_CAP_SECONDS", 1800))

# --- Citizens' sign-in by SMS code (django-otp) -------------------------------
OTP_TOTP_ISSUER = "身后一件事"
OTP_TOTP_THROTTLE_FACTOR = int(env("OTP_TOTP_THROTTLE_FACTOR", 1))
OTP_TOTP_LOCKOUT_FAILURES = int(env("OTP_TOTP_LOCKOUT_FAILURES", 10))
OTP_STATIC_THROTTLE_FACTOR = int(env("OTP_STATIC_THROTTLE_FACTOR", 1))
OTP_SMS_TOKEN_VALIDITY = int(env("OTP_SMS_TOKEN_VALIDITY", 300))
OTP_SMS_COOLDOWN_SECONDS = int(env("OTP_SMS_COOLDOWN_SECONDS", 60))
OTP_SMS_THROTTLE_FACTOR = int(env("OTP_SMS_THROTTLE_FACTOR", 1))
OTP_SMS_LOCKOUT_FAILURES = int(env("OTP_SMS_LOCKOUT_FAILURES", 5))
OTP_SMS_LOCKOUT_MINUTES = int(env("OTP_SMS_LOCKOUT_MINUTES", 30))
# Codes one network (IP address) may ask for per hour, whatever the numbers.
SIGN_IN_CODES_PER_NETWORK_PER_HOUR = int(env("SIGN_IN_CODES_PER_NETWORK_PER_HOUR", 30))
# Sign-in codes one number may receive in a day: their own allowance, apart
# from SMS_DAILY_CAP_PER_PHONE, so that nobody asking for codes to someone
# else's number can spend the texts about that family's case.
SIGN_IN_CODES_PER_PHONE_PER_DAY = int(env("SIGN_IN_CODES_PER_PHONE_PER_DAY", 10))
# Behind a reverse proxy: the META key of the header carrying the client's
# address, e.g. HTTP_X_REAL_IP. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "")
# How many proxies of ours stand in front and append to that header: the
# client's address is the entry the outermost of them added (the rightmost
# but N-1); entries further left are the client's own and may be forged.
CLIENT_IP_TRUSTED_PROXIES = int(env("CLIENT_IP_TRUSTED_PROXIES", 1))

# --- The shared registry (大数据局) ------------------------------------------
SHARED_REGISTRY_SOURCE = env("SHARED_REGISTRY_SOURCE", "")
# For SHARED_REGISTRY_SOURCE=http:
SHARED_REGISTRY_URL = env("SHARED_REGISTRY_URL", "")
SHARED_REGISTRY_SECRET = env("SHARED_REGISTRY_SECRET", "")
SHARED_REGISTRY_TIMEOUT_SECONDS = float(env("SHARED_REGISTRY_TIMEOUT_SECONDS", 5))
# The cross-bank search asked when the registry lists no bank for a deceased
# with deposits: "" (none: the finance group's own task searches) or http.
BANK_SEARCH_SOURCE = env("BANK_SEARCH_SOURCE", "")
BANK_SEARCH_URL = env("BANK_SEARCH_URL", "")
BANK_SEARCH_SECRET = env("BANK_SEARCH_SECRET", "")
BANK_SEARCH_TIMEOUT_SECONDS = float(env("BANK_SEARCH_TIMEOUT_SECONDS", 5))

# Seeding demo people and staff with printed passwords is for development only.
DEMO_DATA_ALLOWED = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# django-csp: everything from our own origin, no inline script or style, no
# plugins. Framing stays X_FRAME_OPTIONS' (DENY, and same-origin only for the
# workbench's document preview), so frame-ancestors is not set here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# What Wagtail's admin needs on top (cms.middleware.ContentSecurityPolicy):
# its pages set inline styles (the browser tests fail on any violation, so a
# need for more shows there). Scripts stay our origin's only.
CONTENT_SECURITY_POLICY_ADMIN = {"style-src": [UNSAFE_INLINE]}

# Unfinished applications (and their uploads) are deleted after this many
# days without a change.
DRAFT_RETENTION_DAYS = int(env("DRAFT_RETENTION_DAYS", 30))

# A TrueType font with Chinese characters, embedded in generated PDFs.
CJK_FONT_PATH = env("CJK_FONT_PATH", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

LOGIN_URL = "portal:sign_in"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "utc": {
            "()": "cms.logging.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the request (with query strings) on every 4xx/5xx; our
        # URLs carry no personal data, but the level stays at WARNING anyway.
        "django.request": {"level": "WARNING"},
    },
}

ADMINS_EMAIL_ENABLED = env_bool("ADMINS_EMAIL_ENABLED", False)

# --- Hotline (电话办) -----------------------------------------------------------
# Refused lookups one agent may have in an hour before being locked out.
HOTLINE_MAX_REFUSALS_PER_HOUR = int(env("HOTLINE_MAX_REFUSALS_PER_HOUR", 10))

# --- Heirs' delegated authorization (亲属间委托授权) and the notary ----------------
# An heir's request lapses after this many days, with one reminder this many
# hours before; then the notary route opens.
DELEGATION_VALID_DAYS = int(env("DELEGATION_VALID_DAYS", 7))
DELEGATION_REMINDER_HOURS_BEFORE = int(env("DELEGATION_REMINDER_HOURS_BEFORE", 24))
# The appointment the notary task proposes: this many working days ahead, at
# this time, at this place (the notary office confirms it by phone).
NOTARY_APPOINTMENT_WORKING_DAYS = int(env("NOTARY_APPOINTMENT_WORKING_DAYS", 1))
NOTARY_APPOINTMENT_TIME = datetime.time.fromisoformat(env("NOTARY_APPOINTMENT_TIME", "09:30"))
NOTARY_OFFICE_PLACE = env("NOTARY_OFFICE_PLACE", "市公证处便民服务窗口")

# --- GraphQL API ----------------------------------------------------------------
GRAPHENE = {"SCHEMA": "api.schema.schema"}
API_APP_TOKEN_DAYS = int(env("API_APP_TOKEN_DAYS", 30))
API_HOTLINE_TOKEN_HOURS = int(env("API_HOTLINE_TOKEN_HOURS", 12))
GRAPHQL_MAX_DEPTH = int(env("GRAPHQL_MAX_DEPTH", 8))
GRAPHQL_MAX_FIELDS = int(env("GRAPHQL_MAX_FIELDS", 200))
GRAPHQL_MAX_ALIASES = int(env("GRAPHQL_MAX_ALIASES", 15))
GRAPHQL_MAX_BATCH = int(env("GRAPHQL_MAX_BATCH", 10))
# Bounds checked before graphql-core's own validation (api/bounds.py): the
# document's size, its tokens, how deeply it nests, and its fragment spreads
# counted with their expansion.
GRAPHQL_MAX_QUERY_BYTES = int(env("GRAPHQL_MAX_QUERY_BYTES", 8192))
GRAPHQL_MAX_TOKENS = int(env("GRAPHQL_MAX_TOKENS", 1500))
GRAPHQL_MAX_NESTING = int(env("GRAPHQL_MAX_NESTING", 16))
GRAPHQL_MAX_FRAGMENT_SPREADS = int(env("GRAPHQL_MAX_FRAGMENT_SPREADS", 30))
# Off in production; app and hotline tokens may then send only the operations
# in graphql/operations/ (by SHA-256), see api/allowlist.py.
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
GRAPHQL_ALLOWLIST_ONLY = env_bool("GRAPHQL_ALLOWLIST_ONLY", False)
GRAPHQL_OPERATIONS_DIR = BASE_DIR / "graphql" / "operations"

# --- Sealed certificates (PAdES) ----------------------------------------------------
# The department signing keys and certificates (<code>.key.pem, <code>.cert.pem)
# and the CA the verification page trusts (ca.cert.pem).
PKI_DIR = Path(env("PKI_DIR", VAR_DIR / "pki"))
# Whose seal the result feedback list bears: the department that leads the
# "one application" (民政 in Huzhou's standard), with its key in PKI_DIR.
RESULT_LIST_SEAL_DEPARTMENT = env("RESULT_LIST_SEAL_DEPARTMENT", "civil_affairs")
# Printed in each certificate's QR code: where anyone can check it.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
