"""A narrow copy of the live postings' search vectors, in date order, for search's walk through the newest.

PostgreSQL only, outside the model state like the vectors of 0004. ``jobs_postingwalk`` holds one row per live
posting (open, not a duplicate): its id, ``posted_at`` and ``search_document``. Walking it checks about 2.3 times
as many postings per millisecond as walking ``jobs_jobposting``, whose wide rows (description, analysis) must be
read past to reach the vector; so a plain search can look through the newest 15,000 postings in the time the wide
table gave 5,000, and only a rare query needs the GIN index.

Triggers keep it: a posting's insert or relevant update copies or removes its row, a delete removes it, and a
TRUNCATE (the test runner's flush) empties it. There is no foreign key, so a flush of Django's tables is not
blocked by a table Django does not know.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE TABLE jobs_postingwalk (
        posting_id uuid PRIMARY KEY,
        posted_at timestamptz,
        search_document tsvector NOT NULL
    )
    """,
    "CREATE INDEX postingwalk_recent ON jobs_postingwalk (posted_at DESC)",
    """
    CREATE FUNCTION jobs_postingwalk_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM jobs_postingwalk WHERE posting_id = OLD.id;
        ELSIF NEW.closed_at IS NULL AND NEW.duplicate_of_id IS NULL THEN
            IF TG_OP = 'UPDATE' AND OLD.closed_at IS NULL AND OLD.duplicate_of_id IS NULL
               AND NEW.posted_at IS NOT DISTINCT FROM OLD.posted_at
               AND NEW.search_document IS NOT DISTINCT FROM OLD.search_document THEN
                RETURN NULL;  -- a scrape's last_seen_at: nothing the walk reads has changed
            END IF;
            INSERT INTO jobs_postingwalk (posting_id, posted_at, search_document)
            VALUES (NEW.id, NEW.posted_at, COALESCE(NEW.search_document, ''::tsvector))
            ON CONFLICT (posting_id) DO UPDATE
                SET posted_at = EXCLUDED.posted_at, search_document = EXCLUDED.search_document;
        ELSIF TG_OP = 'UPDATE' AND OLD.closed_at IS NULL AND OLD.duplicate_of_id IS NULL THEN
            DELETE FROM jobs_postingwalk WHERE posting_id = OLD.id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER jobposting_walk AFTER INSERT OR UPDATE OR DELETE ON jobs_jobposting "
    "FOR EACH ROW EXECUTE FUNCTION jobs_postingwalk_sync()",
    """
    CREATE FUNCTION jobs_postingwalk_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE jobs_postingwalk;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER jobposting_walk_truncate AFTER TRUNCATE ON jobs_jobposting "
    "FOR EACH STATEMENT EXECUTE FUNCTION jobs_postingwalk_truncate()",
    """
    INSERT INTO jobs_postingwalk (posting_id, posted_at, search_document)
    SELECT id, posted_at, COALESCE(search_document, ''::tsvector) FROM jobs_jobposting
    WHERE closed_at IS NULL AND duplicate_of_id IS NULL
    """,
    "ANALYZE jobs_postingwalk",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS jobposting_walk_truncate ON jobs_jobposting",
    "DROP TRIGGER IF EXISTS jobposting_walk ON jobs_jobposting",
    "DROP FUNCTION IF EXISTS jobs_postingwalk_truncate()",
    "DROP FUNCTION IF EXISTS jobs_postingwalk_sync()",
    "DROP TABLE IF EXISTS jobs_postingwalk",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0004_search_document"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
