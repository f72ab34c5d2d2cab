"""Ashby job-board API (``https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true``).

``{"apiVersion": ..., "jobs": [...]}``; each job has ``id``, ``title``, ``location``, ``secondaryLocations``
[{``location``, ``address``}], ``department``, ``team``, ``isListed``, ``isRemote``, ``workplaceType`` ("OnSite" |
"Hybrid" | "Remote"), ``employmentType`` ("FullTime" | "PartTime" | "Intern" | "Contract" | "Temporary"),
``descriptionHtml``/``descriptionPlain``, ``publishedAt``, ``jobUrl``, ``applyUrl`` and, with
``includeCompensation=true``, ``compensation`` {``compensationTierSummary``, ``summaryComponents`` [{
``compensationType`` ("Salary", "EquityPercentage", ...), ``interval`` ("1 YEAR"), ``currencyCode``,
``minValue``, ``maxValue``}]}. Unlisted jobs (``isListed: false``) are skipped.

Config: ``board`` (the job-board name, e.g. "acme") with optional ``base_url``, or a full ``url``; optional
``company`` (default: the board name).
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

DEFAULT_BASE = "https://api.ashbyhq.com"


def _salary(comp: dict) -> tuple[float | None, float | None, str | None, str | None]:
    for part in comp.get("summaryComponents") or []:
        if not isinstance(part, dict) or str(part.get("compensationType", "")).lower() != "salary":
            continue
        lo = number(part.get("minValue", part.get("min")))
        hi = number(part.get("maxValue", part.get("max")))
        if lo or hi:
            currency = part.get("currencyCode") or part.get("currency")
            return lo, hi, str(currency).upper() if currency else None, salary_period(part.get("interval"))
    return None, None, None, None


class AshbyAdapter(Adapter):
    kind = "ashby"
    label = "Ashby"
    config_keys = {"board": "job-board name", "url": "full API URL", "base_url": DEFAULT_BASE, "company": "name"}

    def urls(self, config: dict) -> list[str]:
        if config.get("url"):
            return [config["url"]]
        base = self.base_url(config, DEFAULT_BASE)
        return [f"{base}/posting-api/job-board/{self.board(config)}?includeCompensation=true"]

    def parse(self, document, config, url):
        if not isinstance(document, dict) or not isinstance(document.get("jobs"), list):
            raise SourceError(f"{url}: expected an object with a 'jobs' list")
        company = text(config.get("company")) or str(config.get("board") or "").replace("-", " ").title()
        for job in document["jobs"]:
            if isinstance(job, dict) and job.get("isListed") is False:
                continue
            yield self.safe_item(lambda j: self.convert(j, company), job, "job")

    def convert(self, job: dict, company: str) -> NormalizedPosting:
        ident = str(job["id"])
        title = text(job.get("title"))
        if not title:
            raise ValueError("job without a title")
        location = text(job.get("location"))
        secondary = [text(s.get("location") if isinstance(s, dict) else s) for s in job.get("secondaryLocations") or []]
        workplace = workplace_from(job.get("workplaceType"))
        if workplace is None and job.get("isRemote") is True:
            workplace = "remote"
        workplace = workplace or workplace_from_location(location)
        comp = job.get("compensation") or {}
        lo, hi, currency, period = _salary(comp)
        html = job.get("descriptionHtml") or ""
        job_url = str(job.get("jobUrl") or "")
        return NormalizedPosting(
            source_id=ident,
            title=title,
            company=company,
            location=" / ".join([location, *(s for s in secondary if s and s != location)]) if location else "",
            remote=remote_flag(workplace) if job.get("isRemote") is None else bool(job["isRemote"]),
            workplace=workplace,
            salary_min=lo,
            salary_max=hi,
            salary_currency=currency,
            salary_period=period,
            tags=dedupe_tags([job.get("department"), job.get("team")]),
            description_text=html_text(html) if html.strip() else text(job.get("descriptionPlain")),
            description_html=sanitize_html(html),
            apply_url=str(job.get("applyUrl") or job_url),
            url=job_url,
            posted_at=parse_datetime(job.get("publishedAt")),
            employment_type=employment_type(job.get("employmentType")),
            raw={
                **trim_raw(job, ("id", "publishedAt", "workplaceType", "isRemote", "employmentType")),
                "compensation_summary": comp.get("compensationTierSummary") or "",
                "secondary_locations": [s for s in secondary if s],
            },
        )
