# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
"""Single-value fields of a job description: title, company, location, workplace, employment type, seniority,
years of experience. Every function is a deterministic text heuristic and returns None when unsure."""

from __future__ import annotations

import re
from urllib.parse import urlparse

_ROLE_NOUNS = (
    r"Engineer|Developer|Programmer|Manager|Designer|Analyst|Scientist|Specialist|Representative|Consultant|"
    r"Architect|Lead|Director|Coordinator|Administrator|Agent|Associate|Writer|Editor|Marketer|Recruiter|"
    r"Strategist|Advisor|Adviser|Officer|Technician|Intern|Assistant|Accountant|Executive|Owner|Researcher|"
    r"Partner|Head of [A-Z][\w&]+(?: [A-Z&][\w&]+)*|VP(?: of)? [A-Z][\w&]+(?: [A-Z&][\w&]+)*|President|Tester|"
    r"Trainer|Operator|Producer|Planner|Controller|Generalist|Copywriter|SRE|DevOps|Expert|Professional|"
    r"Bookkeeper|Paralegal|Nurse|Teacher|Tutor|Success Manager|Support|Recruiter|Buyer|Estimator"
)
_TITLE_WORD = r"(?:[A-Z][\w+#./&-]*|of|and|&|/|-|–|,|\(|\))"
_TITLE = rf"(?P<title>(?:{_TITLE_WORD}\s){{0,6}}(?:{_ROLE_NOUNS})s?\b(?:\s?\((?:[A-Z][\w./+-]*\s?){{1,3}}\))?)"
_TITLE_PATTERNS = [
    re.compile(rf"^(?:job title|position|role|title)\s*:\s*{_TITLE}", re.M | re.I),
    re.compile(
        rf"\b(?:looking for|seeking|hiring|searching for|recruiting)\s+(?:an?|the|our)\s+"
        rf"(?:(?:exceptional|experienced|talented|motivated|passionate|skilled|driven|dedicated|"
        rf"highly|self-motivated|remote|full-time|part-time|new|first|proactive|strong)\s+)*{_TITLE}"
    ),
    re.compile(rf"\bjoin (?:us|our team|the team) as (?:an?|our)\s+{_TITLE}"),
    re.compile(rf"(?:^|\.\s+)As (?:an?|our)\s+{_TITLE}(?:,|\s+(?:you|at|on|in|with)\b)"),
    re.compile(rf"\b(?:opportunity|opening|vacancy) for (?:an?|our)\s+{_TITLE}"),
    re.compile(rf"\b(?:an?)\s+{_TITLE}\s+to join\b"),
    re.compile(rf"\b(?:The|This|Our)\s+{_TITLE}\s+(?:will|is responsible|role|position)"),
    re.compile(rf"\b(?:role|position) of\s+{_TITLE}"),
]
_FIRST_LINE_TITLE = re.compile(rf"^(?:[A-Z][\w+#./&()-]*\s?|of |and |& |/ |- |– |, ){{0,7}}(?:{_ROLE_NOUNS})s?\b")

_LEGAL = r"(?:,?\s+(?:Inc\.?|LLC|Ltd\.?|GmbH|S\.?R\.?L\.?|S\.?A\.?|Corp\.?|Co\.|PLC|AG|B\.V\.|Pty Ltd))?"
_COMPANY = rf"(?P<company>[A-Z][\w.&'-]*(?:\s(?:[A-Z][\w.&'-]*|&|of|and)){{0,3}}{_LEGAL})"
_COMPANY_PATTERNS = [
    re.compile(rf"^(?:company|employer|organi[sz]ation|company name)\s*:\s*{_COMPANY}", re.M | re.I),
    re.compile(rf"^About\s+{_COMPANY}\s*[:\n]", re.M),
    re.compile(rf"\bAt\s+{_COMPANY},\s+(?:we|our|you)\b"),
    re.compile(rf"\bJoin\s+{_COMPANY}\b(?!\s+(?:us|our|the|a|an)\b)"),
    re.compile(
        rf"(?:^|\.\s+|\n){_COMPANY}\s+(?:is|are)\s+(?:a|an|the)\s+(?:\w+\s+){{0,4}}"
        rf"(?:company|startup|platform|provider|leader|agency|firm|team|marketplace|business|organization)"
    ),
    re.compile(rf"(?:^|\.\s+|\n){_COMPANY}\s+(?:is|are)\s+(?:hiring|looking|seeking|building|on a mission)"),
    re.compile(rf"\b(?:Founded in \d{{4}},?)\s+{_COMPANY}\s"),
]
_NOT_COMPANY = frozenset(
    [
        "we",
        "you",
        "our",
        "the",
        "this",
        "about",
        "us",
        "team",
        "job",
        "role",
        "position",
        "company",
        "it",
        "they",
        "who",
        "what",
        "why",
        "how",
        "remote",
        "join",
        "in",
        "at",
        "as",
        "a",
        "an",
        "if",
        "your",
        "location",
        "summary",
        "overview",
        "description",
    ]
)
_URL_LINE = re.compile(r"^URL:\s*(\S+)", re.M)

