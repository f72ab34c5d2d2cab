"""Job search, the postings pages and saved jobs (on SQLite and on PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.models import JobPosting, JobSource, SavedJob
from jobs.search import search_postings
from tests.jobs.factories import job_posting

pytestmark = pytest.mark.django_db
ON_PG = connection.vendor == "postgresql"


def titles(qs) -> list[str]:
    return [p.title for p in qs]


def test_words_match_title_company_and_description():
    job_posting("Python Developer")
    job_posting("Office Manager", description_text="You will order Python books for the library.")
    job_posting("Chef", company="Python Kitchens")
    job_posting("Gardener")
    assert set(titles(search_postings(query="python"))) == {"Python Developer", "Office Manager", "Chef"}
    assert titles(search_postings(query="python developer")) == ["Python Developer"]
    assert titles(search_postings(query="")) and len(search_postings()) == 4


@pytest.mark.skipif(not ON_PG, reason="ranking is PostgreSQL full text")
def test_title_beats_description_in_ranking():
    now = timezone.now()
    job_posting("Office Manager", description_text="Python mentioned once.", posted_at=now)
    job_posting("Python Engineer", posted_at=now - timedelta(days=3))
    assert titles(search_postings(query="python")) == ["Python Engineer", "Office Manager"]


@pytest.mark.skipif(not ON_PG, reason="PostgreSQL indexes")
def test_postgres_search_indexes_exist():
    # Whether the planner uses them on a large table is measured by bench/jobs_search.py.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'jobs_jobposting'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"jobposting_document", "jobposting_live_recent", "jobposting_location_trgm", "jobposting_skills"} <= names
    assert "jobposting_search" not in names  # the expression index that the stored vector replaced


@pytest.mark.skipif(not ON_PG, reason="the two-branch candidate query is PostgreSQL's")
@pytest.mark.parametrize("window", [5, 8, 100])
def test_candidates_are_the_newest_matches_whichever_branch_finds_them(monkeypatch, window):
    # Ten postings, newest first; the odd ones match. With a cap of 3 the candidates are always the three newest
    # matches: found in the recent window when it holds 3 (window 8 or 100), by the index over all when not (5).
    from jobs import search

    monkeypatch.setattr(search, "CANDIDATE_CAP", 3)
    monkeypatch.setattr(search, "RECENT_WINDOW", window)
    monkeypatch.setattr(search, "WALK_WINDOW", window)  # the plain search's narrow walk, the same rule
    now = timezone.now()
    for i in range(10):
        words = "Python services" if i % 2 else "Gardening"
        job_posting(f"Role {i}", description_text=words, posted_at=now - timedelta(hours=i))
    assert titles(search_postings(query="python")) == ["Role 1", "Role 3", "Role 5"]
    # Filters apply in both branches: the newest matches in Paris only.
    JobPosting.objects.filter(title__in=["Role 1", "Role 5"]).update(location="Paris")
    assert titles(search_postings(query="python", location="paris")) == ["Role 1", "Role 5"]


def walk_rows() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT posting_id::text, posted_at FROM jobs_postingwalk")
        return dict(cursor.fetchall())


@pytest.mark.skipif(not ON_PG, reason="the walk table is PostgreSQL's")
def test_walk_table_holds_exactly_the_live_postings():
    now = timezone.now()
    live = job_posting("Live", posted_at=now - timedelta(hours=1))
    closing = job_posting("Closing")
    original = job_posting("Original")
    duplicate = job_posting("Duplicate", external_id="dup", duplicate_of=original)
    gone = job_posting("Gone")
    assert set(walk_rows()) == {str(p.pk) for p in (live, closing, original, gone)}

    JobPosting.objects.filter(pk=closing.pk).update(closed_at=now)  # closed: leaves the walk
    JobPosting.objects.filter(pk=duplicate.pk).update(duplicate_of=None)  # no longer a duplicate: joins it
    gone.delete()
    later = now + timedelta(days=1)
    JobPosting.objects.filter(pk=live.pk).update(posted_at=later)  # re-dated: the walk's date follows
    rows = walk_rows()
    assert set(rows) == {str(p.pk) for p in (live, original, duplicate)}
    assert rows[str(live.pk)] == later

    JobPosting.objects.filter(pk=closing.pk).update(closed_at=None)  # re-opened
    assert str(closing.pk) in walk_rows()
    # A scrape touching only last_seen_at leaves the row as it was; an edit is searchable through the walk at once.
    JobPosting.objects.filter(pk=live.pk).update(last_seen_at=later)
    JobPosting.objects.filter(pk=original.pk).update(description_text="Espalier fruit trees")
    assert titles(search_postings(query="espalier")) == ["Original"]


@pytest.mark.skipif(not ON_PG, reason="the walk table is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_truncating_postings_empties_the_walk_table():
    # The test runner's flush truncates Django's tables; the walk table, which Django does not know, follows.
    job_posting("Live")
    assert len(walk_rows()) == 1
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE jobs_jobposting CASCADE")
    assert walk_rows() == {}


def test_search_follows_edits_and_closing():
    # On PostgreSQL the stored vectors are generated columns: an update must be searchable at once.
    posting = job_posting("Gardener", description_text="Hedges and lawns.")
    assert titles(search_postings(query="espalier")) == []
    JobPosting.objects.filter(pk=posting.pk).update(description_text="Hedges, lawns and espalier fruit trees.")
    assert titles(search_postings(query="espalier")) == ["Gardener"]
    JobPosting.objects.filter(pk=posting.pk).update(title="Orchard Keeper")
    assert titles(search_postings(query="orchard keeper")) == ["Orchard Keeper"]
    JobPosting.objects.filter(pk=posting.pk).update(closed_at=timezone.now())
    assert titles(search_postings(query="orchard")) == []


def test_filters():
    now = timezone.now()
    other = JobSource.objects.create(name="Other board", kind="feed")
    job_posting("Remote Role", remote=True, workplace="remote", location="Anywhere", posted_at=now - timedelta(days=40))
    job_posting("Berlin Role", location="Berlin, Germany", salary_min=50000, salary_max=70000, skills=["Python", "Go"])
    job_posting("Rich Role", location="Paris", salary_min=120000, source=other, skills=["Rust"])
    assert titles(search_postings(remote=True)) == ["Remote Role"]
    assert "Remote Role" not in titles(search_postings(remote=False))
    assert titles(search_postings(location="berlin")) == ["Berlin Role"]
    assert titles(search_postings(min_salary=100000)) == ["Rich Role"]
    assert set(titles(search_postings(min_salary=60000))) == {"Berlin Role", "Rich Role"}
    assert "Remote Role" not in titles(search_postings(posted_within_days=30))
    assert titles(search_postings(source=other)) == ["Rich Role"]
    assert titles(search_postings(skills=["Python"])) == ["Berlin Role"]
    assert titles(search_postings(skills=["python", "go"])) == [] if ON_PG else ["Berlin Role"]
    assert titles(search_postings(skills=["Python", "Go"])) == ["Berlin Role"]
    assert titles(search_postings(query="role", location="paris")) == ["Rich Role"]


def test_closed_and_duplicate_postings_are_hidden():
    first = job_posting("Python Developer")
    job_posting("Python Developer", external_id="dup", duplicate_of=first)
    job_posting("Python Closed", closed_at=timezone.now())
    assert titles(search_postings(query="python")) == ["Python Developer"]
    assert titles(search_postings()) == ["Python Developer"]
    assert set(titles(search_postings(query="python", open_only=False))) == {"Python Developer", "Python Closed"}


def test_postings_page_lists_filters_and_keeps_the_query(owner_client):
    job_posting("Python Developer", salary_min=50000, salary_max=60000, salary_currency="EUR", salary_period="year")
    job_posting("Gardener")
    url = reverse("jobs:postings")
    html = owner_client.get(url).content.decode()
    assert "Python Developer" in html and "Gardener" in html and "50,000–60,000" in html  # noqa: RUF001
    assert 'hx-trigger="input changed delay:300ms, search"' in html and 'hx-push-url="true"' in html
    response = owner_client.get(url, {"q": "python", "location": "berlin", "posted": "zzz", "min_salary": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Python Developer" in html and "Gardener" not in html
    assert 'value="python"' in html and 'value="berlin"' in html


def test_htmx_gets_only_the_results(owner_client):
    job_posting("Python Developer")
    url = reverse("jobs:postings")
    partial = owner_client.get(url, {"q": "python"}, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert html.lstrip().startswith('<section id="results"') and "<html" not in html
    assert "Python Developer" in html
    assert partial["Vary"] and "HX-Request" in partial["Vary"]
    restore = owner_client.get(
        url, {"q": "python"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_pagination_never_fails_and_keeps_the_query(owner_client):
    for i in range(25):
        job_posting(f"Python Role {i}")
    url = reverse("jobs:postings")
    for page in ("x", "999", "-1", ""):
        assert owner_client.get(url, {"q": "python", "page": page}).status_code == 200
    html = owner_client.get(url, {"q": "python"}).content.decode()
    assert "?q=python&page=2" in html
    assert "Python Role" in owner_client.get(url, {"q": "python", "page": "2"}).content.decode()


def test_list_query_count_is_constant(owner_client):
    url = reverse("jobs:postings")
    job_posting("Role 0")
    owner_client.get(url)
    with CaptureQueriesContext(connection) as few:
        owner_client.get(url, {"q": "role"})
    for i in range(1, 15):
        posting = job_posting(f"Role {i}", source=JobSource.objects.create(name=f"Board {i}", kind="feed"))
        if i % 2:
            SavedJob.objects.create(user=posting_user(owner_client), posting=posting)
    with CaptureQueriesContext(connection) as many:
        response = owner_client.get(url, {"q": "role"})
    assert response.content.decode().count("Role 1") >= 1
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def posting_user(client):
    from accounts.models import User

    return User.objects.get(pk=client.session["_auth_user_id"])


def test_detail_page(owner_client):
    posting = job_posting(
        "Python Developer",
        apply_url="https://jobs.example.com/1",
        analysis={"skills": {"required": [{"skill": "Python", "category": "language", "sentence": "Python."}]}},
    )
    html = owner_client.get(reverse("jobs:posting_detail", args=[posting.id])).content.decode()
    assert "Python Developer" in html and "Acme Analytics" in html and "Test board" in html
    assert 'href="https://jobs.example.com/1"' in html and 'rel="noopener noreferrer nofollow" target="_blank"' in html
    assert "Required skills" in html and "<strong>Python</strong>" in html
    assert f'href="/optimize/?posting={posting.id}"' in html and "Tailor my resume to this" in html


def test_the_job_description_page_still_shows_its_analysis(owner_client, owner):
    from tests.jobs.factories import job_description

    jd = job_description(owner)
    html = owner_client.get(reverse("jobs:jd_detail", args=[jd.id])).content.decode()
    assert "Required skills" in html and "Python" in html


def test_save_unsave_and_saved_list(owner_client, stranger_client, owner, stranger):
    posting = job_posting("Python Developer")
    save = reverse("jobs:posting_save", args=[posting.id])
    response = owner_client.post(save, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Saved ✓" in response.content.decode()
    assert SavedJob.objects.filter(user=owner, posting=posting).count() == 1
    assert "Python Developer" in owner_client.get(reverse("jobs:saved")).content.decode()
    assert "Python Developer" not in stranger_client.get(reverse("jobs:saved")).content.decode()
    # The stranger's toggle is the stranger's own: it never touches the owner's saved job.
    stranger_client.post(save)
    stranger_client.post(save)
    assert SavedJob.objects.filter(user=owner).count() == 1 and not SavedJob.objects.filter(user=stranger).exists()
    response = owner_client.post(save, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("jobs:posting_detail", args=[posting.id])
    assert not SavedJob.objects.filter(user=owner).exists()
    assert owner_client.get(save).status_code == 405


def test_postings_need_login(client):
    posting = job_posting("Python Developer")
    for url in (reverse("jobs:postings"), reverse("jobs:saved"), reverse("jobs:posting_detail", args=[posting.id])):
        assert client.get(url).status_code == 302


def test_jobs_index_links_to_postings(owner_client):
    assert reverse("jobs:postings") in owner_client.get(reverse("jobs:index")).content.decode()


def test_demo_seed_adds_postings_once(owner):
    from jobs.demo import seed_postings

    seed_postings()
    seed_postings()
    assert JobPosting.objects.filter(source__name__startswith="Demo board").count() == 12
    assert len(search_postings(query="engineer")) >= 5
