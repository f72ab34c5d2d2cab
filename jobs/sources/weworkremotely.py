"""WeWorkRemotely category RSS feeds (``https://weworkremotely.com/categories/{category}.rss``).

Each ``<item>`` has ``<title>Company: Role</title>``, ``<region>``, ``<category>``, ``<type>``, ``<pubDate>``,
``<expires_at>``, ``<guid>``, ``<link>`` and an entity-escaped HTML ``<description>`` that starts with the logo
``<img>`` and a paragraph of "Headquarters:" and "URL:" lines (both removed from the text, kept in ``raw``). The
current format adds ``<country>``, ``<state>`` and ``<skills>``.

Config: ``url`` / ``urls`` (feed URLs), or ``categories`` (e.g. ``["remote-back-end-programming-jobs"]``) with an
optional ``base_url``; with neither, the all-jobs feed ``https://weworkremotely.com/remote-jobs.rss``.
"""

from __future__ import annotations

import re

from jobs.sources.adapter import Adapter
from jobs.sources.base import (
    NormalizedPosting,
    dedupe_tags,
    employment_type,
    html_text,
    parse_datetime,
    sanitize_html,
    text,
)
from jobs.sources.feed import all_texts, feed_items, feed_urls, first

DEFAULT_BASE = "https://weworkremotely.com"
_HEADER_LINE = re.compile(r"^(Headquarters|URL):\s*(.*)$")
_LOGO = re.compile(r"^\s*<img\b[^>]*>\s*", re.I)
_HEADER_P = re.compile(r"<p>\s*<strong>\s*Headquarters:.*?</p>", re.I | re.S)
_HYBRID = re.compile(r"\bhybrid\b", re.I)


def split_title(value: str) -> tuple[str, str]:
    """("Company", "Role") from "Company: Role"; ("", value) without a colon."""
    company, sep, role = value.partition(": ")
    if sep and company.strip() and role.strip():
        return company.strip(), role.strip()
    return "", value.strip()


def split_header(description: str) -> tuple[str, dict[str, str]]:
    """Drop the leading "Headquarters:" / "URL:" lines from the flattened description."""
    lines = description.split("\n")
    header: dict[str, str] = {}
    while lines:
        m = _HEADER_LINE.match(lines[0].strip())
        if m:
            header[m.group(1).lower()] = m.group(2).strip()
        elif lines[0].strip():
            break
        lines.pop(0)
    return "\n".join(lines).strip(), header


class WeWorkRemotelyAdapter(Adapter):
    kind = "weworkremotely"
    label = "WeWorkRemotely"
    document = "xml"
    config_keys = {
        "url": "a feed URL",
        "urls": "several feed URLs (one failing does not stop the others)",
        "categories": "category slugs, fetched from {base_url}/categories/{slug}.rss",
        "base_url": f"default {DEFAULT_BASE}",
    }

    def urls(self, config: dict) -> list[str]:
        urls = feed_urls(config)
        if urls:
            return urls
        base = self.base_url(config, DEFAULT_BASE)
        categories = config.get("categories") or []
        if isinstance(categories, str):
            categories = [categories]
        if categories:
            return [f"{base}/categories/{c.strip('/').removesuffix('.rss')}.rss" for c in categories]
        return [f"{base}/remote-jobs.rss"]

    def parse(self, document, config, url):
        for item in feed_items(document, url):
            yield self.safe_item(self.convert, item, "item")

    def convert(self, item) -> NormalizedPosting:
        link = first(item, "link")
        ident = first(item, "guid") or link
        company, title = split_title(text(first(item, "title")))
        if not ident or not title:
            raise ValueError("item without guid/link or title")
        markup = first(item, "description")
        body, header = split_header(html_text(markup))
        region = text(first(item, "region"))
        country, state = text(first(item, "country")), text(first(item, "state"))
        location = region or ", ".join(p for p in (state, country) if p)
        skills = [s for raw in all_texts(item, "skills") for s in re.split(r"\s*,\s*", raw)]
        workplace = "hybrid" if _HYBRID.search(location) else "remote"  # a remote-only board
        return NormalizedPosting(
            source_id=ident,
            title=title,
            company=company,
            location=location,
            remote=workplace == "remote",
            workplace=workplace,
            tags=dedupe_tags(all_texts(item, "category") + skills),
            description_text=body,
            description_html=sanitize_html(_HEADER_P.sub("", _LOGO.sub("", markup or ""), count=1)),
            apply_url=link,
            url=link,
            posted_at=parse_datetime(first(item, "pubDate")),
            expires_at=parse_datetime(first(item, "expires_at")),
            employment_type=employment_type(first(item, "type")),
            raw={
                k: v
                for k, v in {
                    "guid": ident,
                    "region": region,
                    "country": country,
                    "state": state,
                    "headquarters": header.get("headquarters", ""),
                    "company_url": header.get("url", ""),
                }.items()
                if v
            },
        )
