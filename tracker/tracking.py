"""What "Track this" copies from a posting or a job description, and the frozen copy of the resume that was sent.

The field mapping lives here so the views stay thin and the mapping can be tested on its own.
"""

from __future__ import annotations

import copy

from tracker.models import Application

JD_SOURCE_LABEL = "Job description"
# Application has no pay period: a stated hourly/daily/weekly/monthly figure is turned into a yearly one, so it
# compares with the yearly minimum salary the priority score uses.
PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
WORKPLACES = set(Application.Workplace.values) - {""}


def _salary(low, high, currency: str, period: str | None) -> dict:
    factor = PER_YEAR.get(period or "year", 1)
    values = {}
    for name, amount in (("salary_min", low), ("salary_max", high)):
        if amount is None:
            continue
        try:
            number = round(float(amount) * factor)
        except (TypeError, ValueError):
            continue
        if number > 0:
            values[name] = number
    if values and currency:
        values["salary_currency"] = str(currency)[:10]
    return values


def _workplace(value: str | None) -> str:
    return value if value in WORKPLACES else ""


def _cut(value, length: int) -> str:
    return " ".join(str(value or "").split())[:length]


def latest_match_score(user, *, posting=None, job_description=None) -> int | None:
    """The score of the user's newest completed optimization for this posting or job description, if any."""
    from optimize.models import Optimization

    runs = Optimization.objects.for_user(user).filter(status=Optimization.Status.COMPLETED, score__isnull=False)
    if posting is not None:
        runs = runs.filter(posting=posting)
    elif job_description is not None:
        runs = runs.filter(job_description=job_description)
    else:
        return None
    return runs.order_by("-created_at").values_list("score", flat=True).first()


def fields_from_posting(user, posting) -> dict:
    """Application fields for a job-board posting (`posting.source` should be selected with it)."""
    analysis = posting.analysis or {}
    fields = {
        "company": _cut(posting.company or analysis.get("company") or "Unknown company", 200),
        "role": _cut(posting.title, 300),
        "location": _cut(posting.location, 200),
        "workplace": _workplace(posting.workplace or ("remote" if posting.remote else analysis.get("workplace"))),
        "apply_url": posting.apply_url or posting.url or "",
        "source": _cut(posting.source.name, 100),
        "posting": posting,
    }
    if posting.salary_min is not None or posting.salary_max is not None:
        fields.update(
            _salary(posting.salary_min, posting.salary_max, posting.salary_currency, posting.salary_period or None)
        )
    else:
        fields.update(_analysis_salary(analysis))
    fields["match_score"] = latest_match_score(user, posting=posting)
    return fields


def _analysis_salary(analysis: dict) -> dict:
    salary = analysis.get("salary") or {}
    if not salary:
        return {}
    return _salary(salary.get("min"), salary.get("max"), salary.get("currency") or "", salary.get("period"))


def fields_from_jd(user, jd) -> dict:
    """Application fields for one of the user's job descriptions."""
    analysis = jd.analysis or {}
    fields = {
        "company": _cut(jd.company or analysis.get("company") or "Unknown company", 200),
        "role": _cut(jd.title or analysis.get("title") or "Untitled role", 300),
        "location": _cut(jd.location or analysis.get("location"), 200),
        "workplace": _workplace(jd.workplace or analysis.get("workplace")),
        "apply_url": jd.source_url or "",
        "source": JD_SOURCE_LABEL,
        "job_description": jd,
        **_analysis_salary(analysis),
    }
    fields["match_score"] = latest_match_score(user, job_description=jd)
    return fields


# ---------------------------------------------------------------------------------------------------------------
# The resume that was sent.


def sent_resume(application: Application) -> tuple[str, dict]:
    """The label and a deep copy of the sections of the chosen version (or else the resume), as they are now."""
    version, resume = application.resume_version, application.resume
    if version is not None:
        return version.name[:200], copy.deepcopy(version.sections or {})
    if resume is not None:
        # The user's corrections when there are any (Resume.sections), else what the parser read.
        return resume.title[:200], copy.deepcopy(resume.sections or {})
    return "", {}


def freeze_sent_resume(application: Application, *, save: bool = True) -> bool:
    """Store what is being sent now; later edits to the resume or version leave this copy alone."""
    label, sections = sent_resume(application)
    application.resume_label, application.resume_snapshot = label, sections
    if save:
        application.save(update_fields=["resume_label", "resume_snapshot", "updated_at"])
    return bool(label)


def _text(value) -> str:
    return str(value).strip() if value not in (None, "") else ""


def snapshot_view(sections: dict) -> dict:
    """The parts of a sections dict the read-only page shows, tolerant of missing or odd keys."""
    sections = sections if isinstance(sections, dict) else {}
    contact = sections.get("contact") if isinstance(sections.get("contact"), dict) else {}
    summary = sections.get("summary")
    summary_text = summary.get("text") if isinstance(summary, dict) else summary
    experience = []
    for item in sections.get("experience") or []:
        if not isinstance(item, dict):
            continue
        dates = " - ".join(part for part in (_text(item.get("start")), _text(item.get("end"))) if part)
        experience.append(
            {
                "title": _text(item.get("title")),
                "company": _text(item.get("company")),
                "dates": dates,
                "bullets": [_text(b) for b in item.get("bullets") or [] if _text(b)],
            }
        )
    skills = []
    for group in sections.get("skills") or []:
        if isinstance(group, dict):
            items = [_text(i) for i in group.get("items") or [] if _text(i)]
            if items:
                skills.append({"group": _text(group.get("group")), "items": items})
        elif _text(group):
            skills.append({"group": "", "items": [_text(group)]})
    return {
        "name": _text(contact.get("name")),
        "email": _text(contact.get("email")),
        "summary": _text(summary_text),
        "experience": experience,
        "skills": skills,
    }
