import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.models import User

OUR_APPS = {"accounts", "resumes", "jobs", "optimize", "tracker", "billing"}


def test_the_landing_page_explains_the_product(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Create a free account" in response.content
    assert b"Tailor" in response.content and b"Track" in response.content


def test_the_dashboard_needs_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["dashboard", "resumes:index", "jobs:index", "optimize:index", "tracker:index"])
def test_every_area_renders_with_navigation(owner_client, name):
    response = owner_client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    for area in ("Resumes", "Jobs", "Optimize", "Tracker"):
        assert f">{area}</a>" in html
    assert 'aria-current="page"' in html
    assert "hx-headers" in html and "X-CSRFToken" in html


def test_billing_is_hidden_when_switched_off(owner_client, settings):
    settings.BILLING_ENABLED = False
    assert owner_client.get(reverse("billing:index")).status_code == 404
    assert b">Billing</a>" not in owner_client.get(reverse("dashboard")).content


def test_billing_is_shown_when_switched_on(owner_client, settings):
    settings.BILLING_ENABLED = True
    assert owner_client.get(reverse("billing:index")).status_code == 200
    assert b">Billing</a>" in owner_client.get(reverse("dashboard")).content


def test_allauth_pages_use_our_layout(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert "vendor/pico/pico.min.css" in html
    assert 'class="site-header"' in html


def test_every_model_of_ours_is_in_the_admin():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not admin.site.is_registered(model)
    ]
    assert missing == []


def test_every_admin_changelist_opens(client, db):
    staff = User.objects.create_superuser(email="root@example.com", password="x-very-long-password-1")
    client.force_login(staff)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
