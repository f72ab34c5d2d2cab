"""Dated entries (jobs, schools, projects): group a section's lines into entries and name their parts."""

# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .contact import URL, find_location_suffix, match_location
from .dates import DURATION, DateRange, find_range, is_date_only
from .headings import signature
from .model import Line

BULLET_MARK = re.compile(r"^\s*(?:[•\-*–—▪◦●·>]|\d{1,2}[.)])\s+|^\s*•")
_STRONG_SEP = re.compile(r"\s+[|–—]\s+|\s+-\s+|\s*\|\s*|\s+@\s+")
_AT = re.compile(r"\s+at\s+")  # "Data Analyst at Umbrella Ltd" (jobs only: "University of Texas at Austin")

TITLE_WORDS = set(
    [
        "engineer",
        "developer",
        "intern",
        "internship",
        "manager",
        "director",
        "founder",
        "co-founder",
        "cofounder",
        "cto",
        "ceo",
        "cfo",
        "coo",
        "vp",
        "president",
        "lead",
        "analyst",
        "scientist",
        "researcher",
        "research",
        "assistant",
        "associate",
        "consultant",
        "architect",
        "designer",
        "fellow",
        "specialist",
        "administrator",
        "coordinator",
        "officer",
        "head",
        "member",
        "contributor",
        "teacher",
        "instructor",
        "tutor",
        "professor",
        "lecturer",
        "advisor",
        "adviser",
        "sre",
        "devops",
        "programmer",
        "owner",
        "partner",
        "editor",
        "writer",
        "volunteer",
        "coach",
        "representative",
        "executive",
        "supervisor",
        "technician",
        "principal",
        "staff",
        "senior",
        "junior",
        "chair",
        "treasurer",
        "secretary",
        "captain",
        "server",
        "cashier",
        "clerk",
        "processer",
        "processor",
        "strategist",
        "marketer",
        "recruiter",
        "nurse",
        "accountant",
        "product",
        "postdoc",
        "postdoctoral",
        "trainee",
        "apprentice",
        "mentor",
        "organizer",
    ]
)
ORG_WORDS = set(
    [
        "inc",
        "inc.",
        "llc",
        "ltd",
        "ltd.",
        "corp",
        "corp.",
        "corporation",
        "company",
        "co",
        "co.",
        "gmbh",
        "plc",
        "university",
        "college",
        "institute",
        "school",
        "lab",
        "labs",
        "laboratory",
        "research",
        "technologies",
        "technology",
        "solutions",
        "systems",
        "group",
        "bank",
        "foundation",
        "organization",
        "organisation",
        "agency",
        "studio",
        "studios",
        "ventures",
        "capital",
        "partners",
        "association",
        "society",
        "hospital",
        "council",
        "ai",
        "market",
        "pay",
        "services",
        "consulting",
    ]
)
SCHOOL = re.compile(
    r"universit|college|institut|school|academy|polytechn|conservato|iit\b|postech|école|ecole|universidad|"
    r"universität|hochschule",
    re.IGNORECASE,
)
DEGREE = re.compile(
    r"\b(?:ph\.?\s?d|doctor(?:ate)?|d\.?phil|m\.?\s?eng|b\.?\s?eng|b\.?\s?tech|m\.?\s?tech|b\.?\s?sc?|m\.?\s?sc?|"
    r"b\.?\s?a|m\.?\s?a|mba|m\.?b\.?a|bba|llb|llm|md|jd|bachelor(?:'?s)?|master(?:'?s)?|"
    r"associate(?:'?s)? (?:of|degree)|"
    r"diploma|certificate|high school|a\.?a\.?s?|a\.?s)\b\.?",
    re.IGNORECASE,
)
GPA = re.compile(
    r"(?:\bc?gpa\b|\bgrade point average\b)\s*[:\-]?\s*(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?)|"
    r"(\d\.\d+)\s*(?:/\s*\d(?:\.\d+)?\s*)?\bgpa\b",
    re.IGNORECASE,
)


@dataclass
class Item:
    line: Line
    text: str
    bullet: bool
    dates: DateRange | None = None
    location: str | None = None
    spans: list[str] = field(default_factory=list)


