"""Search reads stored vectors instead of an expression index.

PostgreSQL only: two columns outside the model state (SQLite has no tsvector), kept by a trigger that recomputes
them only when the title, the company or the description changes, so the updates a scrape makes to every posting
it sees (``last_seen_at``) cost no text analysis:

- ``search_document``: title (A), company (B) and description (C), with a GIN index; what a query must match.
- ``search_heading``: title (A) and company (B); what the matches are ranked by.

Checking a stored vector is cheap, so search can also walk the newest live postings (``jobposting_live_recent``)
and stop at the first matches, which is what a very common query wants. The expression index of 0003 goes.
"""

from django.db import migrations, models

FORWARD = [
    "ALTER TABLE jobs_jobposting ADD COLUMN search_heading tsvector, ADD COLUMN search_document tsvector",
    """
    CREATE FUNCTION jobs_jobposting_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT'
           OR NEW.title IS DISTINCT FROM OLD.title
           OR NEW.company IS DISTINCT FROM OLD.company
           OR NEW.description_text IS DISTINCT FROM OLD.description_text THEN
            NEW.search_heading :=
                setweight(to_tsvector('english'::regconfig, COALESCE(NEW.title, '')), 'A')
                || setweight(to_tsvector('english'::regconfig, COALESCE(NEW.company, '')), 'B');
            NEW.search_document := NEW.search_heading
                || setweight(to_tsvector('english'::regconfig, COALESCE(NEW.description_text, '')), 'C');
        END IF;
        RETURN NEW;
    END
    $$
    """,
    "CREATE TRIGGER jobposting_search_vectors BEFORE INSERT OR UPDATE OF title, company, description_text "
    "ON jobs_jobposting FOR EACH ROW EXECUTE FUNCTION jobs_jobposting_search_vectors()",
    # Fill the rows that exist: a plain UPDATE of the columns the trigger watches would not change them, so set
    # the vectors directly with the trigger's expressions.
    """
    UPDATE jobs_jobposting SET
        search_heading = setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, COALESCE(company, '')), 'B'),
        search_document = setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, COALESCE(company, '')), 'B')
            || setweight(to_tsvector('english'::regconfig, COALESCE(description_text, '')), 'C')
    """,
    "CREATE INDEX jobposting_document ON jobs_jobposting USING gin (search_document)",
    "DROP INDEX IF EXISTS jobposting_search",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS jobposting_search_vectors ON jobs_jobposting",
    "DROP FUNCTION IF EXISTS jobs_jobposting_search_vectors()",
    "DROP INDEX IF EXISTS jobposting_document",
    "ALTER TABLE jobs_jobposting DROP COLUMN IF EXISTS search_heading, DROP COLUMN IF EXISTS search_document",
    "CREATE INDEX IF NOT EXISTS jobposting_search ON jobs_jobposting USING gin (("
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(company, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(description_text, '')), 'C')))",
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
        ("jobs", "0003_saved_jobs_and_search"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="jobposting", name="jobposting_open_recent"),
        migrations.AddIndex(
            model_name="jobposting",
            index=models.Index(
                condition=models.Q(("closed_at__isnull", True), ("duplicate_of__isnull", True)),
                fields=["-posted_at"],
                name="jobposting_live_recent",
            ),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
