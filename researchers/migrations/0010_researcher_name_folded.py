"""Each member's name lower-cased without accents, for search: Daniel Szabo finds Dániel Szabó."""

import unicodedata

from django.db import migrations, models


def fold(text):  # a frozen copy of researchers.models.folded_name
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare).lower()


def fill(apps, schema_editor):
    Researcher = apps.get_model("researchers", "Researcher")
    members = list(Researcher.objects.only("pk", "name"))
    for member in members:
        member.name_folded = fold(member.name)
    Researcher.objects.bulk_update(members, ["name_folded"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("researchers", "0009_cv_stored_under_random_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalresearcher",
            name="name_folded",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="researcher",
            name="name_folded",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
