"""The searchable author list also spells accented names without accents, so Szabo finds Szabó."""

import unicodedata

from django.db import migrations


def fold(text):  # a frozen copy of researchers.common.text.fold_accents
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def refold(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    Authorship = apps.get_model("publications", "Authorship")
    names = {}
    for publication_id, name in Authorship.objects.order_by("publication_id", "position").values_list(
        "publication_id", "name"
    ):
        names.setdefault(publication_id, []).append(name)
    changed = []
    for publication in Publication.objects.filter(pk__in=names).only("pk", "authors_text"):
        printed = ", ".join(names[publication.pk])
        folded = [fold(name) for name in names[publication.pk] if fold(name) != name]
        text = f"{printed} ({', '.join(folded)})" if folded else printed
        if text != publication.authors_text:
            publication.authors_text = text
            changed.append(publication)
    Publication.objects.bulk_update(changed, ["authors_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("publications", "0008_merge_duplicate_identifiers")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
