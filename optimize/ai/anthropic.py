"""The Anthropic provider: Claude writes the suggestions through one forced tool call; scoring stays offline.

The SDK retries 408/409/429/5xx (529 "overloaded" included) and connection errors and time-outs itself, with
exponential backoff or the server's ``retry-after-ms``/``retry-after``; ``ANTHROPIC_MAX_RETRIES`` bounds it.
What still fails becomes a ``ProviderError`` so that the chain can ask the next provider.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

import anthropic
from django.conf import settings
from django.core.cache import cache as django_cache

from optimize.ai.types import (
    FLAG_METRIC,
    KINDS,
    REWRITE,
    STRATEGIES,
    Analysis,
    CoverLetter,
    InterviewPrep,
    Job,
    ProviderError,
    SchemaError,
    Suggestion,
    SuggestResult,
    Usage,
)

log = logging.getLogger(__name__)

PROMPT_VERSION = "suggest-v1"
PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
TOOL_NAME = "submit_suggestions"
MAX_SUGGESTIONS = 25
# Job postings beyond this are boilerplate (benefits, legal text) in practice; the analysis has the skills.
JOB_TEXT_LIMIT = 12_000
EDITABLE_SECTIONS = ("summary", "experience", "skills", "projects")
ALLOWED_KINDS = {"conservative": frozenset({REWRITE, FLAG_METRIC}), "targeted": frozenset(KINDS)}

SUGGESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "section": {"type": "string", "enum": list(EDITABLE_SECTIONS)},
        "path": {"type": "string", "description": 'Dotted path with list indices, e.g. "experience.0.bullets.2".'},
        "kind": {"type": "string", "enum": list(KINDS)},
        "before": {"type": "string", "description": "The current value at path; a list one item per line."},
        "after": {"type": "string", "description": "The proposed value; equal to before for flag_metric."},
        "reason": {"type": "string"},
        "keywords": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["section", "path", "kind", "before", "after", "reason", "keywords"],
    "additionalProperties": False,
}
TOOL: dict[str, Any] = {
    "name": TOOL_NAME,
    "description": "Submit the suggested resume edits.",
    "input_schema": {
        "type": "object",
        "properties": {"suggestions": {"type": "array", "items": SUGGESTION_SCHEMA}},
        "required": ["suggestions"],
        "additionalProperties": False,
    },
}


@cache
def load_prompt(name: str) -> str:
    return (PROMPTS_DIR / name).read_text(encoding="utf-8")


def prompt_sections(resume: Mapping) -> dict:
    """The resume as the model sees it: no contact details (not needed, and personal) and no parser confidences.

    Only dict keys go, so every list index, and with it every path, stays as in the stored sections.
    """

    def strip(value):
        if isinstance(value, Mapping):
            return {k: strip(v) for k, v in value.items() if k != "confidence"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return {k: strip(v) for k, v in resume.items() if k not in ("contact", "schema_version")}


def truncate(text: str, limit: int = JOB_TEXT_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # End on a paragraph or line boundary when one is reasonably close, not mid-sentence.
    for boundary in ("\n\n", "\n"):
        at = cut.rfind(boundary)
        if at >= limit * 0.8:
            cut = cut[:at]
            break
    return cut.rstrip() + "\n[... posting truncated ...]"


def build_prompt(resume: Mapping, job: Job, analysis: Analysis, strategy: str) -> tuple[str, str]:
    """(system, user) texts of PROMPT_VERSION."""

    def names(values) -> str:
        return ", ".join(values) or "none"

    user = Template(load_prompt("suggest_v1.txt")).substitute(
        resume_json=json.dumps(prompt_sections(resume), ensure_ascii=False, indent=1),
        job_title=job.title or job.analysis.get("title") or "",
        job_company=job.company or job.analysis.get("company") or "",
        job_text=truncate(job.text.strip()),
        score=analysis.score,
        matched_required=names(analysis.matched_required),
        missing_required=names(analysis.gaps.missing_required),
        missing_preferred=names(analysis.gaps.missing_preferred),
        unevidenced=names(analysis.gaps.unevidenced),
        strategy=strategy,
        max_suggestions=MAX_SUGGESTIONS,
    )
    return load_prompt("system_v1.txt").strip(), user


def resolve_path(sections: Mapping, path: str) -> str | None:
    """The resume's text at a dotted path ("experience.0.bullets.2"); a list of strings joined with "\\n".

    None when the path leads nowhere or to something that is not text.
    """
    node: Any = sections
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, Mapping) and part in node:
            node = node[part]
        else:
            return None
    if isinstance(node, list):
        if not all(isinstance(v, str) for v in node):
            return None
        return "\n".join(node)
    if isinstance(node, Mapping):
        return None
    return "" if node is None else str(node)


def _same_text(a: str, b: str) -> bool:
    return a.split() == b.split()


def cache_key(model: str, resume: Mapping, job: Job, analysis: Analysis, strategy: str) -> str:
    payload = {
        "prompt_version": PROMPT_VERSION,
        "model": model,
        "resume": resume,
        "job": dataclasses.asdict(job),
        "analysis": analysis.to_dict(),
        "strategy": strategy,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return "ai:suggest:" + hashlib.sha256(canonical.encode()).hexdigest()


# --- cover letters and interview preparation ----------------------------------------------------------------

LETTER_PROMPT_VERSION = "cover-letter-v1"
INTERVIEW_PROMPT_VERSION = "interview-v1"
LETTER_TOOL_NAME = "submit_cover_letter"
INTERVIEW_TOOL_NAME = "submit_interview_questions"
MAX_HIGHLIGHTS = 5
MAX_QUESTIONS = 12
LETTER_MAX_WORDS = 400

_TEXT = {"type": "string"}
LETTER_TOOL: dict[str, Any] = {
    "name": LETTER_TOOL_NAME,
    "description": "Submit the cover letter and the resume highlights it draws on.",
    "input_schema": {
        "type": "object",
        "properties": {
            "greeting": _TEXT,
            "paragraphs": {"type": "array", "items": _TEXT},
            "closing": _TEXT,
            "highlights": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"path": _TEXT, "text": _TEXT, "why": _TEXT},
                    "required": ["path", "text", "why"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["greeting", "paragraphs", "closing", "highlights"],
        "additionalProperties": False,
    },
}
INTERVIEW_TOOL: dict[str, Any] = {
    "name": INTERVIEW_TOOL_NAME,
    "description": "Submit the likely interview questions with preparation notes.",
    "input_schema": {
        "type": "object",
        "properties": {
            "questions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"question": _TEXT, "why": _TEXT, "prepare": _TEXT},
                    "required": ["question", "why", "prepare"],
                    "additionalProperties": False,
                },
            }
        },
        "required": ["questions"],
        "additionalProperties": False,
    },
}


def _skill_lists(resume: Mapping, job: Job) -> dict[str, str]:
    from optimize.scoring import job_skills, resume_skills

    have = resume_skills(resume)
    required = job_skills(job.analysis or {}, "required")
    preferred = [s for s in job_skills(job.analysis or {}, "preferred") if s not in required]
    return {
        "matched_required": ", ".join(s for s in required if s in have) or "none",
        "missing_required": ", ".join(s for s in required if s not in have) or "none",
        "matched_preferred": ", ".join(s for s in preferred if s in have) or "none",
    }


def _job_fields(resume: Mapping, job: Job) -> dict[str, str]:
    return {
        "resume_json": json.dumps(prompt_sections(resume), ensure_ascii=False, indent=1),
        "job_title": job.title or job.analysis.get("title") or "",
        "job_company": job.company or job.analysis.get("company") or "",
        "job_text": truncate(job.text.strip()),
        **_skill_lists(resume, job),
    }


def build_letter_prompt(resume: Mapping, job: Job) -> tuple[str, str]:
    """(system, user) texts of LETTER_PROMPT_VERSION. The name is the only contact detail the model sees."""
    contact = resume.get("contact") if isinstance(resume.get("contact"), Mapping) else {}
    user = Template(load_prompt("cover_letter_v1.txt")).substitute(
        **_job_fields(resume, job),
        name=str(contact.get("name") or "").strip() or "not given (sign off without a name)",
        max_words=LETTER_MAX_WORDS,
        tool_name=LETTER_TOOL_NAME,
    )
    return load_prompt("letter_system_v1.txt").strip(), user


def build_interview_prompt(resume: Mapping, job: Job) -> tuple[str, str]:
    """(system, user) texts of INTERVIEW_PROMPT_VERSION."""
    user = Template(load_prompt("interview_v1.txt")).substitute(
        **_job_fields(resume, job), max_questions=MAX_QUESTIONS, tool_name=INTERVIEW_TOOL_NAME
    )
    return load_prompt("letter_system_v1.txt").strip(), user


def document_cache_key(version: str, model: str, resume: Mapping, job: Job) -> str:
    payload = {"prompt_version": version, "model": model, "resume": resume, "job": dataclasses.asdict(job)}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"ai:{version}:" + hashlib.sha256(canonical.encode()).hexdigest()


def _quotes_resume(resume: Mapping, path: str, text: str) -> bool:
    """Whether ``text`` is the resume's text at ``path``, or a cut of it."""
    source = resolve_path(resume, path)
    quoted = " ".join(text.strip().strip('"“”').rstrip("….").split()).casefold()
    return source is not None and bool(quoted) and quoted in " ".join(source.split()).casefold()


