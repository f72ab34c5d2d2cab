"""Resume exports: HTML templates, plain text and JSON Resume, and reading the exports back with our parser."""

# ruff: noqa: RUF001, RUF003 (resume text is full of en dashes on purpose)

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from resumes.export import format_date, format_range
from resumes.export.html import PAPERS, TEMPLATES, render_html
from resumes.export.jsonresume import from_json_resume, to_json_resume
from resumes.export.text import render_text
from resumes.parsing import parse_bytes

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

FULL = {
    "schema_version": 1,
    "contact": {
        "name": "Dana Whitfield",
        "email": "dana.whitfield@example.com",
        "phone": "+1 (415) 555-0134",
        "location": "Austin, TX",
        "links": [
            {"label": "LinkedIn", "url": "https://linkedin.com/in/danawhitfield"},
            {"label": "GitHub", "url": "https://github.com/dwhitfield"},
        ],
        "confidence": {"name": 0.95, "email": 0.99, "phone": 0.9, "location": 0.7},
    },
    "summary": {
        "text": "Backend engineer with eight years of experience building payment and data platforms in Python and Go.",
        "confidence": 0.9,
    },
    "experience": [
        {
            "title": "Senior Software Engineer",
            "company": "Acme Payments Inc.",
            "location": "Austin, TX",
            "start": "2020-01",
            "end": "present",
            "current": True,
            "dates_raw": "Jan 2020 – Present",
            "bullets": [
                "Led the migration of the settlement service from a monolith to event-driven Go services, cutting "
                "batch latency by 70%.",
                "Mentored four engineers and ran the weekly architecture review.",
                "Designed an idempotent ledger API handling 12M requests per day.",
            ],
        },
        {
            "title": "Software Engineer",
            "company": "Globex Corporation",
            "location": "Denver, CO",
            "start": "2016-06",
            "end": "2019-12",
            "current": False,
            "dates_raw": "Jun 2016 – Dec 2019",
            "bullets": [
                "Built the customer data pipeline on Airflow and PostgreSQL.",
                "Reduced cloud spend by 25% by rightsizing clusters.",
            ],
        },
        {
            "title": "Data Analyst Intern",
            "company": "Initech LLC",
            "location": "Remote",
            "start": "2015-05",
            "end": "2015-08",
            "current": False,
            "dates_raw": "May 2015 – Aug 2015",
            "bullets": ["Automated weekly revenue reports with Python and SQL."],
        },
    ],
    "education": [
        {
            "school": "University of Texas at Austin",
            "degree": "Bachelor of Science",
            "field": "Computer Science",
            "location": "Austin, TX",
            "start": "2012-09",
            "end": "2016-05",
            "current": False,
            "dates_raw": "Sep 2012 – May 2016",
            "gpa": "3.8",
            "details": ["Dean's List, six semesters"],
        }
    ],
    "skills": [
        {"group": "Languages", "items": ["Python", "Go", "SQL", "TypeScript"]},
        {"group": "Infrastructure", "items": ["Kubernetes", "Terraform", "AWS", "PostgreSQL"]},
    ],
    "projects": [
        {
            "name": "Ledgerline",
            "description": "An open-source double-entry accounting library for Python.",
            "url": "https://github.com/dwhitfield/ledgerline",
            "start": "2021-03",
            "end": "2022-11",
            "bullets": ["Used by 40 companies in production.", "Property-based tests with Hypothesis."],
        }
    ],
    "certifications": [
        {"name": "AWS Certified Solutions Architect", "issuer": "Amazon Web Services", "date": "2022"},
    ],
    "awards": [
        {
            "title": "Engineering Excellence Award",
            "issuer": "Acme Payments",
            "date": "2023",
            "description": "Awarded to two engineers out of 300 for the ledger redesign.",
        }
    ],
    "languages": [{"language": "Spanish", "proficiency": "Fluent"}, {"language": "German", "proficiency": "Basic"}],
    "other": [
        {"heading": "Publications", "lines": ["Idempotency at scale, PyCon US 2022"]},
        {"heading": "Side Quests", "lines": ["Marathon runner and amateur luthier"]},
    ],
}

MINIMAL = {
    "schema_version": 1,
    "contact": {"name": "Sam Lee", "email": "sam@example.org", "phone": None, "location": None, "links": []},
    "summary": {"text": None},
    "experience": [
        {
            "title": "Barista",
            "company": "Blue Bottle Coffee",
            "location": None,
            "start": "2022",
            "end": "2023",
            "current": False,
            "dates_raw": "2022 - 2023",
            "bullets": ["Served 300 customers a day."],
        }
    ],
    "education": [],
    "skills": [],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}

