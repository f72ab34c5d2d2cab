"""The recorded real board dumps served through the loopback server (read in place through CORPUS_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobs.sources import get_adapter
from tests.jobs.sources.boardserver import RSS, Reply

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus() -> Path:
    root = os.environ.get("CORPUS_DIR")
    if not root:
        pytest.skip("CORPUS_DIR is not set (the shared evaluation corpus)")
    return Path(root) / "jobs"


def one(directory: Path, pattern: str) -> Path:
    files = sorted(directory.glob(pattern))
    assert files, f"no {pattern} in {directory}"
    return files[0]


def test_remoteok_dump(corpus, server, client, fast):
    server.route("/api", Reply.path(one(corpus / "remoteok", "*.json")))
    result = get_adapter("remoteok").fetch(client, {"base_url": server.base_url, **fast})
    assert result.errors == []
    # 98 elements: the legal notice, then 97 jobs, one of which is an empty record (no position, no
    # description): 96 postings and 1 skipped.
    assert len(result.postings) + len(result.skipped) == 97
    assert len(result.postings) == 96 and len(result.skipped) == 1
    assert all(p.title and p.source_id and p.url for p in result.postings)
    assert len({p.source_id for p in result.postings}) == len(result.postings)
    for p in result.postings:
        assert "â€" not in p.description_text and "\u00e2\u0080" not in p.description_text, p.source_id
        assert "Please mention the word" not in p.description_text
        assert p.posted_at is not None and p.posted_at.tzinfo is not None
        assert p.salary_min is None or p.salary_min > 0
    assert sum(1 for p in result.postings if p.salary_min) >= 10


def test_weworkremotely_dump(corpus, server, client, fast):
    feeds = sorted((corpus / "weworkremotely" / "2022-11").glob("*.rss"))
    assert feeds
    for feed in feeds:
        server.route(f"/categories/{feed.name}", Reply.path(feed, RSS))
    categories = [f.name.removesuffix(".rss") for f in feeds]
    result = get_adapter("weworkremotely").fetch(
        client, {"base_url": server.base_url, "categories": categories, **fast}
    )
    assert result.errors == [] and result.skipped == []
    items = sum(f.read_bytes().count(b"<item>") for f in feeds)
    assert 0 < len(result.postings) <= items  # the same job can be in two category feeds
    for p in result.postings:
        assert p.company and p.title and ": " not in p.company
        assert p.posted_at and p.expires_at and p.expires_at > p.posted_at
        assert not p.description_text.startswith(("Headquarters", "URL:"))
        assert p.workplace in ("remote", "hybrid") and p.tags
    assert sum(1 for p in result.postings if p.raw.get("headquarters")) > len(result.postings) // 2


def test_greenhouse_dump(corpus, server, client, fast):
    server.route("/v1/boards/corpus/jobs", Reply.path(one(corpus / "greenhouse", "*.json")))
    result = get_adapter("greenhouse").fetch(client, {"board": "corpus", "base_url": server.base_url, **fast})
    assert result.errors == [] and len(result.postings) == 2
    for p in result.postings:
        assert p.company and p.title and p.location and p.url.startswith("https://")
        assert p.description_text and "&lt;" not in p.description_text and "<" not in p.description_text
        assert p.posted_at is not None


def test_lever_dump(corpus, server, client, fast):
    server.route("/v0/postings/corpus", Reply.path(one(corpus / "lever", "*.json")))
    result = get_adapter("lever").fetch(client, {"board": "corpus", "base_url": server.base_url, **fast})
    assert result.errors == [] and len(result.postings) == 2
    for p in result.postings:
        assert p.title and p.location and p.workplace and p.employment_type
        assert p.url.startswith("https://jobs.lever.co/") and p.apply_url.endswith("/apply")
        assert p.posted_at is not None and len(p.description_text) > 200
