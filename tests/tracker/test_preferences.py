"""Priority preferences: the weights are saved, saved jobs are re-scored and re-ordered, bad input is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services import profile_for
from tracker import priority
from tracker.models import Application
from tracker.services import create_application

pytestmark = pytest.mark.django_db
URL = "/tracker/preferences/"
ZERO = dict.fromkeys(priority.COMPONENTS, 0)


def post(client, **weights):
    return client.post(URL, {**ZERO, **weights})


def test_it_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_it_shows_the_current_weights_with_explanations(owner, owner_client):
    profile = profile_for(owner)
    profile.preferences = {"priority_weights": {**priority.DEFAULT_WEIGHTS, "remote": 4}}
    profile.save()
    response = owner_client.get(reverse("tracker:preferences"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="remote" value="4"' in content and 'name="match" value="3"' in content
    assert 'min="0"' in content and 'max="5"' in content
    assert "minimum salary in your profile" in content  # each factor says what it reads


def test_saving_stores_the_weights_and_reorders_saved_jobs(owner, owner_client):
    exciting = create_application(owner, company="Dream Co", role="Engineer", excitement=5, match_score=10)
    matching = create_application(owner, company="Match Co", role="Engineer", excitement=1, match_score=95)

    response = post(owner_client, excitement=5)
    assert response.status_code == 302 and response["Location"] == URL
    assert profile_for(owner).preferences["priority_weights"] == {**ZERO, "excitement": 5}
    ordered = list(Application.objects.for_user(owner).order_by("-priority_score").values_list("company", flat=True))
    assert ordered == ["Dream Co", "Match Co"]
    page = owner_client.get(URL).content.decode()
    assert "2 applications got a new priority score" in page
    assert page.index("Dream Co") < page.index("Match Co")

    post(owner_client, match=5)
    exciting.refresh_from_db()
    matching.refresh_from_db()
    assert matching.priority_score > exciting.priority_score


def test_saving_the_same_weights_says_nothing_changed(owner, owner_client):
    create_application(owner, company="Acme", role="Engineer")
    owner_client.post(URL, priority.DEFAULT_WEIGHTS)
    page = owner_client.post(URL, priority.DEFAULT_WEIGHTS, follow=True).content.decode()
    assert "did not change" in page


def test_the_other_preferences_are_kept(owner, owner_client):
    profile = profile_for(owner)
    profile.preferences = {"remote": "remote", "min_salary": 90000}
    profile.save()
    post(owner_client, salary=4)
    profile.refresh_from_db()
    assert profile.preferences["remote"] == "remote" and profile.preferences["min_salary"] == 90000
    assert profile.preferences["priority_weights"]["salary"] == 4


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"salary": 6}, "The weight of salary must be from 0 to 5."),
        ({"match": -1}, "The weight of match score must be from 0 to 5."),
        ({"remote": "lots"}, "The weight of remote fit must be a whole number from 0 to 5."),
        ({"deadline": ""}, "Give deadline a weight from 0 to 5."),
        ({}, "Give at least one factor a weight above 0"),
    ],
)
def test_invalid_weights_are_refused_with_a_clear_error(owner, owner_client, weights, message):
    before = dict(profile_for(owner).preferences)
    response = post(owner_client, **weights)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert profile_for(owner).preferences == before


def test_reset_goes_back_to_the_defaults(owner, owner_client):
    post(owner_client, salary=5)
    owner_client.post(URL, {**ZERO, "reset": "1"})
    assert profile_for(owner).preferences["priority_weights"] == priority.DEFAULT_WEIGHTS


def test_it_refuses_other_methods(owner_client):
    assert owner_client.put(URL).status_code == 405
