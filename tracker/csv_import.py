"""CSV import: read an uploaded file, guess which column is which, and create applications from its rows.

The flow: `read_upload` turns the bytes into rows (header first) or raises `CsvError` with a message for the user;
`guess_mapping` proposes a column for each of our fields from the header names (Huntr, Teal and our own export);
`plan` turns every row into the fields it would create, with its warnings, so the mapping page can preview it;
`run_import` creates the applications through `tracker.services`, all or nothing, once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from tracker import services
from tracker.models import Application, Contact, CsvImport, Note

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
DELIMITERS = (",", ";", "\t")
PREVIEW_ROWS = 5
# What a spreadsheet would run as a formula; our export puts an apostrophe before these (see csv_export).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Status = Application.Status


class CsvError(ValueError):
    """The upload cannot be read; the message says why in words for the user."""


# Our importable fields, in the order the mapping page shows them: (name, label, header names that mean it).
# Header names are compared after `_norm` (lower case, letters and digits only, single spaces).
FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("company", "Company", ("company", "company name", "employer", "organization", "organisation")),
    ("role", "Role", ("role", "job title", "title", "job position", "position", "job", "job name")),
    ("status", "Status", ("status", "list", "stage", "state", "list name")),
    ("source", "Source", ("source", "job source", "found via", "found on", "board")),
    ("apply_url", "Apply URL", ("apply url", "job url", "url", "job link", "link", "posting url", "application url")),
    ("location", "Location", ("location", "job location", "city")),
    ("workplace", "Workplace", ("workplace", "remote", "work type", "work arrangement", "remote policy")),
    ("salary", "Salary", ("salary", "salary range", "compensation", "pay")),
    ("applied_on", "Applied on", ("applied on", "date applied", "applied at", "applied date", "application date")),
    ("saved_on", "Added on", ("added on", "date saved", "date added", "saved on", "created at", "created")),
    ("next_action", "Next action", ("next action", "next step", "to do", "todo")),
    ("next_action_on", "Next action on", ("next action on", "next action date", "follow up", "follow up date")),
    ("deadline", "Deadline", ("deadline", "apply by", "closing date", "due date")),
    ("excitement", "Excitement (1-5)", ("excitement", "rating", "stars", "interest")),
    ("priority", "Priority", ("priority",)),
    ("notes", "Notes", ("notes", "note", "comments", "comment")),
    ("contact_name", "Contact name", ("contact name", "contact", "recruiter", "hiring manager", "recruiter name")),
    ("contact_email", "Contact email", ("contact email", "recruiter email", "email")),
)
FIELD_NAMES = tuple(name for name, _, _ in FIELDS)
FIELD_LABELS = {name: label for name, label, _ in FIELDS}
REQUIRED = ("company", "role")
DATE_FIELDS = ("applied_on", "saved_on", "next_action_on", "deadline")

# Status words from Huntr lists, Teal statuses and our own values and labels, after `_norm`.
STATUS_WORDS: dict[str, str] = {
    **{value: value for value in Status.values},
    **{label.lower(): value for value, label in Status.choices},
    "wishlist": Status.SAVED,
    "bookmarked": Status.SAVED,
    "interested": Status.SAVED,
    "to apply": Status.SAVED,
    "applying": Status.SAVED,
    "submitted": Status.APPLIED,
    "phone screen": Status.SCREENING,
    "recruiter screen": Status.SCREENING,
    "interview": Status.INTERVIEWING,
    "interviews": Status.INTERVIEWING,
    "offered": Status.OFFER,
    "negotiating": Status.OFFER,
    "negotiation": Status.OFFER,
    "hired": Status.ACCEPTED,
    "offer accepted": Status.ACCEPTED,
    "not selected": Status.REJECTED,
    "declined by employer": Status.REJECTED,
    "i withdrew": Status.WITHDRAWN,
    "withdrew": Status.WITHDRAWN,
    "no response": Status.GHOSTED,
    "no answer": Status.GHOSTED,
    "ghosted": Status.GHOSTED,
}
WORKPLACE_WORDS = {
    "remote": Application.Workplace.REMOTE,
    "fully remote": Application.Workplace.REMOTE,
    "yes": Application.Workplace.REMOTE,
    "true": Application.Workplace.REMOTE,
    "hybrid": Application.Workplace.HYBRID,
    "onsite": Application.Workplace.ONSITE,
    "on site": Application.Workplace.ONSITE,
    "in office": Application.Workplace.ONSITE,
    "office": Application.Workplace.ONSITE,
    "in person": Application.Workplace.ONSITE,
}
PRIORITY_WORDS = {
    "1": Application.Priority.LOW,
    "low": Application.Priority.LOW,
    "2": Application.Priority.NORMAL,
    "normal": Application.Priority.NORMAL,
    "medium": Application.Priority.NORMAL,
    "3": Application.Priority.HIGH,
    "high": Application.Priority.HIGH,
}
CURRENCY_SYMBOLS = (("CA$", "CAD"), ("C$", "CAD"), ("A$", "AUD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"))
CURRENCY_SYMBOLS += (("¥", "JPY"), ("₹", "INR"), ("CHF", "CHF"))
CURRENCY_CODES = {"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK", "PLN", "NZD", "SGD"}
CURRENCY_CODES |= {"BRL", "MXN", "ZAR", "CZK", "HUF", "ILS"}

# Text lengths of the model's fields: longer cells are cut rather than failing the whole import.
MAX_LENGTHS = {"company": 200, "role": 300, "source": 100, "location": 200, "next_action": 200}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split())


def clean_cell(value: str) -> str:
    """A cell's text, trimmed, without the apostrophe our export puts before formula-like text."""
    value = (value or "").strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        value = value[1:]
    return value


