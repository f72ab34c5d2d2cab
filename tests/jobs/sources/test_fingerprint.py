# ruff: noqa: RUF001  (typographic quotes and dashes are data here)
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobs.sources import (
    NormalizedPosting,
    canonical_apply_url,
    company_title_location_key,
    description_fingerprint,
    description_simhash,
    posting_keys,
    simhash_distance,
)


def test_canonical_apply_url_strips_tracking():
    assert (
        canonical_apply_url("HTTPS://Jobs.Lever.CO:443/acme/123/apply/?lever-source=LinkedIn&utm_medium=x#top")
        == "https://jobs.lever.co/acme/123/apply"
    )
    assert (
        canonical_apply_url("https://boards.greenhouse.io/acme/jobs/42?gh_src=abc&ref=hn&source=rss&b=2&a=1")
        == "https://boards.greenhouse.io/acme/jobs/42?a=1&b=2"
    )
    assert canonical_apply_url("http://example.com:8080/x/") == "http://example.com:8080/x"
    assert canonical_apply_url("") == "" and canonical_apply_url(None) == ""


def test_canonical_keeps_path_case():
    assert canonical_apply_url("https://remoteOK.com/Remote-Jobs/ABC") == "https://remoteok.com/Remote-Jobs/ABC"


@given(st.sampled_from(["https://a.example/x", "https://A.example/x/", "https://a.example/x?utm_source=z#f"]))
def test_canonical_is_idempotent(url):
    once = canonical_apply_url(url)
    assert once == "https://a.example/x" and canonical_apply_url(once) == once


@given(st.text(max_size=60))
def test_canonical_never_raises(url):
    assert isinstance(canonical_apply_url(url), str)


def test_company_title_location_key():
    a = company_title_location_key("ACME GmbH", "Senior Backend Engineer!", "Berlin,  Germany")
    b = company_title_location_key("Acme", "senior backend engineer", "berlin germany")
    assert a == b == "acme|senior backend engineer|berlin germany"
    assert company_title_location_key("Quokka Labs, Inc.", "Dev", "") == "quokka labs|dev|"
    assert company_title_location_key("Widgets Co. Ltd", "Dev") == company_title_location_key("Widgets", "Dev")
    assert company_title_location_key("Café Müller S.A.", "Barista") == "cafe muller|barista|"
    assert company_title_location_key("Ltd", "x") == "ltd|x|"  # a name that is only a suffix is kept


@given(st.text(max_size=80), st.text(max_size=80), st.text(max_size=80))
def test_key_never_raises_and_is_stable(company, title, location):
    key = company_title_location_key(company, title, location)
    assert key.count("|") >= 2 and key == company_title_location_key(company, title, location)


def test_description_fingerprint_ignores_markup_noise():
    base = description_fingerprint("We’re hiring a Python developer.\n\n- Django\n- Postgres")
    assert base == description_fingerprint("WE’RE  hiring a python developer. Django, Postgres!")
    assert base == description_fingerprint("Weâ€™re hiring a Python developer. Django Postgres")  # mojibake
    assert base != description_fingerprint("We’re hiring a Go developer. Django Postgres")
    assert len(base) == 40 and description_fingerprint("") == ""


def test_description_fingerprint_uses_the_first_2000_chars():
    head = "word " * 500  # 2,500 characters
    assert description_fingerprint(head + "tail one") == description_fingerprint(head + "something else")


def test_simhash_near_duplicates():
    text = " ".join(f"sentence {i} about building reliable data pipelines for finance" for i in range(40))
    edited = text.replace("sentence 3 ", "sentence three ")
    other = " ".join(f"line {i} on baking sourdough bread at home with rye" for i in range(40))
    assert simhash_distance(description_simhash(text), description_simhash(edited)) <= 6
    assert simhash_distance(description_simhash(text), description_simhash(other)) > 12
    assert description_simhash("") == 0


def test_posting_keys():
    p = NormalizedPosting(
        source_id="1",
        title="Dev",
        company="Acme Inc",
        location="Remote",
        apply_url="https://x.example/a/?utm_source=y",
        description_text="Build things.",
    )
    assert posting_keys(p) == {
        "apply_url": "https://x.example/a",
        "company_title_location": "acme|dev|remote",
        "description": description_fingerprint("build things"),
    }
