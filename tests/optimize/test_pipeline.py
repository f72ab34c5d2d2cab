"""The optimization pipeline through the real queue and worker (Redis in the PostgreSQL pass, the in-memory
broker in the embedded pass): submit, stages, idempotency, limits, failures and recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from optimize import services
from optimize.actors import run_optimization
from optimize.models import AICall, Optimization, Suggestion
from tests.factories import resume as make_resume
from tests.jobs.factories import job_description
from tests.optimize.factories import RESUME

pytestmark = pytest.mark.worker


@pytest.fixture
def resume(owner):
    item = make_resume(owner)
    item.parsed_sections = RESUME
    item.save()
    return item


def submit(client, resume, jd, **extra):
    data = {"resume": resume.id, "job_description": jd.id, "strategy": "targeted", **extra}
    return client.post(reverse("optimize:create"), data)


def test_a_submitted_run_completes_through_the_worker(worker, owner_client, owner, resume):
    jd = job_description(owner)
    response = submit(owner_client, resume, jd)
    optimization = Optimization.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("optimize:detail", args=[optimization.id])
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.status == "completed", optimization.error_message
    assert 0 <= optimization.score <= 100 and optimization.analysis["score"] == optimization.score
    assert optimization.provider == "offline" and optimization.attempts == 1
    assert optimization.suggestions.count() > 0
    assert set(AICall.objects.filter(optimization=optimization).values_list("outcome", flat=True)) == {"ok"}
    status = owner_client.get(reverse("optimize:status", args=[optimization.id]))
    assert status.status_code == 286  # htmx stops polling
    assert "Match score" in status.content.decode()


def test_the_page_polls_while_the_run_is_queued(broker, owner_client, owner, resume):
    response = submit(owner_client, resume, job_description(owner))
    page = owner_client.get(response["Location"]).content.decode()
    optimization = Optimization.objects.get()
    assert optimization.status == "queued"  # no worker in this test
    assert f'hx-get="/optimize/{optimization.id}/status/"' in page and "Analysing the match" in page
    status = owner_client.get(reverse("optimize:status", args=[optimization.id]))
    assert status.status_code == 200 and "Working on it" in status.content.decode()


def test_the_same_request_within_ten_minutes_returns_the_same_run(owner, resume):
    jd = job_description(owner)
    first, created = services.optimization_request(user=owner, resume=resume, job_description=jd)
    again, created_again = services.optimization_request(user=owner, resume=resume, job_description=jd)
    assert created and not created_again and again.id == first.id
    other_strategy, created_other = services.optimization_request(
        user=owner, resume=resume, job_description=jd, strategy="targeted"
    )
    assert created_other and other_strategy.id != first.id
    Optimization.objects.filter(id=other_strategy.id).update(status="completed")
    Optimization.objects.filter(id=first.id).update(created_at=timezone.now() - timedelta(minutes=11))
    later, created_later = services.optimization_request(user=owner, resume=resume, job_description=jd)
    assert created_later and later.id != first.id


def test_forcing_makes_a_new_run_but_no_more_than_two_run_at_once(owner, resume):
    jd = job_description(owner)
    services.optimization_request(user=owner, resume=resume, job_description=jd)
    services.optimization_request(user=owner, resume=resume, job_description=jd, force=True)
    with pytest.raises(services.OptimizeError) as refused:
        services.optimization_request(user=owner, resume=resume, job_description=jd, force=True)
    assert refused.value.code == "too_many_running" and "Wait for one to finish" in refused.value.message


def test_the_form_shows_why_a_run_is_refused(owner_client, owner, resume):
    jd = job_description(owner)
    resume.parse_status = "pending"
    resume.save()
    response = submit(owner_client, resume, jd)
    assert response.status_code == 400
    assert Optimization.objects.count() == 0


def test_a_redelivered_message_never_duplicates_suggestions(worker, owner, resume):
    jd = job_description(owner)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=jd)
    worker.drain()
    count = Suggestion.objects.filter(optimization=optimization).count()
    run_optimization.send(str(optimization.id))  # delivered again, after it finished
    run_optimization.send(str(optimization.id))
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.attempts == 1
    assert Suggestion.objects.filter(optimization=optimization).count() == count


def test_a_run_left_behind_by_a_dead_worker_is_recovered_without_duplicates(worker, owner, resume):
    jd = job_description(owner)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=jd)
    worker.drain()
    expected = list(optimization.suggestions.values_list("path", "after"))
    # What a worker killed while writing leaves: the run claimed, half-way, and no message left to finish it.
    Optimization.objects.filter(id=optimization.id).update(
        status="generating", started_at=timezone.now() - timedelta(hours=1), score=None
    )
    assert services.requeue_stuck(stuck_after=timedelta(minutes=5)) == 1
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.status == "completed" and optimization.attempts == 2
    assert list(optimization.suggestions.values_list("path", "after")) == expected


def test_a_run_still_inside_its_time_is_not_taken_from_its_worker(owner, resume, broker):
    jd = job_description(owner)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=jd)
    Optimization.objects.filter(id=optimization.id).update(status="analyzing", started_at=timezone.now())
    assert services.requeue_stuck(stuck_after=timedelta(minutes=5)) == 0
    optimization.refresh_from_db()
    assert optimization.status == "analyzing"


def test_an_engine_error_fails_the_run_with_a_reason(worker, owner, resume, monkeypatch):
    from optimize.ai import chain

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(chain, "run_suggest", broken)
    jd = job_description(owner)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=jd)
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.status == "failed" and optimization.error_code == "internal_error"
    assert "Nothing was lost" in optimization.error_message
    assert optimization.score is not None  # the analysis stage had finished
    assert optimization.suggestions.count() == 0
