"""Retries, timeouts, deadlines and malformed documents, through the real client and the loopback server."""

from __future__ import annotations

import time

import pytest

from jobs.sources import Fetcher, RetryPolicy, SourceError, get_adapter
from jobs.sources.http import USER_AGENT, _retry_after, parse_xml
from tests.jobs.sources.boardserver import (
    BOARD_PATHS,
    EMPTY_FEED,
    EMPTY_JOBS,
    MALFORMED_JSON,
    MALFORMED_XML,
    RSS,
    Reply,
    always_failing,
    rate_limited_then,
    server_error_then,
    slow,
)

GH = BOARD_PATHS["greenhouse"]


def greenhouse(server, client, fast, **extra):
    return get_adapter("greenhouse").fetch(client, {"board": "heronfin", "base_url": server.base_url, **fast, **extra})


def test_500_then_success_is_retried(server, client, fast):
    server.route(GH, server_error_then(Reply.file("greenhouse.json"), times=2))
    result = greenhouse(server, client, fast)
    assert result.errors == [] and len(result.postings) == 2
    assert server.count(GH) == 3


def test_429_with_retry_after_then_success(server, client, fast):
    server.route(GH, rate_limited_then(Reply.file("greenhouse.json"), retry_after="5"))
    started = time.monotonic()
    result = greenhouse(server, client, fast)
    assert result.errors == [] and len(result.postings) == 2
    assert server.count(GH) == 2
    assert 0.2 <= time.monotonic() - started < 2  # Retry-After 5 s, capped at retry_after_cap_s=0.2


def test_retry_after_is_honoured_up_to_the_cap(server, client):
    server.route("/x", Reply.error(429, headers={"Retry-After": "3"}), Reply.text("[]"))
    slept: list[float] = []
    fetcher = Fetcher(client, {"retry_after_cap_s": 10}, sleep=slept.append)
    assert fetcher.get_json(server.url("/x")) == []
    assert slept == [3.0]
    server.route("/y", Reply.error(429, headers={"Retry-After": "3600"}), Reply.text("[]"))
    slept.clear()
    Fetcher(client, {"retry_after_cap_s": 10}, sleep=slept.append).get_json(server.url("/y"))
    assert slept == [10.0]


