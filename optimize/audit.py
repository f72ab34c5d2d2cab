"""The AI audit log: one ``AICall`` per provider attempt, with personal details redacted from stored text."""

from __future__ import annotations

import re
from collections.abc import Callable

from optimize.models import AICall

MAX_STORED = 20_000

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers: an optional +country code, then 7+ digits in groups separated by spaces, dots, dashes or
# brackets. Years ("2019 - 2021") and short figures stay: they need at least 7 digits in one run of groups.
PHONE = re.compile(r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w/])")
# Street addresses: a house number, one to four words, and a street word.
STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'.-]*\s+){1,4}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Square|Sq|Terrace|"
    r"Parkway|Pkwy|Highway|Hwy|Strasse|Straße|Weg|Allee|Platz)\b\.?",
)


def _is_phone(match: re.Match) -> bool:
    digits = re.sub(r"\D", "", match.group())
    return len(digits) >= 7 and not re.fullmatch(r"(19|20)\d\d\D+(19|20)\d\d", match.group().strip())


def redact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and street addresses replaced by placeholders."""
    text = EMAIL.sub("[email]", text or "")
    text = STREET.sub("[address]", text)
    return PHONE.sub(lambda m: "[phone]" if _is_phone(m) else m.group(), text)


def recorder(*, user=None, optimization=None) -> Callable:
    """A ``record`` callback for optimize.ai.chain: stores each attempt as an AICall."""

    def record(call) -> None:
        AICall.objects.create(
            user=user,
            optimization=optimization,
            provider=call.provider,
            model_name=call.model or "",
            prompt_version=call.prompt_version or "",
            operation=call.operation,
            input_tokens=call.input_tokens or 0,
            output_tokens=call.output_tokens or 0,
            latency_ms=max(0, round(call.latency_ms or 0)),
            outcome=call.outcome,
            error=redact(call.error or "")[:2_000],
            request_text=redact(call.request_text or "")[:MAX_STORED],
            response_text=redact(call.response_text or "")[:MAX_STORED],
        )

    return record
