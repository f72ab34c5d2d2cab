"""Greenhouse job-board API (``https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true``).

``{"jobs": [...], "meta": {"total": n}}``; each job has ``id``, ``title``, ``location.name``, ``absolute_url``,
``updated_at``, ``first_published``, ``company_name``, ``content`` (HTML, itself entity-escaped: "&lt;p&gt;"),
``departments[]``, ``offices[]`` and ``metadata[]``.

Config: ``board`` (the board token, e.g. "vercel") with optional ``base_url``, or a full ``url``; optional
``company`` when the API omits ``company_name``.
"""

from __future__ import annotations

from jobs.sources.adapter import Adapter
from jobs.sources.base import (
    NormalizedPosting,
    SourceError,
    dedupe_tags,
    employment_type,
    html_text,
    parse_datetime,
    remote_flag,
    sanitize_html,
    text,
    trim_raw,
    workplace_from_location,
)

DEFAULT_BASE = "https://boards-api.greenhouse.io"


def _metadata(job: dict) -> dict[str, object]:
    out = {}
    for entry in job.get("metadata") or []:
        if isinstance(entry, dict) and entry.get("name") and entry.get("value") not in (None, "", []):
            out[str(entry["name"])] = entry["value"]
    return out


class GreenhouseAdapter(Adapter):
    kind = "greenhouse"
    label = "Greenhouse"
    config_keys = {"board": "board token", "url": "full API URL", "base_url": DEFAULT_BASE, "company": "name"}

    def urls(self, config: dict) -> list[str]:
        if config.get("url"):
            return [config["url"]]
        return [f"{self.base_url(config, DEFAULT_BASE)}/v1/boards/{self.board(config)}/jobs?content=true"]

    def parse(self, document, config, url):
        if not isinstance(document, dict) or not isinstance(document.get("jobs"), list):
            raise SourceError(f"{url}: expected an object with a 'jobs' list")
        for job in document["jobs"]:
            yield self.safe_item(lambda j: self.convert(j, config), job, "job")

    def convert(self, job: dict, config: dict) -> NormalizedPosting:
        ident = str(job["id"])
        title = text(job.get("title"))
        if not title:
            raise ValueError("job without a title")
        location = text((job.get("location") or {}).get("name"))
        meta = _metadata(job)
        workplace = workplace_from_location(location)
        for key, value in meta.items():  # some boards carry "Workplace Type" / "Remote" metadata
            if workplace is None and ("remote" in key.lower() or "workplace" in key.lower()):
                workplace = workplace_from_location(str(value))
        content = job.get("content") or ""
        departments = [d.get("name") for d in job.get("departments") or [] if isinstance(d, dict)]
        url = str(job.get("absolute_url") or "")
        emp = next((v for k, v in meta.items() if "employment" in k.lower() or "job type" in k.lower()), None)
        return NormalizedPosting(
            source_id=ident,
            title=title,
            company=text(job.get("company_name") or config.get("company")),
            location=location,
            remote=remote_flag(workplace),
            workplace=workplace,
            tags=dedupe_tags(departments),
            description_text=html_text(content),
            description_html=sanitize_html(content),
            apply_url=url,
            url=url,
            posted_at=parse_datetime(job.get("first_published")) or parse_datetime(job.get("updated_at")),
            employment_type=employment_type(str(emp)) if isinstance(emp, str) else None,
            raw={
                **trim_raw(job, ("id", "internal_job_id", "requisition_id", "updated_at", "first_published")),
                "offices": [o.get("name") for o in job.get("offices") or [] if isinstance(o, dict)],
                "metadata": meta,
            },
        )
