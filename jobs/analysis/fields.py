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
    r"Partner|Head of [A-Z][\w&]+(?: [A-Z&][\w&]+){0,3}|VP(?: of)? [A-Z][\w&]+(?: [A-Z&][\w&]+){0,3}|President|Tester|"
    r"Trainer|Operator|Producer|Planner|Controller|Generalist|Copywriter|SRE|DevOps|Expert|Professional|"
    r"Bookkeeper|Paralegal|Nurse|Teacher|Tutor|Success Manager|Support|Recruiter|Buyer|Estimator"
)
_TITLE_WORD = r"(?:[A-Z][\w+#./&-]*|of|and|&|/|-|–|,|\(|\))"
# A role noun may carry its remit: "Director of Marketing", "Head of Product & Design".
_ROLE_TAIL = r"(?:\s+of\s+[A-Z][\w&]*(?:\s(?:[A-Z&][\w&]*|and)){0,3})?"
_TITLE = (
    rf"(?P<title>(?:{_TITLE_WORD}\s){{0,6}}(?:{_ROLE_NOUNS})s?\b{_ROLE_TAIL}"
    rf"(?:\s?\((?:[A-Z][\w./+-]*\s?){{1,3}}\))?)"
)
# Title words in running text may be lower case ("a senior backend engineer"); these words cannot be part of one.
_LOWER_WORD = (
    r"(?!(?:to|who|that|which|with|for|our|your|the|will|you|in|at|on|is|are|be|can|has|have|from|by|"
    r"this|we|us|as|role|position|team|job|an?)\b)(?:[SJ]r\.|[\w+#&'’-](?:[\w+#./&'’-]*[\w+#&'’-])?),?"
)
_ROLE_LOWER = rf"(?i:{_ROLE_NOUNS})s?\b"
_TITLE_ANY = rf"(?P<title>(?:{_LOWER_WORD}\s+){{0,6}}{_ROLE_LOWER}{_ROLE_TAIL}(?:\s?\((?:[A-Z][\w./+-]*\s?){{1,3}}\))?)"
_INTRO = (
    r"(?:looking (?:for|to (?:hire|add|employ|welcome))|seeking|hiring|searching for|recruiting|in need of|"
    r"(?:want|wish|plan|need) to hire|we need|work as)"
)
_TITLE_LABEL = re.compile(
    r"^(?:job title|position|role|title|the role|about the role|job|position title|opening)\s*[:\-–—]\s*"
    r"(?P<line>[^\n]{2,90})$",
    re.M | re.I,
)
_TITLE_PATTERNS = [
    re.compile(rf"\b{_INTRO}\s+(?:an?|the|our|one|two|several|multiple)\s+{_TITLE_ANY}"),
    re.compile(rf"\b{_INTRO}\s+{_TITLE}"),
    re.compile(rf"\bjoin (?:us|our team|the team) as (?:an?|our)\s+{_TITLE_ANY}"),
    re.compile(
        rf"(?:^|[.!]\s+)As (?:an?|our|the)\s+{_TITLE_ANY}(?:,|\s+(?:you|at|on|in|with|within|for|of|here)\b)", re.M
    ),
    re.compile(rf"\b(?:opportunity|opening|vacancy) for (?:an?|our)\s+{_TITLE_ANY}"),
    re.compile(rf"\b(?:an?)\s+{_TITLE}\s+to join\b"),
    re.compile(rf"\b(?:The|This|Our)\s+{_TITLE}\s+(?:will|is responsible|role|position)"),
    re.compile(rf"\b(?:role|position) of\s+{_TITLE}"),
    re.compile(rf"\b(?:[Ii]n|[Ff]or) the\s+{_TITLE}\s+(?:role|position)\b"),
]
# Words that praise the candidate rather than name the job ("a seasoned, hands-on Data Analyst").
_FLUFF = frozenset(
    [
        "exceptional",
        "experienced",
        "talented",
        "motivated",
        "passionate",
        "skilled",
        "driven",
        "dedicated",
        "highly",
        "self-motivated",
        "remote",
        "full-time",
        "part-time",
        "new",
        "first",
        "proactive",
        "strong",
        "seasoned",
        "hands-on",
        "world-class",
        "ambitious",
        "enthusiastic",
        "curious",
        "friendly",
        "well-spoken",
        "outgoing",
        "energetic",
        "hardworking",
        "hard-working",
        "creative",
        "resourceful",
        "brilliant",
        "great",
        "rockstar",
        "dynamic",
        "versatile",
        "qualified",
        "reliable",
        "confident",
        "organized",
        "organised",
        "founding",
        "fantastic",
        "awesome",
        "amazing",
        "smart",
        "bright",
        "humble",
        "intelligent",
        "sharp",
        "visually",
        "oriented",
        "problem-solving",
        "detail-oriented",
        "self-starting",
        "self-driven",
        "career-minded",
        "fully",
        "additional",
        "few",
        "high-performing",
        "top-notch",
        "top",
        "like-minded",
        "eager",
        "ideal",
        "perfect",
        "outstanding",
        "visionary",
        "thoughtful",
    ]
)
_FLUFF_SUFFIX = ("-driven", "-oriented", "-minded", "-centric", "-focused", "-class", "-performing", "-motivated")
_NOT_TITLE_LINE = re.compile(
    r"^(?:headquarters|url|location|locations|updated|posted|date|salary|compensation|job type|employment type|type|"
    r"department|team|company|apply|application form|reports to|start date|website)\s*:|^https?://|^\W*$",
    re.I,
)
# "(FT Remote)", "(100% Remote, Full-Time)": working terms, not part of the job's name.
_WORK_PAREN = re.compile(
    r"\s*\((?=[^)]*\b(?:remote|hybrid|on-?site|full[- ]time|part[- ]time|FT|PT)\b)[^)]*\)\s*$", re.I
)
_FIRST_LINE_TITLE = re.compile(rf"^(?:[A-Z][\w+#./&()-]*\s?|of |and |& |/ |- |– |, ){{0,7}}(?:{_ROLE_NOUNS})s?\b")
_TITLE_TRAILER = re.compile(
    r"\s+(?:[-–—|:]\s*(?:job description|job posting|job ad|we'?re hiring!?)|(?:at|@)\s+[A-Z][\w.&' -]*)\s*$", re.I
)

