"""The search index also reads the title without accents (title_key), so Resume finds Résumé on PostgreSQL.

Only the index changes: search filters with its expression (heading, abstract, then the folded title),
while ranking still reads the stored heading alone, so no title counts twice. Nothing happens on SQLite,
which matches title_key by substring.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = "publication_search"
HEADING = "search_heading"


def abstract_vector():
    # Frozen copies of portal.pages.search's vectors when this index was made; migrations do not import
    # app code that may change. tests/portal/test_search.py checks that the search's plan uses the index.
    return SearchVector("abstract", config="english", weight="D")


def folded_title_vector():
    return SearchVector("title_key", config="english", weight="A")


def column_sql(model, expression, schema_editor):
    from django.db.models.sql import Query

    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = expression.resolve_expression(query).as_sql(compiler, schema_editor.connection)
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def make_index(apps, schema_editor, parts):
    if schema_editor.connection.vendor != "postgresql":
        return
    Publication = apps.get_model("publications", "Publication")
    quote = schema_editor.quote_name
    document = quote(HEADING)
    for part in parts:
        document = f"({document} || {column_sql(Publication, part, schema_editor)})"
    schema_editor.execute(f"DROP INDEX IF EXISTS {quote(INDEX)}")
    schema_editor.execute(f"CREATE INDEX {quote(INDEX)} ON {quote(Publication._meta.db_table)} USING gin ({document})")


def with_folded_title(apps, schema_editor):
    make_index(apps, schema_editor, [abstract_vector(), folded_title_vector()])


def without_folded_title(apps, schema_editor):
    make_index(apps, schema_editor, [abstract_vector()])


class Migration(migrations.Migration):
    dependencies = [("publications", "0010_authorship_new_on_page")]

    operations = [migrations.RunPython(with_folded_title, without_folded_title)]
