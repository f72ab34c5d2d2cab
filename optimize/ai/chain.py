"""The provider chain: ask each configured provider in turn until one answers; "offline" always answers last.

Every attempt is reported to an optional ``record`` callable as a ``CallRecord`` (the caller stores it, redacted).
The truthfulness guard runs here, on whichever provider answered, so no provider's suggestions skip it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from django.conf import settings

from optimize.ai.types import (
    STRATEGIES,
    Analysis,
    CoverLetter,
    InterviewPrep,
    Job,
    Provider,
    ProviderError,
    SuggestResult,
)

log = logging.getLogger(__name__)

OFFLINE = "offline"
ANTHROPIC = "anthropic"
# Outcome of an attempt that raised something other than ProviderError (a bug in a provider).
UNEXPECTED = "error"


@dataclass(frozen=True)
class CallRecord:
    provider: str
    model: str
    prompt_version: str
    operation: str  # "suggest" | "analyze" | "cover_letter" | "interview_questions"
    input_tokens: int = 0
    output_tokens: int = 0
    latency_ms: int = 0
    outcome: str = "ok"  # "ok", "cached", a ProviderError code, or UNEXPECTED
    error: str = ""
    request_text: str = ""
    response_text: str = ""


Recorder = Callable[[CallRecord], object]


def providers() -> list[Provider]:
    """The providers of settings.AI_PROVIDERS in order, "offline" last unless placed; unknown names are skipped."""
    names: list[str] = []
    for raw in settings.AI_PROVIDERS:
        name = raw.strip().lower()
        if name and name not in names:
            names.append(name)
    if OFFLINE not in names:
        names.append(OFFLINE)

    chain: list[Provider] = []
    for name in names:
        if name == ANTHROPIC:
            if not settings.ANTHROPIC_API_KEY:
                continue
            from optimize.ai.anthropic import AnthropicProvider

            chain.append(AnthropicProvider())
        elif name == OFFLINE:
            from optimize.ai.offline import OfflineProvider

            chain.append(OfflineProvider())
        else:
            log.warning("AI_PROVIDERS: unknown provider %r ignored", name)
    return chain


def run_suggest(
    resume: Mapping, job: Job, analysis: Analysis, strategy: str, *, record: Recorder | None = None
) -> SuggestResult:
    """Guarded suggestions from the first provider that answers; ``provider`` names it, ``dropped`` counts the
    suggestions the guard removed. Raises ProviderError("unavailable") only when every provider failed."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}")
    from optimize.guard import guard

    last_error: Exception | None = None
    for provider in providers():
        started = time.monotonic()
        try:
            result = provider.suggest(resume, job, analysis, strategy)
        except Exception as exc:
            _failed(provider, "suggest", exc, started, record)
            last_error = exc
            continue
        _record(
            record,
            provider,
            "suggest",
            started,
            outcome="cached" if result.cached else "ok",
            model=result.model or getattr(provider, "model", ""),
            input_tokens=result.usage.input_tokens,
            output_tokens=result.usage.output_tokens,
            response_text=getattr(provider, "last_response_text", None)
            or json.dumps([s.to_dict() for s in result.suggestions], ensure_ascii=False),
        )
        kept, dropped = guard(resume, result.suggestions)
        return replace(result, suggestions=tuple(kept), dropped=len(dropped), provider=provider.name)
    raise ProviderError("unavailable", "no AI provider answered") from last_error


def run_analyze(resume: Mapping, job: Job, *, record: Recorder | None = None) -> Analysis:
    """The score and gaps from the first provider that answers (every provider scores offline, deterministically)."""
    last_error: Exception | None = None
    for provider in providers():
        started = time.monotonic()
        try:
            analysis = provider.analyze(resume, job)
        except Exception as exc:
            _failed(provider, "analyze", exc, started, record)
            last_error = exc
            continue
        _record(record, provider, "analyze", started, outcome="ok")
        return analysis
    raise ProviderError("unavailable", "no AI provider answered") from last_error


# ---------------------------------------------------------------------------------------------------------------
# Generated documents (cover letters, interview preparation): guarded by optimize.letter_guard.

COVER_LETTER = "cover_letter"
INTERVIEW_QUESTIONS = "interview_questions"


def prompt_version(provider: Provider, operation: str) -> str:
    """The version of the prompt (or, offline, of the composition rules) ``provider`` uses for ``operation``."""
    versions = getattr(provider, "prompt_versions", None) or {}
    return versions.get(operation) or getattr(provider, "prompt_version", "")


