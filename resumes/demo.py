"""Demo data for `manage.py seed_demo`: a parsed sample resume (fictional)."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from resumes import services
from resumes.models import Resume

SAMPLE = Path(__file__).resolve().parent / "demo_data" / "dana-demo.txt"


def seed(user) -> str:
    if Resume.objects.for_user(user).filter(original_filename=SAMPLE.name).exists():
        return "sample resume already there"
    uploaded = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes(), content_type="text/plain")
    resume = services.resume_create(user=user, uploaded=uploaded, title="Dana Demo — Backend")
    # Parse now rather than waiting for a worker: seed_demo may run before any worker starts.
    services.resume_parse(resume_id=str(resume.id))
    resume.refresh_from_db()
    return f"sample resume {resume.parse_status}"
