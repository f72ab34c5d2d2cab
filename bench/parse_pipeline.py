"""Upload to parsed preview through the real queue and worker: `parse.upload_to_preview_p95_ms`.

Each resume is uploaded through the upload view (test client), the parse message goes through the configured
broker (Redis when REDIS_URL is set, else the in-memory one) to a real Dramatiq worker, and the clock stops when
the status partial answers 286 (finished) with the parsed sections, as the browser's polling would see it.
"""

from __future__ import annotations

import time
from pathlib import Path

import dramatiq
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from bench.common import corpus_dir, percentile, row, summary
from careeragent.worker import load_actors, shut_down

BENCH_EMAIL = "bench-upload@careeragent.local"


def _files() -> list[tuple[str, bytes]]:
    corpus = corpus_dir()
    if corpus is not None:
        return [
            (p.name, p.read_bytes()) for p in sorted((corpus / "resumes").rglob("*")) if p.suffix in (".pdf", ".docx")
        ]
    from tests.resumes.parsing.samples import resume_docx, sample_pdfs

    return [*sample_pdfs().items(), ("generated.docx", resume_docx())]


def run() -> dict:
    from accounts.models import User
    from resumes.models import Resume

    load_actors()
    User.objects.filter(email=BENCH_EMAIL).delete()
    user = User.objects.create_user(email=BENCH_EMAIL, password=None)
    EmailAddress.objects.create(user=user, email=BENCH_EMAIL, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    broker = dramatiq.get_broker()
    worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=20)
    worker.start()
    timings: list[float] = []
    # The bench uploads the whole corpus twice in a minute; the product's hourly upload limits would stop it.
    unlimited = override_settings(RESUME_UPLOADS_PER_HOUR_USER=100_000, RESUME_UPLOADS_PER_HOUR_IP=100_000)
    unlimited.enable()
    try:
        for name, data in _files() * 2:
            started = time.perf_counter()
            response = client.post(reverse("resumes:upload"), {"file": SimpleUploadedFile(Path(name).name, data)})
            resume_id = response["Location"].rstrip("/").split("/")[-1]
            status_url = reverse("resumes:status", args=[resume_id])
            while True:
                answer = client.get(status_url, HTTP_HX_REQUEST="true")
                if answer.status_code == 286:
                    break
                time.sleep(0.005)
            timings.append((time.perf_counter() - started) * 1000)
        failed = Resume.objects.filter(user=user, parse_status=Resume.Status.FAILED).count()
    finally:
        unlimited.disable()
        shut_down(worker)
        from resumes.services import resume_purge_deleted

        Resume.objects.filter(user=user).update(deleted_at=user.date_joined)
        resume_purge_deleted()
        user.delete()
    print(f"upload -> parsed preview ({type(broker).__name__}): {summary(timings)}; failed parses: {failed}")
    return {"parse.upload_to_preview_p95_ms": row(percentile(timings, 0.95), "ms", "<= 1500")}
