import json
from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import RequestFactory

from resumes.models import Resume
from tests.factories import resume as make_resume
from tests.resumes import hostile


def test_parse_resume_prints_the_parsed_json(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(
        "Robin Roe\nrobin@example.com\n\nEXPERIENCE\nAnalyst\tMay 2019 - Present\nGlobex\n- Built reports\n"
    )
    out = StringIO()
    call_command("parse_resume", str(path), stdout=out)
    data = json.loads(out.getvalue())
    assert data["sections"]["contact"]["email"] == "robin@example.com"


def test_parse_resume_reports_a_hostile_file_with_its_code(tmp_path, capsys):
    path = tmp_path / "bomb.docx"
    path.write_bytes(hostile.zip_bomb_docx(60))
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("parse_resume", str(path), stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue().startswith("docx_ratio:")


def test_reparse_resumes_failed_queues_only_failures(owner):
    ok = make_resume(owner)
    failed = make_resume(owner)
    Resume.objects.filter(id=failed.id).update(parse_status=Resume.Status.FAILED, parse_error_code="pdf_encrypted")
    out = StringIO()
    call_command("reparse_resumes", "--failed", stdout=out)
    assert "Queued 1" in out.getvalue()
    assert Resume.objects.get(id=failed.id).parse_status == Resume.Status.PENDING
    assert Resume.objects.get(id=ok.id).parse_status == Resume.Status.COMPLETED


def test_the_admin_action_queues_a_reparse(owner, admin_user):
    item = make_resume(owner)
    model_admin = site._registry[Resume]
    request = RequestFactory().post("/")
    request.user = admin_user
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    model_admin.reparse(request, Resume.objects.filter(id=item.id))
    assert Resume.objects.get(id=item.id).parse_status == Resume.Status.PENDING


def test_seed_demo_includes_a_parsed_resume(db):
    call_command("seed_demo", stdout=StringIO())
    resume = Resume.objects.get(user__email="demo@careeragent.local")
    assert resume.parse_status == Resume.Status.COMPLETED
    assert resume.sections["contact"]["name"] == "Dana Demo"