@dataclass
class Entry:
    header: list[Item] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    desc: list[str] = field(default_factory=list)
    dates: DateRange | None = None
    locations: list[str] = field(default_factory=list)


def strip_bullet(text: str) -> tuple[str, bool]:
    m = BULLET_MARK.match(text)
    if not m:
        return text, False
    return text[m.end() :].strip(), True


def analyse(line: Line) -> Item:
    spans = [s.text for s in line.spans if not DURATION.match(s.text)]
    first, marked = strip_bullet(spans[0]) if spans else ("", False)
    spans = [first, *spans[1:]] if spans else []
    item = Item(line=line, text="", bullet=marked or line.bullet)
    kept = []
    for i, span in enumerate(spans):
        # a right-hand span that is only a date belongs to the entry, even on a bullet line (rendercv)
        if item.dates is None and (i > 0 or not item.bullet) and is_date_only(span):
            item.dates, _ = find_range(span)
            continue
        if not item.bullet and item.dates is None:
            found, rest = find_range(span)
            if found is not None:
                item.dates, span = found, rest
        if not item.bullet and i > 0 and match_location(span):
            item.location = match_location(span)
            continue
        if span:
            kept.append(span)
    item.spans = kept
    item.text = " ".join(kept).strip()
    return item


def _looks_like_header(item: Item) -> bool:
    if item.dates or item.location or item.line.bold:
        return True
    words = item.text.split()
    return 0 < len(words) <= 12 and not item.text.endswith(".")


def _is_continuation(item: Item, prev: Item | None, entry: Entry | None) -> bool:
    """A wrapped line of the previous bullet or paragraph: indented past the entry, or starting lowercase."""
    if prev is None or entry is None or item.bullet or item.dates or item.location:
        return False
    if not (entry.bullets or entry.desc):
        return False
    text = item.text
    if text[:1].islower() or text[:1] in ",;)&":
        return True
    header_x = entry.header[0].line.x0 if entry.header else prev.line.x0
    return item.line.x0 > header_x + 3 and item.line.page == prev.line.page and not item.line.bold


def group_entries(lines: list[Line]) -> list[Entry]:
    entries: list[Entry] = []
    cur: Entry | None = None
    prev: Item | None = None
    for line in lines:
        item = analyse(line)
        if not item.text and item.dates is None and item.location is None:
            continue
        if item.bullet:
            if cur is None:
                cur = Entry()
                entries.append(cur)
            if item.text:
                cur.bullets.append(item.text)
            _take_dates(cur, item)
        elif cur is not None and item.line.meta.get("blank_before") and _opens_after_blank(item):
            cur = Entry(header=[item])  # plain text: a blank line, then a heading-like line, opens an entry
            entries.append(cur)
            _take_dates(cur, item)
        elif _is_continuation(item, prev, cur):
            _append_continuation(cur, item.text, bool(prev.line.meta.get("hyphenated")))
        elif _starts_entry(cur, item):
            cur = Entry(header=[item])
            entries.append(cur)
            _take_dates(cur, item)
        elif cur is not None and not cur.bullets and not cur.desc and len(cur.header) < 4 and _looks_like_header(item):
            cur.header.append(item)
            _take_dates(cur, item)
        else:
            if cur is None:
                cur = Entry()
                entries.append(cur)
            cur.desc.append(item.text)
            _take_dates(cur, item)
        prev = item
    return [e for e in entries if e.header or e.bullets or e.desc]


_DETAIL_LABEL = re.compile(r"^\s*[A-Za-z][\w .&/]{0,30}:\s*\S")
_SEP_TOKEN = re.compile(r"[|–—-]")


def _opens_after_blank(item: Item) -> bool:
    """A line below a blank line (plain text only) that reads as an entry's first line: dates or a location,
    or a short line not ending a sentence (separators such as "—" do not count as words)."""
    if _DETAIL_LABEL.match(item.text):
        return False
    if item.dates or item.location:
        return True
    words = [w for w in item.text.split() if not _SEP_TOKEN.fullmatch(w)]
    return 0 < len(words) <= 12 and not item.text.endswith(".")


