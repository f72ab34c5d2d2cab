from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD
from accounts.models import User


def test_seed_demo_creates_a_verified_user_that_can_log_in(client, db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_EMAIL in out and DEMO_PASSWORD in out
    user = User.objects.get(email=DEMO_EMAIL)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post("/accounts/login/", {"login": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_seed_demo_can_run_twice(db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1


def test_seed_demo_fills_the_tracker_with_a_pipeline(db):
    from django.utils import timezone

    from tracker.models import AnalyticsSnapshot, Application, Contact, Interview, Note, Reminder, StatusChange

    call_command("seed_demo")
    user = User.objects.get(email=DEMO_EMAIL)
    apps = Application.objects.for_user(user)
    assert apps.count() >= 30
    assert set(apps.values_list("status", flat=True)) == set(Application.Status.values)
    assert not apps.filter(status__in=Application.CLOSED, closing_reason="").exists()
    # Backdated history: applications spread over weeks, first replies days after applying.
    applied = sorted(apps.exclude(applied_on=None).values_list("applied_on", flat=True))
    assert (applied[-1] - applied[0]).days >= 50
    responded = apps.exclude(first_response_at=None)
    assert responded.count() >= 10
    assert all(timezone.localdate(a.first_response_at) > a.applied_on for a in responded)
    assert StatusChange.objects.filter(user=user).count() > apps.count()
    assert Note.objects.filter(user=user).exists() and Contact.objects.filter(user=user).exists()

    now = timezone.now()
    interviews = Interview.objects.for_user(user)
    assert interviews.filter(starts_at__lt=now).exclude(outcome="pending").exists()
    upcoming = interviews.upcoming()
    assert upcoming.count() >= 3 and len(set(upcoming.values_list("timezone", flat=True))) >= 3

    reminders = Reminder.objects.for_user(user)
    today = timezone.localdate()
    assert reminders.due().filter(due_on__lt=today).exists() and reminders.due().filter(due_on=today).exists()
    assert reminders.filter(snoozed_until__gt=today, done_at=None).exists()
    assert reminders.exclude(done_at=None).exists()
    assert apps.exclude(resume_label="").exists() and apps.exclude(next_action="").exists()
    assert apps.filter(status="saved").exclude(priority_score=0).exists()

    # The dashboard's trend has weeks to show: snapshots of the last twelve weeks, some with applications.
    snapshots = AnalyticsSnapshot.objects.for_user(user)
    assert snapshots.count() == 12 and snapshots.filter(applications__gt=0).count() >= 5

    counts = (apps.count(), interviews.count(), reminders.count(), StatusChange.objects.filter(user=user).count(), 12)
    call_command("seed_demo")  # again: refreshed, not duplicated
    assert (
        Application.objects.for_user(user).count(),
        Interview.objects.for_user(user).count(),
        Reminder.objects.for_user(user).count(),
        StatusChange.objects.filter(user=user).count(),
        AnalyticsSnapshot.objects.for_user(user).count(),
    ) == counts
