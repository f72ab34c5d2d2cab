"""CSV export of a user's applications: one row each, under headers our importer maps back one to one.

Excel-friendly (UTF-8 with a byte-order mark) and safe to open in a spreadsheet: a cell that starts like a
formula gets a leading apostrophe (OWASP "CSV injection"); tracker.csv_import.clean_cell takes it off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone

from tracker.models import Application, Contact, Note

# Stable: the importer's "Career Agent" preset recognises exactly these (tracker.csv_import.detect_preset).
HEADERS = (
    "Company",
    "Role",
    "Status",
    "Source",
    "Apply URL",
    "Location",
    "Workplace",
    "Salary",
    "Applied on",
    "Next action",
    "Next action on",
    "Deadline",
    "Excitement",
    "Priority",
    "Notes",
    "Contact name",
    "Contact email",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NOTE_SEPARATOR = "\n\n"


def safe_cell(value) -> str:
    """The cell's text, with an apostrophe first when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _salary(application: Application) -> str:
    if application.salary_min is None and application.salary_max is None:
        return ""
    amounts = [str(v) for v in (application.salary_min, application.salary_max) if v is not None]
    return f"{application.salary_currency} {'-'.join(amounts)}".strip()


def _date(value) -> str:
    return value.isoformat() if value else ""


def applications_for(user, statuses: Iterable[str] = ()) -> list[Application]:
    found = Application.objects.for_user(user).order_by("created_at", "id")
    statuses = [s for s in statuses if s in Application.Status.values]
    if statuses:
        found = found.filter(status__in=statuses)
    return list(
        found.prefetch_related(
            Prefetch("notes", queryset=Note.objects.order_by("created_at")),
            Prefetch("contacts", queryset=Contact.objects.order_by("created_at")),
        )
    )


def row_for(application: Application) -> list[str]:
    contact = next(iter(application.contacts.all()), None)
    return [
        application.company,
        application.role,
        application.status,
        application.source,
        application.apply_url,
        application.location,
        application.workplace,
        _salary(application),
        _date(application.applied_on),
        application.next_action,
        _date(application.next_action_on),
        _date(application.deadline),
        application.excitement or "",
        application.get_priority_display(),
        NOTE_SEPARATOR.join(note.text for note in application.notes.all()),
        contact.name if contact else "",
        contact.email if contact else "",
    ]


def export_csv(user, statuses: Iterable[str] = ()) -> str:
    """The whole file as text, BOM first (a user has hundreds of applications, not millions)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for application in applications_for(user, statuses):
        writer.writerow([safe_cell(cell) for cell in row_for(application)])
    return out.getvalue()


def filename(today=None) -> str:
    return f"applications-{(today or timezone.localdate()).isoformat()}.csv"
