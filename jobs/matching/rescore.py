"""Scoring postings for users and keeping the results (jobs.models.Match).

    rescore_user(user_id=...)          # every live posting for one user (after a profile change): 100k in seconds
    score_postings(posting_ids=[...])   # new or changed postings for every user with a match profile (after ingest)

Only the posting columns a score reads are loaded (``score.ROW_COLUMNS``: the compact ``match_features``, not
the analysis), in chunks. Scores below ``score.STORE_FLOOR`` are not kept, and a stored match that falls below
it (or whose posting closed) is deleted.

Writes: on PostgreSQL the rows are COPYed into a temporary table, then one ``INSERT ... ON CONFLICT DO UPDATE``
and one ``DELETE`` of the stale rows; elsewhere ``bulk_create(update_conflicts=True)`` and an ORM delete. Either
way in one transaction, so the page sees the old matches or the new ones, never half.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from jobs.matching import score
from jobs.matching.profile import resume_skill_evidence
from jobs.matching.services import resume_sections, scoring_profile
from jobs.models import JobPosting, Match, MatchProfile

CHUNK = 5_000
_COLUMNS = ("id", "created_at", "updated_at", "user_id", "posting_id", "score", "breakdown")
_COLUMNS += ("matched_skills", "missing_skills", "profile_version")
_UPDATED = ("updated_at", "score", "breakdown", "matched_skills", "missing_skills", "profile_version")
# What decides whether a kept match changed (and so whether its row is rewritten, with the new profile_version).
_COMPARED = ("score", "breakdown", "matched_skills", "missing_skills")


def live_rows(posting_ids: Sequence | None = None) -> Iterator[tuple]:
    """``score.ROW_COLUMNS`` of every live posting (open, not a duplicate), or of those of ``posting_ids``."""
    postings = JobPosting.objects.filter(closed_at__isnull=True, duplicate_of__isnull=True)
    if posting_ids is not None:
        postings = postings.filter(pk__in=list(posting_ids))
    rows = postings.order_by().values_list(*score.ROW_COLUMNS)
    if connection.vendor != "postgresql":
        return rows.iterator(chunk_size=CHUNK)
    return _pg_rows(rows)


def _pg_rows(rows) -> Iterator[tuple]:
    """The rows of a ``values_list`` query read straight off the cursor, decoding the two JSON columns here.

    Django's per-value converters cost more than the query itself at 100,000 rows. Every other column comes from
    psycopg as the ORM would give it (UUID, aware datetimes, str, int, bool). The ingest-time ``skills`` are only
    read when there are no ``match_features``, the only case score_row looks at them.
    """
    sql, params = rows.query.sql_with_params()
    loads = json.loads
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            for row in batch:
                features = _json(row[-1], loads)
                yield (*row[:-2], None if features else _json(row[-2], loads), features)


def _json(value, loads):
    return loads(value) if isinstance(value, str | bytes) else value


def fill_features(posting_ids: Sequence | None = None) -> int:
    """Store ``match_features`` where an analysis was written without them (by code other than ingest's)."""
    from jobs.ingest import update_rows

    missing = JobPosting.objects.filter(match_features={}).exclude(analysis={})
    if posting_ids is not None:
        missing = missing.filter(pk__in=list(posting_ids))
    done = 0
    while batch := list(missing.only("id", "analysis", "match_features")[:500]):
        for posting in batch:
            posting.match_features = score.features_of(posting.analysis)
        update_rows(batch, ["match_features"])
        done += len(batch)
    return done


def scored(profile: score.Profile, rows: Iterable[tuple]) -> Iterator[tuple]:
    """(posting_id, Result) of the rows scoring at least the floor."""
    floor = score.STORE_FLOOR
    score_row = score.score_row
    for row in rows:
        result = score_row(profile, row)
        if result.score >= floor:
            yield row[0], result


def rescore_user(*, user_id, force: bool = False, now: datetime | None = None) -> int | None:
    """Score every live posting for the user's current match profile; returns how many matches are kept.

    Safe to repeat: a profile already scored at its version is left alone (unless ``force``, the daily refresh of
    the recency part), and a run whose profile changed meanwhile writes nothing (the change queued its own run).
    """
    match_profile = MatchProfile.objects.filter(user_id=user_id).select_related("resume").first()
    if match_profile is None or (match_profile.scored_version >= match_profile.version and not force):
        return None
    version = match_profile.version
    now = now or timezone.now()
    skills = resume_skill_evidence(resume_sections(match_profile))
    match_profile.skills = skills
    profile = scoring_profile(match_profile, now=now)
    fill_features()
    results = list(scored(profile, live_rows()))
    with transaction.atomic():
        current = MatchProfile.objects.filter(pk=match_profile.pk, version=version)
        if current.select_for_update().values_list("pk", flat=True).first() is None:
            return None  # changed since this run began: the change queued the run that counts
        write_matches(user_id=user_id, version=version, results=results, now=now, replace_all=True)
        current.update(skills=skills, scored_version=version, scored_at=now)
    return len(results)


def score_postings(*, posting_ids: Sequence, now: datetime | None = None) -> int:
    """Score these postings (new or changed at ingest) for every user with a match profile; returns rows kept."""
    now = now or timezone.now()
    fill_features(posting_ids)
    rows = list(live_rows(posting_ids))
    ids = [str(pk) for pk in posting_ids]
    kept = 0
    from accounts.models import Profile

    for match_profile in MatchProfile.objects.select_related("resume").order_by("created_at").iterator(chunk_size=200):
        account = Profile.objects.filter(user_id=match_profile.user_id).first()
        if account is None:
            account = Profile(user_id=match_profile.user_id)
        profile = scoring_profile(match_profile, account=account, now=now)
        results = list(scored(profile, rows))
        with transaction.atomic():
            write_matches(
                user_id=match_profile.user_id,
                version=match_profile.version,
                results=results,
                now=now,
                posting_ids=ids,
            )
        kept += len(results)
    return kept


def write_matches(
    *,
    user_id,
    version: int,
    results: Sequence[tuple],
    now: datetime,
    replace_all: bool = False,
    posting_ids: Sequence[str] = (),
) -> None:
    """Upsert ``results`` ((posting_id, Result), ...) as the user's matches and delete the stale ones: every other
    match of the user with ``replace_all``, else those of ``posting_ids`` not in ``results``. Call in a transaction.
    """
    if connection.vendor == "postgresql":
        _pg_write(user_id, version, results, now, replace_all, posting_ids)
        return
    if replace_all:
        before = Match.objects.filter(user_id=user_id)
    else:
        before = Match.objects.filter(user_id=user_id, posting_id__in=list(posting_ids))
    existing = {str(row[0]): row[1:] for row in before.values_list("posting_id", *_COMPARED)}
    objs = [
        Match(
            user_id=user_id,
            posting_id=posting_id,
            score=result.score,
            breakdown=result.points,
            matched_skills=result.matched,
            missing_skills=result.missing,
            profile_version=version,
            created_at=now,
            updated_at=now,
        )
        for posting_id, result in results
        # As on PostgreSQL: an unchanged match is not rewritten.
        if existing.get(str(posting_id)) != (result.score, result.points, result.matched, result.missing)
    ]
    Match.objects.bulk_create(
        objs,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["user", "posting"],
        update_fields=["score", "breakdown", "matched_skills", "missing_skills", "profile_version", "updated_at"],
    )
    keep = {str(posting_id) for posting_id, _ in results}
    stale = [pk for pk in existing if pk not in keep]
    for start in range(0, len(stale), 500):
        Match.objects.filter(user_id=user_id, posting_id__in=stale[start : start + 500]).delete()


_TEMP = "jobs_match_new"


def _pg_write(user_id, version, results, now, replace_all, posting_ids) -> None:
    from jobs.ingest import _pg_copy

    qn = connection.ops.quote_name
    table = qn(Match._meta.db_table)
    user = uuid.UUID(str(user_id))
    columns = ", ".join(qn(c) for c in _COLUMNS)
    updates = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in _UPDATED)
    same = ", ".join(f"m.{qn(c)}" for c in _COMPARED)
    excluded = ", ".join(f"EXCLUDED.{qn(c)}" for c in _COMPARED)
    parts = tuple(score.WEIGHTS)
    # Only what differs between rows travels (points as a smallint array, the skills as text arrays: no JSON
    # encoding in Python); the JSON columns are built by the INSERT below.
    breakdown = ", ".join(f"'{key}', n.points[{i}]" for i, key in enumerate(parts, start=1))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_TEMP}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_TEMP} (posting_id uuid NOT NULL, score smallint NOT NULL, "
            "points smallint[] NOT NULL, matched text[] NOT NULL, missing text[] NOT NULL) ON COMMIT DROP"
        )
    _pg_copy(
        _TEMP,
        ("posting_id", "score", "points", "matched", "missing"),
        (
            (posting_id, result.score, [result.points[key] for key in parts], result.matched, result.missing)
            for posting_id, result in results
        ),
    )
    with connection.cursor() as cursor:
        # Indexed and analysed, so that the stale rows are found by an anti-join, not a scan per row.
        cursor.execute(f"CREATE INDEX ON {_TEMP} (posting_id)")
        cursor.execute(f"ANALYZE {_TEMP}")
        # A row whose score, breakdown and skills are what they were is left as it is: after a profile change most
        # postings score the same, and rewriting them would cost a new row version and index entries each.
        cursor.execute(
            f"INSERT INTO {table} AS m ({columns}) "  # noqa: S608 (names from the model)
            f"SELECT gen_random_uuid(), %(now)s, %(now)s, %(user)s, n.posting_id, n.score, "
            f"jsonb_build_object({breakdown}), to_jsonb(n.matched), to_jsonb(n.missing), %(version)s "
            f"FROM {_TEMP} n "
            f"ON CONFLICT (user_id, posting_id) DO UPDATE SET {updates} WHERE ({same}) IS DISTINCT FROM ({excluded})",
            {"now": now, "user": user, "version": version},
        )
        stale = (
            f"DELETE FROM {table} m WHERE m.user_id = %s "  # noqa: S608 (names from the model)
            f"AND NOT EXISTS (SELECT 1 FROM {_TEMP} n WHERE n.posting_id = m.posting_id)"
        )
        if replace_all:
            cursor.execute(stale, [user])
        elif posting_ids:
            cursor.execute(stale + " AND m.posting_id = ANY(%s::uuid[])", [user, list(posting_ids)])
        cursor.execute(f"DROP TABLE {_TEMP}")
