"""The tracker in the admin: every changelist and a change page render for staff; the actions work."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.tracker.factories import application, contact, csv_import, interview, note, reminder
from tracker.models import AnalyticsSnapshot, CalendarFeed, Reminder, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.com", password="x" * 20)
    client.force_login(admin)
    return client


@pytest.fixture
def rows(owner):
    app = application(owner, company="Acme Analytics", role="Backend Engineer")
    return {
        "application": app,
        "statuschange": StatusChange.objects.get(application=app),
        "note": note(owner, app),
        "contact": contact(owner, app),
        "interview": interview(owner, app),
        "reminder": reminder(owner, app),
        "calendarfeed": CalendarFeed.objects.create(user=owner),
        "analyticssnapshot": AnalyticsSnapshot.objects.create(user=owner, week_start="2025-01-06"),
        "csvimport": csv_import(owner),
    }


def test_every_changelist_and_change_page_renders(admin_client, rows):
    for model, obj in rows.items():
        changelist = admin_client.get(reverse(f"admin:tracker_{model}_changelist"))
        assert changelist.status_code == 200, model
        change = admin_client.get(reverse(f"admin:tracker_{model}_change", args=[obj.pk]))
        assert change.status_code == 200, model
    page = admin_client.get(reverse("admin:tracker_application_change", args=[rows["application"].pk]))
    html = page.content.decode()
    # The inlines are there; the FKs are raw ids, not selects listing every posting or resume.
    for prefix in ("status_changes", "notes", "contacts", "interviews", "reminders"):
        assert f'id="id_{prefix}-TOTAL_FORMS"' in html
    for name in ("user", "posting", "job_description", "resume", "resume_version"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*vForeignKeyRawIdAdminField', html), name


def test_search_and_filters(admin_client, rows, stranger):
    application(stranger, company="Zenith Labs", role="Designer", status="offer")
    url = reverse("admin:tracker_application_changelist")
    html = admin_client.get(url, {"q": "owner@example"}).content.decode()
    assert "Acme Analytics" in html and "Zenith Labs" not in html
    html = admin_client.get(url, {"status__exact": "offer"}).content.decode()
    assert "Zenith Labs" in html and "Acme Analytics" not in html


def test_the_feed_token_is_hidden(admin_client, rows):
    feed = rows["calendarfeed"]
    html = admin_client.get(reverse("admin:tracker_calendarfeed_change", args=[feed.pk])).content.decode()
    assert feed.token not in html and feed.token[:4] in html


def test_csv_rows_are_read_only(admin_client, rows):
    job = rows["csvimport"]
    html = admin_client.get(reverse("admin:tracker_csvimport_change", args=[job.pk])).content.decode()
    assert 'name="rows"' not in html and "Acme" in html


def test_mark_done_and_revoke_actions(admin_client, rows, owner):
    url = reverse("admin:tracker_reminder_changelist")
    pending = reminder(owner, rows["application"], title="Another")
    admin_client.post(url, {"action": "mark_done", "_selected_action": [str(rows["reminder"].pk), str(pending.pk)]})
    assert Reminder.objects.filter(done_at__isnull=True).count() == 0

    url = reverse("admin:tracker_calendarfeed_changelist")
    admin_client.post(url, {"action": "revoke", "_selected_action": [str(rows["calendarfeed"].pk)]})
    assert not CalendarFeed.objects.exists()


def _post_data(response) -> dict:
    """What the browser would send back from an admin change page, unchanged."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            widget = bound.field.widget
            if hasattr(widget, "widgets"):  # a split date and time
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            else:
                value = bound.field.prepare_value(value)
                data[bound.html_name] = "" if value is None else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.initial_forms:
            add(form)
    return data


def test_a_note_added_inline_belongs_to_the_applications_user(admin_client, rows, owner):
    app = rows["application"]
    url = reverse("admin:tracker_application_change", args=[app.pk])
    data = _post_data(admin_client.get(url))
    data["notes-TOTAL_FORMS"] = str(int(data["notes-TOTAL_FORMS"]) + 1)
    new = int(data["notes-TOTAL_FORMS"]) - 1
    data[f"notes-{new}-text"] = "Added by support"
    data[f"notes-{new}-application"] = str(app.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    added = app.notes.get(text="Added by support")
    assert added.user == owner
