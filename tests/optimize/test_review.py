"""Reviewing suggestions: accept, reject, edit then accept, undo, per-section bulk, and making a version."""

from __future__ import annotations

import pytest
from django.urls import reverse

from optimize.models import OptimizedVersion, Suggestion
from tests.optimize.factories import finished_optimization

pytestmark = pytest.mark.django_db


def decide(client, suggestion, action, text="", htmx=True):
    url = reverse("optimize:decide", args=[suggestion.optimization_id, suggestion.id])
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, {"action": action, "text": text}, headers=headers)


def test_the_review_page_shows_score_gaps_and_word_diffs(owner_client, owner):
    optimization = finished_optimization(owner)
    html = owner_client.get(reverse("optimize:detail", args=[optimization.id])).content.decode()
    assert 'aria-label="Match score">62' in html
    assert "Required skills" in html and "PostgreSQL" in html  # breakdown and a missing required skill
    assert "<del>Responsible for managing</del>" in html and "<ins>Managed</ins>" in html
    assert "Add a figure" in html  # the flag asks for a figure instead of inventing one
    assert "suggestions by the <strong>offline</strong> engine" in html


def test_accept_reject_undo_and_edit(owner_client, owner):
    optimization = finished_optimization(owner)
    rewrite, flag = optimization.suggestions.order_by("position")
    response = decide(owner_client, rewrite, "accept")
    assert response.status_code == 200 and 'id="review"' in response.content.decode()
    rewrite.refresh_from_db()
    assert rewrite.status == "accepted"
    decide(owner_client, rewrite, "undo")
    rewrite.refresh_from_db()
    assert rewrite.status == "pending" and rewrite.decided_at is None
    decide(owner_client, rewrite, "reject")
    rewrite.refresh_from_db()
    assert rewrite.status == "rejected"
    # The user adds their own figure to the flagged bullet: their words are accepted as written.
    decide(owner_client, flag, "edit", "Ran 40 k8s deployments a week")
    flag.refresh_from_db()
    assert flag.status == "accepted" and flag.final_text == "Ran 40 k8s deployments a week"


def test_bulk_accept_skips_flags_and_reject_covers_a_section(owner_client, owner):
    optimization = finished_optimization(owner)
    url = reverse("optimize:bulk", args=[optimization.id])
    owner_client.post(url, {"action": "accept", "section": "experience"}, headers={"HX-Request": "true"})
    statuses = dict(optimization.suggestions.values_list("kind", "status"))
    assert statuses == {"rewrite": "accepted", "flag_metric": "pending"}
    owner_client.post(url, {"action": "reject", "section": "experience"})
    assert dict(optimization.suggestions.values_list("kind", "status")) == {
        "rewrite": "accepted",
        "flag_metric": "rejected",
    }


def test_applying_makes_a_rescored_version_with_the_diff(owner_client, owner):
    optimization = finished_optimization(owner)
    rewrite, flag = optimization.suggestions.order_by("position")
    decide(owner_client, rewrite, "accept")
    decide(owner_client, flag, "edit", "Ran 40 k8s deployments a week")
    response = owner_client.post(reverse("optimize:apply", args=[optimization.id]), {"name": ""})
    version = OptimizedVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("optimize:version", args=[version.id])
    assert version.sections["experience"][0]["bullets"] == [
        "Managed the billing service",
        "Ran 40 k8s deployments a week",
    ]
    assert optimization.resume_sections["experience"][0]["bullets"][0].startswith("Responsible")  # source kept
    assert version.score_before == 62 and 0 <= version.score <= 100 and version.analysis["score"] == version.score
    assert [c["path"] for c in version.diff] == ["experience.0.bullets.0", "experience.0.bullets.1"]
    page = owner_client.get(response["Location"]).content.decode()
    assert "Changes applied (2)" in page and "<ins>Managed</ins>" in page


def test_applying_nothing_says_so(owner_client, owner):
    optimization = finished_optimization(owner)
    response = owner_client.post(reverse("optimize:apply", args=[optimization.id]), follow=True)
    assert "Accept at least one change first." in response.content.decode()
    assert not OptimizedVersion.objects.exists()


def test_a_suggestion_of_another_run_is_not_found(owner_client, owner):
    first, second = finished_optimization(owner), finished_optimization(owner)
    suggestion = second.suggestions.first()
    url = reverse("optimize:decide", args=[first.id, suggestion.id])
    assert owner_client.post(url, {"action": "accept"}).status_code == 404
    assert Suggestion.objects.get(id=suggestion.id).status == "pending"


def test_entry_points_prefill_the_form(owner_client, owner):
    optimization = finished_optimization(owner)
    jd = optimization.job_description
    html = owner_client.get(reverse("optimize:index") + f"?jd={jd.id}&resume={optimization.resume_id}").content
    html = html.decode()
    assert f'<option value="{jd.id}" selected>' in html
    assert f'<option value="{optimization.resume_id}" selected>' in html
    assert owner_client.get(reverse("optimize:index") + "?jd=not-a-uuid").status_code == 200


def test_how_scoring_works_lists_the_weights(client, owner_client):
    html = owner_client.get(reverse("optimize:scoring")).content.decode()
    assert "<td>Required skills</td><td>40</td>" in html


def test_the_resume_page_lists_its_runs_and_versions(owner_client, owner):
    optimization = finished_optimization(owner)
    html = owner_client.get(reverse("resumes:detail", args=[optimization.resume_id])).content.decode()
    assert "Optimizations of this resume" in html
    assert reverse("optimize:detail", args=[optimization.id]) in html and "score 62" in html