def signature(operation: str) -> str:
    """The configured chain for ``operation`` as text (provider, model and prompt version of each, in order): part
    of a stored document's cache key, so that a change of provider, model or prompt makes a new one."""
    return "|".join(f"{p.name}:{getattr(p, 'model', '')}:{prompt_version(p, operation)}" for p in providers())


def run_cover_letter(resume: Mapping, job: Job, *, record: Recorder | None = None) -> CoverLetter:
    """A guarded cover letter from the first provider that answers; ``provider`` names it, ``dropped`` counts
    the sentences and highlights the guard removed. A letter the guard empties counts as no answer (the next
    provider writes one). Raises ProviderError("unavailable") only when every provider failed."""
    from optimize.letter_guard import guard_letter

    def ask(provider: Provider):
        return provider.write_cover_letter(resume, job)

    def checked(result: CoverLetter) -> CoverLetter:
        guarded, _ = guard_letter(resume, job, result)
        if result.paragraphs and not guarded.paragraphs:
            raise ProviderError("invalid_output", "the guard removed every paragraph of the letter")
        return guarded

    return _run_document(COVER_LETTER, ask, checked, record)


def run_interview_questions(resume: Mapping, job: Job, *, record: Recorder | None = None) -> InterviewPrep:
    """Guarded interview questions from the first provider that answers, like ``run_cover_letter``."""
    from optimize.letter_guard import guard_interview

    def ask(provider: Provider):
        return provider.interview_questions(resume, job)

    def checked(result: InterviewPrep) -> InterviewPrep:
        guarded, _ = guard_interview(resume, job, result)
        if result.questions and not guarded.questions:
            raise ProviderError("invalid_output", "the guard removed every question")
        return guarded

    return _run_document(INTERVIEW_QUESTIONS, ask, checked, record)


def _run_document(operation: str, ask: Callable, checked: Callable, record: Recorder | None):
    last_error: Exception | None = None
    for provider in providers():
        started = time.monotonic()
        try:
            result = ask(provider)
            guarded = checked(result)
        except Exception as exc:
            _failed(provider, operation, exc, started, record)
            last_error = exc
            continue
        _record(
            record,
            provider,
            operation,
            started,
            outcome="cached" if result.cached else "ok",
            model=result.model or getattr(provider, "model", ""),
            input_tokens=result.usage.input_tokens,
            output_tokens=result.usage.output_tokens,
            response_text=getattr(provider, "last_response_text", None)
            or json.dumps(result.to_dict(), ensure_ascii=False),
        )
        return replace(guarded, provider=provider.name, model=result.model or getattr(provider, "model", ""))
    raise ProviderError("unavailable", "no AI provider answered") from last_error


def _failed(provider: Provider, operation: str, exc: Exception, started: float, record: Recorder | None) -> None:
    if isinstance(exc, ProviderError):
        log.warning("AI provider %s failed to %s: %s (%s)", provider.name, operation, exc.code, exc.message)
        outcome, message = exc.code, exc.message
    else:
        log.exception("AI provider %s raised while running %s", provider.name, operation)
        outcome, message = UNEXPECTED, f"{type(exc).__name__}: {exc}"
    _record(
        record,
        provider,
        operation,
        started,
        outcome=outcome,
        error=message,
        model=getattr(provider, "model", "") if operation != "analyze" else "",
        response_text=getattr(provider, "last_response_text", "") if operation != "analyze" else "",
    )


def _record(
    record: Recorder | None,
    provider: Provider,
    operation: str,
    started: float,
    *,
    outcome: str,
    model: str = "",
    error: str = "",
    input_tokens: int = 0,
    output_tokens: int = 0,
    response_text: str = "",
) -> None:
    if record is None:
        return
    suggesting = operation != "analyze"  # every operation but analysis writes text through a prompt
    record(
        CallRecord(
            provider=provider.name,
            model=model,
            # Analysis is offline scoring for every provider: no prompt, no model.
            prompt_version=prompt_version(provider, operation) if suggesting else "",
            operation=operation,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            latency_ms=round((time.monotonic() - started) * 1000),
            outcome=outcome,
            error=error,
            request_text=getattr(provider, "last_request_text", "") if suggesting else "",
            response_text=response_text,
        )
    )