def provider_error(exc: Exception) -> ProviderError:
    """Map an SDK exception (after the SDK's own retries) to a ProviderError code."""
    if isinstance(exc, anthropic.APITimeoutError):
        return ProviderError("timeout", "Anthropic API timed out")
    if isinstance(exc, anthropic.APIConnectionError):
        return ProviderError("unavailable", f"Anthropic API unreachable: {exc}")
    if isinstance(exc, anthropic.APIStatusError):
        message = f"{exc.status_code}: {exc.message}"
        if isinstance(exc, anthropic.RateLimitError):
            return ProviderError("rate_limited", message)
        if isinstance(exc, anthropic.OverloadedError):
            return ProviderError("overloaded", message)
        if isinstance(exc, anthropic.AuthenticationError | anthropic.PermissionDeniedError):
            return ProviderError("auth", message)
        if exc.status_code >= 500:
            return ProviderError("server_error", message)
        return ProviderError("unavailable", message)
    if isinstance(exc, anthropic.APIResponseValidationError):
        return ProviderError("invalid_output", f"unexpected response: {exc}")
    return ProviderError("unavailable", str(exc))


class AnthropicProvider:
    name = "anthropic"
    prompt_version = PROMPT_VERSION
    prompt_versions = {
        "suggest": PROMPT_VERSION,
        "cover_letter": LETTER_PROMPT_VERSION,
        "interview_questions": INTERVIEW_PROMPT_VERSION,
    }

    def __init__(self, *, model: str | None = None):
        self.model = model or settings.ANTHROPIC_MODEL
        self._client: anthropic.Anthropic | None = None
        # The prompt and the raw answer of the latest call, for the chain's call log.
        self.last_request_text = ""
        self.last_response_text = ""

    @property
    def client(self) -> anthropic.Anthropic:
        if self._client is None:
            if not settings.ANTHROPIC_API_KEY:
                raise ProviderError("auth", "ANTHROPIC_API_KEY is not set")
            self._client = anthropic.Anthropic(
                api_key=settings.ANTHROPIC_API_KEY,
                base_url=settings.ANTHROPIC_BASE_URL or None,
                timeout=settings.ANTHROPIC_TIMEOUT_SECONDS,
                max_retries=settings.ANTHROPIC_MAX_RETRIES,
            )
        return self._client

    def analyze(self, resume: Mapping, job: Job) -> Analysis:
        from optimize.scoring import score

        return score(resume, job)

    def suggest(self, resume: Mapping, job: Job, analysis: Analysis, strategy: str) -> SuggestResult:
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {strategy!r}")
        system, user = build_prompt(resume, job, analysis, strategy)
        self.last_request_text = f"{system}\n\n{user}"
        self.last_response_text = ""

        key = cache_key(self.model, resume, job, analysis, strategy)
        hit = _cache_get(key)
        if hit is not None:
            self.last_response_text = json.dumps(hit["suggestions"], ensure_ascii=False)
            return SuggestResult(
                suggestions=tuple(Suggestion.from_dict(s) for s in hit["suggestions"]),
                provider=self.name,
                model=hit["model"],
                cached=True,
            )

        try:
            message = self.client.messages.create(
                model=self.model,
                max_tokens=settings.ANTHROPIC_MAX_TOKENS,
                system=system,
                messages=[{"role": "user", "content": user}],
                tools=[TOOL],
                tool_choice={"type": "tool", "name": TOOL_NAME},
            )
        except anthropic.AnthropicError as exc:
            body = getattr(exc, "body", None)
            self.last_response_text = json.dumps(body, default=str) if body is not None else str(exc)
            raise provider_error(exc) from exc

        tool_input = next(
            (block.input for block in message.content if block.type == "tool_use" and block.name == TOOL_NAME),
            None,
        )
        self.last_response_text = json.dumps(tool_input, ensure_ascii=False, default=str)
        if message.stop_reason == "max_tokens":
            raise ProviderError("invalid_output", "the answer was cut off at max_tokens")
        if not isinstance(tool_input, Mapping) or not isinstance(tool_input.get("suggestions"), list):
            raise ProviderError("invalid_output", f"no {TOOL_NAME} call with a suggestions list")
        try:
            parsed = [Suggestion.from_dict(item) for item in tool_input["suggestions"]]
        except SchemaError as exc:
            raise ProviderError("invalid_output", str(exc)) from exc

        suggestions = self._grounded(resume, parsed, strategy)
        if parsed and not suggestions:
            raise ProviderError("invalid_output", f"none of the {len(parsed)} suggestions matched the resume")

        model = message.model or self.model
        _cache_set(key, {"suggestions": [s.to_dict() for s in suggestions], "model": model})
        return SuggestResult(
            suggestions=tuple(suggestions),
            provider=self.name,
            model=model,
            usage=Usage(input_tokens=message.usage.input_tokens, output_tokens=message.usage.output_tokens),
        )

    def _grounded(self, resume: Mapping, suggestions: list[Suggestion], strategy: str) -> list[Suggestion]:
        """Keep the suggestions that address real resume text; ``before`` becomes that exact text."""
        kept = []
        for s in suggestions[:MAX_SUGGESTIONS]:
            current = resolve_path(resume, s.path)
            problem = None
            if s.section not in EDITABLE_SECTIONS or s.path.split(".")[0] != s.section:
                problem = "section and path disagree"
            elif s.kind not in ALLOWED_KINDS[strategy]:
                problem = f"kind {s.kind} is not part of the {strategy} strategy"
            elif current is None:
                problem = "path not in the resume"
            elif not _same_text(s.before, current):
                problem = "before is not the resume's text"
            elif s.kind != FLAG_METRIC and _same_text(s.after, current):
                problem = "no change"
            if problem:
                log.info("anthropic suggestion dropped (%s): %s", problem, s.path)
                continue
            after = current if s.kind == FLAG_METRIC else s.after.strip()
            kept.append(dataclasses.replace(s, before=current, after=after))
        return kept

    # --- generated documents (issue 8) -------------------------------------------------------------------

    def write_cover_letter(self, resume: Mapping, job: Job) -> CoverLetter:
        system, user = build_letter_prompt(resume, job)
        tool_input, message = self._document(LETTER_PROMPT_VERSION, LETTER_TOOL, system, user, resume, job)
        if message is None:  # from the cache, stored after the checks below
            return dataclasses.replace(CoverLetter.from_dict(tool_input), provider=self.name, cached=True)
        try:
            letter = CoverLetter.from_dict(tool_input)
        except SchemaError as exc:
            raise ProviderError("invalid_output", str(exc)) from exc
        paragraphs = tuple(p.strip() for p in letter.paragraphs if p.strip())
        if not paragraphs:
            raise ProviderError("invalid_output", "the letter has no paragraphs")
        highlights = tuple(h for h in letter.highlights[:MAX_HIGHLIGHTS] if _quotes_resume(resume, h.path, h.text))
        letter = dataclasses.replace(letter, paragraphs=paragraphs, highlights=highlights, provider=self.name)
        return self._finish_document(LETTER_PROMPT_VERSION, resume, job, letter, message)

    def interview_questions(self, resume: Mapping, job: Job) -> InterviewPrep:
        system, user = build_interview_prompt(resume, job)
        tool_input, message = self._document(INTERVIEW_PROMPT_VERSION, INTERVIEW_TOOL, system, user, resume, job)
        if message is None:
            return dataclasses.replace(InterviewPrep.from_dict(tool_input), provider=self.name, cached=True)
        try:
            prep = InterviewPrep.from_dict(tool_input)
        except SchemaError as exc:
            raise ProviderError("invalid_output", str(exc)) from exc
        questions = tuple(q for q in prep.questions[:MAX_QUESTIONS] if q.question.strip())
        if not questions:
            raise ProviderError("invalid_output", "no questions")
        prep = dataclasses.replace(prep, questions=questions, provider=self.name)
        return self._finish_document(INTERVIEW_PROMPT_VERSION, resume, job, prep, message)

    def _document(self, version: str, tool: dict, system: str, user: str, resume: Mapping, job: Job):
        """(the forced tool call's input, the message); on a cache hit (the stored result, None)."""
        self.last_request_text = f"{system}\n\n{user}"
        self.last_response_text = ""
        hit = _cache_get(document_cache_key(version, self.model, resume, job))
        if hit is not None:
            self.last_response_text = json.dumps(hit, ensure_ascii=False)
            return hit, None
        name = tool["name"]
        try:
            message = self.client.messages.create(
                model=self.model,
                max_tokens=settings.ANTHROPIC_MAX_TOKENS,
                system=system,
                messages=[{"role": "user", "content": user}],
                tools=[tool],
                tool_choice={"type": "tool", "name": name},
            )
        except anthropic.AnthropicError as exc:
            body = getattr(exc, "body", None)
            self.last_response_text = json.dumps(body, default=str) if body is not None else str(exc)
            raise provider_error(exc) from exc
        tool_input = next(
            (block.input for block in message.content if block.type == "tool_use" and block.name == name), None
        )
        self.last_response_text = json.dumps(tool_input, ensure_ascii=False, default=str)
        if message.stop_reason == "max_tokens":
            raise ProviderError("invalid_output", "the answer was cut off at max_tokens")
        if not isinstance(tool_input, Mapping):
            raise ProviderError("invalid_output", f"no {name} call")
        return tool_input, message

    def _finish_document(self, version: str, resume: Mapping, job: Job, result, message):
        model = message.model or self.model
        key = document_cache_key(version, self.model, resume, job)
        result = dataclasses.replace(result, model=model)
        _cache_set(key, result.to_dict())
        usage = Usage(input_tokens=message.usage.input_tokens, output_tokens=message.usage.output_tokens)
        return dataclasses.replace(result, usage=usage)


# A cache that is down (Redis gone) costs a paid call, never the answer.
def _cache_get(key: str) -> dict | None:
    if settings.AI_CACHE_SECONDS <= 0:
        return None
    try:
        return django_cache.get(key)
    except Exception:
        log.warning("AI cache read failed", exc_info=True)
        return None


def _cache_set(key: str, value: dict) -> None:
    if settings.AI_CACHE_SECONDS <= 0:
        return
    try:
        django_cache.set(key, value, settings.AI_CACHE_SECONDS)
    except Exception:
        log.warning("AI cache write failed", exc_info=True)
