"""Lever postings API (``https://api.lever.co/v0/postings/{site}?mode=json``; EU: ``https://api.eu.lever.co``).

A JSON list of postings: ``id``, ``text`` (the title), ``categories`` {``commitment``, ``department``,
``location``, ``team``, ``allLocations``}, ``workplaceType`` ("remote" | "hybrid" | "on-site" | "unspecified"),
``country``, ``description``/``descriptionPlain``, ``lists`` [{``text``, ``content`` (HTML)}], ``additional``,
``hostedUrl``, ``applyUrl``, ``createdAt`` (ms epoch) and optionally ``salaryRange`` {``min``, ``max``,
``currency``, ``interval`` ("per-year-salary", ...)}.

Config: ``board`` (the site name, e.g. "spotify") with optional ``base_url``, or a full ``url``; optional
``company`` (the API does not name the employer; default: the site name).
"""

from __future__ import annotations

from jobs.sources.adapter import Adapter
from jobs.sources.base import (
    NormalizedPosting,
    SourceError,
    dedupe_tags,
    employment_type,
    html_text,
    number,
    parse_datetime,
    remote_flag,
    salary_period,
    sanitize_html,
    text,
    trim_raw,
    workplace_from,
    workplace_from_location,
)

DEFAULT_BASE = "https://api.lever.co"


def _full_html(p: dict) -> str:
    parts = [p.get("description") or ""]
    for block in p.get("lists") or []:
        if isinstance(block, dict):
            parts.append(f"<h3>{block.get('text') or ''}</h3><ul>{block.get('content') or ''}</ul>")
    parts.append(p.get("additional") or "")
    return "\n".join(x for x in parts if x)


class LeverAdapter(Adapter):
    kind = "lever"
    label = "Lever"
    config_keys = {"board": "site name", "url": "full API URL", "base_url": DEFAULT_BASE, "company": "name"}

    def urls(self, config: dict) -> list[str]:
        if config.get("url"):
            return [config["url"]]
        return [f"{self.base_url(config, DEFAULT_BASE)}/v0/postings/{self.board(config)}?mode=json"]

    def parse(self, document, config, url):
        if isinstance(document, dict) and not document.get("ok", True):
            raise SourceError(f"{url}: Lever answered an error: {document.get('error') or document}")
        if not isinstance(document, list):
            raise SourceError(f"{url}: expected a JSON list of postings")
        company = text(config.get("company")) or str(config.get("board") or "").replace("-", " ").title()
        for posting in document:
            yield self.safe_item(lambda p: self.convert(p, company), posting, "posting")

    def convert(self, p: dict, company: str) -> NormalizedPosting:
        ident = str(p["id"])
        title = text(p.get("text"))
        if not title:
            raise ValueError("posting without a title")
        cats = p.get("categories") or {}
        locations = [text(x) for x in cats.get("allLocations") or [] if x]
        location = text(cats.get("location")) or " / ".join(locations)
        workplace = workplace_from(p.get("workplaceType")) or workplace_from_location(location)
        salary = p.get("salaryRange") or {}
        lo, hi = number(salary.get("min")), number(salary.get("max"))
        markup = _full_html(p)
        hosted = str(p.get("hostedUrl") or "")
        return NormalizedPosting(
            source_id=ident,
            title=title,
            company=company,
            location=location,
            remote=remote_flag(workplace),
            workplace=workplace,
            salary_min=lo,
            salary_max=hi,
            salary_currency=(str(salary.get("currency")).upper() or None) if (lo or hi) else None,
            salary_period=salary_period(salary.get("interval")) if (lo or hi) else None,
            tags=dedupe_tags([cats.get("team"), cats.get("department")]),
            description_text=html_text(markup) if markup.strip() else text(p.get("descriptionPlain")),
            description_html=sanitize_html(markup),
            apply_url=str(p.get("applyUrl") or hosted),
            url=hosted,
            posted_at=parse_datetime(p.get("createdAt")),
            employment_type=employment_type(cats.get("commitment")),
            raw={**trim_raw(p, ("id", "createdAt", "country", "workplaceType")), "allLocations": locations},
        )
