import re
import subprocess

import pytest

from resumes.models import ExportArtifact
from tests.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.conftest import PASSWORD
from tests.factories import resume as make_resume
from tests.optimize.factories import RESUME

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt", "json"])
def test_export_each_format_and_download_a_file_that_opens(page, owner, worker, fmt):
    resume = make_resume(owner)
    resume.parsed_sections = RESUME
    resume.save()
    log_in(page, owner.email, PASSWORD)
    page.goto(f"/resumes/{resume.id}/")
    page.get_by_role("button", name="Export").click()
    page.wait_for_url(re.compile(r"/export/$"))
    page.get_by_label("Design").select_option("modern")
    # The live preview follows the design.
    page.wait_for_function("document.getElementById('export-preview').src.includes('template=modern')")
    if fmt == "pdf":
        screenshot(page, "export-page")
    page.locator(f"input[name=format][value={fmt}]").check()
    page.get_by_role("button", name="Export", exact=True).click()
    page.wait_for_url(re.compile(r"/resumes/exports/[0-9a-f-]{36}/$"))
    link = page.get_by_role("button", name=re.compile(r"^Download "))
    link.wait_for()
    assert page.get_by_label("Read-back fidelity").inner_text().endswith("%")
    with page.expect_download() as info:
        link.click()
    path = ARTIFACTS / f"export-download.{fmt}"
    ARTIFACTS.mkdir(exist_ok=True)
    info.value.save_as(path)
    data = path.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF-")
        # Rendered to an image a person can look at.
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(ARTIFACTS / "export-pdf")], check=True
        )
        assert any(ARTIFACTS.glob("export-pdf*.png"))
        screenshot(page, "export-readback")
    elif fmt == "docx":
        from docx import Document

        headings = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 1"]
        assert "Experience" in headings
    elif fmt == "txt":
        assert "Ada Example" in data.decode()
    else:
        assert b'"basics"' in data
    assert ExportArtifact.objects.get(user=owner).format == fmt
    assert page.console_errors == []
