import re

import pytest

from resumes.models import Resume
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.resumes.parsing.samples import resume_docx

pytestmark = pytest.mark.browser


def test_upload_read_back_and_correct_a_resume(page, owner, worker, tmp_path):
    log_in(page, owner.email, PASSWORD)
    page.get_by_role("link", name="Resumes").click()
    path = tmp_path / "my resume.docx"
    path.write_bytes(resume_docx())
    page.get_by_label("Resume file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and read").click()

    page.wait_for_url(re.compile(r"/resumes/[0-9a-f-]{36}/$"))
    page.get_by_role("heading", name="Text we extracted").wait_for()
    resume = Resume.objects.get(user=owner)
    name = resume.sections["contact"]["name"]
    assert name
    screenshot(page, "resume-review")

    page.get_by_role("link", name="Edit Name").click()
    field = page.locator("form.field.editing input[name=value]")
    field.fill("Corrected Person")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("link", name="Edit Name").filter(has_text="Corrected Person").wait_for()
    resume.refresh_from_db()
    assert resume.sections["contact"]["name"] == "Corrected Person"
    assert resume.parsed_sections["contact"]["name"] == name
    screenshot(page, "resume-corrected")
    assert page.console_errors == []


def test_a_refused_file_explains_why(page, owner, worker, tmp_path):
    log_in(page, owner.email, PASSWORD)
    page.goto("/resumes/")
    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.get_by_label("Resume file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and read").click()
    page.get_by_text("We could not read this file.").wait_for()
    assert page.get_by_text(re.compile("PNG")).first.is_visible()
    screenshot(page, "resume-refused")


def test_a_resume_dropped_on_the_upload_zone_is_uploaded(page, owner, worker):
    log_in(page, owner.email, PASSWORD)
    page.goto("/resumes/")
    text = "Drew Dropper\ndrew@example.com\n\nEXPERIENCE\nAnalyst\tMay 2019 - Present\nGlobex\n- Built reports\n"
    transfer = page.evaluate_handle(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], "dropped.txt", { type: "text/plain" }));
            return dt;
        }""",
        text,
    )
    page.dispatch_event("[data-dropzone]", "dragenter", {"dataTransfer": transfer})
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": transfer})
    page.wait_for_url(re.compile(r"/resumes/[0-9a-f-]{36}/$"))
    page.get_by_role("heading", name="Text we extracted").wait_for()
    resume = Resume.objects.get(user=owner)
    assert resume.original_filename == "dropped.txt"
    assert resume.sections["contact"]["email"] == "drew@example.com"
