"""Job-board ingestion: fetch a JobSource with its adapter and upsert the postings in bulk.

    run = scrape_source(source=source)      # one source -> ScrapeRun
    runs = scrape_all()                     # every enabled source, one at a time; a failure never stops the rest

The network fetch happens outside any transaction; the write of one source (upsert, closing, the run's counts) is
one transaction. ``upsert`` is the storage step on its own (no HTTP), used by ``scrape_source`` and the benchmark.

Rules:
- (source, external_id) identifies a posting. A content hash over the board's fields decides "updated": the same
  feed twice counts 0 new and 0 updated. Skills and the analysis are computed only for new or changed postings.
- Every posting seen gets ``last_seen_at`` = the run's time; a closed posting that comes back is reopened.
- Postings of the source not seen in this run are closed only when the fetch had no errors (a partial failure
  closes nothing). Postings past ``expires_at`` are closed in every run.
- Cross-board duplicates: a new or changed posting whose canonical apply URL equals that of an open posting of
  another source, or whose company|title|location key and description fingerprint both match one, gets
  ``duplicate_of`` = the earliest posting of that group.

Writes: on PostgreSQL new rows go in by COPY and changed rows through a temporary table and one UPDATE ... FROM
(values prepared by each field's ``get_db_prep_save``, as the ORM would); elsewhere ``bulk_create`` and an
``executemany`` UPDATE. Either way inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
import psycopg
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone

from careeragent.tasks import enqueue_on_commit
from jobs.analysis import analyze_job
from jobs.matching.score import features_of
from jobs.models import JobPosting, JobSource, ScrapeRun
from jobs.skills import extract_skills
from jobs.sources import (
    NormalizedPosting,
    canonical_apply_url,
    company_title_location_key,
    description_fingerprint,
    get_adapter,
    make_client,
)

log = logging.getLogger(__name__)

MAX_DEADLINE_S = 120.0  # a source's whole fetch; the actor's time limit is above it
BATCH = 500
ERROR_CHARS = 4000

# Fields copied from the board; the content hash covers exactly these.
CONTENT_FIELDS = (
    "title",
    "company",
    "location",
    "remote",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "tags",
    "description_text",
    "apply_url",
    "url",
    "posted_at",
    "expires_at",
    "employment_type",
)
DERIVED_FIELDS = ("skills", "analysis", "match_features", "content_hash", "canonical_url", "ctl_key")
DERIVED_FIELDS += ("description_fingerprint",)
UPDATE_FIELDS = (*CONTENT_FIELDS, *DERIVED_FIELDS, "last_seen_at", "closed_at", "updated_at")


@dataclass
class UpsertResult:
    found: int = 0
    new: int = 0
    updated: int = 0  # content changed, or a closed posting came back
    closed: int = 0
    to_analyse: list = field(default_factory=list)  # ids of new or changed postings


# ------------------------------------------------------------------------------------------------ field mapping


def _cut(value: str | None, limit: int) -> str:
    return (value or "")[:limit]


def _amount(value: float | None) -> int | None:
    if value is None:
        return None
    try:
        n = round(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    return n if 0 <= n <= 2_147_483_647 else None


def content_fields(p: NormalizedPosting) -> dict:
    """The model's board fields from a NormalizedPosting, trimmed to the column sizes."""
    return {
        "title": _cut(p.title, 300) or "(untitled)",
        "company": _cut(p.company, 200),
        "location": _cut(p.location, 300),
        "remote": p.remote,
        "workplace": _cut(p.workplace, 10),
        "salary_min": _amount(p.salary_min),
        "salary_max": _amount(p.salary_max),
        "salary_currency": _cut(p.salary_currency, 10),
        "salary_period": _cut(p.salary_period, 10),
        "tags": list(p.tags or []),
        "description_text": p.description_text or "",
        "apply_url": _cut(p.apply_url, 2000),
        "url": _cut(p.url, 2000),
        "posted_at": p.posted_at,
        "expires_at": p.expires_at,
        "employment_type": _cut(p.employment_type, 40),
    }


_HASH_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)  # json.dumps(..., sort_keys, ensure_ascii), once


def content_hash(fields: dict) -> str:
    payload = _HASH_JSON.encode(
        {k: v.isoformat() if isinstance(v := fields[k], datetime) else v for k in CONTENT_FIELDS}
    )
    return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()


