"""Job descriptions: create (paste, upload, web address), read, edit with re-analysis, delete, list."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs import services
from jobs.models import JobDescription
from tests.jobs.factories import SAMPLE_TEXT, job_description
from tests.resumes import hostile

PASTED_HTML = """<div><h2>Site Reliability Engineer</h2><p>Orbit Mobility - Madrid, Spain (Remote)</p>
<script>alert('x')</script><style>p { color: red }</style>
<h3>Requirements</h3><ul><li>4+ years of experience with Kubernetes and Terraform.</li>
<li>Strong Go or Python skills.</li></ul><h3>Nice to have</h3><ul><li>Prometheus is a plus.</li></ul></div>"""


def _skills(jd: JobDescription, kind: str) -> list[str]:
    return [s["skill"] for s in jd.analysis["skills"][kind]]


def _post(client, source: str, **fields):
    data = {"source": source, **{f"{source}-{name}": value for name, value in fields.items()}}
    return client.post(reverse("jobs:jd_create"), data)


# --- Paste ----------------------------------------------------------------------------------------------


def test_it_creates_from_pasted_html(owner_client, owner):
    response = _post(owner_client, "paste", text=PASTED_HTML, title="", company="", location="")
    jd = JobDescription.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:jd_detail", args=[jd.id])
    assert jd.source == JobDescription.Source.PASTE
    assert "<" not in jd.text and "alert" not in jd.text and "color: red" not in jd.text
    assert "- 4+ years of experience with Kubernetes and Terraform." in jd.text
    assert {"Kubernetes", "Terraform"} <= set(_skills(jd, "required"))
    assert "Prometheus" in _skills(jd, "preferred")
    assert jd.analysis["workplace"] == "remote"
    assert jd.workplace == "remote"
    assert jd.skills_count == len(jd.required_skills) + len(jd.preferred_skills) > 0
    assert jd.analysis_version == services.ANALYSIS_VERSION
    assert jd.title == "Site Reliability Engineer"


def test_given_title_and_company_win(owner_client, owner):
    _post(owner_client, "paste", text=SAMPLE_TEXT, title="Python Developer", company="Globex", location="Paris")
    jd = JobDescription.objects.get(user=owner)
    assert (jd.title, jd.company, jd.location) == ("Python Developer", "Globex", "Paris")
    assert jd.analysis["title"] == "Python Developer"


def test_it_refuses_empty_text(owner_client, owner):
    response = _post(owner_client, "paste", text="<p> </p><script>x()</script>")
    assert response.status_code == 400
    assert "We found no text in what you pasted." in response.content.decode()
    assert not JobDescription.objects.exists()


def test_htmx_create_redirects_the_client(owner_client, owner):
    response = owner_client.post(
        reverse("jobs:jd_create"), {"source": "paste", "paste-text": SAMPLE_TEXT}, HTTP_HX_REQUEST="true"
    )
    jd = JobDescription.objects.get(user=owner)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("jobs:jd_detail", args=[jd.id])


def test_htmx_errors_render_only_the_form(owner_client):
    response = owner_client.post(
        reverse("jobs:jd_create"), {"source": "paste", "paste-text": ""}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="new-jd"' in body and "<html" not in body


# --- Upload ---------------------------------------------------------------------------------------------


def test_it_creates_from_an_uploaded_text_file(owner_client, owner):
    upload = SimpleUploadedFile("backend-role.txt", SAMPLE_TEXT.encode(), content_type="text/plain")
    response = owner_client.post(reverse("jobs:jd_create"), {"source": "file", "file-file": upload})
    jd = JobDescription.objects.get(user=owner)
    assert response.status_code == 302
    assert jd.source == JobDescription.Source.FILE
    assert jd.original_filename == "backend-role.txt"
    assert jd.file.name == f"users/{owner.id}/jobs/{jd.id}/original.txt"
    assert {"Python", "Django", "PostgreSQL"} <= set(_skills(jd, "required"))
    download = owner_client.get(reverse("jobs:jd_download", args=[jd.id]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == SAMPLE_TEXT.encode()
    assert download["Cache-Control"] == "private, no-store"


def test_it_creates_from_an_uploaded_docx(owner_client, owner):
    lines = [line for line in SAMPLE_TEXT.splitlines() if line]
    upload = SimpleUploadedFile("role.docx", hostile.valid_docx(lines))
    response = owner_client.post(reverse("jobs:jd_create"), {"source": "file", "file-file": upload})
    assert response.status_code == 302
    jd = JobDescription.objects.get(user=owner)
    assert "Experience with PostgreSQL." in jd.text
    assert "PostgreSQL" in _skills(jd, "required")
    assert jd.file.name.endswith("/original.docx")


def test_it_shows_the_guards_message_for_a_disguised_file(owner_client, owner):
    upload = SimpleUploadedFile("posting.pdf", hostile.png_bytes(), content_type="application/pdf")
    response = owner_client.post(reverse("jobs:jd_create"), {"source": "file", "file-file": upload})
    body = response.content.decode()
    assert response.status_code == 400
    assert "This file is named .pdf but its contents are" in body
    assert "your resume" not in body
    assert not JobDescription.objects.exists()


def test_it_refuses_other_extensions(owner_client):
    upload = SimpleUploadedFile("posting.html", b"<p>job</p>")
    response = owner_client.post(reverse("jobs:jd_create"), {"source": "file", "file-file": upload})
    assert response.status_code == 400
    assert "We can&#x27;t read .html" in response.content.decode()


# --- Web address ----------------------------------------------------------------------------------------

JOB_PAGE = """<html><head><script type="application/ld+json">
[{"@type": "Organization", "name": "x"}, {"@type": "JobPosting", "title": "Frontend Engineer",
 "hiringOrganization": {"name": "Lumen Studio"}, "jobLocationType": "TELECOMMUTE",
 "employmentType": ["PART_TIME"],
 "baseSalary": {"currency": "USD", "value": {"minValue": 50, "maxValue": 70, "unitText": "HOUR"}},
 "description": "&lt;p&gt;Build our web app.&lt;/p&gt;&lt;li&gt;Experience with React and TypeScript."}]
