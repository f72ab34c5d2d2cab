"""'Track this' on a job posting and on a job description: everything linked, the match score, duplicates."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.jobs.factories import job_description, job_posting
from tests.tracker.factories import application
from tracker.models import Application, StatusChange

pytestmark = pytest.mark.django_db


def _optimization(user, *, score, status="completed", days_ago=0, **links):
    from optimize.models import Optimization
    from tests.factories import resume

    run = Optimization.objects.create(user=user, resume=resume(user), status=status, score=score, **links)
    Optimization.objects.filter(pk=run.pk).update(created_at=timezone.now() - timezone.timedelta(days=days_ago))
    return run


def test_tracking_a_posting_copies_everything(owner_client, owner):
    posting = job_posting(
        "Platform Engineer",
        company="Globex",
        location="Remote, EU",
        workplace="remote",
        salary_min=70000,
        salary_max=90000,
        salary_currency="EUR",
        salary_period="year",
        apply_url="https://jobs.example.com/apply/1",
        url="https://jobs.example.com/1",
    )
    _optimization(owner, score=55, days_ago=3, posting=posting)
    _optimization(owner, score=81, days_ago=1, posting=posting)
    _optimization(owner, score=99, status="failed", posting=posting)  # not completed: ignored

    response = owner_client.post(reverse("tracker:track_posting", args=[posting.id]))
    app = Application.objects.for_user(owner).get()
    assert response.status_code == 302 and response["Location"] == reverse("tracker:detail", args=[app.id])
    assert (app.company, app.role, app.location, app.workplace) == (
        "Globex",
        "Platform Engineer",
        "Remote, EU",
        "remote",
    )
    assert (app.salary_min, app.salary_max, app.salary_currency) == (70000, 90000, "EUR")
    assert app.apply_url == "https://jobs.example.com/apply/1"
    assert app.source == "Test board"
    assert app.posting == posting and app.job_description is None
    assert app.match_score == 81
    assert app.status == Application.Status.SAVED
    assert StatusChange.objects.filter(application=app, to_status="saved").count() == 1


def test_a_posting_without_an_apply_url_links_its_page_and_yearly_pay(owner_client, owner):
    posting = job_posting(url="https://board.example.com/7", salary_min=40, salary_currency="USD", salary_period="hour")
    owner_client.post(reverse("tracker:track_posting", args=[posting.id]))
    app = Application.objects.for_user(owner).get()
    assert app.apply_url == "https://board.example.com/7"
    assert (app.salary_min, app.salary_max, app.salary_currency) == (83200, None, "USD")  # 40/hour, 2080 hours a year
    assert app.match_score is None  # another user's optimization would not count either


def test_tracking_a_job_description_copies_everything(owner_client, owner, stranger):
    jd = job_description(owner)
    jd.source_url = "https://acme.example.com/careers/backend"
    jd.analysis = {**jd.analysis, "salary": {"min": 60000.0, "max": 75000.0, "currency": "EUR", "period": "year"}}
    jd.save()
    _optimization(owner, score=64, job_description=jd)
    _optimization(stranger, score=12, job_description=jd)

    response = owner_client.post(reverse("tracker:track_jd", args=[jd.id]))
    app = Application.objects.for_user(owner).get()
    assert response["Location"] == reverse("tracker:detail", args=[app.id])
    assert (app.company, app.role) == ("Acme Analytics", "Backend Engineer")
    assert app.workplace == "hybrid" and app.location == jd.location
    assert (app.salary_min, app.salary_max, app.salary_currency) == (60000, 75000, "EUR")
    assert app.apply_url == "https://acme.example.com/careers/backend"
    assert app.source == "Job description"
    assert app.job_description == jd and app.posting is None
    assert app.match_score == 64


def test_a_duplicate_asks_before_tracking_again(owner_client, owner):
    posting = job_posting("Backend Engineer", company="Acme Analytics")
    existing = application(owner, company="Acme Analytics", role="Backend Engineer")
    url = reverse("tracker:track_posting", args=[posting.id])

    response = owner_client.post(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert Application.objects.for_user(owner).count() == 1
    assert "Already tracking this?" in body and "Open existing" in body
    assert reverse("tracker:detail", args=[existing.id]) in body
    assert f'action="{url}"' in body and 'name="confirm" value="1"' in body and "Track anyway" in body

    response = owner_client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert Application.objects.for_user(owner).filter(posting=posting).count() == 1


def test_the_same_warning_for_a_job_description(owner_client, owner):
    jd = job_description(owner)
    owner_client.post(reverse("tracker:track_jd", args=[jd.id]))
    response = owner_client.post(reverse("tracker:track_jd", args=[jd.id]))
    assert "Already tracking this?" in response.content.decode()
    assert Application.objects.for_user(owner).count() == 1


def test_it_needs_post_a_real_posting_and_the_users_own_jd(owner_client, owner, stranger):
    posting = job_posting()
    assert owner_client.get(reverse("tracker:track_posting", args=[posting.id])).status_code == 405
    missing = "6f1e5d2c-0000-4000-8000-000000000000"
    assert owner_client.post(reverse("tracker:track_posting", args=[missing])).status_code == 404
    theirs = job_description(stranger)
    assert owner_client.post(reverse("tracker:track_jd", args=[theirs.id])).status_code == 404
    assert not Application.objects.exists()


def test_anonymous_is_sent_to_login(client):
    posting = job_posting()
    response = client.post(reverse("tracker:track_posting", args=[posting.id]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Application.objects.exists()


def test_the_job_pages_have_working_track_buttons(owner_client, owner):
    posting = job_posting()
    body = owner_client.get(reverse("jobs:posting_detail", args=[posting.id])).content.decode()
    assert f'<form method="post" action="{reverse("tracker:track_posting", args=[posting.id])}"' in body
    assert "coming soon" not in body
    jd = job_description(owner)
    body = owner_client.get(reverse("jobs:jd_detail", args=[jd.id])).content.decode()
    assert f'<form method="post" action="{reverse("tracker:track_jd", args=[jd.id])}"' in body
    assert "coming soon" not in body