def derived_fields(fields: dict) -> dict:
    """Skills and the duplicate keys: computed once per new or changed posting, inside the upsert.

    The full analysis is left empty ({} means "not analysed yet") and filled by `analyze_pending` from a
    follow-up actor: it costs about ten times the rest of the ingest, and a board of thousands of postings
    must be stored well inside the scrape's time limit.
    """
    text = fields["description_text"]
    skills = list(dict.fromkeys(mention.canonical for mention in extract_skills(text))) if text else []
    return {
        "skills": skills,
        "analysis": {},
        "match_features": {},
        "canonical_url": _cut(canonical_apply_url(fields["apply_url"] or fields["url"]), 2000),
        "ctl_key": _cut(company_title_location_key(fields["company"], fields["title"], fields["location"]), 600),
        "description_fingerprint": description_fingerprint(text) if text else "",
    }


def analyze_postings(*, ids: Sequence) -> int:
    """Fill the analysis of the given postings that have none yet. Safe to repeat: analysed rows are skipped."""
    postings = list(
        JobPosting.objects.filter(pk__in=list(ids), analysis={}).only(
            "id", "title", "company", "description_text", "analysis", "match_features", "updated_at"
        )
    )
    for posting in postings:
        text = posting.description_text
        title, company = posting.title, posting.company or None
        posting.analysis = analyze_job(text, title=title, company=company).to_dict() if text else {"empty": True}
        posting.match_features = features_of(posting.analysis)
    if postings:
        update_rows(postings, ["analysis", "match_features"])
    return len(postings)


def analyze_pending(*, batch: int = 500) -> int:
    """Analyse every posting still waiting (for operators, and after a worker lost its messages)."""
    done = 0
    while True:
        ids = list(JobPosting.objects.filter(analysis={}).values_list("pk", flat=True)[:batch])
        if not ids:
            return done
        analysed = analyze_postings(ids=ids)
        if not analysed:
            return done
        done += analysed


def _is_expired(expires_at: datetime | None, now: datetime) -> bool:
    return expires_at is not None and expires_at <= now


# ------------------------------------------------------------------------------------------------ upsert


def upsert(
    *, source: JobSource, postings: Sequence[NormalizedPosting], now: datetime | None = None, complete: bool = True
) -> UpsertResult:
    """Store one fetch's postings for ``source`` in bulk; call inside a transaction.

    ``complete``: the fetch had no errors, so postings of the source not in ``postings`` are closed.
    """
    now = now or timezone.now()
    result = UpsertResult(found=len(postings))
    rows = JobPosting.objects.filter(source=source).values_list("id", "external_id", "content_hash", "closed_at")
    existing = {row[1]: row for row in rows}
    to_create: list[JobPosting] = []
    to_update: list[JobPosting] = []
    create_fields: list[dict] = []
    update_fields: list[dict] = []
    seen_unchanged: list = []
    reopen: list = []
    for p in postings:
        external_id = _cut(p.source_id, 300)
        fields = content_fields(p)
        digest = content_hash(fields)
        closed_at = now if _is_expired(fields["expires_at"], now) else None
        row = existing.get(external_id)
        if row is None:
            to_create.append(
                JobPosting(
                    source=source,
                    external_id=external_id,
                    first_seen_at=now,
                    last_seen_at=now,
                    closed_at=closed_at,
                    content_hash=digest,
                    **fields,
                )
            )
            create_fields.append(fields)
            existing[external_id] = (None, external_id, digest, closed_at)  # a repeated id in one feed: first wins
            continue
        pk, _, old_hash, old_closed = row
        if pk is None:
            continue
        if old_hash != digest:
            to_update.append(
                JobPosting(
                    id=pk,
                    source=source,
                    external_id=external_id,
                    last_seen_at=now,
                    closed_at=closed_at,
                    content_hash=digest,
                    updated_at=now,
                    **fields,
                )
            )
            update_fields.append(fields)
        elif old_closed is not None and closed_at is None:
            reopen.append(pk)
        else:
            seen_unchanged.append(pk)
    # The derived fields are computed as the rows are written: on PostgreSQL the server stores the new rows
    # while the next ones are computed.
    if to_create:
        insert_rows(_with_derived_fields(to_create, create_fields))
    if to_update:
        update_rows(_with_derived_fields(to_update, update_fields), UPDATE_FIELDS)
    for chunk in _chunks(seen_unchanged, BATCH):
        JobPosting.objects.filter(pk__in=chunk).update(last_seen_at=now)
    for chunk in _chunks(reopen, BATCH):
        JobPosting.objects.filter(pk__in=chunk).update(last_seen_at=now, closed_at=None, updated_at=now)
    result.new = len(to_create)
    result.updated = len(to_update) + len(reopen)
    result.to_analyse = [p.pk for p in to_create] + [p.pk for p in to_update]

    open_here = JobPosting.objects.filter(source=source, closed_at__isnull=True)
    closing = Q(expires_at__lte=now)
    if complete:
        closing |= Q(last_seen_at__lt=now)
    result.closed = open_here.filter(closing).update(closed_at=now, updated_at=now)
    result.closed += sum(1 for p in to_create if p.closed_at is not None)
    result.closed += sum(1 for p in to_update if p.closed_at is not None)

    group_duplicates(source=source, postings=[*to_create, *to_update])
    return result


