"""Settings in both modes, read by a fresh interpreter exactly as a deployment would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-tests-0123456789abcdefghij",
    "ALLOWED_HOSTS": "careers.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://careers.example.com",
    "DATABASE_URL": "postgres://app:pw@db.internal:5432/careeragent",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "S3_BUCKET": "careeragent-files",
    "S3_ENDPOINT_URL": "https://minio.internal:9000",
    "S3_ACCESS_KEY_ID": "minio",
    "S3_SECRET_ACCESS_KEY": "minio-secret",
    "EMAIL_URL": "smtp://mailer:pw@smtp.internal:587",
    "TRUSTED_PROXY_COUNT": "1",
}

PROBE = """
import json, django, dramatiq
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE"),
    "broker": type(dramatiq.get_broker()).__name__,
    "cache": settings.CACHES["default"]["BACKEND"],
    "storage": type(storages["default"]).__name__,
    "email": settings.EMAIL_BACKEND,
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "session_secure": settings.SESSION_COOKIE_SECURE,
}))
"""


def clean_env(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "VIRTUAL_ENV", "TMPDIR")}
    return {**keep, "DJANGO_SETTINGS_MODULE": "careeragent.settings", **extra}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def probe(env: dict[str, str]) -> dict:
    result = run_python(PROBE, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_set_gives_the_embedded_default():
    found = probe(clean_env(DEBUG="true"))
    assert found["db"] == "django.db.backends.sqlite3"
    assert found["broker"] == "StubBroker"
    assert found["cache"].endswith("LocMemCache")
    assert found["storage"] == "FileSystemStorage"
    assert found["email"].endswith("console.EmailBackend")


def test_production_variables_switch_every_part_on():
    found = probe(clean_env(**PRODUCTION))
    assert found["db"] == "django.db.backends.postgresql"
    assert found["conn_max_age"] == 600
    assert found["broker"] == "RedisBroker"
    assert found["cache"].endswith("RedisCache")
    assert found["storage"] == "S3Storage"
    assert found["email"].endswith("smtp.EmailBackend")
    assert found["ssl_redirect"] is True and found["session_secure"] is True


def test_check_deploy_is_clean_with_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_env(**PRODUCTION),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_value_stops_start_up_naming_the_variable():
    result = run_python("import django; django.setup()", clean_env(DEBUG="ture"))
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    env = clean_env(**{k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
