"""Full-text search of publications on PostgreSQL. Nothing happens on SQLite, which searches with LIKE.

Two things, both read by ``portal.search``:

- ``search_heading``: a stored tsvector of the title (weight A), the authors (B) and the venue (C),
  which ranking reads. Author names are read with the 'simple' configuration, which keeps every
  word as written (names must match exactly, and He, An or Do are surnames, not English stop
  words); the title and venue with 'english', which stems (models → model). Ranking from an
  expression instead would parse every matching paper again, about 0.1 ms each: 0.4 s for the
  name of a PI on 6,000 papers out of 50,000.
- ``publication_search``: a GIN index on that heading joined to the English words of the abstract
  (weight D). The search filters with this very expression, which is what lets the planner use
  the index.

The column is not a model field: nothing but search reads it. PostgreSQL refuses to change the
type of a column a generated column reads, so a migration that alters title, authors_text or
venue_text must drop search_heading first and add it back after (reverse, then rerun, this one).
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query

INDEX = "publication_search"
HEADING = "search_heading"
HEADING_FIELDS = [("title", "A", "english"), ("authors_text", "B", "simple"), ("venue_text", "C", "english")]


def heading_vector():
    vector = None
    for field, weight, config in HEADING_FIELDS:
        part = SearchVector(field, config=config, weight=weight)
        vector = part if vector is None else vector + part
    return vector


def abstract_vector():
    # The same as portal.search.ABSTRACT when this index was made; migrations do not import app code
    # that may change. tests/portal/test_search.py checks that the search's plan uses the index.
    return SearchVector("abstract", config="english", weight="D")


def column_sql(model, expression, schema_editor):
    """The expression as SQL over the bare columns of the model's table, parameters inlined."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = expression.resolve_expression(query).as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Publication = apps.get_model("publications", "Publication")
    quote = schema_editor.quote_name
    table, heading = quote(Publication._meta.db_table), quote(HEADING)
    heading_sql = column_sql(Publication, heading_vector(), schema_editor)
    abstract_sql = column_sql(Publication, abstract_vector(), schema_editor)
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN {heading} tsvector GENERATED ALWAYS AS ({heading_sql}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX {quote(INDEX)} ON {table} USING gin (({heading} || {abstract_sql}))")


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Publication = apps.get_model("publications", "Publication")
    quote = schema_editor.quote_name
    schema_editor.execute(f"DROP INDEX IF EXISTS {quote(INDEX)}")
    schema_editor.execute(f"ALTER TABLE {quote(Publication._meta.db_table)} DROP COLUMN IF EXISTS {quote(HEADING)}")


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_publication_authors_text"),
    ]

    operations = [
        migrations.RunPython(add_search, remove_search),
    ]
