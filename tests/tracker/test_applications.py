"""Application pages: create (with the duplicate warning), edit, the sent-resume snapshot, status moves, the list,
bulk moves, the detail page's history, notes and contacts."""

from __future__ import annotations

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import SAMPLE_SECTIONS, resume
from tests.tracker.factories import application, contact, interview, note, reminder
from tracker.models import Application, Contact, Note, StatusChange

pytestmark = pytest.mark.django_db
S = Application.Status
R = Application.ClosingReason
LIST = reverse("tracker:list")


def _create(client, **data):
    fields = {"company": "Acme", "role": "Engineer", "status": "saved", "priority": "2", **data}
    return client.post(reverse("tracker:create"), fields)


# --- Create and the duplicate warning ---------------------------------------------------------------------


def test_it_creates_an_application_with_its_first_history_row(owner_client, owner):
    response = _create(owner_client, company="  Acme   Analytics ", source="Referral", status="applied")
    app = Application.objects.for_user(owner).get()
    assert response.status_code == 302 and response["Location"] == reverse("tracker:detail", args=[app.id])
    assert (app.company, app.source, app.status) == ("Acme Analytics", "Referral", S.APPLIED)
    assert app.applied_on == timezone.localdate()
    assert list(StatusChange.objects.filter(application=app).values_list("from_status", "to_status")) == [
        ("", "applied")
    ]


def test_it_refuses_bad_input_with_a_message(owner_client, owner):
    response = _create(owner_client, company="", salary_min="90000", salary_max="50000", excitement="9")
    body = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in body
    assert "The upper end is below the lower end." in body
    assert "Use 1 (meh) to 5 (dream job)." in body
    assert not Application.objects.exists()


def test_a_duplicate_asks_first_then_tracks_on_confirmation(owner_client, owner):
    existing = application(owner, company="Acme", role="Engineer")
    response = _create(owner_client, company="acme", role="ENGINEER", location="Berlin")
    body = response.content.decode()
    assert response.status_code == 200
    assert Application.objects.for_user(owner).count() == 1
    assert "Already tracking this?" in body and "Open existing" in body
    assert reverse("tracker:detail", args=[existing.id]) in body
    # "Track anyway" posts the same fields again with confirm=1.
    assert '<input type="hidden" name="location" value="Berlin">' in body
    assert '<input type="hidden" name="confirm" value="1">' in body

    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', body))
    fields.pop("csrfmiddlewaretoken", None)
    response = owner_client.post(reverse("tracker:create"), fields)
    assert response.status_code == 302
    assert Application.objects.for_user(owner).count() == 2


def test_an_old_or_other_users_application_is_not_a_duplicate(owner_client, owner, stranger):
    old = application(owner, company="Acme", role="Engineer")
    Application.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=45))
    application(stranger, company="Acme", role="Engineer")
    assert _create(owner_client).status_code == 302
    assert Application.objects.for_user(owner).count() == 2


# --- Edit and the sent-resume snapshot -------------------------------------------------------------------


def _edit_fields(app, **data):
    fields = {
        "company": app.company,
        "role": app.role,
        "source": app.source,
        "priority": str(app.priority),
        "workplace": app.workplace,
    }
    return {**fields, **data}


def test_edit_saves_and_rescores(owner_client, owner):
    app = application(owner, status=S.SAVED)
    before = app.priority_score
    response = owner_client.post(
        reverse("tracker:edit", args=[app.id]),
        _edit_fields(app, excitement="5", next_action="Call Riley", next_action_on="2030-01-02"),
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.excitement, app.next_action, str(app.next_action_on)) == (5, "Call Riley", "2030-01-02")
    assert app.priority_score > before  # excitement 5 counts more than "unknown"
    assert app.status == S.SAVED  # the edit form does not move it