def _starts_entry(cur: Entry | None, item: Item) -> bool:
    if cur is not None and _DETAIL_LABEL.match(item.text):
        return False  # "Major: Business", "GPA: 3.6", "Coursework: ..." are details of the current entry
    if not _looks_like_header(item):
        return cur is None
    if cur is None or cur.bullets or cur.desc:
        return True
    if item.dates and cur.dates:
        return True
    if cur.dates and len(cur.header) >= 2:
        # same typography as the entry's first line, or a company/location line, opens the next entry
        return signature(item.line) == signature(cur.header[0].line) or item.location is not None
    return False


def _take_dates(entry: Entry, item: Item) -> None:
    if item.dates and entry.dates is None:
        entry.dates = item.dates
    if item.location:
        entry.locations.append(item.location)


def _append_continuation(entry: Entry, text: str, hyphenated: bool) -> None:
    target = entry.bullets if entry.bullets else entry.desc
    if hyphenated and target[-1].endswith("-"):
        target[-1] = target[-1][:-1] + text  # "mod-" + "eling": a hyphenation break, not a real hyphen
        return
    joiner = "" if target[-1].endswith("-") and text[:1].islower() else " "
    target[-1] = f"{target[-1]}{joiner}{text}"


def header_parts(entry: Entry, split_commas: bool) -> tuple[list[tuple[str, Item]], str | None]:
    """Title/company/school fragments of an entry's header lines, with any location split off."""
    parts: list[tuple[str, Item]] = []
    location = entry.locations[0] if entry.locations else None
    for item in entry.header:
        for span in item.spans:
            pieces = _STRONG_SEP.split(span)
            if split_commas:
                pieces = [p for piece in pieces for p in _AT.split(piece)]
            for piece in pieces:
                piece = piece.strip(" ,;:|")
                if not piece:
                    continue
                loc = match_location(piece)
                if loc:
                    location = location or loc
                    continue
                loc, rest = find_location_suffix(piece)
                if loc:
                    location = location or loc
                    piece = rest
                parts.append((piece, item))
    if split_commas and len(parts) == 1 and ", " in parts[0][0]:
        first, _, second = parts[0][0].partition(", ")
        parts = [(first, parts[0][1]), (second, parts[0][1])]
    return parts, location


def title_score(text: str) -> int:
    words = {w.strip("(),.&").lower() for w in re.split(r"[\s/]+", text)}
    score = 2 * len(words & TITLE_WORDS)
    score -= 2 * len(words & ORG_WORDS)
    if SCHOOL.search(text):
        score -= 2
    return score


def entry_dates(entry: Entry) -> dict:
    if entry.dates is None:
        return {"start": None, "end": None, "current": False, "dates_raw": None}
    d = entry.dates
    return {"start": d.start, "end": d.end, "current": d.current, "dates_raw": d.raw}


def experience_entry(entry: Entry) -> dict:
    parts, location = header_parts(entry, split_commas=True)
    texts = [p for p, _ in parts]
    title = company = None
    conf_title = conf_company = 0.0
    if texts:
        scores = [title_score(t) for t in texts]
        best = max(range(len(texts)), key=lambda i: (scores[i], -i))
        if len(texts) == 1:
            if scores[0] > 0:
                title, conf_title = texts[0], 0.7
            else:
                company, conf_company = texts[0], 0.5
        else:
            title = texts[best]
            rest = [i for i in range(len(texts)) if i != best]
            company_i = min(rest, key=lambda i: (scores[i], i))
            company = texts[company_i]
            clear = scores[best] > scores[company_i]
            conf_title = 0.85 if clear else 0.5
            conf_company = 0.85 if clear else 0.5
    result = {"title": title, "company": company, "location": location, **entry_dates(entry)}
    result["bullets"] = entry.bullets + entry.desc
    result["confidence"] = {
        "title": conf_title,
        "company": conf_company,
        "location": 0.8 if location else 0.0,
        "dates": _date_confidence(entry),
    }
    return result