_PLACE = r"(?P<place>[A-Z][\w.'-]*(?:[ ,/]+(?:[A-Z][\w.'-]*|or|and)){0,5})"
_LOCATION_PATTERNS = [
    re.compile(
        rf"^(?:location|locations|job location|office location|based in|work location)\s*[:\-–]\s*{_PLACE}", re.M | re.I
    ),
    re.compile(
        rf"\b(?:based (?:in|out of)|located in|position in|role in|office in|offices in|hub in)\s+"
        rf"(?:the\s+)?{_PLACE}"
    ),
    re.compile(rf"\b(?:Remote|Hybrid|On-?site)\s*(?:[-–,(]|in|within)\s*(?:the\s+)?{_PLACE}"),
    re.compile(rf"\b(?:anywhere|candidates|applicants|residents) in\s+(?:the\s+)?{_PLACE}"),
]
_PLACE_STOP = frozenset(["we", "you", "our", "the", "this", "a", "an", "remote", "hybrid", "team", "salary"])
_REGIONS = (
    r"US|USA|U\.S\.|United States|Canada|Europe|EU|UK|United Kingdom|LATAM|Latin America|North America|"
    r"South America|Americas|APAC|EMEA|Asia|Africa|Australia|Oceania|Brazil|India|Germany|Mexico"
)
_ANYWHERE = re.compile(
    r"\b(?:anywhere in the world|work from anywhere|worldwide|globally remote|fully distributed)\b", re.I
)
_REGION_ONLY = re.compile(
    rf"\b(?P<place>{_REGIONS})(?:-based)?\s+(?:only|residents?|citizens?|based|time ?zones?)\b|"
    rf"\b(?:must|need to|should)\s+(?:be|reside|live)\s+(?:located\s+|based\s+)?in\s+(?:the\s+)?"
    rf"(?P<place2>{_REGIONS})\b|\bremote\s+(?:with)?in\s+(?:the\s+)?(?P<place3>{_REGIONS})\b"
)

_WORKPLACE = [
    ("hybrid", re.compile(r"\bhybrid\b", re.I), 3),
    (
        "remote",
        re.compile(
            r"\b(?:fully remote|100% remote|remote[- ]first|remote(?: role| position| job| work| opportunity)|"
            r"work from (?:home|anywhere)|working remotely|work remotely|remote-friendly|distributed team)\b|"
            r"^remote\b|\bremote\s*(?:\(|-|–|,)|\bremote\b",
            re.I | re.M,
        ),
        1,
    ),
    (
        "onsite",
        re.compile(
            r"\b(?:on-?site|in[- ]office|in the office|office-based|in[- ]person)\b(?! (?:events?|meetups?|"
            r"offsites?|retreats?|gatherings?))",
            re.I,
        ),
        1,
    ),
]

_EMPLOYMENT = [
    ("internship", re.compile(r"\b(?:internship|intern)\b", re.I)),
    (
        "contract",
        re.compile(
            r"\b(?:contract(?:[- ]to[- ]hire)?\s+(?:role|position|basis|job|opportunity|engagement|assignment)|"
            r"(?:\d+|six|three|twelve)[- ]month contract|contractor|freelance|freelancer|1099|B2B contract|"
            r"employment type\s*:\s*contract|job type\s*:\s*contract|this is a contract)\b",
            re.I,
        ),
    ),
    ("part-time", re.compile(r"\bpart[- ]time\b", re.I)),
    ("temporary", re.compile(r"\b(?:temporary|fixed[- ]term|seasonal|temp(?:orary)? role)\b", re.I)),
    ("full-time", re.compile(r"\b(?:full[- ]time|permanent (?:role|position|contract)|FTE)\b", re.I)),
]
_TYPE_LABEL = re.compile(
    r"^(?:employment type|job type|type|contract type|commitment)\s*:\s*(?P<value>[^\n]+)", re.I | re.M
)

_SENIORITY = [
    ("intern", re.compile(r"\b(?:intern|internship|co-op|apprentice)\b", re.I)),
    ("director", re.compile(r"\b(?:director|head of|vp|vice president|chief|cto|ceo|cfo|coo|cmo|svp|evp)\b", re.I)),
    ("staff", re.compile(r"\b(?:staff|principal|distinguished|fellow)\b", re.I)),
    ("lead", re.compile(r"\b(?:lead|manager|team lead|tech lead|supervisor)\b", re.I)),
    ("senior", re.compile(r"\b(?:senior|sr\.?|snr|experienced|iii|iv)\b", re.I)),
    ("junior", re.compile(r"\b(?:junior|jr\.?|entry[- ]level|graduate|new grad|trainee|associate|i)\b", re.I)),
    ("mid", re.compile(r"\b(?:mid[- ]level|mid[- ]senior|intermediate|ii)\b", re.I)),
]

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
        ]
    )
}
_N = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    rf"(?:(?P<atleast>at least|minimum(?: of)?|min\.?|over|more than)\s+)?{_N}(?:\s*\+)?"
    rf"(?:\s*(?:-|–|to)\s*{_N}(?:\s*\+)?)?\s*\+?\s*(?:\(\w+\)\s*)?(?:years?|yrs?)\b(?=(?P<after>.{{0,60}}))",
    re.I,
)
_YEARS_CONTEXT = re.compile(
    r"^\W*(?:of\s+)?(?:\w+\s+){0,4}?(?:experience|exp\b|in\b|working|as\b|building|developing|designing|with|"
    r"hands-on|professional|industry|relevant|programming|managing|leading)",
    re.I,
)
_YEARS_REJECT = re.compile(r"^\s*(?:ago|old|of age|in business|of history|running|strong|young)", re.I)


