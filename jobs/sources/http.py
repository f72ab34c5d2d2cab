"""The one HTTP helper every adapter fetches through: timeouts, retries with backoff and jitter, a deadline per
source, a size cap, and safe JSON/XML parsing. Failures become ``SourceError`` with a message fit for a log."""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
import lxml.etree

from jobs.sources.base import SourceError

USER_AGENT = "CareerAgent-JobSources/1.0 (job-board ingestion; polite: one request per board per run)"
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 20.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def make_client(
    *,
    connect: float = CONNECT_TIMEOUT_S,
    read: float = READ_TIMEOUT_S,
    user_agent: str = USER_AGENT,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` with the timeouts and User-Agent the adapters expect. The caller closes it."""
    return httpx.Client(
        timeout=httpx.Timeout(connect=connect, read=read, write=read, pool=connect),
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=True,
        max_redirects=5,
        transport=transport,
    )


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retry and deadline settings; every field can be overridden by the same key in a source's config."""

    max_attempts: int = 4
    backoff_base_s: float = 1.0  # delay before retry n is about base * 2**(n-1), with jitter
    backoff_cap_s: float = 30.0
    retry_after_cap_s: float = 60.0  # a longer Retry-After is shortened to this
    deadline_s: float = 120.0  # for the whole source (every request and every wait)
    max_bytes: int = 50 * 1024 * 1024

    @classmethod
    def from_config(cls, config: dict) -> RetryPolicy:
        kwargs = {}
        for f in fields(cls):
            if config.get(f.name) is not None:
                kwargs[f.name] = type(f.default)(config[f.name])
        return cls(**kwargs)


class Fetcher:
    """Fetches the documents of one source within one deadline. Made fresh for every ``fetch`` call."""

    def __init__(self, client: httpx.Client, config: dict | None = None, *, sleep=time.sleep, clock=time.monotonic):
        self.client = client
        self.policy = RetryPolicy.from_config(config or {})
        self._sleep = sleep
        self._clock = clock
        self._deadline = clock() + self.policy.deadline_s

    def remaining(self) -> float:
        return self._deadline - self._clock()

    def _deadline_error(self, url: str, last: str | None) -> SourceError:
        why = f" (last error: {last})" if last else ""
        return SourceError(f"{url}: gave up, source deadline of {self.policy.deadline_s:g}s exceeded{why}")

    def get(self, url: str, *, accept: str = "*/*") -> bytes:
        """The body of a 2xx response, retrying 429, 5xx and transport errors; ``SourceError`` otherwise."""
        last: str | None = None
        attempts = self.policy.max_attempts
        for attempt in range(1, attempts + 1):
            remaining = self.remaining()
            if remaining <= 0:
                raise self._deadline_error(url, last)
            retry_after: float | None = None
            try:
                status, body, headers = self._once(url, accept, remaining)
            except SourceError:
                raise
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                raise SourceError(f"{url}: not a fetchable URL ({exc})") from None
            except httpx.TimeoutException as exc:
                last = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:
                last = f"transport error ({type(exc).__name__}: {exc})"
            else:
                if 200 <= status < 300:
                    return body
                last = f"HTTP {status}"
                if status not in RETRY_STATUSES:
                    raise SourceError(f"{url}: {last}")
                if status in (429, 503):
                    retry_after = _retry_after(headers.get("retry-after"))
            if attempt == attempts:
                break
            delay = self._delay(attempt, retry_after)
            if delay >= self.remaining():
                raise self._deadline_error(url, last)
            self._sleep(delay)
        raise SourceError(f"{url}: gave up after {attempts} attempts (last error: {last})")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        p = self.policy
        if retry_after is not None:
            return max(0.0, min(retry_after, p.retry_after_cap_s))
        ceiling = min(p.backoff_cap_s, p.backoff_base_s * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)  # "equal jitter"

    def _once(self, url: str, accept: str, remaining: float):
        base = self.client.timeout
        timeout = httpx.Timeout(
            connect=_min(base.connect, remaining),
            read=_min(base.read, remaining),
            write=_min(base.write, remaining),
            pool=_min(base.pool, remaining),
        )
        with self.client.stream("GET", url, headers={"Accept": accept}, timeout=timeout) as response:
            if not 200 <= response.status_code < 300:
                return response.status_code, b"", response.headers
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise SourceError(f"{url}: response larger than {self.policy.max_bytes} bytes")
                if self.remaining() <= 0:
                    raise self._deadline_error(url, "still reading the response")
                chunks.append(chunk)
            return response.status_code, b"".join(chunks), response.headers

    def get_json(self, url: str):
        return parse_json(self.get(url, accept="application/json"), url)

    def get_xml(self, url: str) -> lxml.etree._Element:
        accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
        return parse_xml(self.get(url, accept=accept), url)


def _min(a: float | None, b: float) -> float:
    return b if a is None else min(a, b)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def parse_json(body: bytes, url: str):
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(f"{url}: malformed JSON ({exc})") from None


def _xml_parser() -> lxml.etree.XMLParser:
    # No entity expansion (billion laughs, XXE), no DTD loading, no network, no huge-tree mode.
    return lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(body: bytes, url: str) -> lxml.etree._Element:
    """Parse a feed safely. Entity references are never expanded: they are removed from the tree."""
    if not body or not body.strip():
        raise SourceError(f"{url}: empty XML document")
    try:
        root = lxml.etree.fromstring(body, parser=_xml_parser())
    except lxml.etree.XMLSyntaxError as exc:
        raise SourceError(f"{url}: malformed XML ({exc})") from None
    if root is None:
        raise SourceError(f"{url}: malformed XML (no root element)")
    for entity in list(root.iter(lxml.etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        tail = entity.tail or ""
        prev = entity.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(entity)
    return root