def _with_derived_fields(objs: list[JobPosting], fields: list[dict]) -> Iterator[JobPosting]:
    for obj, content in zip(objs, fields, strict=True):
        for name, value in derived_fields(content).items():
            setattr(obj, name, value)
        yield obj


def insert_rows(objs: Iterable[JobPosting]) -> None:
    """Insert new postings (their UUID primary keys are already set): ``bulk_create``, or COPY on PostgreSQL.

    On PostgreSQL the values are prepared exactly as ``bulk_create`` prepares them (each field's ``pre_save`` and
    ``get_db_prep_save``) and streamed with COPY, which skips the client-side quoting of a 31-column INSERT;
    the search-vector trigger fires on COPY as on INSERT.
    """
    if connection.vendor != "postgresql":
        JobPosting.objects.bulk_create(list(objs), batch_size=BATCH)
        return
    meta = JobPosting._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    db = _db()

    def rows() -> Iterator[list]:  # streamed: the server works on a batch while the next one is prepared
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
            yield [f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields]
            obj._state.adding = False
            obj._state.db = db.alias

    with transaction.atomic(savepoint=False):
        _pg_copy(meta.db_table, [f.column for f in fields], rows())


def update_rows(objs: Iterable[JobPosting], field_names: Sequence[str]) -> None:
    """Write ``field_names`` of each object to its row (no ``pre_save``: the values are taken as they are).

    PostgreSQL: the rows are COPYed into a temporary table and applied by one ``UPDATE ... FROM``. Elsewhere:
    ``UPDATE ... WHERE id = %s`` for each object through one ``executemany``. (Django's ``bulk_update`` builds a
    CASE WHEN per field over the whole batch, which is quadratic-ish in Python: about 20 s for 5,000 rows of 20+
    fields.)
    """
    objs = list(objs)
    if not objs:
        return
    meta = JobPosting._meta
    fields = [meta.get_field(name) for name in field_names]
    if connection.vendor == "postgresql":
        _pg_update_rows(objs, fields)
        return
    qn = connection.ops.quote_name
    db = _db()
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 (quoted names from the model, values as params)
        qn(meta.db_table), ", ".join(f"{qn(f.column)} = %s" for f in fields), qn(meta.pk.column)
    )
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), db) for f in fields] + [meta.pk.get_db_prep_value(obj.pk, db)]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, BATCH):
            cursor.executemany(sql, chunk)


def _db():
    """The connection itself: ``django.db.connection`` is a proxy that looks it up again on every attribute, which
    ``get_db_prep_save`` does several times per value (the ORM's compilers hold the connection itself too)."""
    return connections[DEFAULT_DB_ALIAS]


def _pg_copy(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY ``rows`` (values as ``get_db_prep_save`` returns them: psycopg adapts them, JSON comes as Jsonb)
    into ``table``, on the connection's own transaction."""
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    with connection.connection.cursor() as cursor:
        # Binary COPY wants each column's type: those of the columns themselves.
        cursor.execute(f"SELECT {names} FROM {qn(table)} LIMIT 0")  # noqa: S608 (quoted names from the model)
        types = [column.type_code for column in cursor.description]
        with cursor.copy(f"COPY {qn(table)} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)


_UPDATE_TABLE = "jobs_jobposting_upsert"


def _pg_update_rows(objs: Sequence[JobPosting], fields: Sequence) -> None:
    meta = JobPosting._meta
    db = _db()
    qn = connection.ops.quote_name
    pk = meta.pk
    columns = [pk.column, *(f.column for f in fields)]
    rows = (
        [
            pk.get_db_prep_value(obj.pk, db),
            *(f.get_db_prep_save(getattr(obj, f.attname), db) for f in fields),
        ]
        for obj in {obj.pk: obj for obj in objs}.values()  # an id twice: the last values win, as row by row
    )
    table, temp = qn(meta.db_table), qn(_UPDATE_TABLE)
    assignments = ", ".join(f"{qn(f.column)} = s.{qn(f.column)}" for f in fields)
    with transaction.atomic(savepoint=False), connection.connection.cursor() as cursor:
        # Same column types as the table's; dropped once applied (and in any case when the transaction ends).
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS "  # noqa: S608 (quoted names from the model)
            f"SELECT {', '.join(qn(c) for c in columns)} FROM {table} WITH NO DATA"
        )
        _pg_copy(_UPDATE_TABLE, columns, rows)
        cursor.execute(f"ANALYZE {temp}")
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {temp} AS s "  # noqa: S608
            f"WHERE t.{qn(pk.column)} = s.{qn(pk.column)}"
        )
        cursor.execute(f"DROP TABLE {temp}")


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_DUPLICATE_COLUMNS = ("id", "duplicate_of_id", "first_seen_at", "created_at")
_DUPLICATE_COLUMNS += ("canonical_url", "ctl_key", "description_fingerprint")