def test_backoff_grows_exponentially_with_jitter(client):
    fetcher = Fetcher(client, {"backoff_base_s": 1, "backoff_cap_s": 30})
    for attempt, ceiling in [(1, 1), (2, 2), (3, 4), (6, 30)]:
        delays = [fetcher._delay(attempt, None) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1


def test_always_500_gives_up_after_4_attempts(server, client, fast):
    server.route(GH, always_failing(500))
    result = greenhouse(server, client, fast)
    assert result.postings == []
    assert len(result.errors) == 1 and "gave up after 4 attempts" in result.errors[0] and "HTTP 500" in result.errors[0]
    assert server.count(GH) == 4


def test_404_is_not_retried(server, client, fast):
    result = get_adapter("greenhouse").fetch(client, {"board": "nope", "base_url": server.base_url, **fast})
    assert result.postings == [] and "HTTP 404" in result.errors[0]
    assert server.count("/v1/boards/nope/jobs") == 1


def test_slow_response_times_out_and_gives_up(server, client, fast):
    server.route(GH, slow(Reply.file("greenhouse.json"), delay=1.0))  # read timeout is 0.3 s
    started = time.monotonic()
    result = greenhouse(server, client, fast)
    assert result.postings == [] and "timed out" in result.errors[0]
    assert server.count(GH) == 4
    assert time.monotonic() - started < 4


def test_slow_then_fast_recovers(server, client, fast):
    server.route(GH, slow(Reply.file("greenhouse.json"), delay=1.0), Reply.file("greenhouse.json"))
    result = greenhouse(server, client, fast)
    assert result.errors == [] and len(result.postings) == 2


def test_source_deadline_stops_the_source(server, client, fast):
    server.route(GH, slow(Reply.file("greenhouse.json"), delay=1.0))
    started = time.monotonic()
    result = greenhouse(server, client, fast, deadline_s=0.5, backoff_base_s=0.3)
    assert result.postings == [] and "deadline of 0.5s exceeded" in result.errors[0]
    assert time.monotonic() - started < 1.5


def test_transport_error_is_retried_then_reported(client, fast):
    # Nothing listens on port 9 of the loopback interface: connection refused on every attempt.
    result = get_adapter("remoteok").fetch(client, {"url": "http://127.0.0.1:9/api", **fast})
    assert result.postings == [] and "gave up after 4 attempts" in result.errors[0]
    assert "transport error" in result.errors[0]


def test_user_agent_and_accept(server, client, fast):
    greenhouse(server, client, fast)
    (headers,) = server.request_headers
    assert headers["user-agent"] == USER_AGENT and "CareerAgent" in USER_AGENT
    assert headers["accept"] == "application/json"
    get_adapter("feed").fetch(client, {"url": server.url(BOARD_PATHS["feed-rss"]), **fast})
    assert "application/rss+xml" in server.request_headers[-1]["accept"]


def test_default_timeouts_and_policy():
    from jobs.sources import make_client

    with make_client() as c:
        assert (c.timeout.connect, c.timeout.read) == (5.0, 20.0)
    p = RetryPolicy()
    assert (p.max_attempts, p.deadline_s) == (4, 120.0)
    assert RetryPolicy.from_config({"deadline_s": "30", "max_attempts": 2}).deadline_s == 30.0


def test_malformed_json(server, client, fast):
    server.route(GH, MALFORMED_JSON)
    result = greenhouse(server, client, fast)
    assert result.postings == [] and "malformed JSON" in result.errors[0]


def test_wrong_json_shape(server, client, fast):
    server.route(GH, Reply.text('{"message": "rate limited"}'))
    result = greenhouse(server, client, fast)
    assert result.postings == [] and "expected an object with a 'jobs' list" in result.errors[0]


def test_malformed_xml(server, client, fast):
    url = server.url("/bad.rss")
    server.route("/bad.rss", MALFORMED_XML)
    result = get_adapter("weworkremotely").fetch(client, {"url": url, **fast})
    assert result.postings == [] and "malformed XML" in result.errors[0]


def test_html_instead_of_a_feed(server, client, fast):
    server.route("/page", Reply.text("<html><body>Sign in</body></html>", "text/html"))
    result = get_adapter("feed").fetch(client, {"url": server.url("/page"), **fast})
    assert result.postings == [] and "not an RSS or Atom feed" in result.errors[0]


def test_empty_feed_and_empty_jobs(server, client, fast):
    server.route("/empty.rss", EMPTY_FEED)
    result = get_adapter("weworkremotely").fetch(client, {"url": server.url("/empty.rss"), **fast})
    assert result.postings == [] and result.errors == []
    server.route(GH, EMPTY_JOBS)
    result = greenhouse(server, client, fast)
    assert result.postings == [] and result.errors == []
    server.route("/api", Reply.text('[{"legal": "terms"}]'))
    result = get_adapter("remoteok").fetch(client, {"base_url": server.base_url, **fast})
    assert result.postings == [] and result.errors == []


def test_partial_failure_keeps_the_good_feed(server, client, fast):
    server.route("/categories/remote-product-jobs.rss", always_failing(503))
    config = {
        "base_url": server.base_url,
        "categories": ["remote-product-jobs", "remote-back-end-programming-jobs"],
        **fast,
    }
    result = get_adapter("weworkremotely").fetch(client, config)
    assert len(result.postings) == 2 and {p.company for p in result.postings} == {"Marmot Maps Inc.", "Aha Moments Ltd"}
    assert len(result.errors) == 1 and "remote-product-jobs.rss" in result.errors[0] and "HTTP 503" in result.errors[0]


def test_bad_record_is_skipped_not_fatal(server, client, fast):
    server.route(
        "/api", Reply.text('[{"legal": "t"}, {"id": "1", "position": ""}, "junk", {"id": "2", "position": "Dev"}]')
    )
    result = get_adapter("remoteok").fetch(client, {"base_url": server.base_url, **fast})
    assert [p.title for p in result.postings] == ["Dev"] and result.errors == []
    assert len(result.skipped) == 2


def test_entities_are_never_expanded(server, client, fast):
    server.route("/hostile.rss", Reply.file("entities.rss", RSS))
    result = get_adapter("feed").fetch(client, {"url": server.url("/hostile.rss"), **fast})
    assert result.errors == []
    (posting,) = result.postings
    assert posting.title == "Engineer"
    assert "root:" not in posting.description_text and "lol" not in posting.description_text
    assert posting.description_text == "Body text"


def test_parse_xml_rejects_garbage():
    with pytest.raises(SourceError, match="empty XML"):
        parse_xml(b"  ", "u")
    with pytest.raises(SourceError, match="malformed XML"):
        parse_xml(b"\x00\x01not xml", "u")


def test_retry_after_forms():
    assert _retry_after("7") == 7.0
    assert _retry_after(None) is None and _retry_after("soon") is None
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past: retry now
