# ruff: noqa: RUF001  (typographic quotes and dashes are data here)
"""Each adapter against the loopback server answering in that board's real format."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jobs.sources import ADAPTERS, KINDS, FetchResult, NormalizedPosting, get_adapter
from tests.jobs.sources.boardserver import BOARD_PATHS


def by_id(result: FetchResult) -> dict[str, NormalizedPosting]:
    return {p.source_id: p for p in result.postings}


def assert_clean(result: FetchResult) -> None:
    assert result.errors == []
    for p in result.postings:
        assert p.title and p.source_id
        assert "â€" not in p.description_text and "\u00e2\u0080" not in p.description_text
        assert "<" not in p.description_text, p.description_text
        for dt in (p.posted_at, p.expires_at):
            assert dt is None or dt.tzinfo is not None
        if p.description_html:
            assert "<script" not in p.description_html and "onerror" not in p.description_html


def test_registry_has_every_kind():
    assert set(KINDS) == {"remoteok", "weworkremotely", "greenhouse", "lever", "ashby", "feed"}
    for kind, adapter in ADAPTERS.items():
        assert get_adapter(kind) is adapter and adapter.kind == kind and adapter.config_keys
    with pytest.raises(KeyError, match="unknown job source kind"):
        get_adapter("monster")


@pytest.mark.parametrize(
    ("kind", "config", "url"),
    [
        ("remoteok", {}, "https://remoteok.com/api"),
        ("weworkremotely", {}, "https://weworkremotely.com/remote-jobs.rss"),
        (
            "weworkremotely",
            {"categories": ["remote-product-jobs"]},
            "https://weworkremotely.com/categories/remote-product-jobs.rss",
        ),
        ("greenhouse", {"board": "acme"}, "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"),
        ("lever", {"board": "acme"}, "https://api.lever.co/v0/postings/acme?mode=json"),
        (
            "lever",
            {"board": "acme", "base_url": "https://api.eu.lever.co/"},
            "https://api.eu.lever.co/v0/postings/acme?mode=json",
        ),
        ("ashby", {"board": "acme"}, "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true"),
        ("feed", {"url": "https://x.example/jobs.rss"}, "https://x.example/jobs.rss"),
    ],
)
def test_default_urls(kind, config, url):
    assert get_adapter(kind).urls(config) == [url]


@pytest.mark.parametrize(
    ("kind", "config"),
    [
        ("greenhouse", {}),
        ("lever", {"board": "a/b"}),
        ("feed", {}),
        ("feed", {"url": "ftp://x.example/feed"}),
        ("ashby", {"board": "x", "deadline_s": "soon"}),
    ],
)
def test_bad_config_is_an_error_not_an_exception(client, kind, config):
    result = get_adapter(kind).fetch(client, config)
    assert result.postings == [] and len(result.errors) == 1


def test_remoteok(server, client, fast):
    result = get_adapter("remoteok").fetch(client, {"base_url": server.base_url, **fast})
    assert_clean(result)
    assert [p.source_id for p in result.postings] == ["900001", "900002", "900003"]  # legal notice skipped
    jobs = by_id(result)
    py = jobs["900001"]
    assert (py.title, py.company, py.location) == ("Senior Python Engineer", "Quokka Labs", "Worldwide")
    assert "We’re hiring" in py.description_text and "café owners" in py.description_text
    assert "Please mention the word" not in py.description_text and "RMTI3" not in py.description_text
    assert "Please mention" not in (py.description_html or "")
    assert (py.salary_min, py.salary_max, py.salary_currency, py.salary_period) == (120000, 150000, "USD", "year")
    assert py.tags == ["python", "django", "backend"]
    assert py.remote is True and py.workplace == "remote"
    assert py.posted_at == datetime(2025, 12, 31, tzinfo=UTC)
    assert py.apply_url.endswith("900001?utm_source=remoteok&ref=feed")
    # 0 means unknown; the salary then comes from the description text.
    support = jobs["900002"]
    assert (support.salary_min, support.salary_max, support.salary_currency) == (50000, 60000, "USD")
    assert "alert" not in support.description_text
    devops = jobs["900003"]
    assert devops.salary_min == 70000 and devops.salary_max is None
    assert devops.workplace == "hybrid" and devops.remote is False


def test_weworkremotely_2022_format(server, client, fast):
    url = server.url(BOARD_PATHS["weworkremotely"])
    result = get_adapter("weworkremotely").fetch(client, {"url": url, **fast})
    assert_clean(result)
    first, second = result.postings
    assert (first.company, first.title) == ("Marmot Maps Inc.", "Senior Ruby Developer")
    assert first.source_id == "https://weworkremotely.com/remote-jobs/marmot-maps-inc-senior-ruby-developer"
    assert first.location == "Anywhere in the World" and first.workplace == "remote"
    assert first.tags == ["Back-End Programming"] and first.employment_type == "full_time"
    assert first.posted_at == datetime(2022, 11, 4, 13, 27, 4, tzinfo=UTC)
    assert first.expires_at == datetime(2022, 12, 4, 13, 27, 4, tzinfo=UTC)
    assert first.description_text.startswith("Marmot Maps draws trail maps")
    assert "Headquarters" not in first.description_text and "- Rails & PostgreSQL" in first.description_text
    assert first.raw["headquarters"] == "Boulder, Colorado"
    assert first.raw["company_url"] == "https://marmotmaps.example/"
    assert (first.salary_min, first.salary_max, first.salary_period) == (130000, 150000, "year")
    assert "<img" not in first.description_html and "Headquarters" not in first.description_html
    assert (second.company, second.title) == ("Aha Moments Ltd", "Backend Engineer: Elixir")
    assert second.employment_type == "contract" and "We’re small and kind" in second.description_text


def test_weworkremotely_current_format(server, client, fast):
    result = get_adapter("weworkremotely").fetch(client, {"base_url": server.base_url, **fast})
    assert_clean(result)
    assert server.count("/remote-jobs.rss") == 1
    puffin, stoat = result.postings
    assert (puffin.company, puffin.title) == ("Puffin Health", "Frontend Engineer (React)")
    assert puffin.tags == ["Front-End Programming", "React", "TypeScript", "Accessibility"]
    assert puffin.raw["country"] == "United States" and puffin.raw["state"] == "California"
    assert "café-friendly" in puffin.description_text  # mojibake inside the escaped HTML, repaired
    assert stoat.tags == ["DevOps and Sysadmin", "Kubernetes", "Go"]
    assert stoat.location == "Europe Only"


def test_greenhouse(server, client, fast):
    result = get_adapter("greenhouse").fetch(client, {"board": "heronfin", "base_url": server.base_url, **fast})
    assert_clean(result)
    assert server.hits == ["/v1/boards/heronfin/jobs?content=true"]
    jobs = by_id(result)
    data = jobs["7000001"]
    assert (data.title, data.company, data.location) == ("Staff Data Engineer", "Heron Finance", "Remote - US")
    assert data.workplace == "remote" and data.remote is True
    assert data.tags == ["Data"] and data.employment_type == "full_time"
    assert "We're building ledgers" in data.description_text
    assert "- Own our Spark & Airflow pipelines" in data.description_text
    assert (data.salary_min, data.salary_max, data.salary_currency) == (170000, 210000, "USD")
    assert data.description_html.startswith("<div><h2>About Heron</h2>")
    assert data.posted_at.isoformat() == "2026-01-05T08:00:00-05:00"
    assert data.raw["offices"] == ["Remote US"]
    ops = jobs["7000002"]
    assert ops.workplace == "hybrid" and ops.remote is False
    assert ops.posted_at.isoformat() == "2026-01-12T10:00:00+01:00"  # first_published null -> updated_at
    assert ops.description_text == "Run our Berlin office. Gehalt: 60.000 € – 75.000 €."


def test_lever(server, client, fast):
    result = get_adapter("lever").fetch(client, {"board": "pelicanpost", "base_url": server.base_url, **fast})
    assert_clean(result)
    assert server.hits == ["/v0/postings/pelicanpost?mode=json"]
    platform, depot = result.postings
    assert platform.title == "Senior Platform Engineer" and platform.company == "Pelicanpost"
    assert platform.location == "Remote - Canada" and platform.workplace == "remote" and platform.remote is True
    assert (platform.salary_min, platform.salary_max, platform.salary_currency, platform.salary_period) == (
        150000,
        185000,
        "CAD",
        "year",
    )
    assert platform.tags == ["Platform", "Engineering"] and platform.employment_type == "full_time"
    assert "What you'll do\n\n- Build our routing service in Go" in platform.description_text
    assert platform.description_text.endswith("Pelican is an equal opportunity employer.")
    assert platform.posted_at == datetime(2026, 1, 5, tzinfo=UTC)
    assert platform.url.endswith("555555555555") and platform.apply_url.endswith("/apply?lever-source=LinkedIn")
    assert depot.workplace == "onsite" and depot.remote is False and depot.employment_type == "contract"
    assert depot.salary_min is None


def test_lever_company_from_config(server, client, fast):
    config = {"board": "pelicanpost", "company": "Pelican Post", "base_url": server.base_url, **fast}
    assert {p.company for p in get_adapter("lever").fetch(client, config).postings} == {"Pelican Post"}


def test_ashby(server, client, fast):
    config = {"board": "lanternhq", "company": "Lantern", "base_url": server.base_url, **fast}
    result = get_adapter("ashby").fetch(client, config)
    assert_clean(result)
    assert server.hits == ["/posting-api/job-board/lanternhq?includeCompensation=true"]
    assert len(result.postings) == 2  # the unlisted job is left out
    designer, support = result.postings
    assert designer.company == "Lantern" and designer.location == "New York / Remote (US)"
    assert designer.workplace == "hybrid" and designer.remote is False and designer.employment_type == "full_time"
    assert (designer.salary_min, designer.salary_max, designer.salary_currency, designer.salary_period) == (
        140000,
        165000,
        "USD",
        "year",
    )
    assert designer.raw["compensation_summary"].startswith("$140K")
    assert designer.tags == ["Design", "Growth"]
    assert designer.posted_at == datetime(2026, 1, 8, 15, 4, 5, 123000, tzinfo=UTC)
    assert support.workplace == "remote" and support.remote is True and support.employment_type == "contract"
    assert support.description_text.startswith("Answer tickets")  # descriptionPlain when there is no HTML
    assert (support.salary_min, support.salary_currency, support.salary_period) == (45, "EUR", "hour")


def test_generic_rss_and_atom(server, client, fast):
    urls = [server.url(BOARD_PATHS["feed-rss"]), server.url(BOARD_PATHS["feed-atom"])]
    result = get_adapter("feed").fetch(client, {"urls": urls, "company": "Marsupials", **fast})
    assert_clean(result)
    jobs = by_id(result)
    assert set(jobs) == {
        "wombat-qa-1",
        "https://careers.wombat.example/jobs/office-manager",
        "tag:numbat.example,2026:job-42",
        "tag:numbat.example,2026:job-43",
    }
    qa = jobs["wombat-qa-1"]
    assert qa.description_text == "Test our burrow-planning app. Playwright experience helps."  # content:encoded
    assert qa.workplace == "remote" and qa.tags == ["Engineering"] and qa.company == "Marsupials"
    assert qa.posted_at == datetime(2026, 1, 6, 12, tzinfo=UTC)
    analyst = jobs["tag:numbat.example,2026:job-42"]
    assert analyst.url == "https://numbat.example/jobs/42" and analyst.workplace == "hybrid"
    assert analyst.description_text == "SQL, dbt and curiosity." and analyst.tags == ["Data"]
    assert analyst.posted_at == datetime(2026, 1, 7, 8, tzinfo=UTC)
    backend = jobs["tag:numbat.example,2026:job-43"]
    assert backend.posted_at == datetime(2026, 1, 6, 8, tzinfo=UTC)  # naive -> UTC
    assert backend.workplace is None and backend.remote is None


def test_postings_serialise(server, client, fast):
    result = get_adapter("remoteok").fetch(client, {"base_url": server.base_url, **fast})
    d = result.postings[0].to_dict()
    assert set(d) >= {"source_id", "title", "description_text", "salary_min", "posted_at", "raw"}
    assert "description" not in d["raw"]
