"""Searching job-board postings (the "Browse postings" page and the search bench).

PostgreSQL: full text over a weighted vector (title A, company B, description C) served by the GIN expression
index ``jobposting_search`` of migration 0003 (the expression below must stay identical to the one there), with
``websearch_to_tsquery`` for the user's words. Only the newest ``CANDIDATE_CAP`` matches are ranked
(``ts_rank``), so a common word costs the same on 100,000 postings as on 1,000. Location and skills filters are
served by a trigram index on ``UPPER(location)`` and a GIN index on ``skills`` of the same migration.

SQLite (the embedded mode, small data): every word must appear in the title, the company or the description
(``icontains``), newest first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import timedelta

from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from jobs.models import JobPosting, JobSource

# How many of the newest matches are ranked; the rest of a very common query's matches are not shown.
CANDIDATE_CAP = 500


def search_vector():
    """The weighted document of a posting; identical to the expression of the ``jobposting_search`` index."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("company", weight="B", config="english")
        + SearchVector("description_text", weight="C", config="english")
    )


def search_postings(
    *,
    query: str = "",
    remote: bool | None = None,
    location: str = "",
    min_salary: int | None = None,
    posted_within_days: int | None = None,
    source: JobSource | str | None = None,
    skills: Iterable[str] = (),
    open_only: bool = True,
) -> QuerySet[JobPosting]:
    """Postings matching the words and the filters, best first (newest first without words).

    Duplicates (postings with ``duplicate_of`` set) are never returned; closed postings only with ``open_only=False``.
    """
    qs = JobPosting.objects.filter(duplicate_of__isnull=True)
    if open_only:
        qs = qs.filter(closed_at__isnull=True)
    if remote is True:
        qs = qs.filter(Q(remote=True) | Q(workplace="remote"))
    elif remote is False:
        qs = qs.exclude(remote=True).exclude(workplace="remote")
    location = (location or "").strip()
    if location:
        qs = qs.filter(location__icontains=location)
    if min_salary is not None:
        qs = qs.filter(Q(salary_max__gte=min_salary) | Q(salary_min__gte=min_salary))
    if posted_within_days is not None:
        qs = qs.filter(posted_at__gte=timezone.now() - timedelta(days=posted_within_days))
    if source is not None and source != "":
        qs = qs.filter(source=source)
    wanted = [s.strip() for s in skills if s and s.strip()]
    if wanted:
        qs = _filter_skills(qs, wanted)

    query = (query or "").strip()
    if not query:
        return qs.order_by("-posted_at", "-id")
    if connection.vendor == "postgresql":
        return _rank_postgres(qs, query)
    return _match_words(qs, query)


def _filter_skills(qs: QuerySet, wanted: list[str]) -> QuerySet:
    if connection.vendor == "postgresql":
        return qs.filter(skills__contains=wanted)  # jsonb @>, served by the GIN index on skills
    # SQLite: the JSON text holds each name quoted; match it case-insensitively.
    qs = qs.annotate(skills_text=Cast("skills", TextField()))
    for skill in wanted:
        qs = qs.filter(skills_text__icontains=json.dumps(skill))
    return qs


def _rank_postgres(qs: QuerySet, query: str) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    terms = SearchQuery(query, search_type="websearch", config="english")
    candidates = (
        qs.annotate(document=search_vector())
        .filter(document=terms)
        .order_by("-posted_at", "-id")
        .values("id")[:CANDIDATE_CAP]
    )
    # Ranking re-reads each candidate's document; the description is the long part, so the rank looks at the
    # title and the company only (a title match outranks a description-only one, ties go to the newest). The
    # description still decides which postings match, through the index.
    from django.contrib.postgres.search import SearchVector

    heading = SearchVector("title", weight="A", config="english") + SearchVector(
        "company", weight="B", config="english"
    )
    return (
        JobPosting.objects.filter(id__in=candidates)
        .annotate(rank=SearchRank(heading, terms))
        .order_by("-rank", "-posted_at", "-id")
    )


def _match_words(qs: QuerySet, query: str) -> QuerySet:
    for word in query.split():
        word = word.strip("\"'")
        if word.startswith("-") or word.lower() == "or" or not word:
            continue
        qs = qs.filter(Q(title__icontains=word) | Q(company__icontains=word) | Q(description_text__icontains=word))
    return qs.order_by("-posted_at", "-id")