# == Reading the upload ==


def decode(data: bytes) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if data.startswith(b"PK\x03\x04"):
            raise CsvError("This is an Excel or zip file, not a CSV. In your spreadsheet choose File > Save as > CSV.")
        raise CsvError("This looks like a binary file, not a CSV. Please upload a .csv file (comma-separated text).")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
        raise CsvError("This is not a CSV file. Please upload a .csv file (comma-separated text).")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvError("We could not read this file's text encoding. Save it as CSV (UTF-8).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page; cp1252 leaves five bytes undefined, latin-1 none.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same, largest number of columns."""
    sample = "\n".join(text.splitlines()[:20])
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in row)]
        if not rows:
            continue
        width = len(rows[0])
        score = (sum(1 for row in rows if len(row) == width) if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _looks_like_data(cell: str) -> bool:
    cell = cell.strip()
    return bool(
        re.fullmatch(r"[\d.,\s$€£%-]+", cell)
        or re.match(r"https?://", cell, re.IGNORECASE)
        or re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", cell)
        or parse_date_any(cell)
    )


def read_rows(data: bytes) -> list[list[str]]:
    """The file's rows, header first, each as long as the header; raises CsvError when it cannot be imported."""
    if len(data) > MAX_BYTES:
        raise CsvError(f"This file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into smaller files.")
    if not data.strip():
        raise CsvError("This file is empty.")
    text = decode(data)
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise CsvError(f"This file is not valid CSV ({exc}).") from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise CsvError("This file is empty.")
    header = [cell.strip() for cell in rows[0]]
    if not any(header) or any(_looks_like_data(cell) for cell in header if cell):
        raise CsvError(
            "The first row should name the columns (for example Company, Job Title, Status); "
            "this file seems to start with data. Add a header row and upload it again."
        )
    if len(rows) == 1:
        raise CsvError("This file has a header row but no rows below it.")
    if len(rows) - 1 > MAX_ROWS:
        raise CsvError(
            f"This file has {len(rows) - 1:,} rows; we import at most {MAX_ROWS:,} at a time. "
            "Split it into smaller files."
        )
    width = len(header)
    return [header] + [(row + [""] * width)[:width] for row in rows[1:]]


# == Guessing the mapping ==


def guess_mapping(header: list[str]) -> dict[str, int]:
    """Our field -> column index, from the header names; a column is given to one field only."""
    names = [_norm(cell) for cell in header]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for name, _, aliases in FIELDS:
        for alias in aliases:
            index = next((i for i, n in enumerate(names) if n == alias and i not in used), None)
            if index is not None:
                mapping[name] = index
                used.add(index)
                break
    return mapping


def detect_preset(header: list[str]) -> str:
    """Which tool the file seems to come from, for the mapping page's hint."""
    from tracker.csv_export import HEADERS

    names = {_norm(cell) for cell in header}
    if [cell.strip() for cell in header] == list(HEADERS):
        return "Career Agent"
    if names & {"job position", "excitement", "date saved", "follow up"}:
        return "Teal"
    if names & {"list", "job title", "list name"} or "applied at" in names:
        return "Huntr"
    return ""


# == Parsing cells ==

DATE_FORMATS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("iso", "year-month-day (ISO)", ("%Y-%m-%d", "%Y/%m/%d")),
    ("mdy", "month/day/year (US)", ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y")),
    ("dmy", "day/month/year", ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y")),
    ("text", "written out (Jan 5, 2025)", ("%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")),
)
DATE_ORDER_LABELS = {"mdy": "month/day/year (US)", "dmy": "day/month/year"}
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")


def _date_text(value: str) -> str:
    value = " ".join(value.strip().split())
    match = _ISO_PREFIX.match(value)
    if match:  # a timestamp (2025-01-05T14:22:11Z): the date part
        return match.group(1)
    return re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.replace("Sept ", "Sep "))


def parse_date(value: str, kind: str) -> date | None:
    text = _date_text(value)
    for formats_kind, _, formats in DATE_FORMATS:
        if formats_kind != kind:
            continue
        for fmt in formats:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    return None


def parse_date_any(value: str) -> date | None:
    for kind, _, _ in DATE_FORMATS:
        parsed = parse_date(value, kind)
        if parsed:
            return parsed
    return None


@dataclass
class DateColumn:
    """How one column's dates are read: `kind` parses its values; `ambiguous` when day/month order is a guess."""

    kind: str = "iso"
    ambiguous: bool = False


def detect_date_column(values: list[str], order: str = "") -> DateColumn:
    """Prefer ISO, then written-out dates, then the numeric order that parses every value of the column.

    When both month/day and day/month read every value (all days are 12 or less), the column is ambiguous:
    `order` ("mdy" or "dmy", the user's choice on the mapping page) decides, US order by default. When no format
    reads every value, the one that reads the most wins and the other rows are imported without the date.
    """
    values = [v for v in values if v.strip()]
    if not values:
        return DateColumn()
    counts = {kind: sum(1 for v in values if parse_date(v, kind)) for kind, _, _ in DATE_FORMATS}
    order = order if order in DATE_ORDER_LABELS else "mdy"
    numeric = (order, "dmy" if order == "mdy" else "mdy")
    for kind in ("iso", "text", *numeric):
        if counts[kind] == len(values):
            ambiguous = kind in DATE_ORDER_LABELS and counts["mdy"] == counts["dmy"]
            return DateColumn(kind, ambiguous=ambiguous)
    best = max(("iso", "text", *numeric), key=lambda kind: counts[kind])
    return DateColumn(best, ambiguous=best in DATE_ORDER_LABELS and counts["mdy"] == counts["dmy"])


def parse_column_date(value: str, column: DateColumn) -> date | None:
    """The column's own format first; ISO and written-out dates are unambiguous and read in any column."""
    return parse_date(value, column.kind) or parse_date(value, "iso") or parse_date(value, "text")


_NUMBER = re.compile(r"(\d[\d,.\s]*\d|\d)\s*([kKmM])?(?![a-zA-Z])")


def _amount(number: str, suffix: str | None) -> float | None:
    number = number.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", number):  # 80,000 or 80.000: thousands separators
        value = float(re.sub(r"[.,]", "", number))
    elif re.fullmatch(r"\d+([.,]\d{1,2})?", number):  # 120 or 120.5 or 120,5
        value = float(number.replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(,\d{3})+\.\d{1,2}", number):  # 80,000.00
        value = float(number.replace(",", ""))
    else:
        return None
    if suffix and suffix.lower() == "k":
        value *= 1000
    elif suffix and suffix.lower() == "m":
        value *= 1_000_000
    return value


def parse_salary(text: str) -> tuple[int | None, int | None, str] | None:
    """ "$120k\u2013$150k" -> (120000, 150000, "USD"); "120000" -> (120000, None, ""); None if not understood."""
    text = (text or "").strip()
    if not text:
        return None
    currency = ""
    upper = text.upper()
    for code in re.findall(r"\b[A-Z]{3}\b", upper):
        if code in CURRENCY_CODES:
            currency = code
            break
    if not currency:
        currency = next((code for symbol, code in CURRENCY_SYMBOLS if symbol in text), "")
    amounts = []
    suffixes = []
    for number, suffix in _NUMBER.findall(text):
        value = _amount(number, suffix)
        if value is None:
            return None
        amounts.append(value)
        suffixes.append(suffix)
    if not amounts or len(amounts) > 2:
        return None
    if len(amounts) == 2 and suffixes[1] and not suffixes[0] and amounts[0] < 1000:
        amounts[0] = _amount(str(int(amounts[0])) if amounts[0].is_integer() else str(amounts[0]), suffixes[1])
    values = sorted(round(v) for v in amounts)
    if any(v > 2_000_000_000 for v in values):
        return None
    low = values[0]
    high = values[1] if len(values) == 2 and values[1] != low else None
    return low, high, currency


def parse_status(text: str) -> str | None:
    return STATUS_WORDS.get(_norm(text))


def parse_excitement(text: str) -> int | None:
    text = text.strip()
    if text and not re.search(r"\d", text):
        stars = text.count("\u2605") or text.count("*")  # Teal shows excitement as stars
        return stars if 1 <= stars <= 5 else None
    try:
        value = round(float(text.replace(",", ".")))
    except ValueError:
        return None
    return value if 1 <= value <= 5 else None


def parse_url(text: str) -> str | None:
    text = text.strip()
    if not re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) and re.match(r"[\w-]+(\.[\w-]+)+(/|$)", text):
        text = "https://" + text
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return None
    return text if len(text) <= 2000 else None


def parse_email(text: str) -> str | None:
    text = text.strip()
    try:
        EmailValidator()(text)
    except ValidationError:
        return None
    return text


# == Planning rows ==


@dataclass
class RowPlan:
    """What one row becomes: the fields for create_application, a note and a contact, and what went wrong."""

    number: int  # the spreadsheet row: the header is row 1
    fields: dict = field(default_factory=dict)
    note: str = ""
    contact: dict = field(default_factory=dict)
    saved_on: date | None = None
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    duplicate: str = ""

    @property
    def importable(self) -> bool:
        return not self.error

    @property
    def status_label(self) -> str:
        return Status(self.fields["status"]).label if self.fields.get("status") else ""

    @property
    def salary_text(self) -> str:
        names = ("salary_min", "salary_max", "salary_currency")
        return Application(**{name: self.fields.get(name) for name in names}).salary_text


@dataclass
class Plan:
    rows: list[RowPlan]
    date_columns: dict[str, DateColumn]
    ambiguous_dates: list[str]  # labels of our date fields whose day/month order is a guess


def _cell(row: list[str], mapping: dict, name: str) -> str:
    index = mapping.get(name)
    if index is None or not isinstance(index, int) or not 0 <= index < len(row):
        return ""
    return clean_cell(row[index])


def clean_mapping(raw: dict, width: int) -> dict:
    """Keep only our field names pointing at existing columns, and the date order option."""
    mapping: dict = {}
    for name in FIELD_NAMES:
        value = raw.get(name)
        try:
            index = int(value)
        except (TypeError, ValueError):
            continue
        if 0 <= index < width:
            mapping[name] = index
    if raw.get("date_order") in DATE_ORDER_LABELS:
        mapping["date_order"] = raw["date_order"]
    return mapping


def plan(rows: list[list[str]], mapping: dict, *, limit: int | None = None) -> Plan:
    """Turn the data rows (rows[1:]) into RowPlans; blank rows are left out. Duplicates are marked by run_import
    and `mark_duplicates`."""
    data = rows[1:]
    date_columns = {
        name: detect_date_column([_cell(row, mapping, name) for row in data], mapping.get("date_order", ""))
        for name in DATE_FIELDS
        if name in mapping
    }
    ambiguous = [FIELD_LABELS[name] for name, column in date_columns.items() if column.ambiguous]
    plans = []
    for offset, row in enumerate(data):
        if not any(cell.strip() for cell in row):
            continue
        plans.append(_plan_row(offset + 2, row, mapping, date_columns))
        if limit and len(plans) >= limit:
            break
    return Plan(plans, date_columns, ambiguous)


def _plan_row(number: int, row: list[str], mapping: dict, date_columns: dict[str, DateColumn]) -> RowPlan:
    result = RowPlan(number)
    fields = result.fields
    for name in ("company", "role", "source", "location", "next_action"):
        value = " ".join(_cell(row, mapping, name).split())
        if value:
            fields[name] = value[: MAX_LENGTHS[name]]
    missing = [FIELD_LABELS[name].lower() for name in REQUIRED if not fields.get(name)]
    if missing:
        result.error = f"No {' and no '.join(missing)}"

    status_text = _cell(row, mapping, "status")
    status = parse_status(status_text) if status_text else Status.SAVED
    if status is None:
        result.warnings.append(f"Unknown status \u201c{status_text}\u201d: imported as Saved")
        status = Status.SAVED
    fields["status"] = status

    if text := _cell(row, mapping, "workplace"):
        workplace = WORKPLACE_WORDS.get(_norm(text).replace("-", " "))
        if workplace:
            fields["workplace"] = workplace
        elif _norm(text) not in ("no", "false", "not stated", "unknown"):
            result.warnings.append(f"Workplace \u201c{text}\u201d not understood: left empty")

    if text := _cell(row, mapping, "apply_url"):
        url = parse_url(text)
        if url:
            fields["apply_url"] = url
        else:
            result.warnings.append(f"Apply URL \u201c{text[:80]}\u201d is not a web address: left empty")

    if text := _cell(row, mapping, "salary"):
        salary = parse_salary(text)
        if salary:
            fields["salary_min"], fields["salary_max"], fields["salary_currency"] = salary
        else:
            result.warnings.append(f"Salary \u201c{text[:80]}\u201d not understood: left empty")

    for name, column in date_columns.items():
        text = _cell(row, mapping, name)
        if not text:
            continue
        parsed = parse_column_date(text, column)
        if parsed is None:
            result.warnings.append(
                f"{FIELD_LABELS[name]} \u201c{text[:40]}\u201d is not a date we can read: left empty"
            )
        elif name == "saved_on":
            result.saved_on = parsed
        else:
            fields[name] = parsed
    if fields.get("next_action_on") and not fields.get("next_action"):
        fields["next_action"] = "Follow up"

    if text := _cell(row, mapping, "excitement"):
        excitement = parse_excitement(text)
        if excitement:
            fields["excitement"] = excitement
        else:
            result.warnings.append(f"Excitement \u201c{text[:20]}\u201d is not 1 to 5: left empty")

    if text := _cell(row, mapping, "priority"):
        value = PRIORITY_WORDS.get(_norm(text))
        if value:
            fields["priority"] = value
        else:
            result.warnings.append(f"Priority \u201c{text[:20]}\u201d not understood: Normal")

    result.note = _cell(row, mapping, "notes")
    name = " ".join(_cell(row, mapping, "contact_name").split())[:150]
    email_text = _cell(row, mapping, "contact_email")
    email = parse_email(email_text) if email_text else ""
    if email is None:
        result.warnings.append(f"Contact email \u201c{email_text[:80]}\u201d is not an e-mail address: left out")
        email = ""
    if name or email:
        result.contact = {"name": name or email, "email": email}
    return result


def _key(fields: dict) -> tuple[str, str]:
    return (fields.get("company", "").casefold(), fields.get("role", "").casefold())


def mark_duplicates(user, plans: list[RowPlan]) -> None:
    """Mark rows that repeat an earlier row of the file or an application tracked recently.

    "Recently" is tracker.services.find_duplicates's window; its rule is applied here in one query, not one per
    row, because a file may have thousands of rows.
    """
    since = timezone.now() - timedelta(days=services.DUPLICATE_WINDOW_DAYS)
    recent: dict[tuple[str, str], datetime] = {}
    existing = Application.objects.for_user(user).filter(created_at__gte=since).order_by("created_at")
    for company, role, created_at in existing.values_list("company", "role", "created_at"):
        recent.setdefault((company.strip().casefold(), role.strip().casefold()), created_at)
    seen: dict[tuple[str, str], int] = {}
    for row in plans:
        if not row.importable:
            continue
        key = _key(row.fields)
        if key in seen:
            row.duplicate = f"same company and role as row {seen[key]}"
            continue
        seen[key] = row.number
        if key in recent:
            day = timezone.localdate(recent[key])
            row.duplicate = f"already tracked on {day.day} {day:%b %Y}"


def preview(csv_import: CsvImport, mapping: dict) -> Plan:
    result = plan(csv_import.rows, mapping, limit=PREVIEW_ROWS)
    mark_duplicates(csv_import.user, result.rows)
    return result


# == Importing ==


def _at(row: RowPlan) -> datetime | None:
    """The date of the first history entry: when it was applied to (or saved), not the import's date."""
    day = row.fields.get("applied_on") if row.fields["status"] == Status.APPLIED else None
    if row.fields["status"] == Status.SAVED:
        day = row.saved_on
    if day is None:
        return None
    at = timezone.make_aware(datetime.combine(day, time(12, 0)))
    return min(at, timezone.now())


def run_import(csv_import: CsvImport, mapping: dict, *, import_duplicates: bool = False) -> bool:
    """Create the applications of a CSV import, all or nothing; False if it was already done (or is being done).

    The import is claimed with a conditional update inside the transaction, so a second submit finds it taken
    and a crash half-way rolls back the claim along with every row created before it.
    """
    with transaction.atomic():
        claimed = CsvImport.objects.filter(pk=csv_import.pk, status=CsvImport.Status.MAPPING).update(
            status=CsvImport.Status.COMPLETED, mapping=mapping
        )
        if not claimed:
            return False
        user = csv_import.user
        plans = plan(csv_import.rows, mapping).rows
        mark_duplicates(user, plans)
        created = 0
        skipped: list[dict] = []
        label = f"Imported from {csv_import.original_filename or 'a CSV file'}"
        for row in plans:
            if row.error:
                skipped.append({"row": row.number, "imported": False, "reason": row.error})
                continue
            if row.duplicate and not import_duplicates:
                skipped.append({"row": row.number, "imported": False, "reason": f"Duplicate: {row.duplicate}"})
                continue
            application = services.create_application(user, at=_at(row), note=label, **row.fields)
            if row.note:
                Note.objects.create(user=user, application=application, text=row.note)
            if row.contact:
                Contact.objects.create(user=user, application=application, **row.contact)
            created += 1
            reasons = list(row.warnings)
            if row.duplicate:
                reasons.append(f"Imported although a duplicate: {row.duplicate}")
            if reasons:
                skipped.append({"row": row.number, "imported": True, "reason": "; ".join(reasons)})
        CsvImport.objects.filter(pk=csv_import.pk).update(
            created_count=created, skipped=skipped, updated_at=timezone.now()
        )
    csv_import.refresh_from_db()
    return True
