"""Factories for the tracker, keyed by URL keyword (see tests/factories.py)."""

from __future__ import annotations

from django.utils import timezone

from tests.factories import factory


@factory("application_id")
def application(user, **fields):
    from tracker.services import create_application

    defaults = {"company": "Acme Analytics", "role": "Backend Engineer", "status": "applied", "source": "Referral"}
    return create_application(user, **{**defaults, **fields})


@factory("interview_id")
def interview(user, application_obj=None, **fields):
    from tracker.models import Interview

    application_obj = application_obj or application(user)
    defaults = {
        "starts_at": timezone.now() + timezone.timedelta(days=3),
        "timezone": "Europe/Berlin",
        "kind": Interview.Kind.VIDEO,
        "meeting_url": "https://meet.example.com/abc",
    }
    return Interview.objects.create(user=user, application=application_obj, **{**defaults, **fields})


@factory("reminder_id")
def reminder(user, application_obj=None, **fields):
    from tracker.models import Reminder

    application_obj = application_obj or application(user)
    defaults = {"title": "Follow up with the recruiter", "due_on": timezone.localdate()}
    return Reminder.objects.create(user=user, application=application_obj, **{**defaults, **fields})


@factory("contact_id")
def contact(user, application_obj=None, **fields):
    from tracker.models import Contact

    application_obj = application_obj or application(user)
    defaults = {"name": "Riley Recruiter", "role": "Recruiter", "email": "riley@example.com"}
    return Contact.objects.create(user=user, application=application_obj, **{**defaults, **fields})


@factory("note_id")
def note(user, application_obj=None, **fields):
    from tracker.models import Note

    application_obj = application_obj or application(user)
    return Note.objects.create(user=user, application=application_obj, **{"text": "Called them.", **fields})


@factory("import_id")
def csv_import(user, **fields):
    from tracker.models import CsvImport

    defaults = {"original_filename": "huntr.csv", "rows": [["Company", "Title"], ["Acme", "Engineer"]]}
    return CsvImport.objects.create(user=user, **{**defaults, **fields})
