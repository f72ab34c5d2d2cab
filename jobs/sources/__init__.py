"""Job-board source adapters: fetch a board's postings into ``NormalizedPosting``s. No Django imports.

    from jobs.sources import get_adapter, make_client

    with make_client() as client:
        result = get_adapter("greenhouse").fetch(client, {"board": "acme"})
    result.postings, result.errors

See docs/job-sources.md.
"""

from jobs.sources.adapter import Adapter
from jobs.sources.base import FetchResult, NormalizedPosting, SourceError
from jobs.sources.fingerprint import (
    canonical_apply_url,
    company_title_location_key,
    description_fingerprint,
    description_simhash,
    posting_keys,
    simhash_distance,
)
from jobs.sources.http import Fetcher, RetryPolicy, make_client
from jobs.sources.registry import ADAPTERS, KINDS, get_adapter

__all__ = [
    "ADAPTERS",
    "KINDS",
    "Adapter",
    "FetchResult",
    "Fetcher",
    "NormalizedPosting",
    "RetryPolicy",
    "SourceError",
    "canonical_apply_url",
    "company_title_location_key",
    "description_fingerprint",
    "description_simhash",
    "get_adapter",
    "make_client",
    "posting_keys",
    "simhash_distance",
]
