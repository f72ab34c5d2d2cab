"""`manage.py optimize RESUME JD`: the same analysis, score and guarded suggestions, on two files."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from optimize.models import AICall, Optimization
from tests.jobs.factories import SAMPLE_TEXT

RESUME_TXT = """Ada Example
ada@example.com | +44 20 7946 0018 | London

Summary
Backend engineer.

Experience
Backend Engineer, Northwind — London
Mar 2019 \u2013 Present
- Responsible for managing the billing service
- Worked on k8s deployments

Skills
Python, Django
"""


@pytest.fixture
def files(tmp_path):
    resume, jd = tmp_path / "ada.txt", tmp_path / "backend.txt"
    resume.write_text(RESUME_TXT, encoding="utf-8")
    jd.write_text(SAMPLE_TEXT, encoding="utf-8")
    return resume, jd


@pytest.mark.django_db
def test_json_output_has_the_score_and_guarded_suggestions_and_touches_no_data(files):
    out = StringIO()
    call_command("optimize", str(files[0]), str(files[1]), "--strategy", "targeted", "--json", stdout=out)
    result = json.loads(out.getvalue())
    analysis = result["analysis"]
    assert 0 <= analysis["score"] <= 100
    assert round(sum(c["earned"] for c in analysis["components"])) == analysis["score"]
    assert "PostgreSQL" in analysis["gaps"]["missing_required"]
    assert result["provider"] == "offline" and result["guard_dropped"] == 0
    kinds = {s["kind"] for s in result["suggestions"]}
    assert "rewrite" in kinds and "flag_metric" in kinds
    assert any(s["after"].startswith("Managed the billing service") for s in result["suggestions"])
    assert not Optimization.objects.exists() and not AICall.objects.exists()


@pytest.mark.django_db
def test_text_output_and_the_same_score_twice(files):
    first, second = StringIO(), StringIO()
    call_command("optimize", str(files[0]), str(files[1]), stdout=first)
    call_command("optimize", str(files[0]), str(files[1]), stdout=second)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().startswith("Score: ") and "removed by the guard" in first.getvalue()


def test_bad_files_are_refused_with_a_reason(tmp_path, files):
    with pytest.raises(CommandError, match="no such file"):
        call_command("optimize", str(tmp_path / "missing.pdf"), str(files[1]))
    odd = tmp_path / "resume.xls"
    odd.write_bytes(b"not a resume")
    with pytest.raises(CommandError, match=r"expected a \.pdf, \.docx or \.txt"):
        call_command("optimize", str(odd), str(files[1]))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 this is not really a pdf")
    with pytest.raises(CommandError, match="pdf_corrupt: This PDF is damaged"):
        call_command("optimize", str(broken), str(files[1]))


@pytest.mark.worker
def test_requeue_stuck_sends_every_kind_of_work_a_dead_worker_left(owner, worker, settings):
    from datetime import timedelta

    from django.utils import timezone

    from billing.models import Purchase, StripeEvent
    from tests.billing.stripe_server import checkout_session, event
    from tests.jobs.factories import cover_letter

    letter = cover_letter(owner)
    worker.drain()  # the letter's own message, which the worker may have taken before the factory wrote it
    type(letter).objects.filter(id=letter.id).update(status="running", started_at=timezone.now() - timedelta(hours=1))
    purchase = Purchase.objects.create(
        user=owner, pack="starter", credits=10, price_id="price_starter", checkout_session_id="cs_test_lost"
    )
    paid = event("checkout.session.completed", checkout_session(purchase), event_id="evt_lost")
    StripeEvent.objects.create(id="evt_lost", type=paid["type"], payload=paid)
    StripeEvent.objects.filter(id="evt_lost").update(received_at=timezone.now() - timedelta(hours=1))
    out = StringIO()
    call_command("requeue_stuck", stdout=out)
    assert out.getvalue().strip() == (
        "queued 0 optimization(s), 0 resume parse(s), 1 cover letter(s) and 1 Stripe event(s)"
    )
    settings.BILLING_ENABLED = True
    worker.drain()
    letter.refresh_from_db()
    assert letter.status == "completed"
    assert StripeEvent.objects.get(id="evt_lost").status == "processed"
    purchase.refresh_from_db()
    assert purchase.status == "paid"
