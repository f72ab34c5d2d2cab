"""JSON Resume (schema v1.0.0, https://jsonresume.org/schema) to and from schema-v1 `parsed_sections`.

Mapping (ours -> JSON Resume):

* contact -> basics {name, email, phone, location {city, region}, url, profiles}; every link becomes a profile
  (network = its label) so that their order survives; the first "Website" link is also `basics.url`.
* summary.text -> basics.summary
* experience -> work {name = company, position = title, location, startDate, endDate, highlights = bullets}
* education -> education {institution = school, studyType = degree, area = field, score = gpa,
  courses = details, startDate, endDate} (+ location, which the schema allows as an extra property)
* skills -> skills {name = group, keywords = items}; projects -> projects {name, description, url, startDate,
  endDate, highlights = bullets}; certifications -> certificates {name, issuer, date}; awards -> awards
  {title, awarder = issuer, date, summary = description}; languages -> languages {language, fluency}
* other (sections JSON Resume has no place for) -> meta["x-careerAgent"]["other"].

Dates are ISO: "YYYY-MM" or "YYYY". An ongoing role ("present") has no endDate. Reading accepts full dates
("2020-01-15" -> "2020-01"), "present"/"current" end dates, and also maps JSON Resume's volunteer entries to
experience and its publications, interests and references to `other`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from resumes.parsing import SCHEMA_VERSION

from . import format_range

__all__ = ["EXTENSION_KEY", "from_json_resume", "to_json_resume"]

EXTENSION_KEY = "x-careerAgent"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_KNOWN_KEYS = {
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
    "$schema",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T.*)?$")
_PRESENT = {"present", "current", "now", "ongoing", "today"}


# --------------------------------------------------------------------------------------------------- export


def _s(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _iso(value: object) -> str | None:
    """Our "YYYY-MM"/"YYYY" dates are already ISO 8601 (partial); anything else is dropped."""
    text = _s(value)
    if text is None or text.lower() == "present":
        return None
    m = _DATE.match(text)
    if not m:
        return None
    return f"{m.group(1)}-{int(m.group(2)):02d}" if m.group(2) else m.group(1)


def _prune(obj: dict) -> dict:
    """Drop None values and empty strings/lists/objects: JSON Resume omits unknown fields."""
    return {k: v for k, v in obj.items() if v not in (None, "", [], {})}


def _strings(values: object) -> list[str]:
    if not isinstance(values, list | tuple):
        return []
    return [t for v in values if (t := _s(v))]


def _records(values: object) -> list[Mapping]:
    if not isinstance(values, list | tuple):
        return []
    return [v for v in values if isinstance(v, Mapping)]


def _split_location(text: str | None) -> dict:
    """'Austin, TX' -> {city: Austin, region: TX}; 'Berlin' -> {city: Berlin}. Joining back gives the input."""
    if not text:
        return {}
    city, sep, region = text.partition(", ")
    return _prune({"city": city.strip(), "region": region.strip() if sep else None})


def _username(url: str) -> str | None:
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).strip("/")
    last = path.rsplit("/", 1)[-1] if path else ""
    return last or None


def to_json_resume(sections: Mapping) -> dict:
    """A JSON Resume v1.0.0 document for `sections` (schema v1). Unknown values are omitted."""
    sections = sections if isinstance(sections, Mapping) else {}
    contact = sections.get("contact") if isinstance(sections.get("contact"), Mapping) else {}
    summary = sections.get("summary")
    summary_text = _s(summary.get("text")) if isinstance(summary, Mapping) else _s(summary)

    profiles = []
    website = None
    for link in _records(contact.get("links")):
        url = _s(link.get("url"))
        if not url:
            continue
        label = _s(link.get("label")) or "Website"
        if website is None and label.lower() == "website":
            website = url
        profiles.append(_prune({"network": label, "username": _username(url), "url": url}))
    basics = _prune(
        {
            "name": _s(contact.get("name")),
            "email": _s(contact.get("email")),
            "phone": _s(contact.get("phone")),
            "url": website,
            "summary": summary_text,
            "location": _split_location(_s(contact.get("location"))),
            "profiles": profiles,
        }
    )

    work = [
        _prune(
            {
                "name": _s(e.get("company")),
                "position": _s(e.get("title")),
                "location": _s(e.get("location")),
                "startDate": _iso(e.get("start")),
                "endDate": _iso(e.get("end")),
                "highlights": _strings(e.get("bullets")),
            }
        )
        for e in _records(sections.get("experience"))
    ]
    education = [
        _prune(
            {
                "institution": _s(e.get("school")),
                "area": _s(e.get("field")),
                "studyType": _s(e.get("degree")),
                "location": _s(e.get("location")),
                "startDate": _iso(e.get("start")),
                "endDate": _iso(e.get("end")),
                "score": _s(e.get("gpa")),
                "courses": _strings(e.get("details")),
            }
        )
        for e in _records(sections.get("education"))
    ]
    skills = [
        _prune({"name": _s(g.get("group")), "keywords": _strings(g.get("items"))})
        for g in _records(sections.get("skills"))
    ]
    projects = [
        _prune(
            {
                "name": _s(p.get("name")),
                "description": _s(p.get("description")),
                "url": _s(p.get("url")),
                "startDate": _iso(p.get("start")),
                "endDate": _iso(p.get("end")),
                "highlights": _strings(p.get("bullets")),
            }
        )
        for p in _records(sections.get("projects"))
    ]
    certificates = [
        _prune({"name": _s(c.get("name")), "issuer": _s(c.get("issuer")), "date": _iso(c.get("date"))})
        for c in _records(sections.get("certifications"))
    ]
    awards = [
        _prune(
            {
                "title": _s(a.get("title")),
                "awarder": _s(a.get("issuer")),
                "date": _iso(a.get("date")),
                "summary": _s(a.get("description")),
            }
        )
        for a in _records(sections.get("awards"))
    ]
    languages = [
        _prune({"language": _s(lang.get("language")), "fluency": _s(lang.get("proficiency"))})
        for lang in _records(sections.get("languages"))
    ]
    other = [
        {"heading": _s(o.get("heading")), "lines": _strings(o.get("lines"))} for o in _records(sections.get("other"))
    ]

    out: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": basics}
    for key, items in (
        ("work", work),
        ("education", education),
        ("skills", skills),
        ("projects", projects),
        ("certificates", certificates),
        ("awards", awards),
        ("languages", languages),
    ):
        kept = [i for i in items if i]
        if kept:
            out[key] = kept
    meta: dict[str, Any] = {"version": "v1.0.0"}
    if other:
        meta[EXTENSION_KEY] = {"schemaVersion": SCHEMA_VERSION, "other": other}
    out["meta"] = meta
    return out


# --------------------------------------------------------------------------------------------------- import


class _Reader:
    """Type checks with the path of the offending value in every error message."""

    @staticmethod
    def obj(value: object, path: str) -> Mapping:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValueError(f"{path} must be an object, not {_type_name(value)}.")
        return value

    @staticmethod
    def array(value: object, path: str) -> list[tuple[str, Mapping]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"{path} must be a list, not {_type_name(value)}.")
        out = []
        for i, item in enumerate(value):
            out.append((f"{path}[{i}]", _Reader.obj(item, f"{path}[{i}]")))
        return out

    @staticmethod
    def text(obj: Mapping, key: str, path: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{path}.{key} must be a string, not {_type_name(value)}.")
        text = " ".join(str(value).split())
        return text or None

    @staticmethod
    def strings(obj: Mapping, key: str, path: str) -> list[str]:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValueError(f"{path}.{key} must be a list of strings, not {_type_name(value)}.")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                raise ValueError(f"{path}.{key}[{i}] must be a string, not {_type_name(item)}.")
            text = " ".join(str(item).split())
            if text:
                out.append(text)
        return out


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _date(text: str | None) -> tuple[str | None, bool]:
    """ISO (partial) date -> ("YYYY-MM" | "YYYY" | None, is_present). Unparseable text gives (None, False)."""
    if text is None:
        return None, False
    if text.lower() in _PRESENT:
        return None, True
    m = _DATE.match(text)
    if not m:
        return None, False
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}", False
    return m.group(1), False


def _dates(obj: Mapping, path: str, *, ongoing: bool) -> dict:
    """start/end/current/dates_raw from startDate/endDate. A start with no end is ongoing for jobs and studies."""
    start_text = _Reader.text(obj, "startDate", path)
    end_text = _Reader.text(obj, "endDate", path)
    start, _ = _date(start_text)
    end, present = _date(end_text)
    if end is None and (present or (ongoing and start and end_text is None)):
        end = "present"
    current = end == "present"
    result = {"start": start, "end": end, "current": current, "dates_raw": None}
    raw = format_range(result) if (start or end) else None
    if raw is None:
        # keep what was written when it is not an ISO date ("Summer 2019")
        raw = " – ".join(t for t in (start_text, end_text) if t) or None  # noqa: RUF001
    result["dates_raw"] = raw
    return result


def _join_location(loc: object, path: str) -> str | None:
    if isinstance(loc, str):
        return " ".join(loc.split()) or None
    loc = _Reader.obj(loc, path)
    parts = [_Reader.text(loc, k, path) for k in ("city", "region", "countryCode")]
    kept = [p for p in parts if p]
    if kept:
        return ", ".join(kept)
    return _Reader.text(loc, "address", path)


def from_json_resume(data: Mapping) -> dict:
    """Schema-v1 sections from a JSON Resume document. Raises ValueError when `data` is not one."""
    if not isinstance(data, Mapping):
        raise ValueError(f"A JSON Resume must be a JSON object, not {_type_name(data)}.")
    if not any(key in data for key in _KNOWN_KEYS - {"$schema", "meta"}):
        raise ValueError(
            "This is not a JSON Resume: it has none of the sections basics, work, education, skills, projects, "
            "certificates, awards, languages, volunteer, publications, interests or references."
        )
    r = _Reader
    basics = r.obj(data.get("basics"), "basics")

    links: list[dict] = []
    for path, profile in r.array(basics.get("profiles"), "basics.profiles"):
        url = r.text(profile, "url", path)
        if url:
            links.append({"label": r.text(profile, "network", path) or "Website", "url": url})
    website = r.text(basics, "url", "basics")
    if website and all(link["url"] != website for link in links):
        links.insert(0, {"label": "Website", "url": website})

    name = r.text(basics, "name", "basics")
    email = r.text(basics, "email", "basics")
    phone = r.text(basics, "phone", "basics")
    location = _join_location(basics.get("location"), "basics.location") if basics.get("location") else None
    summary = r.text(basics, "summary", "basics")

    experience = []
    for key in ("work", "volunteer"):
        org_key = "name" if key == "work" else "organization"
        for path, w in r.array(data.get(key), key):
            bullets = r.strings(w, "highlights", path)
            extra = r.text(w, "summary", path)
            company = r.text(w, org_key, path) or (r.text(w, "name", path) if key == "volunteer" else None)
            entry = {
                "title": r.text(w, "position", path),
                "company": company,
                "location": r.text(w, "location", path),
                **_dates(w, path, ongoing=True),
                "bullets": [extra, *bullets] if extra else bullets,
            }
            entry["confidence"] = _confidence(
                title=entry["title"], company=company, location=entry["location"], dates=entry["dates_raw"]
            )
            experience.append(entry)

    education = []
    for path, e in r.array(data.get("education"), "education"):
        entry = {
            "school": r.text(e, "institution", path),
            "degree": r.text(e, "studyType", path),
            "field": r.text(e, "area", path),
            "location": r.text(e, "location", path),
            **_dates(e, path, ongoing=False),
            "gpa": r.text(e, "score", path) or r.text(e, "gpa", path),
            "details": r.strings(e, "courses", path),
        }
        entry["confidence"] = _confidence(
            school=entry["school"], degree=entry["degree"], field=entry["field"], dates=entry["dates_raw"]
        )
        education.append(entry)

    skills = []
    for path, s in r.array(data.get("skills"), "skills"):
        keywords = r.strings(s, "keywords", path)
        group = r.text(s, "name", path)
        if not keywords and group:
            group, keywords = None, [group]  # {"name": "Python"} is a single skill, not an empty group
        if keywords:
            skills.append({"group": group, "items": keywords})

    projects = []
    for path, p in r.array(data.get("projects"), "projects"):
        dates = _dates(p, path, ongoing=False)
        projects.append(
            {
                "name": r.text(p, "name", path),
                "description": r.text(p, "description", path),
                "url": r.text(p, "url", path),
                "start": dates["start"],
                "end": dates["end"],
                "bullets": r.strings(p, "highlights", path),
            }
        )

    certifications = [
        {
            "name": r.text(c, "name", path),
            "issuer": r.text(c, "issuer", path),
            "date": _date(r.text(c, "date", path))[0],
        }
        for path, c in r.array(data.get("certificates"), "certificates")
    ]
    awards = [
        {
            "title": r.text(a, "title", path),
            "issuer": r.text(a, "awarder", path),
            "date": _date(r.text(a, "date", path))[0],
            "description": r.text(a, "summary", path),
        }
        for path, a in r.array(data.get("awards"), "awards")
    ]
    languages = [
        {"language": r.text(lang, "language", path), "proficiency": r.text(lang, "fluency", path)}
        for path, lang in r.array(data.get("languages"), "languages")
    ]
    languages = [lang for lang in languages if lang["language"]]

    other = _other_sections(data)

    return {
        "schema_version": SCHEMA_VERSION,
        "contact": {
            "name": name,
            "email": email,
            "phone": phone,
            "location": location,
            "links": links,
            "confidence": _confidence(name=name, email=email, phone=phone, location=location),
        },
        "summary": {"text": summary, "confidence": 1.0 if summary else 0.0},
        "experience": experience,
        "education": education,
        "skills": skills,
        "projects": projects,
        "certifications": [c for c in certifications if c["name"]],
        "awards": [a for a in awards if a["title"]],
        "languages": languages,
        "other": other,
    }


def _confidence(**values: object) -> dict:
    """1.0 for a value that came from structured data, 0.0 where it is missing (as the parser reports)."""
    return {k: 1.0 if v else 0.0 for k, v in values.items()}


def _other_sections(data: Mapping) -> list[dict]:
    r = _Reader
    other: list[dict] = []
    meta = r.obj(data.get("meta"), "meta")
    ext = r.obj(meta.get(EXTENSION_KEY), f"meta.{EXTENSION_KEY}")
    for path, o in r.array(ext.get("other"), f"meta.{EXTENSION_KEY}.other"):
        heading, lines = r.text(o, "heading", path), r.strings(o, "lines", path)
        if heading and lines:
            other.append({"heading": heading, "lines": lines})

    publications = []
    for path, p in r.array(data.get("publications"), "publications"):
        parts = [r.text(p, k, path) for k in ("name", "publisher", "releaseDate", "url")]
        line = ", ".join(x for x in parts if x)
        summary = r.text(p, "summary", path)
        if line or summary:
            publications.append(f"{line}. {summary}" if line and summary else line or summary)
    if publications:
        other.append({"heading": "Publications", "lines": publications})

    interests = []
    for path, i in r.array(data.get("interests"), "interests"):
        name, keywords = r.text(i, "name", path), r.strings(i, "keywords", path)
        if name or keywords:
            interests.append(f"{name}: {', '.join(keywords)}" if name and keywords else name or ", ".join(keywords))
    if interests:
        other.append({"heading": "Interests", "lines": interests})

    references = []
    for path, ref in r.array(data.get("references"), "references"):
        name, text = r.text(ref, "name", path), r.text(ref, "reference", path)
        if name or text:
            references.append(f"{name}: {text}" if name and text else name or text)
    if references:
        other.append({"heading": "References", "lines": references})
    return other