def _open_elsewhere(source: JobSource, key: str, values: set[str]) -> list[tuple]:
    """``_DUPLICATE_COLUMNS`` of the open postings of other sources whose ``key`` column is one of ``values``.

    PostgreSQL: one query with the values as one array parameter, bound on the server (the ORM's ``IN`` list of
    thousands of values is quoted client-side, which costs more than the query). Elsewhere: the ORM, in chunks.
    """
    if not values:
        return []
    if connection.vendor == "postgresql":
        meta = JobPosting._meta
        qn = connection.ops.quote_name
        columns = ", ".join(qn(meta.get_field(name).column) for name in _DUPLICATE_COLUMNS)
        sql = (
            f"SELECT {columns} FROM {qn(meta.db_table)} "  # noqa: S608 (quoted names from the model)
            f"WHERE {qn('closed_at')} IS NULL AND NOT ({qn('source_id')} = %s) "
            f"AND {qn(key)} IN (SELECT unnest(%b::text[]))"
        )
        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, [source.pk, sorted(values)])
            return cursor.fetchall()
    others = JobPosting.objects.filter(closed_at__isnull=True).exclude(source=source)
    rows: list[tuple] = []
    for chunk in _chunks(sorted(values), BATCH):
        rows += others.filter(**{f"{key}__in": chunk}).values_list(*_DUPLICATE_COLUMNS)
    return rows


def group_duplicates(*, source: JobSource, postings: Sequence[JobPosting]) -> int:
    """Point each posting at the earliest open posting of another source that is the same job. Returns how many
    postings now have a ``duplicate_of``."""
    if not postings:
        return 0
    urls = {p.canonical_url for p in postings if p.canonical_url}
    ctls = {p.ctl_key for p in postings if p.ctl_key and p.description_fingerprint}
    by_url: dict[str, list[tuple]] = {}
    by_ctl_fp: dict[tuple[str, str], list[tuple]] = {}
    for row in _open_elsewhere(source, "canonical_url", urls):
        by_url.setdefault(row[4], []).append(row)
    for row in _open_elsewhere(source, "ctl_key", ctls):
        by_ctl_fp.setdefault((row[5], row[6]), []).append(row)

    changed: list[JobPosting] = []
    grouped = 0
    for p in postings:
        candidates = list(by_url.get(p.canonical_url, [])) if p.canonical_url else []
        if p.ctl_key and p.description_fingerprint:
            candidates += by_ctl_fp.get((p.ctl_key, p.description_fingerprint), [])
        target = None
        if candidates:
            earliest = min(candidates, key=lambda r: (r[2], r[3], str(r[0])))
            target = earliest[1] or earliest[0]  # the group's root: the earliest posting
        if target is not None:
            grouped += 1
        if p.duplicate_of_id != target:
            p.duplicate_of_id = target
            changed.append(p)
    if changed:
        update_rows(changed, ["duplicate_of"])
    return grouped


# ------------------------------------------------------------------------------------------------ runs


def _finish(run: ScrapeRun, started: float, status: str, error: str = "") -> None:
    run.status = status
    run.error = error[:ERROR_CHARS]
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)


ANALYSIS_BATCH = 500


def _enqueue_analysis(ids: list) -> None:
    from jobs.actors import analyze_postings_actor

    for chunk in _chunks(ids, ANALYSIS_BATCH):
        enqueue_on_commit(analyze_postings_actor, [str(pk) for pk in chunk])