HOSTILE = {
    "schema_version": 1,
    "contact": {
        "name": "Zoë O'Brien <script>alert(1)</script>",
        "email": "zoe@example.com",
        "phone": "+353 1 555 0199",
        "location": "Dublin, Ireland",
        "links": [{"label": "Website", "url": "javascript:alert('x')"}, {"label": "Website", "url": "https://zoë.ie"}],
    },
    "summary": {"text": 'Ünïcödé & <b>bold</b> claims "quoted" — résumé'},
    "experience": [
        {
            "title": "R&D Engineer <img src=x onerror=alert(1)>",
            "company": "Smith & Wesson <Ltd>",
            "location": "Zürich, Switzerland",
            "start": "2019-02",
            "end": "2021-10",
            "current": False,
            "dates_raw": None,
            "bullets": ["Cut costs by 5% <em>fast</em> & reliably", "Wrote C++ templates like vector<int>"],
        }
    ],
    "education": [],
    "skills": [{"group": "Tools & <Things>", "items": ["A&B", "<C>"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [{"language": "Gaeilge", "proficiency": "Líofa"}],
    "other": [{"heading": "Interests <script>", "lines": ["Knitting & <i>code</i>"]}],
}

HEADINGS = ["Summary", "Experience", "Education", "Skills", "Projects", "Certifications", "Awards", "Languages"]


def _norm(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "")).strip().casefold()


def _bullets(sections: dict) -> list[str]:
    out = [b for e in sections["experience"] for b in e["bullets"]]
    out += [d for e in sections["education"] for d in e["details"]]
    out += [b for p in sections["projects"] for b in p["bullets"]]
    return out


# ------------------------------------------------------------------------------------------------ dates


def test_format_date_and_range():
    assert format_date("2020-01") == "Jan 2020"
    assert format_date("2019-12") == "Dec 2019"
    assert format_date("2021") == "2021"
    assert format_date("present") == "Present"
    assert format_date(None) is None
    assert format_date("Summer 2022") == "Summer 2022"
    assert format_range({"start": "2020-01", "end": "present", "current": True}) == "Jan 2020 – Present"
    assert format_range({"start": "2020-01", "end": None, "current": True}) == "Jan 2020 – Present"
    assert format_range({"start": None, "end": "2018-05"}) == "May 2018"
    assert format_range({"start": None, "end": None, "dates_raw": "Fall semester"}) == "Fall semester"
    assert format_range({}) is None


# ------------------------------------------------------------------------------------------------- HTML


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_each_template_renders_every_heading_and_bullet(template):
    html = render_html(FULL, template=template)
    assert html.startswith("<!DOCTYPE html>")
    assert html.rstrip().endswith("</html>")
    assert "<table" not in html.lower()
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "src=" not in html.lower()
    assert "@import" not in html
    for heading in [*HEADINGS, "Publications", "Side Quests"]:
        assert f"<h2>{heading}</h2>" in html
    for bullet in _bullets(FULL):
        assert f"<li>{bullet.replace(chr(39), '&#x27;')}</li>" in html
    assert "<h1>Dana Whitfield</h1>" in html
    assert "Jan 2020 – Present" in html
    assert "Sep 2012 – May 2016" in html
    assert "break-inside: avoid" in html
    assert "break-after: avoid" in html
    for font in ("DejaVu Sans", "Liberation Sans", "DejaVu Serif", "Liberation Serif"):
        if font in html:
            break
    else:
        pytest.fail("no installed font is named")


def test_templates_differ():
    pages = {t: render_html(FULL, template=t) for t in TEMPLATES}
    assert len(set(pages.values())) == len(TEMPLATES)
    assert '"Liberation Serif"' in pages["classic"].split("Classic:")[1]
    assert "#1f5f8b" in pages["modern"]
    assert "8.5pt" in pages["compact"]


@pytest.mark.parametrize(("paper", "size"), [("a4", "A4"), ("letter", "Letter")])
def test_page_size_follows_paper(paper, size):
    html = render_html(FULL, paper=paper)
    assert re.search(r"@page\s*\{\s*size:\s*" + size + r";\s*margin:", html)
    assert set(PAPERS) == {"a4", "letter"}


def test_unknown_template_or_paper_is_refused():
    with pytest.raises(ValueError, match="template"):
        render_html(FULL, template="fancy")
    with pytest.raises(ValueError, match="paper"):
        render_html(FULL, paper="a3")


def test_minimal_resume_omits_empty_sections():
    html = render_html(MINIMAL, template="modern")
    assert "<h2>Experience</h2>" in html
    for heading in ["Summary", "Education", "Skills", "Projects", "Certifications", "Awards", "Languages"]:
        assert f"<h2>{heading}</h2>" not in html
    assert "<li>Served 300 customers a day.</li>" in html
    assert "2022 – 2023" in html


def test_empty_and_partial_sections_do_not_crash():
    assert "<h2>" not in render_html({})
    html = render_html({"contact": {"name": "A B"}, "experience": [{"title": "X"}], "skills": None})
    assert "<h1>A B</h1>" in html


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_user_text_is_escaped(template):
    html = render_html(HOSTILE, template=template)
    body = html.split("<body", 1)[1]
    assert "<script" not in html.lower()
    assert "<img" not in html and "<em>" not in body and "<b>" not in body and "<i>" not in body
    assert 'href="javascript' not in html  # shown as escaped text, never as a link
    assert "Zoë O&#x27;Brien &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "R&amp;D Engineer &lt;img src=x onerror=alert(1)&gt;" in html
    assert "Smith &amp; Wesson &lt;Ltd&gt;" in html
    assert "vector&lt;int&gt;" in html
    assert "<h2>Interests &lt;script&gt;</h2>" in html
    assert "Feb 2019 – Oct 2021" in html
    assert 'href="https://zoë.ie"' in html


# ------------------------------------------------------------------------------------------------- text


def test_text_export_exact():
    assert render_text(MINIMAL) == (
        "Sam Lee\n"
        "sam@example.org\n"
        "\n"
        "EXPERIENCE\n"
        "==========\n"
        "Barista — Blue Bottle Coffee | 2022 – 2023\n"
        "- Served 300 customers a day.\n"
    )


def test_text_export_full():
    text = render_text(FULL)
    assert text == render_text(copy.deepcopy(FULL))  # deterministic
    lines = text.split("\n")
    assert lines[0] == "Dana Whitfield"
    assert lines[1] == (
        "dana.whitfield@example.com | +1 (415) 555-0134 | Austin, TX | https://linkedin.com/in/danawhitfield | "
        "https://github.com/dwhitfield"
    )
    for heading in [*HEADINGS, "Publications", "Side Quests"]:
        assert heading.upper() in lines
    assert "Senior Software Engineer — Acme Payments Inc. | Austin, TX | Jan 2020 – Present" in lines
    for bullet in _bullets(FULL):
        assert f"- {bullet}" in lines
    assert "Languages: Python, Go, SQL, TypeScript" in lines
    assert "Spanish (Fluent)" in lines
    assert all(line == line.rstrip() for line in lines)
    assert "\t" not in text
    assert "\n\n\n" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_text_export_keeps_special_characters_verbatim():
    text = render_text(HOSTILE)
    assert text.startswith("Zoë O'Brien <script>alert(1)</script>\n")
    assert "- Wrote C++ templates like vector<int>" in text
    assert render_text({}) == ""


def _assert_read_back(parsed: dict, original: dict) -> None:
    contact = parsed["contact"]
    assert _norm(contact["name"]) == _norm(original["contact"]["name"])
    assert _norm(contact["email"]) == _norm(original["contact"]["email"])
    assert _norm(contact["phone"]) == _norm(original["contact"]["phone"])
    got = [(e["title"], e["company"], e["start"], e["end"], e["dates_raw"]) for e in parsed["experience"]]
    want = [(e["title"], e["company"], e["start"], e["end"], format_range(e)) for e in original["experience"]]
    assert [tuple(_norm(v) for v in row) for row in got] == [tuple(_norm(v) for v in row) for row in want]
    got_edu = [(e["school"], e["start"], e["end"]) for e in parsed["education"]]
    want_edu = [(e["school"], e["start"], e["end"]) for e in original["education"]]
    assert got_edu == want_edu


def test_text_export_reads_back():
    for sections in (FULL, MINIMAL):
        parsed = parse_bytes(render_text(sections).encode(), "txt").sections
        _assert_read_back(parsed, sections)
    parsed = parse_bytes(render_text(FULL).encode(), "txt").sections
    assert parsed["experience"][0]["location"] == "Austin, TX"
    assert parsed["experience"][0]["bullets"] == FULL["experience"][0]["bullets"]
    assert parsed["education"][0]["degree"] == "Bachelor of Science"
    assert parsed["education"][0]["gpa"] == "3.8"
    assert parsed["skills"] == FULL["skills"]
    assert parsed["languages"] == FULL["languages"]
    assert parsed["certifications"] == FULL["certifications"]
    assert parsed["projects"] == FULL["projects"]


# ------------------------------------------------------------------------------------------ JSON Resume


def _strip_confidence(obj):
    if isinstance(obj, dict):
        return {k: _strip_confidence(v) for k, v in obj.items() if k != "confidence"}
    if isinstance(obj, list):
        return [_strip_confidence(v) for v in obj]
    return obj


def test_json_resume_shape():
    data = to_json_resume(FULL)
    json.dumps(data)  # serialisable
    basics = data["basics"]
    assert basics["name"] == "Dana Whitfield"
    assert basics["location"] == {"city": "Austin", "region": "TX"}
    assert basics["summary"].startswith("Backend engineer")
    assert basics["profiles"][0] == {
        "network": "LinkedIn",
        "username": "danawhitfield",
        "url": "https://linkedin.com/in/danawhitfield",
    }
    assert data["work"][0] == {
        "name": "Acme Payments Inc.",
        "position": "Senior Software Engineer",
        "location": "Austin, TX",
        "startDate": "2020-01",
        "highlights": FULL["experience"][0]["bullets"],
    }  # an ongoing role has no endDate
    assert data["work"][1]["endDate"] == "2019-12"
    assert data["education"][0]["institution"] == "University of Texas at Austin"
    assert data["education"][0]["studyType"] == "Bachelor of Science"
    assert data["education"][0]["area"] == "Computer Science"
    assert data["education"][0]["score"] == "3.8"
    assert data["skills"][0] == {"name": "Languages", "keywords": ["Python", "Go", "SQL", "TypeScript"]}
    assert data["projects"][0]["highlights"] == FULL["projects"][0]["bullets"]
    assert data["certificates"] == [
        {"name": "AWS Certified Solutions Architect", "issuer": "Amazon Web Services", "date": "2022"}
    ]
    assert data["awards"][0]["awarder"] == "Acme Payments"
    assert data["languages"][0] == {"language": "Spanish", "fluency": "Fluent"}


@pytest.mark.parametrize("sections", [FULL, MINIMAL, HOSTILE], ids=["full", "minimal", "hostile"])
def test_json_resume_round_trip(sections):
    back = from_json_resume(json.loads(json.dumps(to_json_resume(sections))))
    assert set(back) == set(FULL)
    want = _strip_confidence(copy.deepcopy(sections))
    for entry in want["experience"] + want["education"]:
        entry["dates_raw"] = format_range(entry)  # written back in our canonical "Jan 2020 – Present" form
    want["summary"] = {"text": want["summary"]["text"]}
    assert _strip_confidence(back) == want
    assert back["contact"]["confidence"]["name"] == 1.0


def test_from_json_resume_fills_every_key():
    back = from_json_resume({"basics": {"name": "Ada Lovelace"}})
    assert back["schema_version"] == 1
    assert back["contact"] == {
        "name": "Ada Lovelace",
        "email": None,
        "phone": None,
        "location": None,
        "links": [],
        "confidence": {"name": 1.0, "email": 0.0, "phone": 0.0, "location": 0.0},
    }
    assert back["summary"]["text"] is None
    for key in ("experience", "education", "skills", "projects", "certifications", "awards", "languages", "other"):
        assert back[key] == []


def test_from_json_resume_reads_foreign_documents():
    back = from_json_resume(
        {
            "basics": {
                "name": "Richard Hendriks",
                "url": "http://piedpiper.example.com",
                "location": {"address": "2712 Broadway St", "city": "San Francisco", "countryCode": "US"},
                "profiles": [{"network": "Twitter", "username": "neutralthoughts", "url": "https://twitter.com/n"}],
            },
            "work": [
                {
                    "name": "Pied Piper",
                    "position": "CEO/President",
                    "startDate": "2013-12-01",
                    "summary": "Pied Piper is a multi-platform technology.",
                    "highlights": ["Build an algorithm"],
                }
            ],
            "volunteer": [
                {"organization": "CoderDojo", "position": "Teacher", "startDate": "2012-01-01", "endDate": "2013-01-01"}
            ],
            "education": [{"institution": "University", "area": "Software", "studyType": "Bachelor", "score": 4.0}],
            "skills": [{"name": "Web Development", "level": "Master", "keywords": ["HTML", "CSS"]}],
            "interests": [{"name": "Wildlife", "keywords": ["Ferrets", "Unicorns"]}],
            "publications": [
                {"name": "Video compression for 3d media", "publisher": "Hooli", "releaseDate": "2014-10-01"}
            ],
        }
    )
    assert back["contact"]["links"] == [
        {"label": "Website", "url": "http://piedpiper.example.com"},
        {"label": "Twitter", "url": "https://twitter.com/n"},
    ]
    assert back["contact"]["location"] == "San Francisco, US"
    work, volunteer = back["experience"]
    assert (work["title"], work["company"], work["start"], work["end"], work["current"]) == (
        "CEO/President",
        "Pied Piper",
        "2013-12",
        "present",
        True,
    )
    assert work["dates_raw"] == "Dec 2013 – Present"
    assert work["bullets"] == ["Pied Piper is a multi-platform technology.", "Build an algorithm"]
    assert (volunteer["company"], volunteer["start"], volunteer["end"]) == ("CoderDojo", "2012-01", "2013-01")
    assert back["education"][0]["gpa"] == "4.0"
    assert back["skills"] == [{"group": "Web Development", "items": ["HTML", "CSS"]}]
    assert back["other"] == [
        {"heading": "Publications", "lines": ["Video compression for 3d media, Hooli, 2014-10-01"]},
        {"heading": "Interests", "lines": ["Wildlife: Ferrets, Unicorns"]},
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object, not a list"),
        ("resume", "must be a JSON object, not a string"),
        (None, "must be a JSON object, not null"),
        ({}, "not a JSON Resume"),
        ({"name": "x", "jobs": []}, "not a JSON Resume"),
        ({"basics": []}, r"basics must be an object, not a list"),
        ({"basics": {"name": ["A"]}}, r"basics\.name must be a string, not a list"),
        ({"basics": {"profiles": {}}}, r"basics\.profiles must be a list"),
        ({"work": {"name": "Acme"}}, r"work must be a list, not an object"),
        ({"work": ["Acme"]}, r"work\[0\] must be an object, not a string"),
        ({"work": [{"highlights": "did things"}]}, r"work\[0\]\.highlights must be a list of strings"),
        ({"skills": [{"keywords": [1, {"x": 1}]}]}, r"skills\[0\]\.keywords\[1\] must be a string, not an object"),
    ],
)
def test_from_json_resume_rejects_bad_input(data, message):
    with pytest.raises(ValueError, match=message):
        from_json_resume(data)


# ------------------------------------------------------------------------------------- PDF read-back


@pytest.fixture(scope="module")
def chromium():
    """The app's own renderer (one warm Chromium in its own thread), so these tests print exactly as exports do
    and never start a second Playwright in the test thread (the browser tests own that one)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    from resumes.export.pdf import render_pdf

    return render_pdf


def _print(render, html: str) -> bytes:
    return render(html)


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_printed_pdf_reads_back(chromium, template, paper):
    pdf = _print(chromium, render_html(FULL, template=template, paper=paper))
    result = parse_bytes(pdf, "pdf")
    parsed = result.sections
    _assert_read_back(parsed, FULL)
    # Everything else we model comes back too.
    want = _strip_confidence(copy.deepcopy(FULL))
    want.pop("summary")
    got = _strip_confidence(parsed)
    assert got["summary"]["text"] == FULL["summary"]["text"]
    for key in ("experience", "education", "skills", "projects", "certifications", "awards", "languages", "other"):
        assert got[key] == want[key], key
    assert got["contact"]["location"] == "Austin, TX"
    assert got["contact"]["links"] == FULL["contact"]["links"]


@pytest.mark.browser
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_printed_pdf_reads_back_minimal_and_hostile(chromium, template):
    parsed = parse_bytes(_print(chromium, render_html(MINIMAL, template=template)), "pdf").sections
    _assert_read_back(parsed, MINIMAL)
    parsed = parse_bytes(_print(chromium, render_html(HOSTILE, template=template)), "pdf").sections
    assert _norm(parsed["contact"]["email"]) == "zoe@example.com"
    assert _norm(parsed["contact"]["phone"]) == "+353 1 555 0199"
    entry = parsed["experience"][0]
    assert (entry["start"], entry["end"]) == ("2019-02", "2021-10")
    assert entry["bullets"] == HOSTILE["experience"][0]["bullets"]


@pytest.mark.browser
def test_entries_are_not_split_across_pages(chromium):
    """A long resume: every entry's header and its bullets stay on one page."""
    import pypdfium2 as pdfium

    sections = copy.deepcopy(FULL)
    sections["experience"] = [
        {
            **copy.deepcopy(FULL["experience"][1]),
            "company": f"Company {i} Inc.",
            "bullets": [f"Bullet {i}.{j}" for j in range(6)],
        }
        for i in range(12)
    ]
    pdf = pdfium.PdfDocument(_print(chromium, render_html(sections, template="classic")))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert len(pages) >= 2
    for i in range(12):
        holding = [n for n, text in enumerate(pages) if f"Company {i} Inc." in text or f"Bullet {i}." in text]
        assert len(set(holding)) == 1, f"entry {i} split over pages {holding}"
    for n in range(len(pages) - 1):
        assert not pages[n].rstrip().endswith("Experience")  # a heading is never the last line of a page


# Long headings: each field on its own line, so that nothing wraps into (or out of) the title's line.
LONG_HEADINGS = {
    "contact": {"name": "Byung Park", "email": "bp@example.com", "phone": "+82 10 9030 1843", "links": []},
    "experience": [
        {
            "title": "Founding Member & Site Reliability Engineer & Infrastructure Team Lead",
            "company": "Danggeun Pay Inc. (KarrotPay)",
            "location": "Seoul, S.Korea",
            "start": "2021-03",
            "end": "2023-06",
            "bullets": ["Designed and provisioned the entire infrastructure on AWS."],
        },
        {
            "title": "Founding Member & Director of Infrastructure Division",
            "company": "Kasa",
            "location": None,
            "start": "2018-06",
            "end": "2021-01",
            "bullets": [],
        },
        {  # no dates, right after an entry without bullets (a bad parse)
            "title": "product managers",
            "company": "using Docker and Kubernetes. Collaborated with a team of engineers",
            "location": None,
            "start": None,
            "end": None,
            "bullets": ["and UX designers."],
        },
        {
            "title": "Software Engineer & Security Researcher (Compulsory Military Service)",
            "company": "R.O.K Cyber Command, MND",
            "location": "Seoul, S.Korea",
            "start": "2014-08",
            "end": "2016-04",
            "bullets": ["Led the backtracking system."],
        },
        {
            "title": "Product Manager",
            "company": (
                "Present Leading cross-functional teams to design, develop, and launch innovative products. Devel-"
            ),
            "location": "CA, USA",
            "start": "2017",
            "end": "2019",
            "bullets": ["Shipped the roadmap."],
        },
        {
            "title": "CTO",
            "company": "Acme",
            "location": None,
            "start": "2010",
            "end": "2012",
            "bullets": ["Hired the team."],
        },
    ],
}


def _assert_critical(data: bytes, ext: str) -> None:
    from resumes.export.readback import read_back

    fidelity = read_back(data, ext, LONG_HEADINGS)
    assert fidelity.critical_missing == [], [f for f in fidelity.fields if not f[3]]


def test_text_export_long_headings_read_back():
    _assert_critical(render_text(LONG_HEADINGS).encode(), "txt")


def test_text_export_unknown_heading_reads_back_as_its_own_section():
    sections = {**MINIMAL, "other": [{"heading": "Welcome to RenderCV", "lines": ["Each section title is arbitrary."]}]}
    text = render_text(sections)
    assert "WELCOME TO RENDERCV\n===================\n" in text
    parsed = parse_bytes(text.encode(), "txt").sections
    assert [(o["heading"], o["lines"]) for o in parsed["other"]] == [
        ("WELCOME TO RENDERCV", ["Each section title is arbitrary."])
    ]
    assert parsed["experience"][0]["bullets"] == MINIMAL["experience"][0]["bullets"]


@pytest.mark.browser
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_printed_pdf_long_titles_and_companies_read_back(chromium, template):
    for paper in PAPERS:
        _assert_critical(_print(chromium, render_html(LONG_HEADINGS, template=template, paper=paper)), "pdf")