def _num(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw.lower()]


def _clean_title(raw: str) -> str:
    title = re.sub(r"\s+", " ", raw).strip(" ,-–/&")
    return re.sub(r"^(?:an?|the)\s+", "", title, flags=re.I)


def find_title(text: str) -> str | None:
    for pattern in _TITLE_PATTERNS:
        m = pattern.search(text)
        if m:
            return _clean_title(m.group("title"))
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    m = _FIRST_LINE_TITLE.match(first)
    if m and len(first.split()) <= 10 and not first.endswith("."):
        return _clean_title(first)
    return None


def _company_ok(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0].lower() not in _NOT_COMPANY and len(name) > 1


def _company_from_url(text: str) -> str | None:
    m = _URL_LINE.search(text)
    if not m:
        return None
    host = urlparse(m.group(1) if "//" in m.group(1) else "//" + m.group(1)).hostname or ""
    parts = [p for p in host.split(".") if p not in {"www", "jobs", "careers", "boards", "apply"}]
    return parts[0].capitalize() if parts and len(parts) >= 2 else None


def find_company(text: str) -> str | None:
    for pattern in _COMPANY_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group("company").strip(" .,")
            if _company_ok(name):
                return name
    return _company_from_url(text)


def find_location(text: str) -> str | None:
    for pattern in _LOCATION_PATTERNS:
        for m in pattern.finditer(text):
            place = re.split(r"\s+(?:or|and)\s*$", m.group("place").strip(" ,/-."))[0].strip(" ,/.")
            place = re.sub(r"\s+(?:Salary|Compensation|Pay)\b.*$", "", place)
            if place and place.split()[0].lower() not in _PLACE_STOP:
                return place
    m = _REGION_ONLY.search(text)
    if m:
        return m.group("place") or m.group("place2") or m.group("place3")
    return "Anywhere" if _ANYWHERE.search(text) else None


def find_workplace(text: str) -> str | None:
    """ "remote" | "hybrid" | "onsite" | None, by weighted cue counts (any "hybrid" mention is strong)."""
    scores = {name: weight * len(pattern.findall(text)) for name, pattern, weight in _WORKPLACE}
    if not any(scores.values()):
        return None
    return max(scores, key=lambda k: (scores[k], k == "remote"))


def find_employment_type(text: str) -> str | None:
    m = _TYPE_LABEL.search(text)
    if m:
        found = _first_type(m.group("value"))
        if found:
            return found
    return _first_type(text)


def _first_type(text: str) -> str | None:
    """The employment type mentioned first; "full-time" is the usual default so it loses ties."""
    hits = []
    for name, pattern in _EMPLOYMENT:
        m = pattern.search(text)
        if m:
            hits.append((m.start() + (10_000 if name == "full-time" else 0), name))
    return min(hits)[1] if hits else None


def find_seniority(title: str | None, text: str, years_min: int | None) -> str | None:
    """Seniority from the title first (the most reliable cue), then the years asked for."""
    if title:
        for name, pattern in _SENIORITY:
            if pattern.search(title):
                return name
    if re.search(r"\b(?:internship|entry[- ]level|new grads?|recent graduates?)\b", text, re.I):
        return "intern" if re.search(r"\binternship\b", text, re.I) else "junior"
    if years_min is None:
        return None
    if years_min >= 8:
        return "staff" if years_min >= 10 else "senior"
    if years_min >= 5:
        return "senior"
    return "mid" if years_min >= 2 else "junior"


def find_years(lines: list[str]) -> tuple[int | None, int | None]:
    """Years of experience asked for: the largest minimum among requirement-like statements."""
    best: tuple[int, int | None] | None = None
    for line in lines:
        for m in _YEARS.finditer(line):
            after = m.group("after")
            if _YEARS_REJECT.match(after) or not _YEARS_CONTEXT.match(after):
                continue
            low = _num(m.group(2))
            high = _num(m.group(3)) if m.group(3) else None
            if low > 30 or (high is not None and high < low):
                continue
            if best is None or low > best[0]:
                best = (low, high)
    return best if best else (None, None)
