"""The adapter interface: ``fetch(client, config) -> FetchResult`` that never raises."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, ClassVar

import httpx

from jobs.sources.base import FetchResult, NormalizedPosting, SourceError, apply_salary_from_text
from jobs.sources.http import Fetcher

log = logging.getLogger(__name__)


class Adapter:
    """One job board. Subclasses set ``kind`` and ``config_keys`` and implement ``urls`` and ``parse``.

    ``fetch`` fetches every URL of the source through one ``Fetcher`` (one deadline for the whole source), parses
    each document, and collects postings and errors: a document that cannot be fetched or parsed contributes an
    error and no postings; a single record that cannot be understood (no title, say) goes to ``skipped``; the
    other documents and records still come through. Postings are de-duplicated on ``source_id`` (first one wins).
    """

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    document: ClassVar[str] = "json"  # or "xml"
    # Documented config keys -> meaning. Retry keys (max_attempts, backoff_base_s, backoff_cap_s,
    # retry_after_cap_s, deadline_s, max_bytes) apply to every adapter.
    config_keys: ClassVar[dict[str, str]] = {}

    def urls(self, config: dict) -> list[str]:
        raise NotImplementedError

    def parse(self, document: Any, config: dict, url: str) -> Iterable[NormalizedPosting | SourceError]:
        """Postings from one document; yields ``SourceError`` for a record it skips, raises it for a document
        it cannot use at all."""
        raise NotImplementedError

    def fetch(self, client: httpx.Client, config: dict | None = None) -> FetchResult:
        config = dict(config or {})
        result = FetchResult()
        try:
            urls = self.urls(config)
            fetcher = Fetcher(client, config)
        except SourceError as exc:
            result.errors.append(f"{self.kind}: {exc}")
            return result
        except (TypeError, ValueError, AttributeError) as exc:
            result.errors.append(f"{self.kind}: bad config ({exc})")
            return result
        seen: set[str] = set()
        for url in urls:
            try:
                document = fetcher.get_xml(url) if self.document == "xml" else fetcher.get_json(url)
                items = list(self.parse(document, config, url))
            except SourceError as exc:
                result.errors.append(str(exc))
                continue
            except Exception as exc:  # a bug or a shape nobody expected: report it, never escape fetch()
                log.exception("%s adapter failed on %s", self.kind, url)
                result.errors.append(f"{url}: could not read the {self.label or self.kind} document ({exc!r})")
                continue
            for item in items:
                if isinstance(item, SourceError):
                    result.skipped.append(f"{url}: {item}")
                    continue
                if item.source_id in seen:
                    continue
                seen.add(item.source_id)
                apply_salary_from_text(item)
                result.postings.append(item)
        return result

    # Helpers for subclasses ---------------------------------------------------------------------------------

    @staticmethod
    def base_url(config: dict, default: str) -> str:
        return str(config.get("base_url") or default).rstrip("/")

    @staticmethod
    def board(config: dict) -> str:
        token = str(config.get("board") or "").strip().strip("/")
        if not token:
            raise SourceError("config needs a 'board' token or a 'url'")
        if "/" in token or "?" in token or "#" in token:
            raise SourceError(f"not a board token: {token!r}")
        return token

    @staticmethod
    def safe_item(convert, item, label: str):
        """Convert one record; a record that breaks the converter becomes a ``SourceError``."""
        try:
            return convert(item)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            ident = item.get("id") if isinstance(item, dict) else None
            return SourceError(f"skipped {label} {ident!r}: {type(exc).__name__}: {exc}")
