import pytest
from django.urls import reverse


def test_healthz_reports_every_dependency(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}
    assert all(check["ok"] for check in body["checks"].values())


def test_healthz_answers_503_when_the_cache_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    # Changing CACHES resets Django's cache handler (a setting_changed receiver), so this is a real Redis client.
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False and "Error" in checks["cache"]["error"]
    assert checks["database"]["ok"] is True


def test_healthz_answers_503_when_storage_is_unwritable(client, db, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    storages = dict(settings.STORAGES)
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": blocker / "media"},
    }
    settings.STORAGES = storages
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_is_read_only(client, db, method):
    assert getattr(client, method)(reverse("healthz")).status_code == 405


def test_healthz_answers_any_host_over_plain_http(client, db, settings):
    # Docker's HEALTHCHECK and load balancers probe http://127.0.0.1/healthz with an internal Host header.
    settings.ALLOWED_HOSTS = ["careers.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400
