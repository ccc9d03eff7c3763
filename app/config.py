"""Settings, read from the environment. Production refuses to start without a real secret."""

from __future__ import annotations

import os
import secrets
import tempfile
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
INSTANCE_DIR = BASE_DIR / "instance"


def _dev_secret() -> str:
    """A per-checkout random secret kept in instance/, so sessions survive restarts in development."""
    INSTANCE_DIR.mkdir(exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        INSTANCE_DIR.mkdir(exist_ok=True)
        return f"sqlite:///{INSTANCE_DIR / 'ole.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def celery_settings(redis_url: str) -> dict[str, object]:
    """Celery's settings: through Redis, or eager (in-process, no broker) when there is no Redis."""
    eager = not redis_url
    return {
        "broker_url": redis_url or "memory://",
        "result_backend": redis_url or "cache+memory://",
        "task_always_eager": eager,
        "task_eager_propagates": eager,
        "task_acks_late": True,  # a worker killed mid-task leaves it to another (tasks are idempotent)
        "worker_prefetch_multiplier": 1,  # push shards are long; one at a time per worker process
        "result_expires": 24 * 3600,
        "timezone": "Asia/Shanghai",  # the beat schedule's hours are Beijing time
        "broker_connection_retry_on_startup": True,
    }


class Config:
    """Settings for development and production."""

    ENV_NAME = os.environ.get("OLE_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY") or (None if ENV_NAME == "production" else _dev_secret())
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_ENABLED = True
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh", "en")
    PAGE_SIZE = 20
    # Long lists (the announcements, 100,000 at national scale) count their rows up to this many, then show
    # "more than": an exact count of every match would read them all on every page.
    COUNT_CAP = 1000
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024  # multipart uploads; 413 beyond (issue 8 §5)
    MAX_JSON_BYTES = 2 * 1024 * 1024  # every other body (JSON, forms); see app/inputs.py
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default cost: n=2**15, r=8, p=1
    API_TOKEN_TTL_HOURS = int(os.environ.get("API_TOKEN_TTL_HOURS", "720"))
    # Flask-Limiter: memory by default, Redis (shared by every worker) when REDIS_URL is set.
    RATELIMIT_ENABLED = True
    REDIS_URL = os.environ.get("REDIS_URL", "").strip()
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "10 per minute")  # per IP and per account
    OPEN_DATA_RATE_LIMIT = os.environ.get("OPEN_DATA_RATE_LIMIT", "120 per minute")  # anonymous API, per IP
    # Anonymous answers of the public pages, kept by their ETag in each process's memory (app/httpcache.py);
    # 0 seconds switches it off.
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
    PAGE_CACHE_MEMORY_MB = int(os.environ.get("PAGE_CACHE_MEMORY_MB", "64"))
    # Behind N reverse proxies, trust N X-Forwarded-For/-Proto hops (else every visitor has the proxy's IP).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    HSTS_SECONDS = 0  # no Strict-Transport-Security outside production
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "noreply@open-licence.example")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")  # for links in e-mails
    MATCHING_MODEL_PATH = os.environ.get("MATCHING_MODEL_PATH", "")
    MATCHING_INDEX_DIR = os.environ.get("MATCHING_INDEX_DIR", str(INSTANCE_DIR / "index"))
    # From 0.2 up about half of what is pushed is relevant on dev data (bench/push_threshold.py, RESULTS.md);
    # at 0.35, measured for earlier channel weights, only 25 of 315 needs-like queries would get any push.
    PUSH_THRESHOLD = float(os.environ.get("PUSH_THRESHOLD", "0.2"))
    # A Celery push run gives each worker task this many enterprises (by id), see app/worker/.
    PUSH_SHARD_SIZE = int(os.environ.get("PUSH_SHARD_SIZE", "5000"))
    # CNIPA publishes no amount for "pledged for a high financing amount": CNY 10 million is our judgement.
    HIGH_VALUE_PLEDGE_THRESHOLD = Decimal(os.environ.get("HIGH_VALUE_PLEDGE_THRESHOLD", "10000000"))
    # 国知发运字〔2024〕19号 caps, known from news copies only (unverified): above them the product warns.
    FEE_CAP_FIXED_CNY = os.environ.get("FEE_CAP_FIXED_CNY", "20000000")
    FEE_CAP_ROYALTY_PCT = os.environ.get("FEE_CAP_ROYALTY_PCT", "20")
    # Verification evidence (certificates, register extracts): never in a static folder, served after a check.
    EVIDENCE_DIR = os.environ.get("EVIDENCE_DIR", str(INSTANCE_DIR / "evidence"))
    # Payments: a claim neither confirmed nor disputed within this many days alerts the operator.
    PAYMENT_CONFIRM_DAYS = int(os.environ.get("PAYMENT_CONFIRM_DAYS", "15"))
    PAYMENT_WEBHOOK_SECRET = os.environ.get("PAYMENT_WEBHOOK_SECRET", "")  # empty: the webhook is off
    PAYMENT_WEBHOOK_TOLERANCE_SECONDS = int(os.environ.get("PAYMENT_WEBHOOK_TOLERANCE_SECONDS", "300"))
    RECEIPT_DIR = os.environ.get("RECEIPT_DIR", str(INSTANCE_DIR / "receipts"))
    RECEIPT_MAX_BYTES = 5 * 1024 * 1024

    @classmethod
    def check(cls) -> None:
        """Fail fast when a production secret is missing."""
        if not cls.SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set when OLE_ENV=production")


class ProductionConfig(Config):
    """Production (OLE_ENV=production): cookies only over HTTPS, and browsers told to stay on HTTPS."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS_SECONDS = 63072000  # two years


def config_for_env() -> type[Config]:
    """The settings class OLE_ENV asks for."""
    return ProductionConfig if Config.ENV_NAME == "production" else Config


class TestConfig(Config):
    """Settings for the test suite: a throwaway database; CSRF is switched on by the tests that check it."""

    TESTING = True
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "test-secret-not-for-production"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    MATCHING_INDEX_DIR = ""
    EVIDENCE_DIR = str(Path(tempfile.gettempdir()) / "ole-test-evidence")
    RATELIMIT_ENABLED = False  # a test that checks the limits switches them on
    REDIS_URL = ""  # Celery tasks run in the test's process; tests/worker starts a real worker
    # Thousands of users are made per run: a cheap scrypt (n=2**10) there; real accounts keep the full cost.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