def scrape_source(*, source: JobSource, client: httpx.Client | None = None) -> ScrapeRun:
    """Fetch ``source`` and store its postings; returns the finished ScrapeRun.

    Fetch errors make the run partial (some postings came) or failed (none); an unexpected exception records a
    failed run and is raised again (so an actor can retry).
    """
    started = time.monotonic()
    run = ScrapeRun.objects.create(source=source, started_at=timezone.now(), status=ScrapeRun.Status.RUNNING)
    own_client = client is None
    try:
        adapter = get_adapter(source.kind)
        config = dict(source.config or {})
        try:
            deadline = float(config.get("deadline_s", MAX_DEADLINE_S))
        except (TypeError, ValueError):
            deadline = MAX_DEADLINE_S
        config["deadline_s"] = min(max(deadline, 1.0), MAX_DEADLINE_S)
        if own_client:
            client = make_client()
        fetched = adapter.fetch(client, config)
        now = timezone.now()
        with transaction.atomic():
            counts = upsert(source=source, postings=fetched.postings, now=now, complete=fetched.ok)
            run.found, run.new, run.updated, run.closed = counts.found, counts.new, counts.updated, counts.closed
            run.failed = len(fetched.skipped)
            if fetched.ok:
                status = ScrapeRun.Status.SUCCEEDED
            else:
                status = ScrapeRun.Status.PARTIAL if fetched.postings else ScrapeRun.Status.FAILED
            _finish(run, started, status, "\n".join(fetched.errors))
            run.save()
            JobSource.objects.filter(pk=source.pk).update(last_run_at=now)
            _enqueue_analysis(counts.to_analyse)
    except Exception as exc:
        log.exception("scraping job source %s failed", source.name)
        _finish(run, started, ScrapeRun.Status.FAILED, f"{type(exc).__name__}: {exc}")
        run.save()
        exc.scrape_run = run  # for scrape_all
        raise
    finally:
        if own_client and client is not None:
            client.close()
    source.last_run_at = run.finished_at
    log.info(
        "scraped %s: %s, found %s new %s updated %s closed %s",
        source.name,
        run.status,
        run.found,
        run.new,
        run.updated,
        run.closed,
    )
    return run


SCHEDULE_INTERVALS = {
    JobSource.Schedule.HOURLY: timedelta(hours=1),
    JobSource.Schedule.EVERY_6_HOURS: timedelta(hours=6),
    JobSource.Schedule.DAILY: timedelta(days=1),
}


def due_sources(*, now: datetime | None = None, force: bool = False) -> list[JobSource]:
    """Enabled sources whose schedule says they should run now (all enabled ones with ``force``, except manual)."""
    now = now or timezone.now()
    due = []
    for source in JobSource.objects.filter(enabled=True).exclude(schedule=JobSource.Schedule.MANUAL):
        interval = SCHEDULE_INTERVALS.get(source.schedule)
        if force or source.last_run_at is None or (interval and source.last_run_at + interval <= now):
            due.append(source)
    return due


def enqueue_due_sources(*, force: bool = False) -> int:
    """Queue a scrape of every due source; the scheduler calls this, and so does the "Refresh" button."""
    from jobs.actors import scrape_source_actor

    sources = due_sources(force=force)
    for source in sources:
        enqueue_on_commit(scrape_source_actor, str(source.pk))
    return len(sources)


def scrape_all(*, only: Iterable[str] | None = None, client: httpx.Client | None = None) -> list[ScrapeRun]:
    """Scrape every enabled source (or only those named) one after another; one client serves them all.

    A source that fails, even with an unexpected exception, leaves a failed ScrapeRun and the others still run.
    """
    sources = JobSource.objects.filter(enabled=True).order_by("name")
    if only is not None:
        sources = sources.filter(name__in=list(only))
    runs: list[ScrapeRun] = []
    own_client = client is None
    shared = make_client() if own_client else client
    try:
        for source in sources:
            try:
                runs.append(scrape_source(source=source, client=shared))
            except Exception as exc:
                run = getattr(exc, "scrape_run", None)
                if run is None:  # it failed before its run was recorded
                    now = timezone.now()
                    run = ScrapeRun.objects.create(
                        source=source,
                        started_at=now,
                        finished_at=now,
                        duration_ms=0,
                        status=ScrapeRun.Status.FAILED,
                        error=f"{type(exc).__name__}: {exc}"[:ERROR_CHARS],
                    )
                runs.append(run)
    finally:
        if own_client:
            shared.close()
    return runs
