"""Object factories keyed by the URL keyword that names the object.

The stranger sweep (tests/test_tenancy.py) walks every URL pattern of our apps and, for each keyword argument,
asks this registry for an object owned by the owner. A new URL with a new keyword fails the sweep until its
factory is added here, so no view can be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import DataExport, User

FACTORIES: dict[str, Callable[[User], object]] = {}
# Query parameters a URL needs to name something real (the sweep sends them to the owner and the stranger).
QUERIES: dict[str, dict[str, str]] = {"resumes:field": {"path": "contact.name"}}


def load_app_factories() -> None:
    """Apps may keep their factories beside their tests (tests/<app>/factories.py)."""
    import importlib
    import pkgutil

    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                importlib.import_module(f"tests.{module.name}.factories")
            except ModuleNotFoundError as error:
                if error.name != f"tests.{module.name}.factories":
                    raise


def factory(*kwarg_names: str):
    def register(func: Callable[[User], object]) -> Callable[[User], object]:
        for name in kwarg_names:
            FACTORIES[name] = func
        return func

    return register


@factory("export_id")
def data_export(user: User) -> DataExport:
    export = DataExport.objects.create(user=user, status=DataExport.Status.COMPLETED, finished_at=timezone.now())
    export.file.save(export.storage_name, ContentFile(b'{"format": "test"}'), save=False)
    export.expires_at = timezone.now() + timezone.timedelta(hours=1)
    export.save()
    return export


@factory("resume_id")
def resume(user: User):
    from resumes.models import Resume

    item = Resume(
        user=user,
        title="Sample",
        original_filename="sample.txt",
        file_ext="txt",
        parse_status=Resume.Status.COMPLETED,
        parsed_text="Sam Sample",
        parsed_sections=SAMPLE_SECTIONS,
    )
    item.file.save("original", ContentFile(b"Sam Sample\nsam@example.com\n"), save=False)
    item.save()
    return item


SAMPLE_SECTIONS = {
    "schema_version": 1,
    "contact": {"name": "Sam Sample", "email": "sam@example.com", "phone": None, "location": None, "links": []},
    "summary": {"text": "Engineer.", "confidence": 0.9},
    "experience": [
        {
            "title": "Engineer",
            "company": "Acme",
            "location": None,
            "start": "2020-01",
            "end": "present",
            "current": True,
            "bullets": ["Built things", "Fixed things"],
        }
    ],
    "education": [],
    "skills": [{"group": "Languages", "items": ["Python", "SQL"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}


load_app_factories()
