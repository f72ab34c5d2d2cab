"""The Anthropic provider and the provider chain, driving the real SDK against a loopback Messages API."""

from __future__ import annotations

import copy

import pytest
from django.core.cache import cache

from optimize.ai import chain
from optimize.ai.anthropic import (
    PROMPT_VERSION,
    TOOL_NAME,
    AnthropicProvider,
    build_prompt,
    cache_key,
    resolve_path,
    truncate,
)
from optimize.ai.offline import OfflineProvider
from optimize.ai.types import KINDS, Analysis, Gaps, Job, ProviderError
from tests.optimize.anthropic_server import AnthropicServer, error, tool_answer

RESUME = {
    "schema_version": 1,
    "contact": {
        "name": "Jane Roe",
        "email": "jane.roe@example.com",
        "phone": "+1 (415) 555-0134",
        "location": "Austin, TX",
        "links": [],
        "confidence": {"name": 0.95},
    },
    "summary": {"text": "Backend engineer who builds APIs in Python.", "confidence": 0.9},
    "experience": [
        {
            "title": "Software Engineer",
            "company": "Acme",
            "location": "Austin, TX",
            "start": "2020-01",
            "end": "present",
            "current": True,
            "dates_raw": "Jan 2020 - Present",
            "bullets": [
                "Worked on the billing API in Python and PostgreSQL",
                "Helped the team with deployments",
            ],
            "confidence": {"title": 0.85, "company": 0.85, "location": 0.8, "dates": 0.95},
        }
    ],
    "education": [],
    "skills": [{"group": "Languages", "items": ["Python", "SQL"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}
JOB = Job(
    text="Backend Engineer\n\nRequirements:\n- Python and PostgreSQL\n- Kubernetes\n",
    analysis={"title": "Backend Engineer", "skills": {"required": [{"skill": "Python"}], "preferred": []}},
    title="Backend Engineer",
    company="Lumen Freight",
)
ANALYSIS = Analysis(
    score=58,
    components=(),
    gaps=Gaps(missing_required=("Kubernetes",)),
    matched_required=("Python", "PostgreSQL"),
)

TRUTHFUL = {
    "section": "experience",
    "path": "experience.0.bullets.0",
    "kind": "rewrite",
    "before": "Worked on the billing API in Python and PostgreSQL",
    "after": "Built the billing API in Python and PostgreSQL",
    "reason": "A stronger verb says what you did.",
    "keywords": ["Python", "PostgreSQL"],
}
FLAG = {
    "section": "experience",
    "path": "experience.0.bullets.1",
    "kind": "flag_metric",
    "before": "Helped the team with deployments",
    "after": "Helped the team with deployments",
    "reason": "How often did you deploy, or how much faster did deployments get?",
    "keywords": [],
}
INVENTED = {**FLAG, "kind": "rewrite", "after": "Led a team of 12 at Google", "reason": "Shows leadership."}


@pytest.fixture
def server(settings):
    srv = AnthropicServer().start()
    settings.AI_PROVIDERS = ["anthropic", "offline"]
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = srv.base_url
    settings.ANTHROPIC_MODEL = "claude-test"
    settings.ANTHROPIC_TIMEOUT_SECONDS = 5
    settings.ANTHROPIC_MAX_RETRIES = 2
    settings.AI_CACHE_SECONDS = 3600
    cache.clear()
    yield srv
    srv.stop()
    cache.clear()


def suggest(strategy="targeted", resume=RESUME):
    records = []
    result = chain.run_suggest(resume, JOB, ANALYSIS, strategy, record=records.append)
    return result, records


def test_success_parses_suggestions_and_records_usage(server):
    server.script(tool_answer({"suggestions": [TRUTHFUL, FLAG]}, input_tokens=1500, output_tokens=420))

    result, records = suggest()

    assert result.provider == "anthropic"
    assert result.model == "claude-test"
    assert [s.path for s in result.suggestions] == ["experience.0.bullets.0", "experience.0.bullets.1"]
    assert result.suggestions[0].after == "Built the billing API in Python and PostgreSQL"
    assert result.suggestions[1].kind == "flag_metric"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (1500, 420)
    assert result.dropped == 0
    assert not result.cached

    [record] = records
    assert (record.provider, record.model, record.operation, record.outcome) == (
        "anthropic",
        "claude-test",
        "suggest",
        "ok",
    )
    assert record.prompt_version == PROMPT_VERSION == "suggest-v1"
    assert (record.input_tokens, record.output_tokens) == (1500, 420)
    assert record.latency_ms >= 0
    assert "Helped the team with deployments" in record.request_text
    assert "Built the billing API" in record.response_text

    [request] = server.requests
    assert request.path == "/v1/messages"
    # This SDK sends the API key as a bearer token, not as x-api-key.
    assert (
        request.headers.get("authorization") == "Bearer sk-ant-test"
        or request.headers.get("x-api-key") == "sk-ant-test"
    )
    body = request.body
    assert body["model"] == "claude-test"
    assert body["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    [tool] = body["tools"]
    assert tool["name"] == TOOL_NAME
    item = tool["input_schema"]["properties"]["suggestions"]["items"]
    assert item["properties"]["kind"]["enum"] == list(KINDS)
    assert set(item["required"]) == {"section", "path", "kind", "before", "after", "reason", "keywords"}
    prompt = body["messages"][0]["content"]
    assert "never add an employer" in prompt.lower() or "never add an employer" in body["system"].lower()
    assert "Worked on the billing API" in prompt
    assert "Strategy: targeted" in prompt
    # Contact details are not needed to edit wording and stay out of the prompt.
    assert "jane.roe@example.com" not in prompt
    assert "555-0134" not in prompt


def test_rate_limited_then_success(server):
    server.script(
        error(429, "Number of requests has exceeded your rate limit"), tool_answer({"suggestions": [TRUTHFUL]})
    )

    result, records = suggest()

    assert result.provider == "anthropic"
    assert len(result.suggestions) == 1
    assert [r.outcome for r in records] == ["ok"]
    assert len(server.requests) == 2
    # The SDK retried by itself and says so.
    assert server.requests[1].headers["x-stainless-retry-count"] == "1"


@pytest.mark.parametrize(
    ("status", "code"), [(500, "server_error"), (529, "overloaded"), (429, "rate_limited"), (503, "server_error")]
)
def test_persistent_errors_fall_back_to_offline(server, status, code):
    server.script(*[error(status) for _ in range(3)])

    result, records = suggest()

    assert result.provider == "offline"
    assert len(server.requests) == 3  # the first try and ANTHROPIC_MAX_RETRIES=2 retries
    assert [(r.provider, r.outcome) for r in records] == [("anthropic", code), ("offline", "ok")]
    assert records[0].error.startswith(str(status))
    assert records[0].model == "claude-test"


def test_auth_error_is_not_retried(server):
    server.script(error(401, "invalid x-api-key"))

    result, records = suggest()

    assert result.provider == "offline"
    assert len(server.requests) == 1
    assert records[0].outcome == "auth"


def test_timeout_falls_back_to_offline(server, settings):
    settings.ANTHROPIC_TIMEOUT_SECONDS = 0.3
    settings.ANTHROPIC_MAX_RETRIES = 1
    server.script(tool_answer({"suggestions": [TRUTHFUL]}, delay=3), tool_answer({"suggestions": [TRUTHFUL]}, delay=3))

    result, records = suggest()

    assert result.provider == "offline"
    assert len(server.requests) == 2
    assert [(r.provider, r.outcome) for r in records] == [("anthropic", "timeout"), ("offline", "ok")]


@pytest.mark.parametrize(
    "tool_input",
    [
        {"suggestions": [{"section": "experience", "path": "experience.0.bullets.0"}]},
        {"suggestions": [{**TRUTHFUL, "kind": "invent_metric"}]},
        {"suggestions": [{**TRUTHFUL, "keywords": "Python"}]},
        {"suggestions": "none"},
        {"edits": [TRUTHFUL]},
    ],
)
def test_malformed_tool_input_falls_back(server, tool_input):
    server.script(tool_answer(tool_input))

    result, records = suggest()

    assert result.provider == "offline"
    assert len(server.requests) == 1  # a bad answer is not retried
    assert [(r.provider, r.outcome) for r in records] == [("anthropic", "invalid_output"), ("offline", "ok")]
    assert records[0].response_text  # the bad answer is kept for the call log


def test_answer_cut_off_at_max_tokens_is_invalid(server):
    reply = tool_answer({"suggestions": [TRUTHFUL]})
    reply.body["stop_reason"] = "max_tokens"
    server.script(reply)

    result, records = suggest()

    assert result.provider == "offline"
    assert records[0].outcome == "invalid_output"


def test_guard_drops_invented_employer_and_number(server):
    server.script(tool_answer({"suggestions": [TRUTHFUL, INVENTED]}))

    result, _ = suggest()

    assert result.provider == "anthropic"
    assert result.dropped >= 1
    afters = [s.after for s in result.suggestions]
    assert "Built the billing API in Python and PostgreSQL" in afters
    assert not any("Google" in a or "12" in a for a in afters)


def test_suggestions_must_quote_the_resume(server):
    wrong_before = {**TRUTHFUL, "before": "Worked on a payments API"}
    missing_path = {**TRUTHFUL, "path": "experience.3.bullets.0"}
    spacing = {**FLAG, "before": "  Helped the team   with deployments\n"}
    server.script(tool_answer({"suggestions": [wrong_before, missing_path, spacing]}))

    result, _ = suggest()

    assert result.provider == "anthropic"
    [kept] = result.suggestions
    assert kept.path == "experience.0.bullets.1"
    assert kept.before == kept.after == "Helped the team with deployments"  # the resume's exact text


def test_nothing_grounded_is_invalid_output(server):
    server.script(tool_answer({"suggestions": [{**TRUTHFUL, "before": "Invented text"}]}))

    result, records = suggest()

    assert result.provider == "offline"
    assert records[0].outcome == "invalid_output"


def test_conservative_strategy_keeps_to_wording(server):
    reorder = {
        "section": "skills",
        "path": "skills.0.items",
        "kind": "reorder",
        "before": "Python\nSQL",
        "after": "SQL\nPython",
        "reason": "SQL first: the job asks for PostgreSQL.",
        "keywords": ["PostgreSQL"],
    }
    server.script(tool_answer({"suggestions": [reorder, TRUTHFUL]}), tool_answer({"suggestions": [reorder, TRUTHFUL]}))

    conservative, _ = suggest("conservative")
    targeted, _ = suggest("targeted")

    assert [s.kind for s in conservative.suggestions] == ["rewrite"]
    assert [s.kind for s in targeted.suggestions] == ["reorder", "rewrite"]
    assert "Strategy: conservative" in server.requests[0].body["messages"][0]["content"]


def test_second_identical_call_is_cached(server):
    server.script(tool_answer({"suggestions": [TRUTHFUL, FLAG]}))

    first, _ = suggest()
    second, records = suggest()

    assert len(server.requests) == 1
    assert second.cached and not first.cached
    assert second.suggestions == first.suggestions
    assert second.provider == "anthropic"
    assert (second.usage.input_tokens, second.usage.output_tokens) == (0, 0)
    assert [r.outcome for r in records] == ["cached"]


def test_cache_key_changes_with_inputs():
    key = cache_key("m", RESUME, JOB, ANALYSIS, "targeted")
    assert key == cache_key("m", copy.deepcopy(RESUME), JOB, ANALYSIS, "targeted")
    assert key != cache_key("m", RESUME, JOB, ANALYSIS, "conservative")
    assert key != cache_key("other-model", RESUME, JOB, ANALYSIS, "targeted")
    edited = copy.deepcopy(RESUME)
    edited["summary"]["text"] = "Changed."
    assert key != cache_key("m", edited, JOB, ANALYSIS, "targeted")


def test_all_providers_failing_raises(server, monkeypatch):
    server.script(*[error(500) for _ in range(3)])

    def broken(self, *args):
        raise ProviderError("unavailable", "offline is broken too")

    monkeypatch.setattr(OfflineProvider, "suggest", broken)

    with pytest.raises(ProviderError) as exc:
        suggest()
    assert exc.value.code == "unavailable"


def test_unexpected_exception_moves_on(server, monkeypatch):
    def buggy(self, *args):
        raise KeyError("oops")

    monkeypatch.setattr(AnthropicProvider, "suggest", buggy)

    result, records = suggest()

    assert result.provider == "offline"
    assert records[0].outcome == chain.UNEXPECTED
    assert "KeyError" in records[0].error


def test_providers_from_settings(settings):
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.AI_PROVIDERS = ["anthropic"]
    assert [p.name for p in chain.providers()] == ["anthropic", "offline"]
    settings.AI_PROVIDERS = ["Offline", "anthropic", "nonsense"]
    assert [p.name for p in chain.providers()] == ["offline", "anthropic"]
    settings.ANTHROPIC_API_KEY = ""
    settings.AI_PROVIDERS = ["anthropic", "offline"]
    assert [p.name for p in chain.providers()] == ["offline"]
    settings.AI_PROVIDERS = []
    assert [p.name for p in chain.providers()] == ["offline"]


def test_analyze_scores_offline_without_calling_the_api(server):
    records = []

    analysis = chain.run_analyze(RESUME, JOB, record=records.append)

    assert isinstance(analysis, Analysis)
    assert 0 <= analysis.score <= 100
    assert server.requests == []
    assert [(r.provider, r.operation, r.outcome) for r in records] == [("anthropic", "analyze", "ok")]


def test_resolve_path():
    assert resolve_path(RESUME, "summary.text") == "Backend engineer who builds APIs in Python."
    assert resolve_path(RESUME, "experience.0.bullets.1") == "Helped the team with deployments"
    assert resolve_path(RESUME, "experience.0.bullets") == (
        "Worked on the billing API in Python and PostgreSQL\nHelped the team with deployments"
    )
    assert resolve_path(RESUME, "skills.0.items") == "Python\nSQL"
    assert resolve_path(RESUME, "experience.0") is None
    assert resolve_path(RESUME, "experience.5.bullets.0") is None
    assert resolve_path(RESUME, "experience.x.bullets") is None
    assert resolve_path(RESUME, "summary.missing") is None


def test_prompt_truncates_long_postings():
    long_job = Job(text="Intro line\n\n" + "\n".join(f"Duty number {i}" for i in range(3000)), analysis={})
    _, user = build_prompt(RESUME, long_job, ANALYSIS, "conservative")
    assert "[... posting truncated ...]" in user
    assert len(user) < 20_000
    assert truncate("short") == "short"
