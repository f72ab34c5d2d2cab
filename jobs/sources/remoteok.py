"""RemoteOK's public JSON API (``https://remoteok.com/api``).

The document is a list whose element 0 is a legal notice (``{"last_updated", "legal"}``), then one object per job:
``id``, ``slug``, ``position`` (the title), ``company``, ``location``, ``tags``, ``salary_min``/``salary_max`` (USD a
year, 0 = unknown), ``description`` (HTML, often with UTF-8 mojibake such as "â€™"), ``apply_url``, ``url``,
``date`` (ISO 8601) and ``epoch``. Descriptions end with an anti-spam footer ("Please mention the word **X** and
tag RM... when applying ...") which is removed.

Config: ``url`` (default ``https://remoteok.com/api``) or ``base_url`` (the API is ``{base_url}/api``).
"""

from __future__ import annotations

import re

from jobs.sources.adapter import Adapter
from jobs.sources.base import (
    NormalizedPosting,
    SourceError,
    dedupe_tags,
    html_text,
    number,
    parse_datetime,
    sanitize_html,
    text,
    trim_raw,
)

DEFAULT_BASE = "https://remoteok.com"
_FOOTER = re.compile(
    r"\s*Please mention the word\b.*?(?:they(?:'|\u2019)re human\.?|\(#RM[^)]*\)\.?[^\n]*|$)", re.I | re.S
)


_HYBRID = re.compile(r"\bhybrid\b", re.I)


def strip_footer(value: str) -> str:
    return _FOOTER.sub("", value).strip()


class RemoteOKAdapter(Adapter):
    kind = "remoteok"
    label = "RemoteOK"
    config_keys = {"url": "the API URL (default https://remoteok.com/api)", "base_url": "host to use instead"}

    def urls(self, config: dict) -> list[str]:
        return [config.get("url") or f"{self.base_url(config, DEFAULT_BASE)}/api"]

    def parse(self, document, config, url):
        if not isinstance(document, list):
            raise SourceError(f"{url}: expected a JSON list, got {type(document).__name__}")
        for item in document:
            if not isinstance(item, dict):
                yield SourceError(f"skipped a non-object entry ({type(item).__name__})")
            elif "legal" in item and "position" not in item:
                continue  # element 0: the terms-of-use notice
            else:
                yield self.safe_item(self.convert, item, "job")

    def convert(self, item: dict) -> NormalizedPosting:
        ident = str(item.get("id") or item.get("slug") or "").strip()
        title = text(item.get("position"))
        if not ident or not title:
            raise ValueError("no id or position")
        location = text(item.get("location"))
        html = item.get("description") or ""
        lo, hi = number(item.get("salary_min")), number(item.get("salary_max"))
        workplace = "hybrid" if _HYBRID.search(location) else "remote"  # a remote-only board
        return NormalizedPosting(
            source_id=ident,
            title=title,
            company=text(item.get("company")),
            location=location,
            remote=workplace == "remote",
            workplace=workplace,
            salary_min=lo,
            salary_max=hi,
            salary_currency="USD" if lo or hi else None,
            salary_period="year" if lo or hi else None,
            tags=dedupe_tags(item.get("tags")),
            description_text=strip_footer(html_text(html)),
            description_html=sanitize_html(strip_footer(html)),
            apply_url=str(item.get("apply_url") or item.get("url") or ""),
            url=str(item.get("url") or ""),
            posted_at=parse_datetime(item.get("date")) or parse_datetime(item.get("epoch")),
            raw=trim_raw(item, ("id", "slug", "epoch", "date", "salary_min", "salary_max", "location")),
        )
