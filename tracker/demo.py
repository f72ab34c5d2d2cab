# ruff: noqa: E501  (one line per demo application reads as a table)
"""Demo data for `manage.py seed_demo`: a realistic job search of ten weeks (fictional companies and people).

Running it again replaces the demo user's tracker rows with a fresh copy, so the dates stay relative to today
(upcoming interviews stay upcoming) and nothing is duplicated. Everything is written through tracker.services
with backdated `at=` times, so the history, response times and the dashboard look like a real search.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from tracker import priority, services
from tracker.analytics import snapshot_all
from tracker.models import AnalyticsSnapshot, Application, Contact, Interview, Note, Reminder

Status = Application.Status
Reason = Application.ClosingReason

# (company, role, source, location, workplace, salary min, max, currency, excitement, priority,
#  path: "status:days-ago ..." in order, closing reason of the last step)
# One line per application reads as a table.
# fmt: off
PIPELINE = (
    # Saved: a wish list, some with deadlines.
    ("Quarrystone Cloud", "Senior Platform Engineer", "LinkedIn", "Remote (Europe)", "remote", 75000, 90000, "EUR", 5, 3, "saved:3", ""),
    ("Saltmarsh Games", "Backend Engineer, Live Services", "Company site", "Lisbon, Portugal", "hybrid", 55000, 65000, "EUR", 4, 2, "saved:6", ""),
    ("Fernhollow Systems", "Python Developer", "Greenhouse board", "Porto, Portugal", "onsite", 45000, 52000, "EUR", 2, 1, "saved:9", ""),
    ("Larkspur Labs", "Machine Learning Engineer", "Demo board", "London, United Kingdom", "onsite", 80000, 100000, "GBP", 3, 2, "saved:4", ""),
    ("Kestrel Mobility", "Staff Backend Engineer", "Recruiter", "Remote (Worldwide)", "remote", 95000, 120000, "USD", 4, 3, "saved:2", ""),
    ("Ironbark Security", "Software Engineer, Detection", "Hacker News (Who is hiring)", "Remote (EU time zones)", "remote", None, None, "", 3, 2, "saved:12", ""),
    ("Oakridge Learning", "Full Stack Developer", "Demo board", "Remote (Worldwide)", "remote", None, None, "", 2, 2, "saved:1", ""),
    # Applied, waiting.
    ("Harbourline Logistics", "Senior Backend Engineer (Python)", "Company site", "Lisbon, Portugal", "hybrid", 65000, 80000, "EUR", 5, 3, "saved:16 applied:14", ""),
    ("Copperleaf Studio", "Backend Engineer", "LinkedIn", "Amsterdam, Netherlands", "hybrid", 60000, 75000, "EUR", 3, 2, "applied:11", ""),
    ("Willowmere Bank", "Python Engineer, Payments", "Recruiter", "Dublin, Ireland", "hybrid", 70000, 85000, "EUR", 3, 2, "applied:9", ""),
    ("Thistledown Software", "Backend Developer (Django)", "Wellfound", "Remote (Europe)", "remote", 50000, 60000, "EUR", 4, 2, "saved:10 applied:8", ""),
    ("Greyheron Data", "Data Platform Engineer", "Greenhouse board", "Berlin, Germany", "hybrid", 68000, 78000, "EUR", 3, 2, "applied:6", ""),
    ("Redwing Travel", "Senior Software Engineer", "LinkedIn", "Barcelona, Spain", "hybrid", 55000, 65000, "EUR", 2, 1, "applied:5", ""),
    ("Lanternfish", "Backend Engineer, API", "Referral", "Remote (Europe)", "remote", 70000, 80000, "EUR", 4, 3, "applied:3", ""),
    ("Mossgate Health", "Platform Engineer", "Lever board", "Remote (UK)", "remote", 60000, 70000, "GBP", 3, 2, "applied:2", ""),
    # Screening.
    ("Tidewater Energy", "Backend Engineer (Go)", "Demo board", "Berlin, Germany", "hybrid", 70000, 85000, "EUR", 3, 2, "applied:20 screening:15", ""),
    ("Stonechat Analytics", "Senior Python Engineer", "Referral", "Remote (Europe)", "remote", 72000, 85000, "EUR", 4, 3, "applied:17 screening:12", ""),
    ("Skylark Education", "Software Engineer", "Company site", "Lisbon, Portugal", "onsite", 42000, 50000, "EUR", 2, 1, "applied:13 screening:7", ""),
    ("Peregrine Freight", "Backend Engineer", "Recruiter", "Rotterdam, Netherlands", "hybrid", 62000, 72000, "EUR", 3, 2, "applied:10 screening:4", ""),
    # Interviewing.
    ("Bluefin Payments", "Site Reliability Engineer", "Demo board", "New York, NY", "remote", 150000, 180000, "USD", 4, 3, "applied:38 screening:31 interviewing:24", ""),
    ("Northwind Health Cooperative", "Data Engineer", "Referral", "Remote (Europe)", "remote", 55000, 70000, "GBP", 4, 2, "applied:33 screening:27 interviewing:20", ""),
    ("Cinderpath", "Senior Backend Engineer", "LinkedIn", "Singapore", "hybrid", 110000, 140000, "SGD", 3, 2, "applied:29 screening:24 interviewing:15", ""),
    ("Alderbrook Media", "Platform Engineer", "Greenhouse board", "Remote (US)", "remote", 135000, 155000, "USD", 5, 3, "applied:26 interviewing:16", ""),
    ("Juniper Row", "Backend Engineer, Search", "Company site", "Lisbon, Portugal", "hybrid", 60000, 72000, "EUR", 4, 2, "applied:22 screening:18 interviewing:10", ""),
    # Offers and the one accepted (of a previous round).
    ("Silverfin Capital", "Senior Software Engineer", "Recruiter", "London, United Kingdom", "hybrid", 90000, 105000, "GBP", 3, 2, "applied:52 screening:46 interviewing:38 offer:6", ""),
    ("Ravenscar Robotics", "Backend Engineer, Fleet", "Referral", "Remote (Europe)", "remote", 78000, 88000, "EUR", 5, 3, "applied:47 screening:41 interviewing:33 offer:3", ""),
    ("Brightmoor Insurance", "Python Developer", "LinkedIn", "Lisbon, Portugal", "hybrid", 48000, 56000, "EUR", 2, 1, "applied:68 screening:62 interviewing:55 offer:47 accepted:45", "accepted_offer"),
    # Closed.
    ("Meadowbank Retail", "Data Analyst", "Demo board", "Manchester, United Kingdom", "hybrid", 38000, 45000, "GBP", 2, 1, "applied:60 rejected:52", "rejected_resume"),
    ("Hollowtree Foods", "Backend Engineer", "Company site", "Madrid, Spain", "onsite", 45000, 55000, "EUR", 2, 2, "applied:58 screening:51 interviewing:44 rejected:36", "rejected_interview"),
    ("Marlowe & Finch", "Senior Engineer, Platform", "Recruiter", "Remote (Europe)", "remote", 80000, 95000, "EUR", 4, 2, "applied:45 screening:40 interviewing:30 rejected:21", "rejected_interview"),
    ("Gullwing Air", "Software Engineer, Booking", "Greenhouse board", "Dublin, Ireland", "onsite", 60000, 70000, "EUR", 2, 1, "applied:40 rejected:28", "position_filled"),
    ("Bramblewood", "Backend Developer", "LinkedIn", "Paris, France", "onsite", 50000, 58000, "EUR", 1, 1, "applied:55 screening:49 withdrawn:42", "location"),
    ("Cobaltline", "Python Engineer", "Wellfound", "Remote (Europe)", "remote", 40000, 48000, "EUR", 2, 1, "applied:50 screening:44 interviewing:39 withdrawn:30", "salary"),
    ("Sunfield Energy", "Backend Engineer", "LinkedIn", "Remote (Europe)", "remote", None, None, "", 3, 2, "applied:66 ghosted:30", ""),
    ("Pinewhistle", "Software Engineer", "Company site", "Lisbon, Portugal", "hybrid", 50000, 60000, "EUR", 2, 2, "applied:57 ghosted:25", ""),
    ("Orchard Lane Labs", "Backend Engineer (Python)", "Greenhouse board", "Remote (Europe)", "remote", 65000, 75000, "EUR", 3, 2, "applied:48 ghosted:18", ""),
)
# fmt: on

# Deadlines (days from today) and next actions (text, days from today) of open applications.
DEADLINES = {"Quarrystone Cloud": 2, "Saltmarsh Games": 5, "Kestrel Mobility": 12, "Larkspur Labs": -1}
NEXT_ACTIONS = {
    "Quarrystone Cloud": ("Tailor the resume and apply", 1),
    "Harbourline Logistics": ("Follow up with the hiring manager", 0),
    "Copperleaf Studio": ("Follow up if no reply", 3),
    "Willowmere Bank": ("Ask the recruiter for the salary band", -2),
    "Stonechat Analytics": ("Send availability for the technical round", 0),
    "Bluefin Payments": ("Prepare the system design round", 2),
    "Cinderpath": ("Send a thank-you note", -1),
    "Silverfin Capital": ("Answer the offer (counter at 110k)", 4),
    "Ravenscar Robotics": ("Compare the offer with Silverfin", 2),
}
NOTES = {
    "Harbourline Logistics": ["Team of 40, profitable. Hiring manager is Inês; she liked my PostgreSQL work."],
    "Stonechat Analytics": ["Referred by Tomás (ex-colleague). Mentioned the Kafka migration in the screen."],
    "Bluefin Payments": [
        "Recruiter screen went well; the team runs Kubernetes on AWS, on-call one week in six.",
        "Technical round: debugging a flaky queue consumer. Went fine, ran out of time on the follow-ups.",
    ],
    "Northwind Health Cooperative": ["Mission-driven; salary is fixed by band, no negotiation."],
    "Silverfin Capital": ["Offer: GBP 98k base + 10% bonus, start in six weeks. Asked for 110k."],
    "Ravenscar Robotics": ["Offer: EUR 85k, fully remote, 4 weeks to decide."],
    "Hollowtree Foods": ["Feedback: wanted more frontend experience than I have."],
    "Cobaltline": ["Withdrew: the budget topped out well below my minimum."],
    "Sunfield Energy": ["Applied through LinkedIn Easy Apply; no reply to two follow-ups."],
}
CONTACTS = {
    "Harbourline Logistics": ("Inês Carvalho", "Engineering manager", "ines.carvalho@harbourline.example"),
    "Willowmere Bank": ("Priya Raman", "Recruiter (agency)", "priya@talentbridge.example"),
    "Stonechat Analytics": ("Tomás Ferreira", "Referrer, senior engineer", "tomas@stonechat.example"),
    "Bluefin Payments": ("Jordan Ellis", "Technical recruiter", "jordan.ellis@bluefin.example"),
    "Northwind Health Cooperative": ("Hannah Okafor", "Head of data", "hannah.okafor@northwind.example"),
    "Cinderpath": ("Wei Lin Tan", "Talent partner", "weilin@cinderpath.example"),
    "Silverfin Capital": ("Oliver Grant", "Recruiter (agency)", "oliver@grantsearch.example"),
    "Ravenscar Robotics": ("Sofia Lindqvist", "Engineering manager", "sofia@ravenscar.example"),
    "Peregrine Freight": ("Daan de Vries", "Recruiter", "daan@peregrine.example"),
}
# (company, kind, days from today (negative: past), local hour, IANA zone, minutes, outcome, interviewers, extra)
INTERVIEWS = (
    ("Tidewater Energy", "phone", 2, 15, "Europe/Berlin", 30, "pending", "Lena Vogel (recruiter)", {}),
    ("Stonechat Analytics", "video", 4, 11, "Europe/London", 60, "pending", "Ade Bello\nMara Quinn", {}),
    ("Peregrine Freight", "phone", -2, 10, "Europe/Amsterdam", 30, "passed", "Daan de Vries", {}),
    ("Bluefin Payments", "phone", -29, 11, "America/New_York", 30, "passed", "Jordan Ellis", {}),
    ("Bluefin Payments", "video", -21, 10, "America/New_York", 90, "passed", "Sam Porter\nRiya Shah", {}),
    (
        "Bluefin Payments",
        "video",
        1,
        11,
        "America/New_York",
        60,
        "pending",
        "Chris Novak (engineering manager)",
        {"preparation": "System design: a payments ledger. Review idempotency keys and outbox pattern."},
    ),
    ("Northwind Health Cooperative", "video", -24, 14, "Europe/London", 45, "passed", "Hannah Okafor", {}),
    ("Northwind Health Cooperative", "take_home", -18, 9, "Europe/London", 240, "passed", "", {}),
    ("Northwind Health Cooperative", "video", 6, 13, "Europe/London", 60, "pending", "Hannah Okafor\nGreg Adams", {}),
    ("Cinderpath", "video", -13, 17, "Asia/Singapore", 60, "passed", "Wei Lin Tan", {}),
    ("Cinderpath", "video", -2, 16, "Asia/Singapore", 90, "pending", "Arjun Mehta\nKai Ong", {}),
    ("Alderbrook Media", "video", -14, 9, "America/Los_Angeles", 45, "passed", "Dee Morales", {}),
    ("Alderbrook Media", "video", 3, 9, "America/Los_Angeles", 60, "rescheduled", "Dee Morales", {}),
    ("Alderbrook Media", "video", 8, 9, "America/Los_Angeles", 60, "pending", "Dee Morales\nNate Cho", {}),
    (
        "Juniper Row",
        "onsite",
        5,
        10,
        "Europe/Lisbon",
        180,
        "pending",
        "Rita Alves\nJoão Pinto",
        {"location": "Rua do Ouro 120, 3rd floor, Lisbon", "preparation": "Pairing on a search ranking bug."},
    ),
    ("Silverfin Capital", "video", -40, 10, "Europe/London", 60, "passed", "Oliver Grant", {}),
    (
        "Silverfin Capital",
        "onsite",
        -20,
        10,
        "Europe/London",
        240,
        "passed",
        "Panel of four",
        {"location": "1 Fenchurch Walk, London"},
    ),
    ("Ravenscar Robotics", "video", -35, 14, "Europe/Stockholm", 60, "passed", "Sofia Lindqvist", {}),
    ("Ravenscar Robotics", "video", -10, 14, "Europe/Stockholm", 120, "passed", "Sofia Lindqvist\nErik Holm", {}),
    (
        "Hollowtree Foods",
        "onsite",
        -40,
        11,
        "Europe/Madrid",
        120,
        "failed",
        "Lucía Romero",
        {"location": "Calle de Alcalá 200, Madrid"},
    ),
    ("Marlowe & Finch", "video", -25, 15, "Europe/Berlin", 60, "failed", "Theo Marlowe", {}),
    ("Cobaltline", "video", -37, 12, "Europe/Warsaw", 60, "cancelled", "Piotr Nowak", {}),
)
# (company or "", kind, title, due in days (negative: overdue), snoozed until (days) or None, done)
REMINDERS = (
    ("Harbourline Logistics", "follow_up", "Follow up with Inês about the application", 0, None, False),
    ("Willowmere Bank", "follow_up", "Chase the recruiter for the salary band", -2, None, False),
    ("Cinderpath", "thank_you", "Thank-you note to Arjun and Kai", -1, None, False),
    ("Bluefin Payments", "prepare", "Prepare the system design round", 0, None, False),
    ("Quarrystone Cloud", "deadline", "Apply before the posting closes", 2, None, False),
    ("Copperleaf Studio", "follow_up", "Follow up if no reply", -3, 3, False),
    ("Thistledown Software", "follow_up", "Check the application status", -1, 5, False),
    ("Silverfin Capital", "other", "Answer the offer", 4, None, False),
    ("Peregrine Freight", "thank_you", "Thank-you note to Daan", -2, None, True),
    ("Bluefin Payments", "thank_you", "Thank-you note after the technical round", -20, None, True),
    ("", "other", "Update the LinkedIn headline", 1, None, False),
    ("", "other", "Ask Tomás for a second referral", -6, None, True),
)
RESUME_VERSION_COMPANIES = ("Harbourline Logistics", "Stonechat Analytics", "Ravenscar Robotics")
JOB_DESCRIPTION_COMPANIES = ("Harbourline Logistics", "Northwind Health Cooperative")


def _lookups(user) -> dict:
    """The demo user's resume, optimized version, job descriptions and the demo board's postings, when there."""
    from jobs.demo import DEMO_SOURCE
    from jobs.models import JobDescription, JobPosting
    from optimize.models import OptimizedVersion
    from resumes.models import Resume

    return {
        "resume": Resume.objects.for_user(user)
        .filter(parse_status=Resume.Status.COMPLETED)
        .order_by("created_at")
        .first(),
        "version": OptimizedVersion.objects.for_user(user).order_by("-created_at").first(),
        "jds": {jd.company: jd for jd in JobDescription.objects.for_user(user) if jd.company},
        "postings": {(p.company, p.title): p for p in JobPosting.objects.filter(source__name=DEMO_SOURCE)},
    }


def _local(now: datetime, days: int, hour: int, zone: str) -> datetime:
    day = (now + timedelta(days=days)).astimezone(ZoneInfo(zone)).date()
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def _links(company: str, role: str, status: str, found: dict) -> dict:
    fields: dict = {}
    posting = found["postings"].get((company, role))
    if posting:
        fields["posting"] = posting
        fields["apply_url"] = posting.apply_url
    if company in found["jds"] and company in JOB_DESCRIPTION_COMPANIES:
        fields["job_description"] = found["jds"][company]
    if status == Status.SAVED:
        return fields
    version, resume = found["version"], found["resume"]
    if version and company in RESUME_VERSION_COMPANIES:
        fields.update(
            resume=version.resume,
            resume_version=version,
            resume_label=version.name,
            resume_snapshot=version.sections,
            match_score=version.score,
        )
    elif resume:
        fields.update(resume=resume, resume_label=resume.title, resume_snapshot=resume.sections)
    return fields


def seed(user) -> str:
    # Start over: the demo's dates are relative to today. Deleting the applications removes their history,
    # notes, contacts, interviews and reminders with them.
    Application.objects.for_user(user).delete()
    Reminder.objects.for_user(user).delete()
    AnalyticsSnapshot.objects.for_user(user).delete()

    now = timezone.now()
    today = timezone.localdate()
    found = _lookups(user)
    applications: dict[str, Application] = {}
    for index, row in enumerate(PIPELINE):
        company, role, source, location, workplace, low, high, currency, excitement, prio, path, reason = row
        steps = [(status, int(days)) for status, days in (step.split(":") for step in path.split())]
        # Spread the times over the working day so the history does not look machine-made.
        offset = timedelta(hours=(index * 5) % 8, minutes=(index * 17) % 60)
        first_status, first_days = steps[0]
        fields = {
            "company": company,
            "role": role,
            "source": source,
            "location": location,
            "workplace": workplace,
            "salary_min": low,
            "salary_max": high,
            "salary_currency": currency,
            "excitement": excitement,
            "priority": prio,
            "status": first_status,
            **_links(company, role, steps[-1][0], found),
        }
        if company in DEADLINES:
            fields["deadline"] = today + timedelta(days=DEADLINES[company])
        if company in NEXT_ACTIONS:
            text, days = NEXT_ACTIONS[company]
            fields.update(next_action=text, next_action_on=today + timedelta(days=days))
        application = services.create_application(user, at=now - timedelta(days=first_days) + offset, **fields)
        for position, (status, days) in enumerate(steps[1:], start=1):
            last = position == len(steps) - 1
            services.change_status(
                application,
                status,
                closing_reason=reason if last else "",
                at=now - timedelta(days=days) + offset,
            )
        applications[company] = application

    for company, texts in NOTES.items():
        for text in texts:
            Note.objects.create(user=user, application=applications[company], text=text)
    for company, (name, role, email) in CONTACTS.items():
        Contact.objects.create(user=user, application=applications[company], name=name, role=role, email=email)

    for company, kind, days, hour, zone, minutes, outcome, interviewers, extra in INTERVIEWS:
        meeting = "" if kind in ("onsite", "take_home") else f"https://meet.example.com/{company[:4].lower()}-{days}"
        Interview.objects.create(
            user=user,
            application=applications[company],
            kind=kind,
            starts_at=_local(now, days, hour, zone),
            timezone=zone,
            duration_minutes=minutes,
            meeting_url=meeting,
            interviewers=interviewers,
            outcome=outcome,
            outcome_notes="They sent feedback by e-mail." if outcome in ("passed", "failed") else "",
            **extra,
        )

    for company, kind, title, due, snoozed, done in REMINDERS:
        Reminder.objects.create(
            user=user,
            application=applications.get(company),
            kind=kind,
            title=title,
            due_on=today + timedelta(days=due),
            snoozed_until=today + timedelta(days=snoozed) if snoozed is not None else None,
            done_at=now - timedelta(days=max(-due, 0)) if done else None,
        )

    priority.rescore(user)
    # The dashboard's trend reads weekly snapshots: fill the last twelve weeks, as the weekly job would have.
    snapshot_all(today, weeks=12, users=[user])
    return f"{len(applications)} applications, {len(INTERVIEWS)} interviews and {len(REMINDERS)} reminders"
