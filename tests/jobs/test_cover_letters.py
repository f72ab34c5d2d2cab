"""Cover letters, highlights and interview questions: the offline engine, the letter guard, the provider chain
(Anthropic through the loopback Messages API), the stored letters and their pages, downloads and attaching."""

from __future__ import annotations

import copy
import io
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from jobs.analysis import analyze_job
from jobs.generate import services
from jobs.models import CoverLetter
from jobs.skills import extract_skills
from optimize.ai import chain
from optimize.ai.anthropic import resolve_path
from optimize.ai.offline import OfflineProvider, compose_interview, compose_letter
from optimize.ai.types import CoverLetter as Letter
from optimize.ai.types import Highlight, InterviewPrep, Job, ProviderError, Question, SchemaError
from optimize.guard import experience_years
from optimize.letter_guard import (
    guard_interview,
    guard_letter,
    letter_facts,
    letter_violations,
    split_sentences,
    violations,
)
from optimize.scoring import resume_skills
from tests.jobs.factories import SAMPLE_TEXT
from tests.optimize.anthropic_server import AnthropicServer, error, tool_answer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

RESUME = {
    "schema_version": 1,
    "contact": {"name": "Jane Roe", "email": "jane.roe@example.com", "phone": "+1 415 555 0134", "location": None},
    "summary": {"text": "Backend engineer who builds APIs in Python.", "confidence": 0.9},
    "experience": [
        {
            "title": "Software Engineer",
            "company": "Lumen Freight",
            "start": "2021-03",
            "end": "present",
            "current": True,
            "bullets": [
                "Built the billing API in Python and PostgreSQL serving 40,000 customers",
                "Cut deployment time by 35% by moving releases to GitHub Actions",
                "Mentored two junior engineers",
            ],
        },
        {
            "title": "Junior Developer",
            "company": "Orbit Labs",
            "start": "2018-06",
            "end": "2021-02",
            "current": False,
            "bullets": ["Maintained Django admin tools for the support team", "Wrote SQL reports for finance"],
        },
    ],
    "education": [{"school": "University of Porto", "degree": "BSc", "field": "Computer Science"}],
    "skills": [{"group": "Languages", "items": ["Python", "SQL", "Django", "PostgreSQL"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}
ANALYSIS = analyze_job(SAMPLE_TEXT, title="Backend Engineer", company="Acme Analytics").to_dict()
JOB = Job(text=SAMPLE_TEXT, analysis=ANALYSIS, title="Backend Engineer", company="Acme Analytics")


def _claims(text: str) -> str:
    """The letter's text with the job's own name and company taken out (naming them claims nothing)."""
    return text.replace("Backend Engineer", " ").replace("Acme Analytics", " ")


# --- the offline engine ---------------------------------------------------------------------------------------


def test_it_writes_a_letter_in_a_professional_structure():
    letter = compose_letter(RESUME, JOB)

    assert letter.greeting == "Dear Acme Analytics hiring team,"
    opening = letter.paragraphs[0]
    assert "the Backend Engineer position at Acme Analytics" in opening
    assert "I currently work as a Software Engineer at Lumen Freight" in opening
    assert re.search(r"\b\d+ years of professional experience", opening)
    assert 3 <= len(letter.paragraphs) <= 5
    assert (
        letter.paragraphs[-2] == "My background covers Python, Django and PostgreSQL, which you list as requirements."
    )
    assert letter.closing == "Kind regards,\nJane Roe"
    assert letter.text.startswith("Dear Acme Analytics hiring team,\n\nI am writing")
    assert letter.text.endswith("Jane Roe")


def test_it_quotes_three_to_five_highlights_from_the_resume():
    letter = compose_letter(RESUME, JOB)

    assert 3 <= len(letter.highlights) <= 5
    for h in letter.highlights:
        assert resolve_path(RESUME, h.path) == h.text  # verbatim, at the path it names
        assert h.why
    # The bullet that shows the required skills comes first, with the requirement it answers.
    first = letter.highlights[0]
    assert first.path == "experience.0.bullets.0"
    assert "Python" in first.why and "PostgreSQL" in first.why


def test_every_claim_of_the_offline_letter_is_in_the_resume():
    letter = compose_letter(RESUME, JOB)
    text = _claims(letter.text)

    assert {m.canonical for m in extract_skills(text)} <= resume_skills(RESUME)
    resume_numbers = set(re.findall(r"\d[\d,]*", str(RESUME)))
    years = {str(int(y)) for y in experience_years(RESUME)}  # the total, from the dates
    assert set(re.findall(r"\d[\d,]*", text)) - resume_numbers <= years
    employers = {"Lumen Freight", "Orbit Labs", "Acme Analytics"}
    for name in re.findall(r"\bat ([A-Z][\w]*(?: [A-Z][\w]*)*)", letter.text):
        assert name in employers
    facts = letter_facts(RESUME, JOB)
    for sentence in split_sentences(" ".join(letter.paragraphs)):
        assert violations(facts, JOB, sentence) == ()
    assert guard_letter(RESUME, JOB, letter)[1] == []


def test_a_missing_skill_is_never_mentioned_in_the_letter():
    resume = copy.deepcopy(RESUME)
    resume["skills"][0]["items"] = ["Python", "SQL", "PostgreSQL"]
    resume["experience"][1]["bullets"] = ["Maintained internal admin tools for the support team"]
    letter = compose_letter(resume, JOB)

    assert "Django" not in letter.text and "Kubernetes" not in letter.text
    assert guard_letter(resume, JOB, letter)[1] == []


def test_it_writes_a_letter_for_a_thin_resume_without_inventing():
    resume = {"contact": {}, "experience": [], "skills": [], "projects": []}
    letter = compose_letter(resume, JOB)

    assert letter.greeting == "Dear Acme Analytics hiring team,"
    assert letter.closing == "Kind regards,"
    assert letter.highlights == ()
    assert guard_letter(resume, JOB, letter)[1] == []


def test_interview_questions_cover_skills_responsibilities_and_gaps():
    resume = copy.deepcopy(RESUME)
    resume["skills"][0]["items"] = ["Python", "SQL", "PostgreSQL"]
    resume["experience"][1]["bullets"] = ["Maintained internal admin tools for the support team"]
    prep = compose_interview(resume, JOB)
    questions = [q.question for q in prep.questions]

    assert "Walk us through your role as Software Engineer at Lumen Freight." in questions
    python = next(q for q in prep.questions if q.question == "Tell us about a time you used Python on a real project.")
    assert "Built the billing API in Python and PostgreSQL" in python.prepare  # the user's own bullet
    gap = next(q for q in prep.questions if q.question == "How would you get up to speed with Django?")
    assert "does not show Django" in gap.prepare
    assert guard_interview(resume, JOB, prep)[1] == []


def test_the_offline_provider_answers_through_the_interface():
    provider = OfflineProvider()
    assert isinstance(provider.write_cover_letter(RESUME, JOB), Letter)
    assert isinstance(provider.interview_questions(RESUME, JOB), InterviewPrep)


# --- the types --------------------------------------------------------------------------------------------------


def test_results_round_trip_and_reject_bad_shapes():
    letter = compose_letter(RESUME, JOB)
    assert Letter.from_dict(letter.to_dict()).text == letter.text
    prep = compose_interview(RESUME, JOB)
    assert InterviewPrep.from_dict(prep.to_dict()).questions == prep.questions
    for bad in (
        {"greeting": "Hi", "paragraphs": "one", "closing": "Bye", "highlights": []},
        {"greeting": "Hi", "paragraphs": ["x"], "closing": 3, "highlights": []},
        {"greeting": "Hi", "paragraphs": ["x"], "closing": "Bye", "highlights": [{"path": "x", "text": "y"}]},
        [],
    ):
        with pytest.raises(SchemaError):
            Letter.from_dict(bad)
    with pytest.raises(SchemaError):
        InterviewPrep.from_dict({"questions": [{"question": "Why?"}]})


# --- the guard ------------------------------------------------------------------------------------------------


def _letter(*paragraphs: str, highlights=(), greeting="Dear Acme Analytics hiring team,", closing="Best,\nJane Roe"):
    return Letter(greeting=greeting, paragraphs=paragraphs, closing=closing, highlights=tuple(highlights))


def test_the_guard_drops_each_sentence_that_invents_a_fact():
    letter = _letter(
        "I currently work as a Software Engineer at Lumen Freight. Before that I spent three years at Google.",
        "I led a team of 12 engineers. I know Kubernetes inside out. I hold a PhD in physics.",
        "I served as Director of Engineering at Lumen Freight.",
        "I built the billing API in Python and PostgreSQL.",
    )

    guarded, dropped = guard_letter(RESUME, JOB, letter)

    assert guarded.paragraphs == (
        "I currently work as a Software Engineer at Lumen Freight.",
        "I built the billing API in Python and PostgreSQL.",
    )
    assert guarded.dropped == len(dropped) == 5
    kinds = {kind for d in dropped for kind, _ in d.violations}
    assert {"employer", "number", "skill", "degree", "title"} <= kinds


def test_the_guard_lets_the_letter_name_the_job_but_not_claim_its_skills():
    job = Job(text=SAMPLE_TEXT, analysis=ANALYSIS, title="Kubernetes Platform Engineer", company="Nimbus 42 GmbH")
    letter = _letter(
        "I am applying for the Kubernetes Platform Engineer role at Nimbus 42 GmbH.",
        "I would love to help Nimbus 42 GmbH grow.",
        "I run Kubernetes clusters every day.",
        greeting="Dear Nimbus 42 GmbH hiring team,",
    )

    guarded, dropped = guard_letter(RESUME, job, letter)

    assert guarded.greeting == "Dear Nimbus 42 GmbH hiring team,"
    assert len(guarded.paragraphs) == 2
    assert [d.text for d in dropped] == ["I run Kubernetes clusters every day."]


def test_a_job_title_with_full_stops_is_no_sentence_break():
    job = Job(text=SAMPLE_TEXT, analysis=ANALYSIS, title="Product Manager for Customer UX. Full-time.", company="")
    letter = _letter("I am writing to apply for the Product Manager for Customer UX. Full-time. position.")
    guarded, dropped = guard_letter(RESUME, job, letter)
    assert dropped == [] and guarded.paragraphs == letter.paragraphs
    assert letter_violations(RESUME, job, guarded) == []


def test_the_guard_replaces_an_invented_greeting_and_sign_off():
    letter = _letter("I build APIs in Python.", greeting="Dear Google recruiters,", closing="Regards,\nDr. John Smith")
    guarded, dropped = guard_letter(RESUME, JOB, letter)
    assert guarded.greeting == "Dear hiring team,"
    assert guarded.closing == "Kind regards,"
    assert [d.where for d in dropped] == ["greeting", "closing"]


def test_the_guard_drops_highlights_that_do_not_quote_the_resume():
    true = Highlight("experience.0.bullets.0", "Built the billing API in Python and PostgreSQL", "Python is required.")
    trimmed = Highlight("experience.0.bullets.1", "Cut deployment time by 35%…", "Shows delivery speed.")
    reworded = Highlight("experience.0.bullets.1", "Cut deployment time by 80%", "Shows delivery speed.")
    nowhere = Highlight("experience.7.bullets.0", "Built the billing API", "Python is required.")
    claims = Highlight("experience.0.bullets.2", "Mentored two junior engineers", "You managed 30 people at IBM.")
    letter = _letter("I build APIs in Python.", highlights=[true, trimmed, reworded, nowhere, claims])

    guarded, dropped = guard_letter(RESUME, JOB, letter)

    assert guarded.highlights == (true, trimmed)
    assert len(dropped) == 3


def test_the_interview_guard_lets_notes_name_missing_skills_but_not_invent_history():
    prep = InterviewPrep(
        questions=(
            Question("How would you learn Kubernetes?", "Kubernetes is required.", "Say you have not used Kubernetes."),
            Question("Tell us about Google.", "You worked there.", "Talk about your 5 years at Google."),
        )
    )
    guarded, _ = guard_interview(RESUME, JOB, prep)
    assert [q.question for q in guarded.questions] == ["How would you learn Kubernetes?"]
    assert guarded.dropped == 1


def test_sentences_split_at_full_stops_but_not_abbreviations():
    assert split_sentences("I used e.g. Python at Acme Inc. daily. Then I moved. U.S. teams too… That is all.") == [
        "I used e.g. Python at Acme Inc. daily.",
        "Then I moved.",
        "U.S. teams too…",
        "That is all.",
    ]


# --- the chain --------------------------------------------------------------------------------------------------


class _Inventor:
    name = "inventor"
    model = "fake-1"
    prompt_versions = {"cover_letter": "fake-v1", "interview_questions": "fake-v1"}

    def __init__(self, paragraphs):
        self.paragraphs = paragraphs

    def write_cover_letter(self, resume, job):
        return _letter(*self.paragraphs)

    def interview_questions(self, resume, job):
        raise ProviderError("unavailable", "down")


def test_the_chain_guards_whichever_provider_answers(monkeypatch):
    inventor = _Inventor(["I build APIs in Python. I grew revenue by 300% at Stripe."])
    monkeypatch.setattr(chain, "providers", lambda: [inventor, OfflineProvider()])
    records = []

    letter = chain.run_cover_letter(RESUME, JOB, record=records.append)

    assert letter.provider == "inventor" and letter.dropped == 1
    assert letter.paragraphs == ("I build APIs in Python.",)
    assert [(r.provider, r.operation, r.outcome, r.prompt_version) for r in records] == [
        ("inventor", "cover_letter", "ok", "fake-v1")
    ]
    prep = chain.run_interview_questions(RESUME, JOB, record=records.append)
    assert prep.provider == "offline"
    assert [(r.provider, r.outcome) for r in records[1:]] == [("inventor", "unavailable"), ("offline", "ok")]


def test_a_letter_the_guard_empties_falls_back_to_the_next_provider(monkeypatch):
    inventor = _Inventor(["I worked at Google for 9 years."])
    monkeypatch.setattr(chain, "providers", lambda: [inventor, OfflineProvider()])
    records = []
    letter = chain.run_cover_letter(RESUME, JOB, record=records.append)
    assert letter.provider == "offline"
    assert [(r.provider, r.outcome) for r in records] == [("inventor", "invalid_output"), ("offline", "ok")]


# --- Anthropic through the loopback Messages API ----------------------------------------------------------------


GOOD_LETTER = {
    "greeting": "Dear Acme Analytics hiring team,",
    "paragraphs": [
        "I am applying for the Backend Engineer role. I build APIs in Python at Lumen Freight.",
        "I built the billing API in Python and PostgreSQL serving 40,000 customers. I also ran a team of 25 at Meta.",
    ],
    "closing": "Kind regards,\nJane Roe",
    "highlights": [
        {
            "path": "experience.0.bullets.0",
            "text": "Built the billing API in Python and PostgreSQL serving 40,000 customers",
            "why": "The posting requires Python and PostgreSQL.",
        },
        {"path": "experience.0.bullets.1", "text": "Cut deploy time in half", "why": "Delivery."},
    ],
}
GOOD_QUESTIONS = {
    "questions": [
        {"question": "How have you used PostgreSQL?", "why": "It is required.", "prepare": "Use the billing API."},
    ]
}


def _answer(tool_input: dict, name: str, **kw):
    reply = tool_answer(tool_input, **kw)
    reply.body["content"][0]["name"] = name
    return reply


@pytest.fixture
def server(settings):
    srv = AnthropicServer().start()
    settings.AI_PROVIDERS = ["anthropic", "offline"]
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = srv.base_url
    settings.ANTHROPIC_MODEL = "claude-test"
    settings.ANTHROPIC_TIMEOUT_SECONDS = 5
    settings.ANTHROPIC_MAX_RETRIES = 1
    settings.AI_CACHE_SECONDS = 3600
    cache.clear()
    yield srv
    srv.stop()
    cache.clear()


def test_anthropic_writes_the_letter_and_the_guard_checks_it(server):
    server.script(_answer(GOOD_LETTER, "submit_cover_letter", input_tokens=900, output_tokens=250))
    records = []

    letter = chain.run_cover_letter(RESUME, JOB, record=records.append)

    assert (letter.provider, letter.model) == ("anthropic", "claude-test")
    assert letter.paragraphs[1] == "I built the billing API in Python and PostgreSQL serving 40,000 customers."
    assert [h.path for h in letter.highlights] == ["experience.0.bullets.0"]  # the reworded one is not a quote
    assert letter.dropped == 1
    [record] = records
    assert (record.operation, record.outcome, record.prompt_version) == ("cover_letter", "ok", "cover-letter-v1")
    assert (record.input_tokens, record.output_tokens) == (900, 250)
    body = server.requests[0].body
    assert body["tool_choice"] == {"type": "tool", "name": "submit_cover_letter"}
    prompt = body["messages"][0]["content"]
    assert "Built the billing API" in prompt and "jane.roe@example.com" not in prompt

    # The same request again is answered from the cache, without a call.
    again = chain.run_cover_letter(RESUME, JOB)
    assert again.text == letter.text and len(server.requests) == 1


def test_anthropic_writes_interview_questions(server):
    server.script(_answer(GOOD_QUESTIONS, "submit_interview_questions"))
    prep = chain.run_interview_questions(RESUME, JOB)
    assert prep.provider == "anthropic"
    assert [q.question for q in prep.questions] == ["How have you used PostgreSQL?"]


@pytest.mark.parametrize(
    "tool_input",
    [
        {"greeting": "Hi", "paragraphs": "not a list", "closing": "Bye", "highlights": []},
        {"greeting": "Hi", "paragraphs": [], "closing": "Bye", "highlights": []},
        {"letter": "Dear team, I am great."},
    ],
)
def test_a_malformed_letter_falls_back_to_offline(server, tool_input):
    server.script(_answer(tool_input, "submit_cover_letter"))
    records = []
    letter = chain.run_cover_letter(RESUME, JOB, record=records.append)
    assert letter.provider == "offline"
    assert len(server.requests) == 1
    assert [(r.provider, r.outcome) for r in records] == [("anthropic", "invalid_output"), ("offline", "ok")]


def test_a_timeout_falls_back_to_offline(server, settings):
    settings.ANTHROPIC_TIMEOUT_SECONDS = 0.3
    settings.ANTHROPIC_MAX_RETRIES = 0
    server.script(_answer(GOOD_LETTER, "submit_cover_letter", delay=3))
    records = []
    letter = chain.run_cover_letter(RESUME, JOB, record=records.append)
    assert letter.provider == "offline"
    assert [(r.provider, r.outcome) for r in records] == [("anthropic", "timeout"), ("offline", "ok")]


def test_a_server_error_on_questions_falls_back_to_offline(server):
    server.script(error(500), error(500))
    prep = chain.run_interview_questions(RESUME, JOB)
    assert prep.provider == "offline" and prep.questions


# --- stored letters, cache and pages ------------------------------------------------------------------------------


@pytest.fixture
def resume(owner):
    from resumes.models import Resume
    from tests.factories import resume as make_resume

    item = make_resume(owner)
    Resume.objects.filter(id=item.id).update(parsed_sections=RESUME)
    item.refresh_from_db()
    return item


@pytest.fixture
def jd(owner):
    from tests.jobs.factories import job_description

    return job_description(owner)


def _written(letter: CoverLetter) -> CoverLetter:
    services.letter_run(letter_id=str(letter.id))
    letter.refresh_from_db()
    return letter


def test_asking_again_reuses_the_letter_and_regenerate_makes_a_new_one(
    owner, resume, jd, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as sent:
        first, created = services.letter_request(user=owner, resume=resume, job_description=jd)
    assert created and len(sent) == 1  # the actor is enqueued once the row is committed
    again, created_again = services.letter_request(user=owner, resume=resume, job_description=jd)
    assert (again.id, created_again) == (first.id, False)

    forced, created_forced = services.letter_request(user=owner, resume=resume, job_description=jd, force=True)
    assert created_forced and forced.id != first.id
    assert forced.cache_key == first.cache_key

    # A corrected resume is a new letter.
    from resumes.models import Resume

    corrected = copy.deepcopy(RESUME)
    corrected["summary"]["text"] = "Backend engineer."
    Resume.objects.filter(id=resume.id).update(corrected_sections=corrected)
    resume.refresh_from_db()
    other, created_other = services.letter_request(user=owner, resume=resume, job_description=jd)
    assert created_other and other.cache_key != first.cache_key


def test_the_actor_writes_the_letter_once(owner, resume, jd):
    letter, _ = services.letter_request(user=owner, resume=resume, job_description=jd)
    letter = _written(letter)

    assert letter.status == "completed" and letter.provider == "offline"
    assert letter.prompt_version == "offline-letter-v1"
    assert letter.text.startswith("Dear Acme Analytics hiring team,")
    assert letter.highlights[0]["source"] == "Experience: Software Engineer at Lumen Freight"
    assert letter.questions and letter.content["greeting"]
    assert services.letter_run(letter_id=str(letter.id)) is None  # a redelivered message does nothing


@pytest.mark.worker
def test_a_letter_left_behind_by_a_dead_worker_is_written_after_all(worker, owner, resume, jd):
    from datetime import timedelta

    from django.utils import timezone

    # What a worker killed mid-letter leaves: the letter claimed ("running") and its message gone.
    letter, _ = services.letter_request(user=owner, resume=resume, job_description=jd)
    worker.drain()
    CoverLetter.objects.filter(id=letter.id).update(
        status="running", started_at=timezone.now() - timedelta(hours=1), text="", content={}
    )
    still_writing, _ = services.letter_request(user=owner, resume=resume, job_description=jd, force=True)
    worker.drain()
    CoverLetter.objects.filter(id=still_writing.id).update(status="running", started_at=timezone.now())

    assert services.letter_requeue_stuck() == 1  # the fresh one is still inside its time: left to its worker
    worker.drain()
    letter.refresh_from_db()
    assert letter.status == "completed" and letter.text.startswith("Dear Acme Analytics")
    assert CoverLetter.objects.get(id=still_writing.id).status == "running"
    # After a restart of the embedded worker nothing else is running: every claimed letter is orphaned.
    assert services.letter_requeue_after_restart() == 1
    worker.drain()
    assert CoverLetter.objects.get(id=still_writing.id).status == "completed"


def test_a_failed_engine_fails_the_letter_with_a_reason(owner, resume, jd, monkeypatch):
    letter, _ = services.letter_request(user=owner, resume=resume, job_description=jd)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(chain, "run_cover_letter", broken)
    letter = _written(letter)
    assert letter.status == "failed" and "try again" in letter.error_message
    # A failed letter is not reused.
    again, created = services.letter_request(user=owner, resume=resume, job_description=jd)
    assert created and again.id != letter.id


def test_the_form_page_offers_the_users_resumes_for_a_posting(owner_client, resume):
    from tests.jobs.factories import job_posting

    posting = job_posting(description_text=SAMPLE_TEXT)
    response = owner_client.get(reverse("jobs:letter_new"), {"posting": posting.id})
    assert response.status_code == 200
    html = response.content.decode()
    assert resume.title in html and f'value="{posting.id}"' in html


def test_posting_the_form_creates_the_letter_then_reuses_it(owner_client, owner, resume):
    from tests.jobs.factories import job_posting

    posting = job_posting(description_text=SAMPLE_TEXT)
    data = {"resume": resume.id, "posting": posting.id}
    response = owner_client.post(reverse("jobs:letter_new"), data)
    letter = CoverLetter.objects.for_user(owner).get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:letter_detail", args=[letter.id])
    assert (letter.posting, letter.job_title, letter.status) == (posting, "Backend Engineer", "queued")

    # While it is queued the page polls the status partial.
    page = owner_client.get(reverse("jobs:letter_detail", args=[letter.id])).content.decode()
    assert reverse("jobs:letter_status", args=[letter.id]) in page
    status = owner_client.get(reverse("jobs:letter_status", args=[letter.id]), HTTP_HX_REQUEST="true")
    assert status.status_code == 200

    _written(letter)
    status = owner_client.get(reverse("jobs:letter_status", args=[letter.id]), HTTP_HX_REQUEST="true")
    assert status.status_code == 286 and "Dear Acme Analytics hiring team" in status.content.decode()

    owner_client.post(reverse("jobs:letter_new"), data)
    assert CoverLetter.objects.for_user(owner).count() == 1


def test_the_form_refuses_a_stranger_resume(owner_client, stranger, jd):
    from tests.factories import resume as make_resume

    theirs = make_resume(stranger)
    response = owner_client.post(reverse("jobs:letter_new"), {"resume": theirs.id, "job_description": jd.id})
    assert response.status_code == 400
    assert not CoverLetter.objects.exists()


def test_the_letter_page_shows_letter_highlights_and_questions(owner_client, owner, resume, jd):
    letter, _ = services.letter_request(user=owner, resume=resume, job_description=jd)
    letter = _written(letter)
    html = owner_client.get(reverse("jobs:letter_detail", args=[letter.id])).content.decode()
    assert "Dear Acme Analytics hiring team," in html
    assert "Built the billing API in Python and PostgreSQL serving 40,000 customers" in html
    assert "Experience: Software Engineer at Lumen Freight" in html
    assert "Tell us about a time you used Python on a real project." in html
    assert 'data-copy="#letter-text"' in html
    for fmt in ("txt", "docx", "pdf"):
        assert reverse("jobs:letter_download", args=[letter.id, fmt]) in html
    assert reverse("jobs:letter_list") in html
    listing = owner_client.get(reverse("jobs:letter_list")).content.decode()
    assert reverse("jobs:letter_detail", args=[letter.id]) in listing


def test_saving_keeps_the_users_edit(owner_client, owner, resume, jd):
    letter = _written(services.letter_request(user=owner, resume=resume, job_description=jd)[0])
    url = reverse("jobs:letter_detail", args=[letter.id])
    response = owner_client.post(url, {"text": "Dear team,\n\nMy own words.\n\nJane"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.text == "Dear team,\n\nMy own words.\n\nJane" and letter.edited
    assert owner_client.post(url, {"text": ""}).status_code == 400


def test_regenerate_makes_a_new_letter(owner_client, owner, resume, jd):
    letter = _written(services.letter_request(user=owner, resume=resume, job_description=jd)[0])
    response = owner_client.post(reverse("jobs:letter_regenerate", args=[letter.id]))
    new = CoverLetter.objects.for_user(owner).exclude(id=letter.id).get()
    assert response["Location"] == reverse("jobs:letter_detail", args=[new.id])
    assert new.status == "queued"
    assert owner_client.get(reverse("jobs:letter_regenerate", args=[letter.id])).status_code == 405


def test_downloads_as_text_and_docx(owner_client, owner, resume, jd):
    from docx import Document

    letter = _written(services.letter_request(user=owner, resume=resume, job_description=jd)[0])
    services.letter_save_text(letter=letter, text=letter.text + "\n\nP.S. Edited by me.")

    txt = owner_client.get(reverse("jobs:letter_download", args=[letter.id, "txt"]))
    assert txt["Content-Type"].startswith("text/plain")
    assert "attachment" in txt["Content-Disposition"]
    assert txt.content.decode().strip().endswith("P.S. Edited by me.")

    docx = owner_client.get(reverse("jobs:letter_download", args=[letter.id, "docx"]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs[0] == "Jane Roe" and "jane.roe@example.com" in paragraphs
    assert "Dear Acme Analytics hiring team," in paragraphs
    assert "Kind regards,\nJane Roe" in paragraphs  # the sign-off keeps its line break
    assert paragraphs[-1] == "P.S. Edited by me."

    assert owner_client.get(reverse("jobs:letter_download", args=[letter.id, "rtf"])).status_code == 404


@pytest.mark.browser
def test_downloads_as_pdf(owner_client, owner, resume, jd):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    from resumes.parsing import parse_bytes

    letter = _written(services.letter_request(user=owner, resume=resume, job_description=jd)[0])
    response = owner_client.get(reverse("jobs:letter_download", args=[letter.id, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = parse_bytes(response.content, "pdf").text
    assert "Dear Acme Analytics hiring team" in text


def test_attaching_copies_a_frozen_letter_into_the_application(owner_client, owner, stranger, resume, jd):
    from tests.tracker.factories import application

    letter = _written(services.letter_request(user=owner, resume=resume, job_description=jd)[0])
    mine = application(owner)
    url = reverse("jobs:letter_attach", args=[letter.id])

    assert owner_client.post(url, {"application": mine.id}).status_code == 302
    mine.refresh_from_db()
    assert mine.cover_letter_text == letter.text

    services.letter_save_text(letter=letter, text="A later edit.")
    mine.refresh_from_db()
    assert mine.cover_letter_text != "A later edit."  # a copy, not a link

    theirs = application(stranger)
    assert owner_client.post(url, {"application": theirs.id}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.cover_letter_text == ""
    assert owner_client.get(url).status_code == 405


def test_deleting_a_letter(owner_client, owner, resume, jd):
    letter = _written(services.letter_request(user=owner, resume=resume, job_description=jd)[0])
    url = reverse("jobs:letter_delete", args=[letter.id])
    assert owner_client.get(url).status_code == 405
    assert owner_client.post(url)["Location"] == reverse("jobs:letter_list")
    assert not CoverLetter.objects.filter(id=letter.id).exists()
    assert owner_client.post(url).status_code == 404  # a double click


def test_job_pages_link_to_the_letter_form(owner_client, owner, jd):
    from tests.jobs.factories import job_posting

    html = owner_client.get(reverse("jobs:jd_detail", args=[jd.id])).content.decode()
    assert f"{reverse('jobs:letter_new')}?jd={jd.id}" in html
    posting = job_posting()
    html = owner_client.get(reverse("jobs:posting_detail", args=[posting.id])).content.decode()
    assert f"{reverse('jobs:letter_new')}?posting={posting.id}" in html


@pytest.mark.worker
def test_a_letter_is_written_through_the_worker(worker, owner_client, owner, resume, jd):
    owner_client.post(reverse("jobs:letter_new"), {"resume": resume.id, "job_description": jd.id})
    worker.drain()
    letter = CoverLetter.objects.for_user(owner).get()
    assert letter.status == "completed" and letter.text


# --- the corpus -------------------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_no_corpus_letter_keeps_an_invented_fact(corpus_dir, monkeypatch):
    from bench import cover_letters

    monkeypatch.setenv("CORPUS_DIR", str(corpus_dir))
    result = cover_letters.run(job_stride=7)  # every 7th job: the whole corpus is the benchmark's (3 minutes)
    assert result["matching.cover_letter.letters"]["value"] > 500
    assert result["matching.cover_letter.guard_passed"]["value"] == 0
    assert result["matching.cover_letter.injected"]["value"] > 100
    assert result["matching.cover_letter.injected_missed"]["value"] == 0


def test_words_of_the_job_title_vouch_for_nothing_on_their_own():
    job = Job(
        text=SAMPLE_TEXT,
        analysis=ANALYSIS,
        title="Customer Service Representative - Spanish Speaker (Remote)",
        company="Tom's Key Company",
    )
    letter = _letter(
        "I am applying for the Customer Service Representative role at Tom's Key Company.",
        "I speak Spanish every day.",
        greeting="Dear Tom's Key Company hiring team,",
    )
    guarded, dropped = guard_letter(RESUME, job, letter)
    assert guarded.paragraphs == ("I am applying for the Customer Service Representative role at Tom's Key Company.",)
    assert [d.text for d in dropped] == ["I speak Spanish every day."]


def test_a_short_form_of_the_title_that_is_a_skill_vouches_for_nothing():
    job = Job(text=SAMPLE_TEXT, analysis=ANALYSIS, title="C++ / Python Developer", company="Flightradar24")
    letter = _letter(
        "I am applying for the C++ / Python Developer role.",
        "I have used C++ every day.",
        greeting="Dear Flightradar24 hiring team,",
    )
    guarded, dropped = guard_letter(RESUME, job, letter)
    assert guarded.paragraphs == ("I am applying for the C++ / Python Developer role.",)
    assert [d.text for d in dropped] == ["I have used C++ every day."]
