"""Store DOIs and arXiv ids in their normal form, merging papers that were one paper written two ways."""

import re

from django.db import migrations

DOI_PREFIXES = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?", re.I)
# Filled on the kept paper from its duplicates when empty there, as an import merge does.
MERGED_FIELDS = [
    "venue_text", "year", "month", "abstract", "volume", "issue", "pages", "publisher", "note", "pdf_url",
    "code_url", "project_url", "video_url", "slides_url", "poster_url", "code_repository", "bibtex", "bibtex_key",
]  # fmt: skip


# Frozen copies of publications.identifiers: a migration must not change when that module does.
def normalize_doi(value):
    doi = DOI_PREFIXES.sub("", (value or "").strip()).strip().lower()
    return doi if doi.startswith("10.") and "/" in doi else ""


def normalize_arxiv(value):
    match = ARXIV_NEW.search(value or "") or ARXIV_OLD.search(value or "")
    return match.group(1).lower() if match else ""


def merge_duplicates(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    Authorship = apps.get_model("publications", "Authorship")
    kept = {}  # ("doi" | "arxiv_id", normal value) → the paper that keeps it
    identifiers = {}  # kept paper's pk → its normal identifiers, written once every duplicate is gone
    for paper in Publication.objects.order_by("pk"):
        normal = {
            "doi": normalize_doi(paper.doi) or paper.doi.strip(),
            "arxiv_id": normalize_arxiv(paper.arxiv_id) or paper.arxiv_id.strip(),
        }
        keeper = next((kept[(name, value)] for name, value in normal.items() if value and (name, value) in kept), None)
        if keeper is None:
            keeper, identifiers[paper.pk] = paper, {}
        else:
            _merge_into(keeper, paper, Publication, Authorship)
        for name, value in normal.items():
            if value and not identifiers[keeper.pk].get(name):
                identifiers[keeper.pk][name] = value
                kept[(name, value)] = keeper
    for pk, values in identifiers.items():
        if values:
            Publication.objects.filter(pk=pk).update(**values)


def _merge_into(keeper, duplicate, Publication, Authorship):
    """Move what the duplicate knows onto the kept paper, then delete the duplicate."""
    filled = {
        name: getattr(duplicate, name)
        for name in MERGED_FIELDS
        if getattr(duplicate, name) and not getattr(keeper, name)
    }
    if filled:
        Publication.objects.filter(pk=keeper.pk).update(**filled)
        for name, value in filled.items():
            setattr(keeper, name, value)
    # Decided or linked authors of the duplicate carry their link to the kept paper's author at the same place.
    keeper_authors = {author.position: author for author in Authorship.objects.filter(publication=keeper)}
    linked_members = {author.researcher_id for author in keeper_authors.values() if author.researcher_id}
    for author in Authorship.objects.filter(publication=duplicate).exclude(researcher=None):
        target = keeper_authors.get(author.position)
        if target is None or target.researcher_id or author.researcher_id in linked_members:
            continue
        for name in (
            "researcher_id",
            "link_state",
            "link_method",
            "decided_by_id",
            "decided_at",
            "selected",
            "selected_order",
        ):
            setattr(target, name, getattr(author, name))
        target.save()
        linked_members.add(author.researcher_id)
    for theme in duplicate.themes.all():
        theme.publications.add(keeper)
    duplicate.delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0007_publication_preview")]

    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]
