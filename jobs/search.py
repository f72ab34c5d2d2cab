"""Searching job-board postings (the "Browse postings" page and the search bench).

PostgreSQL: full text with ``websearch_to_tsquery`` for the user's words over two vectors the database stores
(generated columns of migration 0004, outside the model state): ``search_document`` (title A, company B,
description C; GIN index), which a posting must match, and ``search_heading`` (title and company), which the
matches are ranked by (``ts_rank``). Only the newest ``CANDIDATE_CAP`` matches are ranked, so a common word costs
about the same on 100,000 postings as on 1,000: a common query finds them by walking the newest postings and
checking each stored vector, a rare one reads its few matches from the GIN index. A search without filters walks
``jobs_postingwalk`` (migration 0005: the live postings' ids, dates and vectors only); a filtered one walks the
postings themselves (``jobposting_live_recent``).
Location and skills filters are served by a trigram index on ``UPPER(location)`` and a GIN index on ``skills``
(migration 0003).

SQLite (the embedded mode, small data): every word must appear in the title, the company or the description
(``icontains``), newest first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import timedelta

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, FloatField, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone

from jobs.models import JobPosting, JobSource

# How many of the newest matches are ranked; the rest of a very common query's matches are not shown.
CANDIDATE_CAP = 200
# How many of the newest live postings a query's matches are first looked for in (see _rank_postgres): through
# the narrow copy of migration 0005 for a search without filters, through the postings themselves with filters.
WALK_WINDOW = 15_000
RECENT_WINDOW = 5_000


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
    # Only live postings, nothing else asked: the narrow walk table holds exactly these.
    plain = open_only and remote is None and not location and min_salary is None and posted_within_days is None
    plain = plain and (source is None or source == "") and not wanted

    query = (query or "").strip()
    if not query:
        return qs.order_by("-posted_at", "-id")
    if connection.vendor == "postgresql":
        return _rank_postgres(qs, query, plain=plain)
    return _match_words(qs, query)


def _filter_skills(qs: QuerySet, wanted: list[str]) -> QuerySet:
    if connection.vendor == "postgresql":
        return qs.filter(skills__contains=wanted)  # jsonb @>, served by the GIN index on skills
    # SQLite: the JSON text holds each name quoted; match it case-insensitively.
    qs = qs.annotate(skills_text=Cast("skills", TextField()))
    for skill in wanted:
        qs = qs.filter(skills_text__icontains=json.dumps(skill))
    return qs


def _rank_postgres(qs: QuerySet, query: str, *, plain: bool = False) -> QuerySet:
    # The stored vectors are not model fields (see the module docstring), so they are named unqualified: each
    # query that names them reads one table, or joins only tables without such columns.
    tsquery = "websearch_to_tsquery('english'::regconfig, %s)"
    if plain:
        # The live postings' vectors in date order, and nothing else (migration 0005): a narrow, fast walk.
        walk_sql = "SELECT posting_id AS id, posted_at, search_document AS document FROM jobs_postingwalk"
        walk_sql, walk_params = f"{walk_sql} ORDER BY posted_at DESC LIMIT {WALK_WINDOW}", ()
    else:
        walk_sql, walk_params = (
            qs.order_by("-posted_at")
            .annotate(document=RawSQL("search_document", []))
            .values("id", "posted_at", "document")[:RECENT_WINDOW]
            .query.sql_with_params()
        )
    # Raw SQL below is composed of constants and the ORM's own compiled SQL; the user's words are parameters.
    matches = RawSQL(f"search_document @@ {tsquery}", [query])  # noqa: S611
    matches = ExpressionWrapper(matches, output_field=BooleanField())
    every_sql, every_params = qs.filter(matches).order_by().values("id", "posted_at").query.sql_with_params()
    # The newest CANDIDATE_CAP matches. A common query finds them among the newest postings (the walk window), a
    # walk that stops early. Only when that window holds fewer does the second branch run: a query that rare has few
    # matches, read from the GIN index (the CTE keeps the planner from walking the whole table in date order
    # instead). The conditions are one-time filters, so exactly one branch runs.
    candidates = RawSQL(  # noqa: S611
        f"""
        WITH recent AS MATERIALIZED (
            SELECT walk.id FROM ({walk_sql}) AS walk
            WHERE walk.document @@ {tsquery}
            ORDER BY walk.posted_at DESC
            LIMIT {CANDIDATE_CAP}
        ), every AS MATERIALIZED (
            SELECT id, posted_at FROM ({every_sql}) AS matching
            WHERE (SELECT count(*) FROM recent) < {CANDIDATE_CAP}
        )
        SELECT id FROM recent WHERE (SELECT count(*) FROM recent) >= {CANDIDATE_CAP}
        UNION ALL
        (SELECT id FROM every ORDER BY posted_at DESC LIMIT {CANDIDATE_CAP})
        """,  # noqa: S608
        (*walk_params, query, *every_params),
    )
    # A title match outranks a description-only one, and ties go to the newest; the description still decides
    # which postings match.
    rank = RawSQL(f"ts_rank(search_heading, {tsquery})", [query], output_field=FloatField())  # noqa: S611
    return JobPosting.objects.filter(id__in=candidates).annotate(rank=rank).order_by("-rank", "-posted_at", "-id")


def _match_words(qs: QuerySet, query: str) -> QuerySet:
    for word in query.split():
        word = word.strip("\"'")
        if word.startswith("-") or word.lower() == "or" or not word:
            continue
        qs = qs.filter(Q(title__icontains=word) | Q(company__icontains=word) | Q(description_text__icontains=word))
    return qs.order_by("-posted_at", "-id")
