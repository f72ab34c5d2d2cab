"""CSV import (upload, mapping, preview, import) and CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.tracker.factories import application
from tracker import csv_export, csv_import
from tracker.models import Application, Contact, CsvImport, Note, StatusChange

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.django_db


def upload(client, name: str, content: bytes | None = None):
    content = (FIXTURES / name).read_bytes() if content is None else content
    return client.post(reverse("tracker:import"), {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def uploaded_import(client, name: str, content: bytes | None = None) -> CsvImport:
    response = upload(client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    return CsvImport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def map_post(job: CsvImport, mapping: dict | None = None, **extra) -> dict:
    mapping = job.mapping if mapping is None else mapping
    data = {f"map_{name}": str(mapping[name]) if name in mapping else "" for name in csv_import.FIELD_NAMES}
    data["date_order"] = mapping.get("date_order", "mdy")
    return {**data, **extra}


def do_import(client, job: CsvImport, mapping: dict | None = None, **extra):
    url = reverse("tracker:import_map", args=[job.id])
    return client.post(url, map_post(job, mapping, action="import", **extra))


# == Reading files ==


def test_it_reads_utf8_with_bom_and_cp1252_and_semicolons():
    rows = csv_import.read_rows("\ufeffCompany,Job Title\nAcme,Engineer\n".encode())
    assert rows == [["Company", "Job Title"], ["Acme", "Engineer"]]
    rows = csv_import.read_rows((FIXTURES / "european.csv").read_bytes())
    assert rows[0][:2] == ["Firma", "Stelle"]
    assert rows[1][0] == "M\u00fcller & S\u00f6hne GmbH"  # cp1252, not mojibake
    assert rows[1][4].startswith("\u20ac")
    rows = csv_import.read_rows(b"Company\tTitle\tStatus\nAcme, Inc.\tEngineer\tApplied\n")
    assert rows[1] == ["Acme, Inc.", "Engineer", "Applied"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\n", "empty"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "Excel"),
        (b"\x00\x01\x02binary\x00junk", "binary"),
        (b"Acme,Engineer,2025-01-05\nBeta,Analyst,2025-01-06\n", "header"),
        (b"Company,Title\n", "no rows"),
    ],
)
def test_it_refuses_unreadable_files_with_a_clear_message(content, message):
    with pytest.raises(csv_import.CsvError, match=message):
        csv_import.read_rows(content)


def test_it_caps_the_number_of_rows():
    content = "Company,Title\n" + "Acme,Engineer\n" * (csv_import.MAX_ROWS + 1)
    with pytest.raises(csv_import.CsvError, match="at most 5,000"):
        csv_import.read_rows(content.encode())
    assert len(csv_import.read_rows(("Company,Title\n" + "Acme,Engineer\n" * csv_import.MAX_ROWS).encode())) == 5001


def test_upload_errors_are_shown_on_the_form_not_a_500(owner_client):
    response = upload(owner_client, "jobs.xlsx", b"PK\x03\x04 whatever")
    assert response.status_code == 400
    assert "not a CSV" in response.content.decode()
    big = b"Company,Title\n" + b"Acme,Engineer\n" * (csv_import.MAX_BYTES // 14 + 10)
    response = upload(owner_client, "big.csv", big)
    assert response.status_code == 400
    assert "the limit is 2.0" in response.content.decode()
    assert not CsvImport.objects.exists()


# == Parsing cells ==


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$120k\u2013$150k", (120000, 150000, "USD")),
        ("120000", (120000, None, "")),
        ("\u20ac80,000 - 95,000", (80000, 95000, "EUR")),
        ("100-120k", (100000, 120000, "")),
        ("\u00a350k", (50000, None, "GBP")),
        ("EUR 65000-80000", (65000, 80000, "EUR")),
        ("80.000 \u20ac", (80000, None, "EUR")),
        ("CA$90,000", (90000, None, "CAD")),
        ("competitive", None),
    ],
)
def test_it_parses_salaries(text, expected):
    assert csv_import.parse_salary(text) == expected


def test_dates_prefer_iso_then_the_format_that_reads_the_whole_column():
    assert csv_import.detect_date_column(["2025-01-05", "2025-02-10T09:30:00Z"]).kind == "iso"
    assert csv_import.detect_date_column(["Jan 5, 2025", "February 10, 2025"]).kind == "text"
    # 13/01 can only be day/month, so the whole column is read that way (03/02 -> 3 February).
    column = csv_import.detect_date_column(["13/01/2025", "03/02/2025"])
    assert (column.kind, column.ambiguous) == ("dmy", False)
    assert csv_import.parse_column_date("03/02/2025", column) == date(2025, 2, 3)
    # Every value reads both ways: ambiguous, US order unless the user says otherwise.
    column = csv_import.detect_date_column(["03/02/2025", "04/05/2025"])
    assert (column.kind, column.ambiguous) == ("mdy", True)
    assert csv_import.detect_date_column(["03/02/2025"], "dmy").kind == "dmy"
    assert csv_import.detect_date_column(["05.02.2025", "28.01.2025"]).kind == "dmy"


def test_statuses_from_huntr_and_teal_words():
    expected = {
        "Wishlist": "saved",
        "Bookmarked": "saved",
        "Applying": "saved",
        "Applied": "applied",
        "Interview": "interviewing",
        "Interviewing": "interviewing",
        "Offer": "offer",
        "Negotiating": "offer",
        "Accepted": "accepted",
        "Rejected": "rejected",
        "Not Selected": "rejected",
        "I Withdrew": "withdrawn",
        "No Response \U0001f515": "ghosted",
        "No reply": "ghosted",
        "screening": "screening",
    }
    assert {word: csv_import.parse_status(word) for word in expected} == expected
    assert csv_import.parse_status("Phone call maybe") is None


# == Guessing the mapping ==


def test_it_guesses_huntr_and_teal_columns():
    huntr = csv_import.read_rows((FIXTURES / "huntr.csv").read_bytes())[0]
    mapping = csv_import.guess_mapping(huntr)
    assert {name: huntr[i] for name, i in mapping.items()} == {
        "company": "Company",
        "role": "Job Title",
        "status": "List",
        "apply_url": "URL",
        "location": "Location",
        "salary": "Salary",
        "applied_on": "Date Applied",
        "notes": "Notes",
    }
    assert csv_import.detect_preset(huntr) == "Huntr"
    teal = csv_import.read_rows((FIXTURES / "teal.csv").read_bytes())[0]
    mapping = csv_import.guess_mapping(teal)
    assert {name: teal[i] for name, i in mapping.items()} == {
        "company": "Company Name",
        "role": "Job Position",
        "status": "Status",
        "apply_url": "Job URL",
        "location": "Location",
        "salary": "Salary",
        "saved_on": "Date Saved",
        "applied_on": "Date Applied",
        "next_action_on": "Follow Up",
        "excitement": "Excitement",
        "notes": "Notes",
    }
    assert csv_import.detect_preset(teal) == "Teal"
    assert csv_import.detect_preset(list(csv_export.HEADERS)) == "Career Agent"


# == The flow ==


def test_huntr_import_end_to_end(owner_client, owner):
    job = uploaded_import(owner_client, "huntr.csv")
    assert job.status == CsvImport.Status.MAPPING and job.original_filename == "huntr.csv"

    page = owner_client.get(reverse("tracker:import_map", args=[job.id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Huntr export" in html
    assert "Brightwave Analytics" in html and "USD 120,000\u2013150,000" in html  # the preview
    assert html.count("<select") >= len(csv_import.FIELDS)

    response = do_import(owner_client, job)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == CsvImport.Status.COMPLETED
    assert job.created_count == 6  # 8 rows: one without a company, one repeating row 3

    apps = {a.company: a for a in Application.objects.for_user(owner)}
    assert set(apps) == {
        "Brightwave Analytics",
        "Quillfeather",
        "Harborstone Bank",
        "Pinecrest Robotics",
        "Lumen & Vale",
        "Orbitline",
    }
    brightwave = apps["Brightwave Analytics"]
    assert (brightwave.salary_min, brightwave.salary_max, brightwave.salary_currency) == (120000, 150000, "USD")
    assert brightwave.applied_on == date(2025, 1, 15)
    assert brightwave.apply_url == "https://jobs.example.com/brightwave/123"
    assert Note.objects.get(application=brightwave).text == "Referred by Sam"
    assert apps["Harborstone Bank"].status == "interviewing"
    assert apps["Orbitline"].status == "saved"  # unknown status
    # Every application has its history row, written by create_application.
    assert StatusChange.objects.filter(user=owner).count() == 6
    assert StatusChange.objects.get(application=brightwave).note == "Imported from huntr.csv"

    reasons = {entry["row"]: entry for entry in job.skipped}
    assert reasons[8] == {"row": 8, "imported": False, "reason": "No company"}
    assert reasons[9]["imported"] is False and "same company and role as row 3" in reasons[9]["reason"]
    assert reasons[7]["imported"] is True and "Unknown status" in reasons[7]["reason"]

    result = owner_client.get(reverse("tracker:import_map", args=[job.id])).content.decode()
    assert "6</strong> applications imported" in result
    assert "No company" in result and "same company and role as row 3" in result


def test_teal_import_maps_statuses_dates_and_excitement(owner_client, owner):
    job = uploaded_import(owner_client, "teal.csv")
    assert do_import(owner_client, job).status_code == 302
    apps = {a.company: a for a in Application.objects.for_user(owner)}
    assert len(apps) == 8
    assert {a.status for a in apps.values()} >= {
        "saved",
        "interviewing",
        "rejected",
        "ghosted",
        "offer",
        "withdrawn",
        "accepted",
    }
    tessellate = apps["Tessellate AI"]
    assert tessellate.applied_on == date(2024, 12, 18)
    assert tessellate.next_action_on == date(2025, 2, 20) and tessellate.next_action == "Follow up"
    assert tessellate.excitement == 5
    assert apps["Sunfield Energy"].status == "ghosted"
    assert apps["Oakmere"].status == "saved"
    # A saved row's history starts on its "Date Saved", not on the day of the import.
    assert timezone.localdate(apps["Marigold Health"].status_changed_at) == date(2025, 1, 5)


def test_a_manual_mapping_for_unknown_headers(owner_client, owner):
    job = uploaded_import(owner_client, "european.csv")
    assert "company" not in job.mapping  # German headers: nothing guessed but the status
    url = reverse("tracker:import_map", args=[job.id])
    response = owner_client.post(url, map_post(job, {}, action="import"))
    assert response.status_code == 400
    assert "Choose the column that holds the company" in response.content.decode()

    mapping = {"company": 0, "role": 1, "status": 2, "location": 3, "salary": 4, "applied_on": 5}
    response = owner_client.post(url, map_post(job, mapping, action="preview"))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.mapping == {**mapping, "date_order": "mdy"} and job.status == CsvImport.Status.MAPPING
    assert "5 Feb 2025" in owner_client.get(url).content.decode()  # d.m.Y read as day/month

    assert do_import(owner_client, job, mapping).status_code == 302
    muller = Application.objects.get(user=owner, role="Softwareentwickler")
    assert muller.company == "M\u00fcller & S\u00f6hne GmbH"
    assert (muller.salary_min, muller.salary_max, muller.salary_currency) == (80000, 95000, "EUR")
    assert muller.applied_on == date(2025, 2, 5)


def test_htmx_preview_returns_the_partial(owner_client):
    job = uploaded_import(owner_client, "huntr.csv")
    mapping = {**job.mapping, "company": job.mapping["role"], "role": job.mapping["company"]}
    response = owner_client.post(
        reverse("tracker:import_map", args=[job.id]), map_post(job, mapping, action="preview"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="csv-preview"') and "<select" not in html


def test_an_ambiguous_date_column_follows_the_chosen_order(owner_client, owner):
    content = b"Company,Title,Date Applied\nAcme,Engineer,03/02/2025\nBeta,Analyst,04/05/2025\n"
    job = uploaded_import(owner_client, "dates.csv", content)
    page = owner_client.get(reverse("tracker:import_map", args=[job.id])).content.decode()
    assert "read both as month/day and as day/month" in page
    do_import(owner_client, job, {**job.mapping, "date_order": "dmy"})
    assert Application.objects.get(user=owner, company="Acme").applied_on == date(2025, 2, 3)


def test_bad_cells_are_imported_without_them_and_listed(owner_client, owner):
    content = (
        b"Company,Title,Date Applied,Salary,URL,Excitement,Contact,Contact Email\n"
        b"Acme,Engineer,someday,lots,not a url,9,Riley Recruiter,riley-at-example\n"
        b"Beta,Analyst,2025-01-05,,,3,,casey@example.com\n"
    )
    job = uploaded_import(owner_client, "messy.csv", content)
    do_import(owner_client, job)
    acme = Application.objects.get(user=owner, company="Acme")
    assert acme.applied_on is None and acme.salary_min is None and acme.apply_url == "" and acme.excitement is None
    assert Contact.objects.get(application=acme).email == ""
    beta = Application.objects.get(user=owner, company="Beta")
    contact = Contact.objects.get(application=beta)
    assert (contact.name, contact.email) == ("casey@example.com", "casey@example.com")
    job.refresh_from_db()
    (entry,) = job.skipped
    assert entry["row"] == 2 and entry["imported"] is True
    for word in ("Applied on", "Salary", "Apply URL", "Excitement", "Contact email"):
        assert word in entry["reason"]


def test_duplicates_of_existing_applications_are_skipped_unless_asked(owner_client, owner, stranger):
    application(owner, company="Acme", role="Engineer")
    application(stranger, company="Beta", role="Analyst")  # another user's: not a duplicate of mine
    content = b"Company,Title\nacme,engineer\nBeta,Analyst\n"
    job = uploaded_import(owner_client, "dupes.csv", content)
    assert "already tracked on" in owner_client.get(reverse("tracker:import_map", args=[job.id])).content.decode()
    do_import(owner_client, job)
    job.refresh_from_db()
    assert job.created_count == 1
    assert job.skipped[0]["row"] == 2 and "already tracked" in job.skipped[0]["reason"]

    job = uploaded_import(owner_client, "dupes.csv", content)
    do_import(owner_client, job, import_duplicates="on")
    job.refresh_from_db()
    assert job.created_count == 2
    assert Application.objects.for_user(owner).filter(company__iexact="acme").count() == 2
    assert all(entry["imported"] for entry in job.skipped)


def test_resubmitting_a_completed_import_does_nothing(owner_client, owner):
    job = uploaded_import(owner_client, "huntr.csv")
    do_import(owner_client, job)
    count = Application.objects.for_user(owner).count()
    response = do_import(owner_client, job, import_duplicates="on")
    assert response.status_code == 302
    assert Application.objects.for_user(owner).count() == count
    assert not csv_import.run_import(job, job.mapping, import_duplicates=True)


def test_a_crash_half_way_imports_nothing(owner_client, owner, monkeypatch):
    job = uploaded_import(owner_client, "teal.csv")
    real = csv_import.services.create_application
    calls = []

    def failing(user, **fields):
        calls.append(fields["company"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real(user, **fields)

    monkeypatch.setattr(csv_import.services, "create_application", failing)
    with pytest.raises(RuntimeError):
        csv_import.run_import(job, job.mapping)
    job.refresh_from_db()
    assert len(calls) == 3
    assert not Application.objects.for_user(owner).exists()
    assert not StatusChange.objects.filter(user=owner).exists()
    assert job.status == CsvImport.Status.MAPPING  # can be tried again

    monkeypatch.setattr(csv_import.services, "create_application", real)
    assert csv_import.run_import(job, job.mapping)
    assert Application.objects.for_user(owner).count() == 8


def test_wrong_method_and_stranger(owner_client, stranger_client):
    job = uploaded_import(owner_client, "huntr.csv")
    assert stranger_client.get(reverse("tracker:import_map", args=[job.id])).status_code == 404
    assert stranger_client.post(reverse("tracker:import_map", args=[job.id]), {"action": "import"}).status_code == 404
    assert owner_client.put(reverse("tracker:import_map", args=[job.id])).status_code == 405
    assert owner_client.post(reverse("tracker:export")).status_code == 405


# == Export ==


def parse_export(response) -> list[dict]:
    body = b"".join(response) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_export_has_stable_headers_a_dated_filename_and_only_my_rows(owner_client, owner, stranger):
    application(owner, company="Acme", role="Engineer")
    application(stranger, company="Secret Corp", role="Spy")
    response = owner_client.get(reverse("tracker:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="applications-{today}.csv"'
    rows = parse_export(response)
    assert list(rows[0]) == list(csv_export.HEADERS)
    assert [row["Company"] for row in rows] == ["Acme"]


def test_export_filters_by_status(owner_client, owner):
    application(owner, company="Acme", role="Engineer", status="applied")
    application(owner, company="Beta", role="Analyst", status="offer")
    application(owner, company="Gamma", role="Designer", status="saved")
    rows = parse_export(owner_client.get(reverse("tracker:export"), {"status": ["offer", "saved", "bogus"]}))
    assert sorted(row["Company"] for row in rows) == ["Beta", "Gamma"]


def test_export_defuses_formulas(owner_client, owner):
    for company in ('=HYPERLINK("http://evil.example")', "+1 Corp", "-Minus", "@SUM(A1)", "\tTab", "\rCR"):
        application(owner, company=company, role="Engineer")
    app = application(owner, company="Plain", role="Engineer")
    Note.objects.create(user=owner, application=app, text="=1+1")
    rows = parse_export(owner_client.get(reverse("tracker:export")))
    companies = [row["Company"] for row in rows]
    # create_application collapses whitespace, so the tab and CR rows become "Tab" and "CR".
    for cell in companies:
        assert not cell.startswith(csv_export.FORMULA_STARTS)
    assert '\'=HYPERLINK("http://evil.example")' in companies
    assert {"'+1 Corp", "'-Minus", "'@SUM(A1)"} <= set(companies)
    assert next(row for row in rows if row["Company"] == "Plain")["Notes"] == "'=1+1"
    assert csv_export.safe_cell("\tx") == "'\tx" and csv_export.safe_cell("\rx") == "'\rx"
    assert csv_export.safe_cell("2025-01-05") == "2025-01-05" and csv_export.safe_cell(None) == ""


def test_export_then_import_round_trips(owner_client, owner, client, stranger):
    from tracker.services import create_application

    create_application(
        owner,
        company="=Acme",
        role="Senior Engineer",
        status="interviewing",
        source="Referral",
        apply_url="https://acme.example.com/jobs/1",
        location="Lisbon, Portugal",
        workplace="hybrid",
        salary_min=65000,
        salary_max=80000,
        salary_currency="EUR",
        applied_on=date(2025, 1, 15),
        next_action="Send the take-home",
        next_action_on=date(2025, 2, 1),
        deadline=date(2025, 2, 10),
        excitement=4,
        priority=3,
    )
    app = Application.objects.get(user=owner)
    Note.objects.create(user=owner, application=app, text="Met them at PyCon")
    Contact.objects.create(user=owner, application=app, name="Riley Recruiter", email="riley@example.com")
    create_application(owner, company="Beta", role="Analyst", status="ghosted", salary_min=50000)

    exported = owner_client.get(reverse("tracker:export")).content
    client.force_login(stranger)
    job = uploaded_import(client, "applications.csv", exported)
    assert csv_import.detect_preset(job.rows[0]) == "Career Agent"
    assert set(job.mapping) == set(csv_import.FIELD_NAMES) - {"saved_on"}  # every exported column maps back
    do_import(client, job)
    job.refresh_from_db()
    assert job.created_count == 2 and job.skipped == []

    fields = [
        "company",
        "role",
        "status",
        "source",
        "apply_url",
        "location",
        "workplace",
        "salary_min",
        "salary_max",
        "salary_currency",
        "applied_on",
        "next_action",
        "next_action_on",
        "deadline",
        "excitement",
        "priority",
    ]
    for original in Application.objects.for_user(owner):
        copy = Application.objects.for_user(stranger).get(company=original.company, role=original.role)
        assert {f: getattr(copy, f) for f in fields} == {f: getattr(original, f) for f in fields}
        assert [n.text for n in copy.notes.all()] == [n.text for n in original.notes.all()]
        assert [(c.name, c.email) for c in copy.contacts.all()] == [(c.name, c.email) for c in original.contacts.all()]


def test_upload_page_lists_my_recent_imports_only(owner_client, stranger_client):
    uploaded_import(owner_client, "huntr.csv")
    uploaded_import(stranger_client, "teal.csv")
    html = owner_client.get(reverse("tracker:import")).content.decode()
    assert "huntr.csv" in html and "teal.csv" not in html
