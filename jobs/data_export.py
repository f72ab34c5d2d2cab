"""The jobs part of "download your data": job descriptions, saved postings, the match profile, cover letters."""

from __future__ import annotations

from jobs.models import CoverLetter, JobDescription, MatchProfile, SavedJob


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def collect(user) -> dict:
    profile = MatchProfile.objects.for_user(user).first()
    return {
        "job_descriptions": [
            {
                "id": str(jd.id),
                "title": jd.title,
                "company": jd.company,
                "location": jd.location,
                "source": jd.source,
                "source_url": jd.source_url,
                "original_filename": jd.original_filename,
                "text": jd.text,
                "notes": jd.notes,
                "analysis": jd.analysis,
                "created_at": _iso(jd.created_at),
            }
            for jd in JobDescription.objects.for_user(user).order_by("created_at")
        ],
        "saved_postings": [
            {
                "posting": str(s.posting_id),
                "title": s.posting.title,
                "company": s.posting.company,
                "url": s.posting.url,
                "note": s.note,
                "saved_at": _iso(s.created_at),
            }
            for s in SavedJob.objects.for_user(user).select_related("posting").order_by("created_at")
        ],
        "match_profile": profile
        and {
            "resume": str(profile.resume_id) if profile.resume_id else None,
            "skills": profile.skills,
            "skills_added": profile.skills_added,
            "skills_removed": profile.skills_removed,
            "seniority": profile.seniority,
            "threshold": profile.threshold,
        },
        "cover_letters": [
            {
                "id": str(c.id),
                "job_title": c.job_title,
                "job_company": c.job_company,
                "resume": c.resume_label,
                "status": c.status,
                "text": c.text,
                "highlights": c.highlights,
                "interview_questions": c.questions,
                "provider": c.provider,
                "edited": c.edited,
                "created_at": _iso(c.created_at),
            }
            for c in CoverLetter.objects.for_user(user).order_by("created_at")
        ],
    }
