"""Bulk import and export of venues and publications (django-import-export).

A paper's authors are one column, in order: ``Alice Moreau; Wei Zhang*; Bob Okafor#``
(``*`` equal contribution, ``#`` corresponding; ``Family, Given`` works too).
Importing writes one authorship per name and links them to members by the same
rules as the BibTeX import: the same ORCID or a registered name links, a name
that only looks alike becomes a suggestion to confirm. Authors kept from the
stored paper keep their links and decisions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from import_export import fields, widgets

from researchers.resources import LabResource, RelatedColumn, split_list

from .identifiers import title_key
from .linking import MemberIndex, link_authorships
from .models import Authorship, Kind, Publication, Venue
from .names import CORRESPONDING_MARKS, EQUAL_MARKS, AuthorName, parse_name
from .services import VENUE_KINDS

EQUAL, CORRESPONDING = EQUAL_MARKS[0], CORRESPONDING_MARKS[0]
# What an authorship keeps when its name stays in the list.
KEPT_FIELDS = [
    "family", "given", "researcher", "orcid", "selected", "selected_order", "link_state", "link_method",
    "decided_by", "decided_at",
]  # fmt: skip


class VenueResource(LabResource):
    """Venues by name."""

    class Meta:
        model = Venue
        import_id_fields = ["name"]
        fields = ["name", "short_name", "kind"]


class VenueWidget(widgets.ForeignKeyWidget):
    """A venue by its name or badge; an unknown name is a new venue, as in the BibTeX import.

    The new venue is returned unsaved; the resource saves it with the paper.
    """

    def __init__(self):
        super().__init__(Venue, field="name")

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        venue = Venue.objects.filter(name__iexact=name).first()
        if venue is None:
            by_badge = list(Venue.objects.filter(short_name__iexact=name)[:2])
            venue = by_badge[0] if len(by_badge) == 1 else None
        if venue is None:
            written = str((row or {}).get("kind") or "").strip().casefold()
            kind = next((value for value, label in Kind.choices if written in {value, label.casefold()}), "")
            venue = Venue(name=name, kind=VENUE_KINDS.get(kind, Venue.Kind.OTHER))
            try:
                venue.full_clean(validate_unique=False)
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from error
        return venue


@dataclass(frozen=True)
class ListedAuthor(AuthorName):
    """An author as the column lists them; two are the same when the column would read the same,
    whichever family and given parts their names were split into."""

    family: str = field(compare=False)
    given: str = field(compare=False)

    @classmethod
    def of(cls, author):
        """A parsed name or a stored authorship as the column lists it."""
        return cls(author.name, author.family, author.given, author.equal_contribution, author.corresponding)


def format_author(authorship):
    """The author as the authors column writes them, in the form that reads back into the same parts."""
    marks = (EQUAL if authorship.equal_contribution else "") + (CORRESPONDING if authorship.corresponding else "")
    written = authorship.name
    parts = (authorship.family, authorship.given)
    parsed = parse_name(written)
    if (parsed.family, parsed.given) != parts and authorship.given:
        inverted = f"{authorship.family}, {authorship.given}"
        parsed = parse_name(inverted)
        if (parsed.family, parsed.given) == parts and parsed.name == written:
            written = inverted
    return written + marks


def format_authors(publication):
    authorships = sorted(publication.authorships.all(), key=lambda authorship: authorship.position)
    return "; ".join(format_author(authorship) for authorship in authorships)


def parse_authors(value):
    """'Alice Moreau; Zhang, Wei*' → [ListedAuthor], in order."""
    authors, messages = [], []
    for entry in split_list(value):
        author = parse_name(entry)
        if not author.name:
            messages.append(f"“{entry}” has no name.")
        elif len(author.name) > 300:
            messages.append(f"“{entry[:40]}…” is longer than 300 characters.")
        authors.append(ListedAuthor.of(author))
    if messages:
        raise ValidationError(messages)
    return authors


class PublicationResource(LabResource):
    """Publications, found by DOI, else arXiv id, else title and year, as the BibTeX import finds them."""

    venue = fields.Field(attribute="venue", column_name="venue", widget=VenueWidget())
    authors = RelatedColumn("authors", read=format_authors)

    class Meta:
        model = Publication
        import_id_fields = ["title"]
        fields = [
            "title", "authors", "kind", "status", "venue", "venue_text", "year", "month", "note", "abstract",
            "volume", "issue", "pages", "publisher", "doi", "arxiv_id", "pdf_url", "code_url", "project_url",
            "video_url", "slides_url", "poster_url", "code_repository", "stars", "citation_count",
            "citation_source", "citation_date", "featured", "bibtex_key", "bibtex", "extra",
        ]  # fmt: skip

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._member_index = None

    def before_import(self, dataset, **kwargs):
        self._member_index = None
        super().before_import(dataset, **kwargs)

    def export(self, queryset=None, **kwargs):
        queryset = self.get_queryset() if queryset is None else queryset
        return super().export(queryset.with_authors(), **kwargs)

    def instance_lookups(self, row):
        lookups = []
        probe = Publication(doi=str(row.get("doi") or ""), arxiv_id=str(row.get("arxiv_id") or ""))
        probe.normalize_identifiers()
        doi, arxiv_id = probe.doi, probe.arxiv_id
        if doi:
            lookups.append(Q(doi=doi))
        if arxiv_id:
            lookups.append(Q(arxiv_id=arxiv_id))
        year = self.fields["year"].clean(row) if "year" in row else None
        lookups.append(Q(title_key=title_key(str(row.get("title") or "")), year=year))
        return lookups

    def prepare_instance(self, publication):
        # An identifier that does not read as one is refused rather than dropped.
        if errors := publication.normalize_identifiers():
            raise ValidationError(errors)

    def parse_related(self, row):
        if "authors" not in row:
            return {}
        try:
            return {"authors": parse_authors(row["authors"])}
        except ValidationError as error:
            raise ValidationError({"authors": error.messages}) from error

    def current_related(self, publication, column):
        if publication.pk is None:
            return []
        return [ListedAuthor.of(authorship) for authorship in publication.authorships.order_by("position")]

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.venue is not None and instance.venue.pk is None:
            instance.venue.save()  # the paper's save() then takes its id

    def save_related(self, publication, column, authors):
        """Replace the paper's authorships with `authors`, in order, and link them to members.

        Authors who stay keep their link and its decision; the rest are linked as the BibTeX import links.
        """
        kept = defaultdict(list)
        for authorship in publication.authorships.order_by("position"):
            kept[authorship.name].append(authorship)
        publication.authorships.all().delete()
        rows = []
        for position, author in enumerate(authors, start=1):
            authorship = Authorship(
                publication=publication,
                position=position,
                name=author.name,
                family=author.family[:200],
                given=author.given[:200],
                equal_contribution=author.equal_contribution,
                corresponding=author.corresponding,
            )
            if kept[author.name]:
                previous = kept[author.name].pop(0)
                for name in KEPT_FIELDS:
                    setattr(authorship, name, getattr(previous, name))
            rows.append(authorship)
        if self._member_index is None:
            self._member_index = MemberIndex()
        link_authorships(rows, self._member_index)
        for authorship in rows:
            authorship.save()
        publication.update_authors_text()
