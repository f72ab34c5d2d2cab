"""The tracker's dashboard page: empty and full, escaping, a constant number of queries, and the main-page card."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.tracker.factories import interview, reminder
from tracker import analytics, charts
from tracker.models import Application
from tracker.services import change_status, create_application

pytestmark = pytest.mark.django_db
S = Application.Status
URL = "/tracker/"


def fill(user, count: int) -> None:
    """`count` applications spread over sources, resumes and statuses, with history, interviews and reminders."""
    now = timezone.now()
    walks = [[], [S.SCREENING], [S.SCREENING, S.INTERVIEWING], [S.INTERVIEWING, S.OFFER], [S.REJECTED], [S.GHOSTED]]
    for i in range(count):
        start = now - timezone.timedelta(days=60 - i % 50)
        app = create_application(
            user,
            company=f"Company {i}",
            role="Engineer",
            status=S.SAVED if i % 7 == 0 else S.APPLIED,
            source=["LinkedIn", "Referral", "Company site", f"Board {i}"][i % 4],
            resume_label=f"Version {i % 5}",
            next_action="Follow up" if i % 3 == 0 else "",
            next_action_on=timezone.localdate() if i % 3 == 0 else None,
            at=start,
        )
        if app.status == S.APPLIED:
            for step, status in enumerate(walks[i % len(walks)], start=1):
                change_status(app, status, at=start + timezone.timedelta(days=step * 3))
        if i % 2 == 0:
            interview(user, app, starts_at=now + timezone.timedelta(days=1 + i % 10))
            reminder(user, app, due_on=timezone.localdate())
    analytics.snapshot_all(weeks=3, users=[user])


def test_it_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_it_refuses_post(owner_client):
    assert owner_client.post(URL).status_code == 405


def test_a_new_user_sees_where_to_start(owner_client):
    response = owner_client.get(reverse("tracker:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing tracked yet" in content
    for name in ("tracker:create", "tracker:board", "tracker:import"):
        assert f'href="{reverse(name)}"' in content
    assert "<svg" not in content


def test_a_full_dashboard_shows_figures_charts_and_links(owner, owner_client):
    fill(owner, 12)
    response = owner_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="{reverse("tracker:list")}?status=interviewing"' in content
    assert content.count('<svg class="chart-svg"') == 6  # funnel, weeks, sources, versions, two trend lines
    assert 'aria-labelledby="chart-funnel-title chart-funnel-desc"' in content
    assert '<title id="chart-funnel-title">Application funnel</title>' in content
    assert 'class="visually-hidden"><table><caption>Funnel</caption>' in content
    figures = response.context["figures"]
    assert figures["upcoming"], "interviews in the next days are listed"
    first = figures["upcoming"][0]
    assert f'href="{reverse("tracker:detail", kwargs={"application_id": first.application_id})}"' in content
    assert "Follow up with the recruiter" in content and "Follow up</a>" in content
    assert "LinkedIn" in content and "Version 0" in content and "too few" in content
    assert "From the weekly snapshots" in content


def test_user_strings_are_escaped_in_tables_and_charts(owner, owner_client):
    for _ in range(3):
        create_application(
            owner,
            company="Acme",
            role="Engineer",
            status=S.APPLIED,
            source="<script>alert(1)</script>",
            resume_label='"><img src=x onerror=alert(2)>',
        )
    content = owner_client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    # In the SVG itself too, not only the tables.
    chart = str(charts.outcome_bars(analytics.pipeline(owner)["by_source"], chart_id="c", title="T"))
    assert "<script>" not in chart and "&lt;script&gt;" in chart


def test_charts_escape_their_own_strings():
    rows = [{"name": "<b>x</b>", "applied": 4, "responses": 1, "interviews": 0, "offers": 0, "too_few": False,
             "response_pct": 25}]  # fmt: skip
    chart = str(charts.outcome_bars(rows, chart_id="c", title="A & <B>"))
    assert "<b>x</b>" not in chart and "&lt;b&gt;x&lt;/b&gt;" in chart
    assert "A &amp; &lt;B&gt;" in chart


def queries_for(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_number_of_queries_does_not_grow_with_the_applications(owner, owner_client, stranger, stranger_client):
    fill(owner, 3)
    fill(stranger, 30)
    few, many = queries_for(owner_client), queries_for(stranger_client)
    assert len(few) == len(many), "\n".join(many)
    assert len(many) <= 12


def test_the_main_dashboard_card(owner, owner_client, django_assert_num_queries):
    from tracker.dashboard import card

    with django_assert_num_queries(1):
        empty = card(owner)
    assert empty["figure"] == 0 and empty["url"] == reverse("tracker:index")
    app = create_application(owner, company="Acme", role="Engineer", status=S.APPLIED)
    change_status(app, S.INTERVIEWING)
    create_application(owner, company="Beta", role="Engineer", status=S.REJECTED)
    result = card(owner)
    assert result["figure"] == 1 and "1 interviewing" in result["text"]
    assert b"Open applications" in owner_client.get(reverse("dashboard")).content