def _date_confidence(entry: Entry) -> float:
    if entry.dates is None:
        return 0.0
    return 0.95 if entry.dates.start and entry.dates.end else 0.7


def _split_degree(text: str) -> tuple[str, str | None]:
    """'PhD in Computer Science' -> ('PhD', 'Computer Science'); 'Bachelor of Arts, Business' likewise."""
    text = re.sub(r"\s*[-–]\s*\d\.\d+\s*GPA.*$", "", text, flags=re.IGNORECASE).strip()
    m = re.match(r"(.+?)\s+(?:in|of)\s+(.+)$", text, re.IGNORECASE)
    if m and DEGREE.search(m.group(1)) and not re.match(r"(?i)(bachelor|master|doctor|associate)s?$", m.group(1)):
        return m.group(1).strip(), m.group(2).strip()
    if ", " in text:
        head, _, tail = text.partition(", ")
        if DEGREE.search(head):
            return head.strip(), tail.strip()
    m = re.match(r"((?:bachelor|master|doctor|associate)(?:'?s)?\s+of\s+\w+)\s+in\s+(.+)$", text, re.IGNORECASE)
    if m:
        return m.group(1), m.group(2)
    return text, None


def education_entry(entry: Entry) -> dict:
    parts, location = header_parts(entry, split_commas=False)
    pieces: list[str] = []
    for text, _ in parts:
        # "PhD Princeton University": a degree abbreviation glued to the school name
        lead = DEGREE.match(text)
        if lead and SCHOOL.search(text[lead.end() :]) and not SCHOOL.search(lead.group(0)):
            pieces.append(lead.group(0).strip())
            text = text[lead.end() :].strip()
        # "Princeton University, Computer Science" / "B.Tech, CSE, Indian Institute of Technology"
        if SCHOOL.search(text) and ", " in text:
            pieces.extend(p.strip() for p in text.split(", ") if p.strip())
        else:
            pieces.append(text)
    school = next((p for p in pieces if SCHOOL.search(p)), None)
    degree_text = next((p for p in pieces if p != school and DEGREE.search(p)), None)
    degree, field_name = _split_degree(degree_text) if degree_text else (None, None)
    if school is None and pieces:
        school = next((p for p in pieces if p != degree_text), None)
    if degree_text and field_name is None:
        others = [p for p in pieces if p not in (school, degree_text)]
        field_name = others[0] if others and len(others) == 1 and not GPA.search(others[0]) else None
    details = entry.bullets + entry.desc
    all_text = " ".join([p for p in pieces] + details)
    for d in details:
        m = re.match(r"(?i)\s*major\s*:\s*([^\t]+?)(?:\s{2,}|\s+gpa|$)", d)
        if m and not field_name:
            field_name = m.group(1).strip()
    gpa_match = GPA.search(all_text)
    gpa = (gpa_match.group(1) or gpa_match.group(2)).replace(" ", "") if gpa_match else None
    return {
        "school": school,
        "degree": degree,
        "field": field_name,
        "location": location,
        **entry_dates(entry),
        "gpa": gpa,
        "details": details,
        "confidence": {
            "school": 0.9 if school and SCHOOL.search(school) else (0.4 if school else 0.0),
            "degree": 0.9 if degree else 0.0,
            "field": 0.7 if field_name else 0.0,
            "dates": _date_confidence(entry),
        },
    }


def project_entry(entry: Entry) -> dict:
    parts, _ = header_parts(entry, split_commas=False)
    texts = [p for p, _ in parts]
    url = None
    name = None
    for t in texts:
        m = URL.search(t)
        if m and url is None and ("/" in m.group(0) or "." in m.group(0)) and m.group(0) == t.strip():
            url = m.group(0)
            continue
        if name is None:
            name = t
    description = " ".join(entry.desc) if entry.desc else None
    if name and len(texts) > 1 and description is None:
        extra = [t for t in texts if t not in (name, url)]
        description = extra[0] if extra else None
    dates = entry_dates(entry)
    return {
        "name": name,
        "description": description,
        "url": url,
        "start": dates["start"],
        "end": dates["end"],
        "bullets": entry.bullets,
    }