_LEGAL = r"(?:,?\s+(?:Inc\.?|LLC|Ltd\.?|GmbH|S\.?R\.?L\.?|S\.?A\.?|Corp\.?|Co\.|PLC|AG|B\.V\.|Pty Ltd))?"
_COMPANY = rf"(?P<company>[A-Z][\w.&'-]*(?:\s(?:[A-Z][\w.&'-]*|&|of|and)){{0,3}}{_LEGAL})"
_COMPANY_PATTERNS = [
    re.compile(rf"^(?:company|employer|organi[sz]ation|company name)\s*:\s*{_COMPANY}", re.M | re.I),
    re.compile(rf"^About\s+{_COMPANY}\s*[:\n]", re.M),
    # Headings: "About Versapay 🚀", "⚡️ Why Altium?", "Who is Boulevard?", "at Zócalo Health" under a title.
    re.compile(rf"^[^\w\n]{{0,4}}About\s+{_COMPANY}[^\w\n]*$", re.M),
    re.compile(rf"(?:^|[-–—|]\s)[^\w\n]{{0,4}}(?:Why|Who is|Life at|Working at)\s+{_COMPANY}\s*\?", re.M),
    re.compile(rf"^at\s+{_COMPANY}\s*$", re.M),
    # A paragraph that opens by introducing the employer: "Palantir builds ...", "Scale LLP, a law firm, is ...".
    re.compile(
        rf"^[^\w\n]{{0,4}}{_COMPANY}(?:,\s[^,\n]{{3,80}},)?\s+(?:is (?:a|an|the|transforming|looking|hiring|"
        rf"seeking|building|inviting|on a mission)|are (?:a|an|the)|builds|provides|helps|turns|develops|makes|offers|"
        rf"creates|empowers|enables|powers|connects)\b",
        re.M,
    ),
    re.compile(rf"\b(?:team|role|job|position|career|careers) at\s+{_COMPANY}(?=[,.!]|\s+(?:you|we|is|and)\b)"),
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

# A place name: capitalised words ("San Francisco, CA", "U.S.", "Latin America"); a word's final "." ends it
# unless the word is an abbreviation, so "... in the United States. We ..." stops at "States".
_PLACE_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z](?:[\w'-]|\.(?=\w))*)"
_PLACE = rf"(?P<place>{_PLACE_WORD}(?:(?:,[ \t]*|[ \t]*/[ \t]*|[ \t]+)(?:{_PLACE_WORD}|or|and)){{0,5}})"
_REGIONS = (
    r"US|USA|U\.S\.A?\.?|United States|Canada|Europe|EU|UK|United Kingdom|LATAM|LatAm|Latin America|"
    r"North America|South America|Central America|Americas|APAC|EMEA|Asia|Africa|Australia|Oceania|Brazil|India|"
    r"Germany|Mexico|New Zealand|Ireland|France|Spain|Portugal|Poland|Netherlands|Argentina|Colombia|Philippines"
)
# Tiers, strongest first: a labelled location; who may apply (work permits, residence); where the job is.
_LOCATION_LABEL = re.compile(
    rf"^[-•*\s]*(?:location|locations|job location|work location|position location|based in|where)\s*[:\-–]\s*"
    rf"(?:(?:fully |100% )?remote\s*(?:[-–,(/]|in|within)?\s*)?(?:the\s+)?{_PLACE}",
    re.M | re.I,
)
_LOCATION_ELIGIBILITY = [
    re.compile(
        rf"\b(?:authori[sz]ed|eligible|qualified|able|permitted|allowed|legally able|entitled) to work "
        rf"(?:in|from|within) (?:the\s+)?(?P<place>{_REGIONS}|{_PLACE_WORD}(?:,? {_PLACE_WORD}){{0,2}})"
    ),
    re.compile(
        rf"\b(?:must|need to|should|required to|have to)\s+(?:be\s+)?(?:currently\s+)?"
        rf"(?:be |reside|live|residing|living|located|based)\s*(?:located\s+|based\s+)?(?:in|within)\s+"
        rf"(?:the\s+)?{_PLACE}"
    ),
    re.compile(rf"\b(?:reside|residing|residence|resident|residents|live|living) (?:in|within) (?:the\s+)?{_PLACE}"),
    re.compile(
        rf"\b(?:open to|only (?:accept|consider)(?:ing)? (?:applications|candidates) from|hiring in|hire in) "
        rf"(?:candidates |applicants |people |those )?(?:(?:based|located|living) )?(?:in|from)\s+(?:the\s+)?"
        rf"(?P<place>{_REGIONS})\b"
    ),
    re.compile(
        rf"\b(?:Remote|Hybrid|On-?site)[ \t]*(?:[-–,(:]|in|within|from)[ \t]*(?:\([ \t]*)?(?:in[ \t]+)?(?:the[ \t]+)?"
        rf"(?P<place>(?:{_REGIONS})(?:[ \t]*[/,&][ \t]*(?:{_REGIONS}))*)\b"
    ),
    re.compile(rf"\b(?:Remote|Hybrid|On-?site)[ \t]*\((?!except|or\b|with\b|optional|possible|flexible){_PLACE}\)"),
    re.compile(
        rf"\bremote (?:role|position|job|opportunity|work)\s*\(?(?:in|within|from|for) (?:the\s+)?"
        rf"(?P<place>{_REGIONS})\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<place>{_REGIONS})(?:-based| based)?\s+(?:only|residents?|citizens?|candidates only|"
        rf"citizen or permanent resident|remote)\b"
    ),
    re.compile(rf"\b(?P<place>{_REGIONS})-based\s+(?:candidates|applicants|roles?|positions?|team members)\b"),
    re.compile(rf"\b(?:anywhere|candidates|applicants|residents) in\s+(?:the\s+)?{_PLACE}"),
]
_ANYWHERE = re.compile(
    r"\b(?:(?:from |reside |live |located |based )?anywhere in the world|work from anywhere(?! in (?!the world))|"
    r"(?:hire|hiring|recruit|recruiting|open to (?:candidates|applicants)|open for) (?:\w+ )?(?:worldwide|globally)|"
    r"(?:open to )?worldwide candidates|globally remote|remote[ ,/-]+(?:worldwide|global|anywhere)|"
    r"\((?:worldwide|anywhere|global)\)|no matter where you are in the world|from any country)\b",
    re.I,
)
_LOCATION_SITE = [
    re.compile(
        rf"\b(?:(?:role|position|job) is based (?:in|out of)|based (?:in|out of)|position in|role in|"
        rf"located in|work from our office in)\s+(?:the\s+)?{_PLACE}"
    ),
]
_PLACE_STOP = frozenset(
    ["we", "you", "our", "the", "this", "a", "an", "remote", "hybrid", "team", "salary", "work", "fully", "flexible"]
)
_PLACE_END = re.compile(
    r"(?:,?\s+|/)(?:Salary|Compensation|Pay|Citizens?|Residents?|Candidates|Applicants|Only|Time|Timezones?|"
    r"Time ?Zones?|Hours|Business|Please|We|You|Our|The|This|Remote|Hybrid|Full|Part|Must|Based|Preferred)\b.*$"
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
    title = re.sub(r"^(?:an?|the)\s+", "", title, flags=re.I)
    # "an experienced sales professional, Regional Account Manager": the last comma-separated part names the job.
    title = re.split(r",\s*(?![^()]*\))", title)[-1]
    title = re.sub(r"^(?:and|or)\s+", "", title)
    title = _WORK_PAREN.sub("", title).strip()
    words = title.split(" ")
    # Drop leading praise: "seasoned senior ..." -> "senior ...", "detail-oriented and driven X" -> "X".
    drop = 0
    for i, word in enumerate(words[:-1]):
        bare = word.lower().strip(",")
        if bare in _FLUFF or bare.endswith(_FLUFF_SUFFIX) or (bare in {"and", "&"} and drop == i and i > 0):
            drop = i + 1
        else:
            break
    title = " ".join(words[drop:]).strip(" ,")
    last = title.rsplit(" ", 1)[-1]
    if re.fullmatch(rf"(?:{_ROLE_NOUNS})s", last):
        title = title[:-1]  # "Amazon PPC Managers" -> one job's title
    title = re.sub(r"\bSr\b\.?", "Senior", title)
    title = re.sub(r"\bJr\b\.?", "Junior", title)
    if title.islower() or title[:1].islower():
        # Running text writes the role in lower case; a title is written in title case.
        title = " ".join(
            w[:1].upper() + w[1:] if w.islower() and w not in {"of", "and", "for"} else w for w in title.split()
        )
    return title


def _first_line(text: str) -> str:
    """The first line that is not a metadata label ("Headquarters: ...", "URL: ...")."""
    for line in text.splitlines():
        line = line.strip().strip("*#").strip()
        if line and not _NOT_TITLE_LINE.match(line):
            return line
    return ""


def _title_from_line(line: str) -> str | None:
    line = _TITLE_TRAILER.sub("", line.strip()).strip()
    parts = _HEADER_SEP.split(line)
    if len(parts) == 2 and _WORKPLACE_WORD.match(parts[1]):
        line = parts[0]  # "Senior Data Engineer — Remote"
    m = _FIRST_LINE_TITLE.match(line)
    if m and len(line.split()) <= 10 and not line.endswith((".", "!", "?")):
        return _clean_title(line)
    return None


_HEADER_SEP = re.compile(r"\s+[—–|-]\s+|\s*[—–|]\s*")
_WORKPLACE_WORD = re.compile(r"^(?:\(?\s*)(?:fully |100% )?(?:remote|hybrid|on-?site|in[- ]office)\b", re.I)
_HEADER_PLACE = re.compile(r"^[A-Z][\w.'-]*(?:(?:,\s*|\s+)[A-Z][\w.'-]*){0,4}$")


def _header(text: str) -> tuple[str | None, str | None]:
    """(company, place) from a first line such as "Northwind Analytics — Remote" or "Bluefin Labs - Lisbon,
    Portugal": a name that is not a job title, a dash or bar, then a workplace word or a place."""
    parts = [p.strip() for p in _HEADER_SEP.split(_first_line(text), maxsplit=2)]
    if len(parts) != 2 or not all(parts):
        return None, None
    name, rest = parts
    if re.search(rf"\b(?:{_ROLE_NOUNS})s?\b", name) or not re.fullmatch(_COMPANY, name) or not _company_ok(name):
        return None, None
    if _WORKPLACE_WORD.match(rest):
        m = re.match(
            r"^\(?\s*(?:fully |100% )?(?:remote|hybrid|on-?site|in[- ]office)\s*[(,:-]?\s*(?P<p>[^)]*)", rest, re.I
        )
        place = m.group("p").strip(" )") if m else ""
        return name, place if place and _HEADER_PLACE.match(place) else None
    if _HEADER_PLACE.match(rest) and not re.search(rf"\b(?:{_ROLE_NOUNS})s?\b", rest):
        return name, rest
    return None, None


def find_title(text: str) -> str | None:
    for m in _TITLE_LABEL.finditer(text[:3000]):
        value = re.split(r"\s+[|•]\s+|\s*[;]\s*", m.group("line"))[0]
        found = _title_from_line(value)
        if found:
            return found
        m2 = re.search(_TITLE_ANY, value)
        if m2 and m2.start() == 0:
            return _clean_title(m2.group("title"))
    found = _title_from_line(_first_line(text))
    if found:
        return found
    best: tuple[int, str] | None = None
    for pattern in _TITLE_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start("title") < best[0]):
            title = _clean_title(m.group("title"))
            if title:
                best = (m.start("title"), title)
    return best[1] if best else None


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
    name, _place = _header(text)
    if name:
        return name
    for pattern in _COMPANY_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group("company").split("\n")[0].strip(" .,")
            if _company_ok(name):
                return name
    return _company_from_url(text)


def _tidy_place(raw: str) -> str | None:
    place = _PLACE_END.sub("", raw.strip(" ,/-"))
    place = re.split(r"\s+(?:or|and)\s*$", place)[0].strip(" ,/")
    if not place or place.split()[0].lower().strip(",") in _PLACE_STOP:
        return None
    return place


def find_location(text: str) -> str | None:
    """Where the job is, or who may take it: a labelled location, then eligibility ("authorized to work in
    Canada", "Remote (US)", "EU residents only"), then "anywhere in the world", then a site ("based in Lisbon")."""
    _name, place = _header(text)
    if place:
        return place
    for m in _LOCATION_LABEL.finditer(text):
        place = _tidy_place(m.group("place"))
        if place:
            return place
    best: tuple[int, str] | None = None
    for pattern in _LOCATION_ELIGIBILITY:
        for m in pattern.finditer(text):
            place = _tidy_place(m.group("place"))
            if place:
                if best is None or m.start() < best[0]:
                    best = (m.start(), place)
                break
    if best:
        return best[1]
    if _ANYWHERE.search(text):
        return "Anywhere"
    for pattern in _LOCATION_SITE:
        for m in pattern.finditer(text):
            place = _tidy_place(m.group("place"))
            if place:
                return place
    return None


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