def test_choosing_a_resume_freezes_what_was_sent(owner_client, owner):
    app = application(owner, status=S.APPLIED)
    mine = resume(owner)
    owner_client.post(
        reverse("tracker:edit", args=[app.id]), _edit_fields(app, resume=mine.id, cover_letter_text="Dear Acme,")
    )
    app.refresh_from_db()
    assert app.resume_label == "Sample"
    assert app.resume_snapshot == SAMPLE_SECTIONS
    assert app.cover_letter_text == "Dear Acme,"

    # Later edits to the resume leave the snapshot alone, even after the application is edited again.
    changed = copy.deepcopy(SAMPLE_SECTIONS)
    changed["experience"][0]["title"] = "Chief Everything Officer"
    mine.corrected_sections = changed
    mine.parsed_sections = changed
    mine.title = "Renamed"
    mine.save()
    owner_client.post(reverse("tracker:edit", args=[app.id]), _edit_fields(app, resume=mine.id, next_action="x"))
    app.refresh_from_db()
    assert app.resume_label == "Sample"
    assert app.resume_snapshot["experience"][0]["title"] == "Engineer"

    body = owner_client.get(reverse("tracker:detail", args=[app.id])).content.decode()
    assert f'Sent: <a href="{reverse("tracker:snapshot", args=[app.id])}">Sample</a>' in body
    page = owner_client.get(reverse("tracker:snapshot", args=[app.id])).content.decode()
    assert "Sam Sample" in page and "Engineer" in page and "Built things" in page and "Python, SQL" in page
    assert "Chief Everything Officer" not in page


def test_an_optimized_version_is_the_snapshot_when_chosen(owner_client, owner):
    from tests.optimize.factories import RESUME, version

    chosen = version(owner)
    app = application(owner)
    response = owner_client.post(reverse("tracker:edit", args=[app.id]), _edit_fields(app, resume_version=chosen.id))
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.resume_id == chosen.resume_id  # filled in from the version
    assert app.resume_label == chosen.name and app.resume_snapshot == RESUME
    chosen.sections = {"contact": {"name": "Someone else"}}
    chosen.save()
    app.refresh_from_db()
    assert app.resume_snapshot == RESUME


def test_a_version_of_another_resume_is_refused(owner_client, owner):
    from tests.optimize.factories import version

    chosen = version(owner)
    other = resume(owner)
    app = application(owner)
    response = owner_client.post(
        reverse("tracker:edit", args=[app.id]), _edit_fields(app, resume=other.id, resume_version=chosen.id)
    )
    assert response.status_code == 400
    assert "That version was made from another resume." in response.content.decode()


def test_another_users_resume_cannot_be_chosen(owner_client, owner, stranger):
    theirs = resume(stranger)
    app = application(owner)
    response = owner_client.post(reverse("tracker:edit", args=[app.id]), _edit_fields(app, resume=theirs.id))
    assert response.status_code == 400
    app.refresh_from_db()
    assert app.resume_id is None and app.resume_snapshot == {}


def test_marking_as_applied_freezes_the_chosen_resume(owner_client, owner):
    mine = resume(owner)
    app = application(owner, status=S.SAVED, resume=mine)
    assert app.resume_snapshot == {}
    body = owner_client.get(reverse("tracker:detail", args=[app.id])).content.decode()
    assert "Mark as applied" in body
    owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "applied"})
    app.refresh_from_db()
    assert app.status == S.APPLIED and app.resume_label == "Sample" and app.resume_snapshot == SAMPLE_SECTIONS


# --- Status moves ------------------------------------------------------------------------------------------


def test_a_move_records_history_with_note_and_closing_reason(owner_client, owner):
    app = application(owner, status=S.INTERVIEWING)
    response = owner_client.post(
        reverse("tracker:move", args=[app.id]),
        {"status": "rejected", "closing_reason": R.REJECTED_INTERVIEW, "note": "They chose someone senior."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("tracker:detail", args=[app.id])
    app.refresh_from_db()
    assert (app.status, app.closing_reason) == (S.REJECTED, R.REJECTED_INTERVIEW)
    assert app.closed_at is not None
    last = StatusChange.objects.filter(application=app).order_by("changed_at").last()
    assert (last.from_status, last.to_status, last.note) == ("interviewing", "rejected", "They chose someone senior.")


def test_a_closing_move_without_a_reason_takes_the_default(owner_client, owner):
    app = application(owner, status=S.APPLIED)
    owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "ghosted"})
    app.refresh_from_db()
    assert (app.status, app.closing_reason) == (S.GHOSTED, R.NO_RESPONSE)


def test_an_open_status_drops_a_closing_reason(owner_client, owner):
    app = application(owner, status=S.APPLIED)
    owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "screening", "closing_reason": "salary"})
    app.refresh_from_db()
    assert (app.status, app.closing_reason) == (S.SCREENING, "")


def test_a_bad_status_changes_nothing(owner_client, owner):
    app = application(owner, status=S.APPLIED)
    response = owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "hired!"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == S.APPLIED and StatusChange.objects.filter(application=app).count() == 1
    htmx = owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "hired!"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 400


