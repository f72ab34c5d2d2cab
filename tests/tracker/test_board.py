"""The board: columns in pipeline order, their ordering, the closed link, and a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tracker.factories import application
from tracker.models import Application
from tracker.views import applications as views

pytestmark = pytest.mark.django_db
S = Application.Status
BOARD = reverse("tracker:board")


def _column(body: str, status: str) -> str:
    match = re.search(
        rf'data-board-list data-status="{status}">(.*?)</div>\s*(?:<a class="board-more"|</section>)', body, re.S
    )
    assert match, f"no {status} column"
    return match.group(1)


def _roles(html: str) -> list[str]:
    return re.findall(r'class="card-role" href="[^"]+">([^<]+)</a>', html)


def test_it_shows_open_columns_in_pipeline_order_and_closed_as_a_link(owner_client, owner):
    application(owner, role="Saved role", status=S.SAVED)
    application(owner, role="Screening role", status=S.SCREENING)
    application(owner, role="Rejected role", status=S.REJECTED)
    application(owner, role="Ghosted role", status=S.GHOSTED)
    body = owner_client.get(BOARD).content.decode()
    headings = re.findall(r'<h2 id="column-(\w+)">', body)
    assert headings == ["saved", "applied", "screening", "interviewing", "offer", "closed"]
    assert _roles(_column(body, "saved")) == ["Saved role"]
    assert _roles(_column(body, "screening")) == ["Screening role"]
    # Closed applications are counted, not drawn: a link to the list filtered to them.
    assert "Rejected role" not in body and "Ghosted role" not in body
    assert f'href="{reverse("tracker:list")}?status=closed">See all closed</a>' in body
    assert 'data-count-for="closed">2<' in body
    assert 'data-count-for="rejected">1<' in body and 'data-count-for="ghosted">1<' in body


def test_saved_is_ordered_by_priority_score_and_others_by_last_move(owner_client, owner):
    low = application(owner, role="Low", status=S.SAVED)
    high = application(owner, role="High", status=S.SAVED)
    tie_normal = application(owner, role="Tie normal", status=S.SAVED)
    tie_high = application(owner, role="Tie high", status=S.SAVED, priority=Application.Priority.HIGH)
    Application.objects.filter(pk=low.pk).update(priority_score=10)
    Application.objects.filter(pk=high.pk).update(priority_score=90)
    Application.objects.filter(pk__in=[tie_normal.pk, tie_high.pk]).update(priority_score=50)
    now = timezone.now()
    older = application(owner, role="Moved long ago", status=S.APPLIED)
    newer = application(owner, role="Moved lately", status=S.APPLIED)
    Application.objects.filter(pk=older.pk).update(status_changed_at=now - timezone.timedelta(days=9))
    Application.objects.filter(pk=newer.pk).update(status_changed_at=now - timezone.timedelta(days=1))

    body = owner_client.get(BOARD).content.decode()
    assert _roles(_column(body, "saved")) == ["High", "Tie high", "Tie normal", "Low"]
    assert _roles(_column(body, "applied")) == ["Moved lately", "Moved long ago"]


def test_a_full_column_links_to_the_rest(owner_client, owner, monkeypatch):
    monkeypatch.setattr(views, "BOARD_COLUMN_LIMIT", 2)
    for n in range(5):
        application(owner, role=f"Role {n}", status=S.INTERVIEWING)
    body = owner_client.get(BOARD).content.decode()
    assert len(_roles(_column(body, "interviewing"))) == 2
    assert f'href="{reverse("tracker:list")}?status=interviewing">3 more…</a>' in body
    assert 'data-count-for="interviewing">5<' in body


def test_every_card_can_move_without_dragging(owner_client, owner):
    app = application(owner, status=S.APPLIED)
    body = owner_client.get(BOARD).content.decode()
    move_url = reverse("tracker:move", args=[app.id])
    assert f'<form method="post" action="{move_url}" class="card-move"' in body
    assert '<option value="applied" selected>Applied</option>' in body
    assert '<option value="rejected">Rejected</option>' in body


def test_sortable_is_loaded_on_the_board_only(owner_client, owner):
    assert "vendor/sortablejs/Sortable.min.js" in owner_client.get(BOARD).content.decode()
    assert "vendor/sortablejs/Sortable.min.js" not in owner_client.get(reverse("tracker:list")).content.decode()


def test_it_shows_only_the_users_applications(owner_client, owner, stranger):
    application(stranger, role="Their secret role", status=S.SAVED)
    application(owner, role="My role", status=S.SAVED)
    body = owner_client.get(BOARD).content.decode()
    assert "My role" in body and "Their secret role" not in body


def test_anonymous_is_sent_to_login(client):
    response = client.get(BOARD)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def _fill(user, count: int) -> None:
    statuses = list(S)
    for n in range(count):
        application(user, company=f"Company {n}", role=f"Role {n}", status=statuses[n % len(statuses)])


def test_the_board_runs_the_same_number_of_queries_for_3_and_30_applications(
    owner_client, owner, django_assert_num_queries
):
    _fill(owner, 3)
    owner_client.get(BOARD)  # warm the session and the template caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert owner_client.get(BOARD).status_code == 200
    _fill(owner, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        body = owner_client.get(BOARD).content.decode()
    assert (
        body.count('<article class="board-card') == 18
    )  # the 30 rows were really drawn (closed ones are counted only)


@pytest.mark.parametrize("page", ["tracker:board", "tracker:list"])
def test_user_text_is_escaped_in_the_hand_built_cards_and_rows(owner_client, owner, page):
    # Cards and rows are built in Python for speed (see tracker.views.applications); nothing the user typed may
    # reach the page as markup.
    application(
        owner,
        company='<script>alert("c")</script>',
        role='"><img src=x onerror=alert(1)>',
        source="<b>board</b>",
        next_action="<i>call</i>",
        status=S.SAVED,
    )
    body = owner_client.get(reverse(page)).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>board</b>" not in body
    assert "&lt;script&gt;alert(&quot;c&quot;)&lt;/script&gt;" in body
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body
