"""Public pages of the lab's publications, and their BibTeX, CSL-JSON and RIS exports."""

import re
from collections import Counter

from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.fields.json import KeyTextTransform
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from researchers.common.pages import paginate
from researchers.common.text import fold_accents
from researchers.models import Lab, Researcher
from researchers.permissions import get_viewable_researcher_or_404

from .exports import FORMATS, citation_key
from .identifiers import title_key
from .models import Authorship, Kind, Publication, Status, Venue

PER_PAGE = 50
MEMBER_PER_PAGE = 100
EXPORT_CHUNK = 500
MAX_SEARCH_WORDS = 8


class PublicationFilters(forms.Form):
    """The lab list's filters. Values that do not parse are ignored; the others still apply."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Title, author, venue, abstract"}),
    )
    year = forms.IntegerField(label="Year", required=False, min_value=1000, max_value=2999, widget=forms.Select)
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type"), *Kind.choices])
    venue = forms.CharField(label="Venue", required=False, max_length=300, widget=forms.Select)
    member = forms.SlugField(label="Member", required=False, widget=forms.Select)

    def __init__(self, data, *, with_choices=True):
        super().__init__(data, label_suffix="")
        if with_choices:  # what the dropdowns offer; an export only reads the values
            self.add_choices()

    def add_choices(self):
        years = Publication.objects.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct()
        self.fields["year"].widget.choices = [("", "Any year"), *((year, year) for year in years)]
        venues = Venue.objects.filter(Exists(Publication.objects.filter(venue=OuterRef("pk"))))
        # One entry per badge: venues printed differently ("ICRA Workshop on X", "… on Y") share it,
        # and choosing it finds the papers of all of them.
        badges = {venue.badge.casefold(): venue.badge for venue in venues.only("name", "short_name")}
        self.fields["venue"].widget.choices = [
            ("", "Any venue"),
            *sorted(((badge, badge) for badge in badges.values()), key=lambda choice: choice[1].lower()),
        ]
        confirmed = Authorship.objects.confirmed().filter(researcher=OuterRef("pk"))
        members = Researcher.objects.public().filter(Exists(confirmed)).order_by("name").values_list("slug", "name")
        self.fields["member"].widget.choices = [("", "Anyone"), *members]

    def filters(self):
        """The cleaned values of the fields that are valid and set."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "")}


def filter_publications(publications, filters):
    if "year" in filters:
        publications = publications.filter(year=filters["year"])
    if "type" in filters:
        publications = publications.filter(kind=filters["type"])
    if venue := filters.get("venue"):
        if venue.isdigit() and len(venue) < 18:
            publications = publications.filter(venue_id=int(venue))
        else:
            publications = publications.filter(Q(venue__short_name__iexact=venue) | Q(venue__name__iexact=venue))
    if member := filters.get("member"):
        publications = publications.for_member(member)
    # Every word must appear somewhere: in the title, venue, an author's name or the abstract. Accents
    # do not matter: the author list also holds its names without accents, the title key is folded.
    for word in filters.get("q", "").split()[:MAX_SEARCH_WORDS]:
        folded = fold_accents(word)
        publications = publications.filter(
            Q(title__icontains=word)
            | Q(title_key__icontains=title_key(word))
            | Q(venue_text__icontains=word)
            | Q(venue__name__icontains=word)
            | Q(venue__short_name__icontains=word)
            | Q(abstract__icontains=word)
            | Q(authors_text__icontains=word)
            | Q(authors_text__icontains=folded)
        )
    return publications


def publication_list(request):
    """The whole lab's work, newest first, filtered and paginated."""
    form = PublicationFilters(request.GET)
    filters = form.filters()
    publications = filter_publications(Publication.objects.public(), filters).newest_first().with_authors()
    pages = paginate(request, publications, PER_PAGE, on_each_side=2, on_ends=1)
    return render(request, "publications/list.html", {"form": form, "filtered": bool(filters), **pages})


def publication_detail(request, pk):
    publication = get_object_or_404(Publication.objects.public().with_authors(), pk=pk)
    return render(request, "publications/detail.html", {"publication": publication})


CITE_ID = re.compile(r"^[a-z][a-z0-9-]{0,80}$")