def test_an_htmx_move_answers_the_updated_card(owner_client, owner):
    app = application(owner, status=S.SAVED, role="Data Engineer")
    response = owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "applied"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith('<article class="board-card')
    assert 'data-status="applied"' in body and "Data Engineer" in body
    assert '<option value="applied" selected>Applied</option>' in body
    assert StatusChange.objects.filter(application=app, from_status="saved", to_status="applied").exists()


def test_a_plain_move_goes_back_to_a_safe_next_only(owner_client, owner):
    app = application(owner, status=S.SAVED)
    board = reverse("tracker:board")
    response = owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "applied", "next": board})
    assert response["Location"] == board
    response = owner_client.post(
        reverse("tracker:move", args=[app.id]), {"status": "screening", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("tracker:detail", args=[app.id])


def test_a_note_without_a_move_is_kept_as_a_note(owner_client, owner):
    app = application(owner, status=S.APPLIED)
    owner_client.post(reverse("tracker:move", args=[app.id]), {"status": "applied", "note": "Chased them."})
    assert list(Note.objects.filter(application=app).values_list("text", flat=True)) == ["Chased them."]
    assert StatusChange.objects.filter(application=app).count() == 1


def test_move_needs_post_and_the_owner(owner_client, stranger_client, owner):
    app = application(owner, status=S.APPLIED)
    url = reverse("tracker:move", args=[app.id])
    assert owner_client.get(url).status_code == 405
    assert stranger_client.post(url, {"status": "rejected"}).status_code == 404
    app.refresh_from_db()
    assert app.status == S.APPLIED


# --- Detail: history, notes, contacts ------------------------------------------------------------------------


def test_the_detail_page_merges_history_and_notes_in_time_order(owner_client, owner):
    start = timezone.now() - timezone.timedelta(days=10)
    app = application(owner, status=S.APPLIED, at=start)
    first_note = note(owner, app, text="Sent a follow-up e-mail.")
    Note.objects.filter(pk=first_note.pk).update(created_at=start + timezone.timedelta(days=2))
    from tracker.services import change_status

    change_status(app, S.SCREENING, at=start + timezone.timedelta(days=5), note="Recruiter called")
    later = note(owner, app, text="Prepared the take-home.")
    body = owner_client.get(reverse("tracker:detail", args=[app.id])).content.decode()
    order = [
        body.index("Added as Applied"),
        body.index("Sent a follow-up e-mail."),
        body.index("Applied → Screening"),
        body.index("Recruiter called"),
        body.index("Prepared the take-home."),
    ]
    assert order == sorted(order)
    assert reverse("tracker:note_delete", args=[later.id]) in body


def test_the_detail_page_gives_interviews_and_reminders_in_order(owner_client, owner):
    app = application(owner)
    later = interview(owner, app, starts_at=timezone.now() + timezone.timedelta(days=9))
    sooner = interview(owner, app, starts_at=timezone.now() + timezone.timedelta(days=2))
    today = timezone.localdate()
    done = reminder(owner, app, title="Done one", due_on=today, done_at=timezone.now())
    due_late = reminder(owner, app, title="Later", due_on=today + timezone.timedelta(days=5))
    due_soon = reminder(owner, app, title="Sooner", due_on=today + timezone.timedelta(days=1))
    interview(owner, application(owner, role="Other role"))  # another application's
    response = owner_client.get(reverse("tracker:detail", args=[app.id]))
    assert list(response.context["interviews"]) == [sooner, later]
    assert list(response.context["reminders"]) == [due_soon, due_late, done]
    assert response.context["application"] == app


def test_notes_are_added_and_deleted(owner_client, owner):
    app = application(owner)
    url = reverse("tracker:note_add", args=[app.id])
    response = owner_client.post(url, {"text": "Spoke to Riley."})
    assert response.status_code == 302
    added = Note.objects.get(application=app)
    assert added.text == "Spoke to Riley." and added.created_at is not None

    partial = owner_client.post(url, {"text": "Second note"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.strip().startswith('<section id="timeline"') and "Second note" in partial and "<html" not in partial
    assert owner_client.post(url, {"text": "   "}, HTTP_HX_REQUEST="true").status_code == 400

    response = owner_client.post(reverse("tracker:note_delete", args=[added.id]))
    assert response.status_code == 302
    assert list(Note.objects.filter(application=app).values_list("text", flat=True)) == ["Second note"]


def test_contacts_are_added_edited_and_removed(owner_client, owner):
    app = application(owner)
    add = reverse("tracker:contact_add", args=[app.id])
    assert owner_client.get(add).status_code == 200
    bad = owner_client.post(add, {"name": "", "email": "not-an-email"})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()
    owner_client.post(
        add,
        {"name": "Riley", "role": "Recruiter", "email": "riley@example.com", "linkedin_url": "linkedin.com/in/riley"},
    )
    person = Contact.objects.get(application=app)
    assert person.linkedin_url == "https://linkedin.com/in/riley" and person.user == owner
    body = owner_client.get(reverse("tracker:detail", args=[app.id])).content.decode()
    assert "Riley" in body and "mailto:riley@example.com" in body

    owner_client.post(reverse("tracker:contact_edit", args=[person.id]), {"name": "Riley R.", "phone": "+49 30 1"})
    person.refresh_from_db()
    assert (person.name, person.phone, person.email) == ("Riley R.", "+49 30 1", "")

    owner_client.post(reverse("tracker:contact_delete", args=[person.id]))
    assert not Contact.objects.filter(pk=person.pk).exists()


def test_a_stranger_cannot_touch_contacts_or_notes(owner, stranger_client):
    person = contact(owner)
    item = note(owner)
    assert stranger_client.post(reverse("tracker:contact_delete", args=[person.id])).status_code == 404
    assert stranger_client.post(reverse("tracker:note_delete", args=[item.id])).status_code == 404
    assert Contact.objects.filter(pk=person.pk).exists() and Note.objects.filter(pk=item.pk).exists()


def test_delete_asks_then_deletes(owner_client, owner):
    app = application(owner)
    note(owner, app)
    url = reverse("tracker:delete", args=[app.id])
    assert "Delete this application?" in owner_client.get(url).content.decode()
    assert Application.objects.filter(pk=app.pk).exists()
    response = owner_client.post(url)
    assert response["Location"] == reverse("tracker:board")
    assert not Application.objects.filter(pk=app.pk).exists() and not Note.objects.exists()


def test_the_snapshot_page_says_when_nothing_was_recorded(owner_client, owner):
    app = application(owner)
    body = owner_client.get(reverse("tracker:snapshot", args=[app.id])).content.decode()
    assert "No resume was recorded for this application." in body


# --- The list and bulk moves ----------------------------------------------------------------------------------


def _rows(body: str) -> list[str]:
    return re.findall(r'<td><a href="/tracker/applications/[^"]+/">([^<]+)</a>', body)


def test_the_list_filters_by_status_source_and_text(owner_client, owner):
    application(owner, company="Acme", role="Backend Engineer", status=S.APPLIED, source="LinkedIn")
    application(owner, company="Globex", role="Data Analyst", status=S.SAVED, source="Referral")
    application(owner, company="Initech", role="Backend Lead", status=S.REJECTED, source="LinkedIn")
    assert sorted(_rows(owner_client.get(LIST).content.decode())) == [
        "Backend Engineer",
        "Backend Lead",
        "Data Analyst",
    ]
    assert _rows(owner_client.get(LIST, {"status": "saved"}).content.decode()) == ["Data Analyst"]
    assert _rows(owner_client.get(LIST, {"status": "closed"}).content.decode()) == ["Backend Lead"]
    assert sorted(_rows(owner_client.get(LIST, {"status": "open"}).content.decode())) == [
        "Backend Engineer",
        "Data Analyst",
    ]
    assert sorted(_rows(owner_client.get(LIST, {"source": "LinkedIn"}).content.decode())) == [
        "Backend Engineer",
        "Backend Lead",
    ]
    assert _rows(owner_client.get(LIST, {"q": "globex"}).content.decode()) == ["Data Analyst"]
    assert sorted(_rows(owner_client.get(LIST, {"q": "backend", "status": "open"}).content.decode())) == [
        "Backend Engineer"
    ]
    partial = owner_client.get(LIST, {"q": "acme"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.strip().startswith('<section id="results"') and _rows(partial) == ["Backend Engineer"]


def test_the_list_sorts(owner_client, owner):
    a = application(owner, company="Beta", role="Role B", status=S.OFFER)
    b = application(owner, company="Alpha", role="Role A", status=S.SAVED)
    c = application(owner, company="Gamma", role="Role C", status=S.APPLIED)
    Application.objects.filter(pk=a.pk).update(priority_score=20)
    Application.objects.filter(pk=b.pk).update(priority_score=80)
    Application.objects.filter(pk=c.pk).update(priority_score=50)
    assert _rows(owner_client.get(LIST, {"sort": "company"}).content.decode()) == ["Role A", "Role B", "Role C"]
    assert _rows(owner_client.get(LIST, {"sort": "-company"}).content.decode()) == ["Role C", "Role B", "Role A"]
    assert _rows(owner_client.get(LIST, {"sort": "-priority_score"}).content.decode()) == ["Role A", "Role C", "Role B"]
    # Status sorts in pipeline order, not alphabetically.
    assert _rows(owner_client.get(LIST, {"sort": "status"}).content.decode()) == ["Role A", "Role C", "Role B"]
    assert owner_client.get(LIST, {"sort": "password"}).status_code == 200  # an unknown key is ignored


def test_the_list_paginates_at_50(owner_client, owner):
    for n in range(52):
        application(owner, company=f"Company {n:02}", role=f"Role {n:02}", status=S.SAVED)
    first = owner_client.get(LIST, {"sort": "company"}).content.decode()
    assert len(_rows(first)) == 50 and "Page 1 of 2" in first
    second = owner_client.get(LIST, {"sort": "company", "page": "2"}).content.decode()
    assert _rows(second) == ["Role 50", "Role 51"]
    assert owner_client.get(LIST, {"page": "x"}).status_code == 200


def test_bulk_status_moves_the_ticked_ones(owner_client, owner):
    one = application(owner, status=S.APPLIED)
    two = application(owner, status=S.SCREENING)
    untouched = application(owner, status=S.APPLIED)
    back = f"{LIST}?status=open"
    response = owner_client.post(
        reverse("tracker:bulk_status"),
        {"ids": [one.id, two.id], "status": "rejected", "closing_reason": R.POSITION_FILLED, "next": back},
    )
    assert response["Location"] == back
    for app in (one, two):
        app.refresh_from_db()
        assert (app.status, app.closing_reason) == (S.REJECTED, R.POSITION_FILLED)
        assert StatusChange.objects.filter(application=app, to_status="rejected").exists()
    untouched.refresh_from_db()
    assert untouched.status == S.APPLIED
    messages = [str(m) for m in owner_client.get(back).context["messages"]]
    assert "Moved 2 applications to Rejected." in messages


def test_bulk_status_refuses_another_users_applications(owner_client, owner, stranger):
    mine = application(owner, status=S.APPLIED)
    theirs = application(stranger, status=S.APPLIED)
    response = owner_client.post(reverse("tracker:bulk_status"), {"ids": [mine.id, theirs.id], "status": "ghosted"})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == S.APPLIED and theirs.status == S.APPLIED
    response = owner_client.post(reverse("tracker:bulk_status"), {"status": "ghosted"}, follow=True)
    assert "Tick at least one application." in response.content.decode()


def _fill(user, count: int) -> None:
    statuses = list(S)
    for n in range(count):
        application(
            user, company=f"Company {n}", role=f"Role {n}", status=statuses[n % len(statuses)], source=f"S{n % 4}"
        )


@pytest.mark.parametrize(
    "query", [{}, {"status": "open", "sort": "-priority_score"}, {"q": "company", "sort": "status"}]
)
def test_the_list_runs_the_same_number_of_queries_for_3_and_30_applications(
    owner_client, owner, django_assert_num_queries, query
):
    _fill(owner, 3)
    owner_client.get(LIST, query)
    with CaptureQueriesContext(connection) as few:
        assert owner_client.get(LIST, query).status_code == 200
    _fill(owner, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        body = owner_client.get(LIST, query).content.decode()
    assert len(_rows(body)) >= 15


def test_clearing_the_resume_keeps_the_copy_of_what_was_sent(owner_client, owner):
    mine = resume(owner)
    app = application(owner, status=S.APPLIED)
    owner_client.post(reverse("tracker:edit", args=[app.id]), _edit_fields(app, resume=mine.id))
    mine.soft_delete()  # a deleted resume is no longer offered, so the edit form comes back without it
    owner_client.post(reverse("tracker:edit", args=[app.id]), _edit_fields(app, next_action="Chase"))
    app.refresh_from_db()
    assert app.next_action == "Chase"
    assert app.resume_label == "Sample" and app.resume_snapshot == SAMPLE_SECTIONS


def test_a_bulk_move_to_applied_freezes_the_chosen_resume(owner_client, owner):
    mine = resume(owner)
    app = application(owner, status=S.SAVED, resume=mine)
    owner_client.post(reverse("tracker:bulk_status"), {"ids": [app.id], "status": "applied"})
    app.refresh_from_db()
    assert app.status == S.APPLIED and app.resume_snapshot == SAMPLE_SECTIONS