</script></head><body><main>ignored</main></body></html>"""


class _Page(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = JOB_PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def job_site(settings):
    settings.JD_FETCH_ALLOW_PRIVATE = True
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_it_creates_from_a_web_address(owner_client, owner, job_site):
    response = _post(owner_client, "url", url=f"{job_site}/jobs/42")
    assert response.status_code == 302
    jd = JobDescription.objects.get(user=owner)
    assert jd.source == JobDescription.Source.URL
    assert jd.source_url == f"{job_site}/jobs/42"
    assert (jd.title, jd.company) == ("Frontend Engineer", "Lumen Studio")
    assert jd.text.startswith("Build our web app.")
    assert {"React", "TypeScript"} <= set(_skills(jd, "required"))
    # Structured data fills what the text does not say.
    assert jd.analysis["employment_type"] == "part-time"
    assert jd.analysis["workplace"] == "remote"
    assert jd.salary_text == "USD 50–70 per hour"  # noqa: RUF001
    detail = owner_client.get(reverse("jobs:jd_detail", args=[jd.id])).content.decode()
    assert "USD 50–70 per hour" in detail  # noqa: RUF001


def test_a_refused_address_is_explained_on_the_form(owner_client):
    response = _post(owner_client, "url", url="http://169.254.169.254/latest/meta-data/")
    assert response.status_code == 400
    assert "cloud metadata service" in response.content.decode()
    response = _post(owner_client, "url", url="http://10.0.0.1/")
    assert "That address points inside a private network, so we won&#x27;t fetch it." in response.content.decode()
    assert not JobDescription.objects.exists()


# --- Detail, edit, delete, list -------------------------------------------------------------------------


def test_the_detail_page_shows_the_analysis(owner_client, owner):
    jd = job_description(owner)
    body = owner_client.get(reverse("jobs:jd_detail", args=[jd.id])).content.decode()
    assert "Required skills" in body and "PostgreSQL" in body
    assert "Experience with PostgreSQL." in body  # the source sentence
    assert "Preferred skills" in body and "Kubernetes" in body
    assert f'href="/optimize/?jd={jd.id}"' in body and "Tailor my resume to this" in body and "Track this" in body
    assert "Hybrid" in body


def test_edit_saves_and_analyses_again(owner_client, owner):
    jd = job_description(owner)
    assert "Rust" not in _skills(jd, "required")
    form = owner_client.get(reverse("jobs:jd_edit", args=[jd.id]))
    assert form.status_code == 200 and "Experience with PostgreSQL." in form.content.decode()
    response = owner_client.post(
        reverse("jobs:jd_edit", args=[jd.id]),
        {
            "title": "Systems Engineer",
            "company": "Acme",
            "location": "Remote",
            "text": "Systems Engineer\nRequirements\n- Strong Rust experience.\n- Experience with Linux.\n",
            "notes": "Referral from Sam.",
        },
    )
    assert response.status_code == 302
    jd.refresh_from_db()
    assert jd.title == "Systems Engineer" and jd.notes == "Referral from Sam."
    assert set(_skills(jd, "required")) >= {"Rust", "Linux"}
    assert "PostgreSQL" not in _skills(jd, "required")
    assert jd.analysis["title"] == "Systems Engineer"


def test_edit_refuses_an_empty_text(owner_client, owner):
    jd = job_description(owner)
    response = owner_client.post(reverse("jobs:jd_edit", args=[jd.id]), {"title": "X", "text": "  "})
    assert response.status_code == 400
    jd.refresh_from_db()
    assert "PostgreSQL" in jd.text


def test_delete_removes_the_row_and_its_file(owner_client, owner, django_capture_on_commit_callbacks):
    jd = job_description(owner)
    storage, name = jd.file.storage, jd.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(reverse("jobs:jd_delete", args=[jd.id]))
    assert response.status_code == 302 and response["Location"] == reverse("jobs:index")
    assert not JobDescription.objects.filter(id=jd.id).exists()
    assert not storage.exists(name)


def test_delete_needs_post(owner_client, owner):
    jd = job_description(owner)
    assert owner_client.get(reverse("jobs:jd_delete", args=[jd.id])).status_code == 405


def test_the_list_shows_only_mine(owner_client, owner, stranger):
    mine = job_description(owner)
    theirs = job_description(stranger)
    theirs.title = "Their secret job"
    theirs.save()
    response = owner_client.get(reverse("jobs:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("jobs:jd_detail", args=[mine.id]) in body
    assert "Their secret job" not in body
    assert "New job description" in body
    assert "Paste the text" in body and "Upload a file" in body and "Import from a web address" in body


def test_strangers_get_404(stranger_client, owner):
    jd = job_description(owner)
    for name in ("jobs:jd_detail", "jobs:jd_edit", "jobs:jd_download"):
        assert stranger_client.get(reverse(name, args=[jd.id])).status_code == 404
    assert stranger_client.post(reverse("jobs:jd_delete", args=[jd.id])).status_code == 404
    assert stranger_client.post(reverse("jobs:jd_edit", args=[jd.id]), {"title": "x", "text": "y"}).status_code == 404
    assert JobDescription.objects.filter(id=jd.id).exists()


def test_create_needs_post(owner_client):
    assert owner_client.get(reverse("jobs:jd_create")).status_code == 405


def test_the_list_page_query_count(owner_client, owner, django_assert_max_num_queries):
    for _ in range(5):
        job_description(owner)
    with django_assert_max_num_queries(8):
        response = owner_client.get(reverse("jobs:index"))
    assert response.content.decode().count("/jobs/") >= 5


def test_demo_seed_is_idempotent(owner):
    from jobs import demo
    from jobs.models import JobPosting

    assert demo.seed(owner).startswith("2 sample job descriptions added")
    postings = JobPosting.objects.count()
    assert postings >= 10
    assert demo.seed(owner).startswith("sample job descriptions already there")
    assert JobPosting.objects.count() == postings
    jds = JobDescription.objects.for_user(owner)
    assert jds.count() == 2
    assert all(jd.skills_count > 3 for jd in jds)