def publication_cite(request, pk):
    """The paper's formatted citations as a fragment, for the Cite panel of a list when it opens.

    `id` names the elements, so the copy buttons find their text: the panel's own id prefix.
    """
    cite_id = request.GET.get("id", "cite")
    if not CITE_ID.match(cite_id):
        return HttpResponseBadRequest("bad id\n", content_type="text/plain")
    publication = get_object_or_404(Publication.objects.public().with_authors(), pk=pk)
    response = render(request, "publications/_cite_styles.html", {"publication": publication, "cite_id": cite_id})
    response["X-Robots-Tag"] = "noindex"
    return response


VENUE_GROUPS = [("journal", "Journals"), ("conference", "Conferences"), ("other", "Other")]


def venue_group(publication):
    """'journal', 'conference' or 'other', from the venue's kind, else from the paper's."""
    if publication.status in {Status.UNDER_REVIEW, Status.PREPRINT}:
        return "other"
    if publication.venue is not None:
        kind = publication.venue.kind
        return kind if kind in {Venue.Kind.JOURNAL, Venue.Kind.CONFERENCE} else "other"
    return {Kind.ARTICLE: "journal", Kind.CONFERENCE: "conference"}.get(publication.kind, "other")


def venue_counts(publications):
    """[(group label, [(badge, count)])], e.g. ('Conferences', [('CVPR', 5), ('NeurIPS', 1)]).

    Counted by the database, one row per distinct venue, status and kind, so a member with
    thousands of papers costs one query and no paper is loaded.
    """
    rows = (
        publications.order_by()
        .values("status", "kind", "venue_text", "venue__kind", "venue__short_name", "venue__name")
        .annotate(abbr=KeyTextTransform("abbr", "extra"), papers=Count("pk"))
    )
    counts = {group: Counter() for group, _ in VENUE_GROUPS}
    for row in rows:
        # An unsaved paper with these values, so the labels come from the model's own properties.
        venue = Venue(kind=row["venue__kind"], short_name=row["venue__short_name"] or "", name=row["venue__name"] or "")
        publication = Publication(
            status=row["status"],
            kind=row["kind"],
            venue_text=row["venue_text"],
            venue=venue if row["venue__kind"] else None,
            extra={"abbr": row["abbr"]} if row["abbr"] else {},
        )
        if publication.status == Status.UNDER_REVIEW:
            label = publication.get_status_display()
        else:
            label = publication.badge or publication.venue_name or publication.get_kind_display()
        counts[venue_group(publication)][label] += row["papers"]
    return [
        (title, sorted(counts[group].items(), key=lambda item: (-item[1], item[0].lower())))
        for group, title in VENUE_GROUPS
        if counts[group]
    ]


def member_publications(request, slug):
    """One member's full list: the papers they are a confirmed author of, by year, a page at a time."""
    member = get_viewable_researcher_or_404(request, slug)
    mine = Publication.objects.public().for_member(member)
    pages = paginate(request, mine.newest_first().with_authors(), MEMBER_PER_PAGE, on_each_side=2, on_ends=1)
    return render(
        request,
        "publications/member_list.html",
        {
            "researcher": member,
            "publications": pages["page_obj"].object_list,
            "venue_counts": venue_counts(mine),
            **pages,
        },
    )


def export_response(publications, file_format, filename):
    """A download of the publications in one of FORMATS, named `filename`.<format>, streamed as it is written."""
    write, content_type = FORMATS[file_format]
    papers = publications.newest_first().with_authors().iterator(chunk_size=EXPORT_CHUNK)
    response = StreamingHttpResponse(_buffered(write(papers)), content_type=f"{content_type}; charset=utf-8")
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "publications"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def _buffered(pieces, size=64 * 1024):
    """Pieces of text joined into chunks of about `size` characters: fewer, fuller writes to the socket."""
    buffer, length = [], 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def lab_export(request, file_format):
    """The lab's publications, narrowed by the same filters as the list the download link was on."""
    filters = PublicationFilters(request.GET, with_choices=False).filters()
    publications = filter_publications(Publication.objects.public(), filters)
    return export_response(publications, file_format, f"{slugify(Lab.load().name)}-publications")


def member_export(request, slug, file_format):
    member = get_object_or_404(Researcher.objects.public(), slug=slug)
    return export_response(Publication.objects.public().for_member(member), file_format, f"{slug}-publications")


def publication_export(request, pk, file_format):
    publication = get_object_or_404(Publication.objects.public().with_authors(), pk=pk)
    return export_response(Publication.objects.filter(pk=pk), file_format, citation_key(publication))
