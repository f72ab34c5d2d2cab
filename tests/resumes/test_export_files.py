"""Export files: PDF through the warm Chromium, DOCX through docxtpl, and the read-back fidelity score."""

# ruff: noqa: RUF001 (resume text is full of en dashes on purpose)

from __future__ import annotations

import copy
import http.server
import io
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from resumes.export import resume_view
from resumes.export.docx import render_docx
from resumes.export.docx_template import build_template
from resumes.export.docx_template import main as write_template
from resumes.export.readback import normalise_date, read_back
from resumes.parsing import parse_bytes

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

SOURCE = {
    "schema_version": 1,
    "contact": {
        "name": "Dana Whitfield",
        "email": "dana.whitfield@example.com",
        "phone": "+1 (415) 555-0134",
        "location": "Austin, TX",
        "links": [{"label": "GitHub", "url": "https://github.com/danaw"}],
        "confidence": {},
    },
    "summary": {"text": "Backend engineer who ships reliable distributed systems.", "confidence": 0.9},
    "experience": [
        {
            "title": "Senior Software Engineer",
            "company": "Acme Corp",
            "location": "Austin, TX",
            "start": "2020-01",
            "end": "present",
            "current": True,
            "dates_raw": "Jan 2020 – Present",
            "bullets": ["Led a team of 5 engineers on the billing platform", "Cut p95 latency by 40%"],
            "confidence": {},
        },
        {
            "title": "Software Engineer",
            "company": "Globex Inc.",
            "location": "Boston, MA",
            "start": "2016-06",
            "end": "2019-12",
            "current": False,
            "dates_raw": "Jun 2016 – Dec 2019",
            "bullets": ["Built the invoicing pipeline in Python"],
            "confidence": {},
        },
    ],
    "education": [
        {
            "school": "University of Texas at Austin",
            "degree": "BS",
            "field": "Computer Science",
            "location": None,
            "start": "2012-08",
            "end": "2016-05",
            "current": False,
            "dates_raw": "Aug 2012 – May 2016",
            "gpa": None,
            "details": [],
            "confidence": {},
        }
    ],
    "skills": [{"group": "Languages", "items": ["Python", "Go", "SQL"]}, {"group": "Tools", "items": ["Docker"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}


def _docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


# --- DOCX -----------------------------------------------------------------------------------------------


def test_docx_uses_word_styles_for_name_headings_and_bullets():
    data = render_docx(SOURCE)
    paragraphs = _docx_paragraphs(data)
    view = resume_view(SOURCE)
    assert ("Title", "Dana Whitfield") in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 1"] == [s["heading"] for s in view["sections"]]
    bullets = [b for e in SOURCE["experience"] for b in e["bullets"]]
    assert [text for style, text in paragraphs if style == "List Bullet"] == bullets
    assert not any("{%" in text or "{{" in text for _, text in paragraphs)
    assert ("Normal", "Senior Software Engineer\tJan 2020 – Present") in paragraphs
    assert ("Normal", "Acme Corp\tAustin, TX") in paragraphs


def test_docx_reads_back_through_our_parser():
    result = parse_bytes(render_docx(SOURCE), "docx")
    sections = result.sections
    assert sections["contact"]["name"] == "Dana Whitfield"
    assert sections["contact"]["email"] == "dana.whitfield@example.com"
    assert [(e["title"], e["company"], e["start"], e["end"]) for e in sections["experience"]] == [
        ("Senior Software Engineer", "Acme Corp", "2020-01", "present"),
        ("Software Engineer", "Globex Inc.", "2016-06", "2019-12"),
    ]
    assert sections["experience"][0]["bullets"] == SOURCE["experience"][0]["bullets"]


@pytest.mark.parametrize("template", ["classic", "modern", "compact"])
def test_docx_every_template_name_is_accepted(template):
    assert read_back(render_docx(SOURCE, template=template), "docx", SOURCE).score == 1.0


def test_docx_unknown_template_is_refused():
    with pytest.raises(ValueError, match="Unknown template"):
        render_docx(SOURCE, template="fancy")


def test_docx_escapes_markup_and_drops_characters_xml_cannot_hold():
    source = copy.deepcopy(SOURCE)
    source["experience"][0]["bullets"] = ["Ran R&D for <b>bold</b> {{ ideas }} {% raw %}\x0c"]
    paragraphs = _docx_paragraphs(render_docx(source))
    assert ("List Bullet", "Ran R&D for <b>bold</b> {{ ideas }} {% raw %}") in paragraphs


def test_docx_of_empty_sections_is_a_valid_document():
    paragraphs = _docx_paragraphs(render_docx({}))
    assert [text for _, text in paragraphs if text.strip()] == []


def test_docx_template_is_deterministic_and_written_by_the_script(tmp_path, capsys):
    assert build_template() == build_template()
    out = tmp_path / "classic.docx"
    assert write_template([str(out)]) == 0
    assert out.read_bytes() == build_template()
    styles = {style for style, _ in _docx_paragraphs(out.read_bytes())}
    assert {"Title", "Heading 1", "List Bullet", "Normal"} <= styles


# --- read-back fidelity ---------------------------------------------------------------------------------


def test_read_back_scores_a_faithful_export_one():
    fidelity = read_back(render_docx(SOURCE), "docx", SOURCE)
    assert fidelity.score == 1.0
    assert fidelity.critical_score == 1.0
    assert fidelity.missing == []
    assert "Dana Whitfield" in fidelity.text
    paths = [f[0] for f in fidelity.fields]
    for path in (
        "contact.name",
        "contact.email",
        "contact.phone",
        "contact.location",
        "experience[0].title",
        "experience[0].company",
        "experience[0].start",
        "experience[0].end",
        "experience[0].bullets[1]",
        "education[0].school",
        "education[0].degree",
        "skills[1].items[0]",
    ):
        assert path in paths


def test_read_back_names_exactly_the_fields_that_were_lost():
    exported = copy.deepcopy(SOURCE)
    del exported["experience"][0]["bullets"][1]
    exported["skills"][0]["items"].remove("Go")
    exported["contact"]["email"] = None
    exported["experience"][1]["company"] = None
    fidelity = read_back(render_docx(exported), "docx", SOURCE)
    assert sorted(fidelity.missing) == sorted(
        ["experience[0].bullets[1]", "skills[0].items[1]", "contact.email", "experience[1].company"]
    )
    assert sorted(fidelity.critical_missing) == ["contact.email", "experience[1].company"]
    assert fidelity.critical_score < 1.0
    assert 0.8 < fidelity.score < 1.0
    lost = {f[0]: f for f in fidelity.fields if not f[3]}
    assert lost["experience[0].bullets[1]"][1] == "Cut p95 latency by 40%"


def test_read_back_is_strict_on_dates_and_lenient_on_formatting():
    exported = copy.deepcopy(SOURCE)
    exported["experience"][0]["start"] = "2020-02"
    exported["experience"][0]["bullets"][0] = "led a  team of 5 engineers on the billing platform."
    fidelity = read_back(render_docx(exported), "docx", SOURCE)
    assert fidelity.missing == ["experience[0].start"]
    assert normalise_date("Present") == "present"
    assert normalise_date("2020-1") == "2020-01"


def test_read_back_of_plain_text():
    from resumes.export.text import render_text

    fidelity = read_back(render_text(SOURCE).encode(), "txt", SOURCE)
    assert fidelity.critical_score == 1.0
    assert fidelity.score == 1.0, fidelity.missing


# --- PDF (Chromium) -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_module():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from resumes.export import pdf

    yield pdf
    pdf.shutdown()


def _html(template: str = "classic") -> str:
    from resumes.export.html import render_html

    return render_html(SOURCE, template=template)


@pytest.mark.browser
@pytest.mark.parametrize("template", ["classic", "modern", "compact"])
def test_pdf_renders_reads_back_and_rasterises(pdf_module, template, tmp_path):
    data = pdf_module.render_pdf(_html(template))
    assert data.startswith(b"%PDF")
    fidelity = read_back(data, "pdf", SOURCE)
    assert fidelity.critical_score == 1.0, fidelity.critical_missing
    assert fidelity.score == 1.0, fidelity.missing
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is missing")
    source = tmp_path / "resume.pdf"
    source.write_bytes(data)
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / f"export-file-{template}-page1"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", source, prefix], check=True)
    png = prefix.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.browser
def test_pdf_browser_is_reused_across_renders(pdf_module):
    pdf_module.render_pdf("<p>one</p>")
    first = pdf_module.browser_info()
    pdf_module.render_pdf("<p>two</p>")
    pdf_module.render_pdf("<p>three</p>")
    assert pdf_module.browser_info() == first
    assert first["pid"] is not None


@pytest.mark.browser
def test_pdf_renders_from_any_thread(pdf_module):
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(pdf_module.render_pdf("<p>x</p>"))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 3
    assert all(r.startswith(b"%PDF") for r in results)


@pytest.mark.browser
def test_pdf_browser_closed_behind_our_back_is_relaunched(pdf_module):
    pdf_module.render_pdf("<p>warm</p>")
    before = pdf_module.browser_info()
    pdf_module.call_in_browser_thread(lambda worker: worker.browser.close())
    assert pdf_module.render_pdf("<p>after close</p>").startswith(b"%PDF")
    after = pdf_module.browser_info()
    assert after["launches"] == before["launches"] + 1
    assert after["pid"] != before["pid"]


@pytest.mark.browser
def test_pdf_browser_killed_is_relaunched(pdf_module):
    import signal

    pdf_module.render_pdf("<p>warm</p>")
    before = pdf_module.browser_info()
    os.kill(before["pid"], signal.SIGKILL)
    time.sleep(0.2)
    assert pdf_module.render_pdf("<p>after kill</p>").startswith(b"%PDF")
    after = pdf_module.browser_info()
    assert after["pid"] != before["pid"]


@pytest.mark.browser
def test_pdf_render_that_runs_out_of_time_raises_timeout(pdf_module):
    slow = "<html><body>" + ("<p>" + "word " * 200 + "</p>") * 20_000 + "</body></html>"
    with pytest.raises(pdf_module.RenderError) as caught:
        pdf_module.render_pdf(slow, timeout_s=0.01)
    assert caught.value.code == "timeout"
    assert pdf_module.render_pdf("<p>still works</p>").startswith(b"%PDF")


@pytest.mark.browser
def test_pdf_page_cannot_fetch_anything(pdf_module):
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        import urllib.request

        urllib.request.urlopen(f"{base}/control", timeout=5).close()  # the server does answer
        assert hits == ["/control"]
        hits.clear()
        html = (
            f'<html><head><link rel="stylesheet" href="{base}/style.css">'
            f'<style>body {{ background: url("{base}/bg.png") }} @import url("{base}/import.css");</style></head>'
            f'<body><img src="{base}/x"><iframe src="{base}/frame"></iframe>'
            f'<script src="{base}/script.js"></script><script>fetch("{base}/fetch")</script>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            "<p>content</p></body></html>"
        )
        data = pdf_module.render_pdf(html)
        time.sleep(0.3)
    finally:
        server.shutdown()
        server.server_close()
    assert data.startswith(b"%PDF")
    assert hits == []


@pytest.mark.browser
def test_pdf_render_error_for_a_broken_browser_path(pdf_module, settings):
    pdf_module.shutdown()
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(pdf_module.RenderError) as caught:
        pdf_module.render_pdf("<p>x</p>", timeout_s=10)
    assert caught.value.code == "render_failed"
    settings.CHROMIUM_PATH = CHROMIUM
    pdf_module.shutdown()
    assert pdf_module.render_pdf("<p>x</p>").startswith(b"%PDF")


@pytest.mark.parametrize("template", ["classic", "modern", "compact"])
def test_docx_long_titles_and_companies_read_back(template):
    from tests.resumes.test_export_render import LONG_HEADINGS

    fidelity = read_back(render_docx(LONG_HEADINGS, template=template), "docx", LONG_HEADINGS)
    assert fidelity.critical_missing == [], [f for f in fidelity.fields if not f[3]]
