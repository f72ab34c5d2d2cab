"""Job-board ingestion against the loopback board server: runs, counts, closing, duplicates, command, admin."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jobs import ingest
from jobs.ingest import analyze_pending, scrape_all, scrape_source, upsert
from jobs.models import JobPosting, JobSource, ScrapeRun
from jobs.sources import NormalizedPosting, make_client
from tests.jobs.sources.boardserver import (
    FAST_RETRIES,
    FIXTURES,
    MALFORMED_JSON,
    Reply,
    always_failing,
)

GH = "/v1/boards/heronfin/jobs"


@pytest.fixture
def client_http():
    with make_client(connect=1.0, read=2.0) as c:
        yield c


def make_source(server, name="heronfin", kind="greenhouse", **config) -> JobSource:
    defaults = {"greenhouse": {"board": "heronfin"}, "lever": {"board": "pelicanpost"}}.get(kind, {})
    return JobSource.objects.create(
        name=name, kind=kind, config={"base_url": server.base_url, **defaults, **FAST_RETRIES, **config}
    )


def greenhouse_doc() -> dict:
    return json.loads((FIXTURES / "greenhouse.json").read_text())


def serve_json(server, path, document) -> None:
    server.route(path, Reply.text(json.dumps(document)))


def test_first_run_creates_every_posting_with_normalised_fields(db, server, client_http):
    source = make_source(server)
    run = scrape_source(source=source, client=client_http)

    assert run.status == ScrapeRun.Status.SUCCEEDED and run.error == ""
    assert (run.found, run.new, run.updated, run.closed, run.failed) == (2, 2, 0, 0, 0)
    assert run.finished_at and run.duration_ms is not None
    source.refresh_from_db()
    assert source.last_run_at is not None
    posting = JobPosting.objects.get(source=source, external_id="7000001")
    assert posting.title == "Staff Data Engineer"
    assert posting.company and posting.description_text and "<" not in posting.description_text
    assert posting.canonical_url == "https://job-boards.greenhouse.io/heronfin/jobs/7000001"  # gh_src dropped
    assert posting.ctl_key and len(posting.description_fingerprint) == 40
    assert posting.skills and all(isinstance(s, str) for s in posting.skills)
    assert posting.analysis == {}  # analysed after the store, by a follow-up actor
    assert analyze_pending() == 2
    posting.refresh_from_db()
    assert posting.analysis.get("title") == "Staff Data Engineer"
    assert posting.first_seen_at == posting.last_seen_at and posting.closed_at is None
    assert posting.duplicate_of is None


def test_lever_fields_salary_workplace_and_tags(db, server, client_http):
    source = make_source(server, name="pelican", kind="lever")
    run = scrape_source(source=source, client=client_http)
    assert run.status == "succeeded" and run.new == 2
    for posting in JobPosting.objects.filter(source=source):
        assert posting.workplace in ("remote", "hybrid", "onsite", "")
        assert isinstance(posting.tags, list)
        if posting.salary_min is not None:
            assert isinstance(posting.salary_min, int) and posting.salary_period


def test_same_feed_twice_counts_nothing_new_or_updated(db, server, client_http):
    source = make_source(server)
    scrape_source(source=source, client=client_http)
    first_seen = dict(JobPosting.objects.values_list("external_id", "last_seen_at"))

    run = scrape_source(source=source, client=client_http)
    assert (run.found, run.new, run.updated, run.closed) == (2, 0, 0, 0)
    for external_id, last_seen in JobPosting.objects.values_list("external_id", "last_seen_at"):
        assert last_seen > first_seen[external_id]
    assert JobPosting.objects.count() == 2


def test_changed_posting_counts_one_updated_and_is_reanalysed(db, server, client_http):
    source = make_source(server)
    scrape_source(source=source, client=client_http)
    doc = greenhouse_doc()
    doc["jobs"][1]["title"] = "Senior Operations Manager"
    serve_json(server, GH, doc)

    run = scrape_source(source=source, client=client_http)
    assert (run.new, run.updated, run.closed) == (0, 1, 0)
    posting = JobPosting.objects.get(external_id="7000002")
    assert posting.title == "Senior Operations Manager"
    assert posting.analysis == {}  # the old analysis is dropped with the old text
    analyze_pending()
    posting.refresh_from_db()
    assert posting.analysis["title"] == "Senior Operations Manager"


def test_removed_posting_is_closed_and_reopened_when_it_comes_back(db, server, client_http):
    source = make_source(server)
    scrape_source(source=source, client=client_http)
    full = greenhouse_doc()
    doc = greenhouse_doc()
    doc["jobs"] = doc["jobs"][:1]
    serve_json(server, GH, doc)

    run = scrape_source(source=source, client=client_http)
    assert (run.found, run.new, run.updated, run.closed) == (1, 0, 0, 1)
    gone = JobPosting.objects.get(external_id="7000002")
    assert gone.closed_at is not None
    assert JobPosting.objects.get(external_id="7000001").closed_at is None

    serve_json(server, GH, full)
    run = scrape_source(source=source, client=client_http)
    assert (run.new, run.updated, run.closed) == (0, 1, 0)
    assert JobPosting.objects.get(external_id="7000002").closed_at is None


def test_partial_failure_closes_nothing(db, server, client_http):
    feeds = [server.url("/feeds/wombat.rss"), server.url("/feeds/numbat.atom")]
    source = make_source(server, name="feeds", kind="feed", urls=feeds)
    run = scrape_source(source=source, client=client_http)
    assert run.status == "succeeded" and (run.new, run.closed) == (4, 0)

    server.route("/feeds/numbat.atom", always_failing(500))
    run = scrape_source(source=source, client=client_http)
    assert run.status == ScrapeRun.Status.PARTIAL
    assert "numbat.atom" in run.error and "500" in run.error
    assert (run.found, run.new, run.updated, run.closed) == (2, 0, 0, 0)
    assert JobPosting.objects.filter(source=source, closed_at__isnull=True).count() == 4


def test_wwr_postings_past_their_expiry_are_stored_closed(db, server, client_http):
    source = make_source(server, name="wwr", kind="weworkremotely")
    run = scrape_source(source=source, client=client_http)
    assert (run.new, run.closed) == (2, 2)  # the 2022 fixture's <expires_at> dates have passed
    assert not JobPosting.objects.filter(source=source, closed_at__isnull=True).exists()


def test_malformed_json_fails_the_run_and_closes_nothing(db, server, client_http):
    source = make_source(server)
    scrape_source(source=source, client=client_http)
    server.route(GH, MALFORMED_JSON)

    run = scrape_source(source=source, client=client_http)
    assert run.status == ScrapeRun.Status.FAILED and "malformed JSON" in run.error
    assert (run.found, run.new, run.updated, run.closed) == (0, 0, 0, 0)
    assert JobPosting.objects.filter(closed_at__isnull=True).count() == 2


def test_expired_posting_is_closed(db, server, client_http):
    source = make_source(server)
    scrape_source(source=source, client=client_http)
    JobPosting.objects.filter(external_id="7000001").update(expires_at=timezone.now() - timedelta(days=1))
    server.route(GH, MALFORMED_JSON)  # even a failed fetch closes what has expired

    run = scrape_source(source=source, client=client_http)
    assert run.closed == 1
    assert JobPosting.objects.get(external_id="7000001").closed_at is not None


def test_one_broken_source_does_not_stop_the_others(db, server, client_http, monkeypatch):
    make_source(server, name="a-broken", board="nosuchboard")  # 404
    make_source(server, name="b-good")
    make_source(server, name="c-pelican", kind="lever")
    make_source(server, name="d-disabled", kind="lever").__class__.objects.filter(name="d-disabled").update(
        enabled=False
    )
    original = ingest.upsert

    def exploding(*, source, **kw):
        if source.name == "b-good":
            raise RuntimeError("database on fire")
        return original(source=source, **kw)

    monkeypatch.setattr(ingest, "upsert", exploding)
    runs = scrape_all(client=client_http)

    assert [r.source.name for r in runs] == ["a-broken", "b-good", "c-pelican"]
    assert runs[0].status == "failed" and "404" in runs[0].error
    assert runs[1].status == "failed" and "RuntimeError: database on fire" in runs[1].error
    assert runs[2].status == "succeeded" and runs[2].new == 2
    assert ScrapeRun.objects.filter(status="failed").count() == 2


def test_scrape_all_only_named_sources(db, server, client_http):
    make_source(server, name="one")
    make_source(server, name="two", kind="lever")
    runs = scrape_all(only=["two"], client=client_http)
    assert [r.source.name for r in runs] == ["two"]


def test_cross_board_duplicates_by_url_and_by_company_title_description(db, server, client_http):
    first = make_source(server, name="heron-direct")
    scrape_source(source=first, client=client_http)
    originals = {p.external_id: p for p in JobPosting.objects.filter(source=first)}

    # The same board mirrored elsewhere: equal canonical apply URLs (tracking parameters differ).
    doc = greenhouse_doc()
    doc["jobs"][0]["absolute_url"] = doc["jobs"][0]["absolute_url"].replace("gh_src=abc123", "utm_source=x")
    serve_json(server, "/v1/boards/mirror/jobs", doc)
    mirror = make_source(server, name="heron-mirror", board="mirror")
    scrape_source(source=mirror, client=client_http)
    copy = JobPosting.objects.get(source=mirror, external_id="7000001")
    assert copy.duplicate_of_id == originals["7000001"].id

    # Reposted with a different URL: same company|title|location and description.
    doc = greenhouse_doc()
    doc["jobs"][1]["absolute_url"] = "https://careers.example.org/ops-manager"
    doc["jobs"][1]["id"] = 8000002
    doc["jobs"] = doc["jobs"][1:]
    serve_json(server, "/v1/boards/repost/jobs", doc)
    repost = make_source(server, name="heron-repost", board="repost")
    scrape_source(source=repost, client=client_http)
    again = JobPosting.objects.get(source=repost, external_id="8000002")
    assert again.duplicate_of_id == originals["7000002"].id
    assert originals["7000001"].duplicate_of_id is None


def test_upsert_directly_without_http(db):
    source = JobSource.objects.create(name="direct", kind="feed", config={})
    now = timezone.now()
    postings = [
        NormalizedPosting(source_id=str(i), title=f"Engineer {i}", description_text="Python and Django.")
        for i in range(3)
    ]
    result = upsert(source=source, postings=postings, now=now)
    assert (result.found, result.new, result.updated, result.closed) == (3, 3, 0, 0)
    result = upsert(source=source, postings=postings[:2], now=now + timedelta(minutes=1), complete=False)
    assert (result.new, result.updated, result.closed) == (0, 0, 0)
    result = upsert(source=source, postings=postings[:2], now=now + timedelta(minutes=2), complete=True)
    assert result.closed == 1
    assert set(JobPosting.objects.get(external_id="0").skills) >= {"Python", "Django"}


def test_scrape_jobs_command_prints_a_table(db, server):
    make_source(server, name="heronfin")
    make_source(server, name="broken", board="nosuchboard")
    out = StringIO()
    call_command("scrape_jobs", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["source", "status", "found", "new", "updated", "closed", "failed", "duration", "error"]
    broken = next(line for line in lines if line.startswith("broken"))
    good = next(line for line in lines if line.startswith("heronfin"))
    assert good.split()[1:7] == ["succeeded", "2", "2", "0", "0", "0"]
    assert "failed" in broken and "404" in broken

    out = StringIO()
    call_command("scrape_jobs", "--source", "heronfin", stdout=out)
    assert out.getvalue().splitlines()[1].split()[1:7] == ["succeeded", "2", "0", "0", "0", "0"]


def test_scrape_jobs_command_unknown_source(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("scrape_jobs", "--source", "nope", stdout=StringIO())


def test_admin_scrape_now_enqueues_and_a_worker_scrapes(worker, server, client):
    staff = User.objects.create_superuser(email="root@example.com", password="x-very-long-password-1")
    client.force_login(staff)
    source = make_source(server)
    response = client.post(
        reverse("admin:jobs_jobsource_changelist"),
        {"action": "scrape_now", "_selected_action": [str(source.pk)]},
        follow=True,
    )
    assert response.status_code == 200 and b"Queued 1 source" in response.content
    worker.drain()

    run = ScrapeRun.objects.get(source=source)
    assert run.status == "succeeded" and run.new == 2
    assert JobPosting.objects.filter(source=source).count() == 2
    assert server.count(GH) == 1


def test_admin_pages_open(db, server, client, client_http):
    staff = User.objects.create_superuser(email="root@example.com", password="x-very-long-password-1")
    client.force_login(staff)
    source = make_source(server)
    scrape_source(source=source, client=client_http)
    posting = JobPosting.objects.first()
    run = ScrapeRun.objects.first()
    for url in (
        reverse("admin:jobs_jobposting_changelist") + "?q=Engineer",
        reverse("admin:jobs_jobposting_change", args=[posting.pk]),
        reverse("admin:jobs_scraperun_change", args=[run.pk]),
        reverse("admin:jobs_jobsource_change", args=[source.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_a_scrape_queues_the_analysis_and_a_worker_fills_it(server, worker):
    import httpx

    source = make_source(server)
    with httpx.Client() as client:
        run = scrape_source(source=source, client=client)
    assert run.new == 2
    worker.drain()
    analysed = JobPosting.objects.filter(source=source).exclude(analysis={})
    assert analysed.count() == 2
    assert {p.analysis["title"] for p in analysed} >= {"Staff Data Engineer"}


def test_due_sources_follow_their_schedule(db):
    from datetime import timedelta

    from django.utils import timezone

    from jobs.ingest import due_sources

    now = timezone.now()
    never = JobSource.objects.create(name="never run", kind="feed", schedule="daily")
    hourly_due = JobSource.objects.create(
        name="hourly", kind="feed", schedule="hourly", last_run_at=now - timedelta(minutes=61)
    )
    JobSource.objects.create(name="daily fresh", kind="feed", schedule="daily", last_run_at=now - timedelta(hours=2))
    JobSource.objects.create(name="manual", kind="feed", schedule="manual")
    JobSource.objects.create(name="off", kind="feed", schedule="hourly", enabled=False)
    assert {s.name for s in due_sources(now=now)} == {never.name, hourly_due.name}
    assert {s.name for s in due_sources(now=now, force=True)} == {"never run", "hourly", "daily fresh"}


def test_the_refresh_button_queues_every_board_once_per_cooldown(owner_client, worker):
    source = JobSource.objects.create(
        name="unreachable",
        kind="feed",
        config={"url": "http://127.0.0.1:9/feed.xml", "max_attempts": 1, "deadline_s": 5},
        last_run_at=None,
    )
    first = owner_client.post(reverse("jobs:refresh"))
    assert first.status_code == 302
    worker.drain()
    run = ScrapeRun.objects.get(source=source)
    assert run.status == ScrapeRun.Status.FAILED and run.error  # it ran, and said why it found nothing
    owner_client.post(reverse("jobs:refresh"))
    worker.drain()
    assert ScrapeRun.objects.filter(source=source).count() == 1  # the cooldown held


def test_the_scheduler_knows_the_scrape_job():
    from dramatiq_crontab import scheduler

    import jobs.actors  # noqa: F401  (registers its schedule)

    job = next(job for job in scheduler.get_jobs() if job.name == "scrape_due_sources")
    assert "*/15" in str(job.trigger)


# ------------------------------------------------------------------------------------------------ bulk writes


_T0 = timezone.now()


def _posting_values(source, external_id: str, **overrides) -> dict:
    now = _T0
    values = {
        "source": source,
        "external_id": external_id,
        "title": "Données Engineer — “Platform”",
        "company": "Acme GmbH",
        "location": "Zürich",
        "remote": None,
        "workplace": "hybrid",
        "salary_min": 90000,
        "salary_max": None,
        "salary_currency": "CHF",
        "salary_period": "year",
        "tags": ["python", "ünïcode", {"nested": [1, 2.5, None, True]}],
        "description_text": "Build data pipelines in Python and PostgreSQL.\nTabs\tand 'quotes' and \\ backslashes.",
        "apply_url": "https://example.org/apply?id=1&x=%20",
        "url": "",
        "posted_at": now - timedelta(days=3),
        "expires_at": None,
        "employment_type": "full_time",
        "skills": ["Python", "PostgreSQL"],
        "analysis": {"title": "x", "salary": {"min": 1, "max": None}, "empty": False},
        "content_hash": "a" * 40,
        "first_seen_at": now,
        "last_seen_at": now,
        "closed_at": None,
        "canonical_url": "https://example.org/apply?id=1",
        "ctl_key": "acme|donnees engineer platform|zurich",
        "description_fingerprint": "b" * 40,
    }
    values.update(overrides)
    return values


_COMPARED = [
    f.attname
    for f in JobPosting._meta.concrete_fields
    if f.attname not in ("id", "external_id", "created_at", "updated_at")
]


def _stored(external_id: str) -> dict:
    return JobPosting.objects.filter(external_id=external_id).values(*_COMPARED).get()


def _search_vectors(external_id: str):
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document IS NOT NULL, search_heading::text, search_document::text "
            "FROM jobs_jobposting WHERE external_id = %s",
            [external_id],
        )
        return cursor.fetchone()


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"remote": True, "salary_max": 2_147_483_647, "expires_at": timezone.now() + timedelta(days=9)},
        {"remote": False, "salary_min": None, "posted_at": None, "tags": [], "skills": [], "analysis": {}},
        {"closed_at": timezone.now(), "company": "", "description_text": ""},
    ],
)
def test_insert_rows_stores_what_bulk_create_stores(db, overrides):
    source = JobSource.objects.create(name="direct", kind="feed", config={})
    django_way = JobPosting(**_posting_values(source, "django", **overrides))
    JobPosting.objects.bulk_create([django_way])
    fast = JobPosting(**_posting_values(source, "fast", **overrides))
    ingest.insert_rows([fast])

    assert not fast._state.adding and fast._state.db == "default"
    assert _stored("fast") == _stored("django")
    stored = JobPosting.objects.get(pk=fast.pk)
    assert stored.created_at == fast.created_at and stored.updated_at == fast.updated_at  # auto_now(_add) applied
    assert stored.created_at is not None
    vectors = _search_vectors("fast")
    if vectors is not None:  # PostgreSQL: the trigger fired on COPY as on INSERT
        assert vectors[0] is True
        assert vectors == _search_vectors("django")


def test_update_rows_writes_the_fields_and_refreshes_the_search_vectors(db):
    source = JobSource.objects.create(name="direct", kind="feed", config={})
    first = JobPosting(**_posting_values(source, "one"))
    second = JobPosting(**_posting_values(source, "two"))
    JobPosting.objects.bulk_create([first, second])
    later = timezone.now() + timedelta(hours=1)
    changed = _posting_values(
        source,
        "one",
        title="Quantum Gardener",
        tags=["changed", {"k": "v"}],
        skills=[],
        analysis={"empty": True},
        posted_at=None,
        expires_at=later,
        closed_at=later,
        remote=True,
        salary_min=None,
    )
    second_before = _stored("two")
    first_again = JobPosting(id=first.pk, updated_at=later, **changed)
    stale = JobPosting(id=first.pk, updated_at=later, **_posting_values(source, "one", title="Stale"))
    ingest.update_rows([stale, first_again], ingest.UPDATE_FIELDS)  # an id twice: the last one wins

    stored = JobPosting.objects.get(pk=first.pk)
    for name in ingest.UPDATE_FIELDS:
        assert getattr(stored, name) == getattr(first_again, name), name
    assert _stored("two") == second_before  # untouched
    vectors = _search_vectors("one")
    if vectors is not None:
        assert "'quantum':1A" in vectors[1] and "'garden':2A" in vectors[2]  # stemmed


def test_upsert_stores_the_same_rows_as_the_orm_path(db, monkeypatch):
    source = JobSource.objects.create(name="direct", kind="feed", config={})
    now = timezone.now()
    postings = [
        NormalizedPosting(
            source_id=str(i),
            title=f"Engineer {i}",
            company="Acme",
            tags=["a", str(i)],
            description_text="Python, Django and PostgreSQL.",
            apply_url=f"https://example.org/{i}?utm_source=x",
            posted_at=now if i % 2 else None,
            expires_at=now - timedelta(days=1) if i == 3 else None,
        )
        for i in range(6)
    ]
    upsert(source=source, postings=postings, now=now)
    fast = {p["external_id"]: p for p in JobPosting.objects.filter(source=source).values("external_id", *_COMPARED)}

    other = JobSource.objects.create(name="orm", kind="feed", config={})
    monkeypatch.setattr(ingest, "insert_rows", lambda objs: JobPosting.objects.bulk_create(list(objs)))
    upsert(source=other, postings=postings, now=now)
    orm = {p["external_id"]: p for p in JobPosting.objects.filter(source=other).values("external_id", *_COMPARED)}
    for key, row in fast.items():
        assert {**row, "source_id": None, "duplicate_of_id": None} == {
            **orm[key],
            "source_id": None,
            "duplicate_of_id": None,
        }
    # The second copy of each posting is a cross-board duplicate of the first.
    assert all(
        JobPosting.objects.get(source=other, external_id=k).duplicate_of_id
        == JobPosting.objects.get(source=source, external_id=k).pk
        for k in fast
        if k != "3"  # expired on arrival: closed, so nothing to point at
    )
