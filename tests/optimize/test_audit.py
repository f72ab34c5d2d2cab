"""Redaction of personal details from the AI audit log."""

import pytest

from optimize.audit import redact


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Write to ada.lovelace+jobs@example.co.uk today", "ada.lovelace+jobs@example.co.uk"),
        ("Call +44 20 7946 0018 after six", "7946 0018"),
        ("Phone (415) 555-0134.", "555-0134"),
        ("Lives at 221B Baker Street, London", "221B Baker Street"),
        ("Office: 1600 Amphitheatre Parkway", "1600 Amphitheatre Parkway"),
    ],
)
def test_personal_details_are_replaced(text, gone):
    assert gone not in redact(text)
    assert "[" in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cut latency by 40% across 12 services in 2021",
        "Software Engineer, Acme (2019 - 2021)",
        "Grew revenue from $1.2M to $3M",
        "Jan 2020 \u2013 Present",
    ],
)
def test_facts_that_are_not_personal_details_stay(text):
    assert redact(text) == text


@pytest.mark.django_db
def test_the_recorder_stores_redacted_text(owner):
    from optimize.ai.chain import CallRecord
    from optimize.audit import recorder
    from optimize.models import AICall

    record = recorder(user=owner)
    record(
        CallRecord(
            provider="anthropic",
            model="claude-test",
            prompt_version="suggest-v1",
            operation="suggest",
            input_tokens=1200,
            output_tokens=300,
            latency_ms=812.4,
            outcome="ok",
            request_text="Resume of ada@example.com, +44 20 7946 0018, 221B Baker Street. Cut costs by 40%.",
            response_text='{"after": "Cut costs by 40%"}',
        )
    )
    call = AICall.objects.get()
    assert (call.provider, call.outcome, call.input_tokens, call.output_tokens, call.latency_ms) == (
        "anthropic",
        "ok",
        1200,
        300,
        812,
    )
    assert "ada@example.com" not in call.request_text and "7946" not in call.request_text
    assert "Baker Street" not in call.request_text and "Cut costs by 40%." in call.request_text
