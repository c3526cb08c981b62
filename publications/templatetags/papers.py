"""Template helpers for showing papers: links, author marks, exports and machine-readable metadata."""

import hashlib
from pathlib import Path

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from researchers.common.metadata import absolute_url, json_ld, page_node
from researchers.common.sources import sources_digest
from researchers.validators import safe_href

from ..citations import formatted_citations
from ..exports import author_parts, bibtex_entry, inverted_name, locator_fields, pages_text
from ..models import Kind, ResearchTheme

register = template.Library()

CONFERENCE_KINDS = {Kind.CONFERENCE, Kind.WORKSHOP}
PAPER_TEMPLATE = "publications/_publication.html"
PAPER_CACHE_SECONDS = 24 * 60 * 60
APP = Path(__file__).resolve().parents[1]
# What renders a paper: when any of these files changes, every cached paper is rendered anew.
PAPER_SOURCES = [
    APP / "templates" / PAPER_TEMPLATE,
    APP / "templates" / "publications" / "_author_list.html",
    APP / "templates" / "publications" / "_citations.html",
    APP / "templates" / "publications" / "_cite.html",
    APP / "templates" / "publications" / "_cite_styles.html",
    APP / "templates" / "publications" / "_preview.html",
    APP / "citations.py",
    APP / "templatetags" / "papers.py",
    APP / "exports.py",
]


@register.simple_tag(takes_context=True)
def paper(context, publication, **options):
    """One paper, as publications/_publication.html renders it, from the cache when it can be.

    Options (else taken from the context): owner, the member shown bold; level, the title's
    heading level; id_prefix. The cache key is a digest of everything the partial reads: the
    paper, its venue, its authors and their members' addresses, the options and the rendering
    code itself. A changed paper gets a new key, so nothing is ever served stale, and an edit
    elsewhere in the lab does not make papers render again.
    """
    values = {name: options.get(name, context.get(name)) for name in ("owner", "level", "id_prefix")}
    key = f"paper:{paper_digest(publication, values)}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(PAPER_TEMPLATE, {"publication": publication, **values})
        cache.set(key, html, PAPER_CACHE_SECONDS)
    return mark_safe(html)  # the partial's own output, escaped where it renders


@register.simple_tag(takes_context=True)
def paper_list(context, publications, **options):
    """The papers as an ordered list, each rendered by {% paper %} with the same options."""
    items = format_html_join(
        "\n", "<li>{}</li>", ((paper(context, publication, **options),) for publication in publications)
    )
    return format_html('<ol class="paper-list">\n{}\n</ol>', items)


def paper_digest(publication, values):
    authors = [
        (
            _fields(authorship),
            authorship.researcher and (authorship.researcher.slug, authorship.researcher.has_public_page),
        )
        for authorship in publication.authorships.all()
    ]
    owner = values["owner"].pk if values["owner"] else None
    venue = _fields(publication.venue) if publication.venue_id else None
    sources = sources_digest(*PAPER_SOURCES)
    # A stale citation figure says how old it is, which changes from one day to the next.
    age = publication.citations_age_days
    state = (sources, _fields(publication), venue, authors, owner, values["level"], values["id_prefix"], age)
    return hashlib.sha256(repr(state).encode()).hexdigest()


def _fields(instance):
    return [(name, value) for name, value in instance.__dict__.items() if not name.startswith("_")]


@register.filter
def member_url(authorship):
    """The page of the lab member this author is: only for a confirmed link to a member with a public page."""
    member = authorship.member
    if member is None or not member.has_public_page:
        return ""
    return member.get_absolute_url()


@register.simple_tag
def paper_links(publication):
    """[(label, url, rel)] for the buttons under a paper, in reading order."""
    code = "Code"
    if publication.stars is not None:
        code = f"Code ★ {publication.stars:,}"
    links = [
        ("PDF", publication.pdf_url),
        (code, publication.code_url),
        ("Project", publication.project_url),
        ("Video", publication.video_url),
        ("Slides", publication.slides_url),
        ("Poster", publication.poster_url),
        ("arXiv", f"https://arxiv.org/abs/{publication.arxiv_id}" if publication.arxiv_id else ""),
        ("DOI", f"https://doi.org/{publication.doi}" if publication.doi else ""),
        *metric_links(publication),
    ]
    return [(label, safe_href(url)) for label, url in links if safe_href(url)]


def metric_links(publication):
    """Altmetric and Dimensions pages of the paper, only when it asks for them (al-folio's `altmetric` and
    `dimensions` fields). Links, not the services' embed scripts: the site runs no third-party code."""
    wanted = {name: str(publication.extra.get(name, "")).strip() for name in ("altmetric", "dimensions")}
    wanted = {name: value for name, value in wanted.items() if value.lower() not in {"", "false", "no", "0"}}
    links = []
    if altmetric := wanted.get("altmetric"):
        if altmetric.isdigit():
            links.append(("Altmetric", f"https://www.altmetric.com/details/{altmetric}"))
        elif publication.doi:
            links.append(("Altmetric", f"https://www.altmetric.com/details/doi/{publication.doi}"))
        elif publication.arxiv_id:
            links.append(("Altmetric", f"https://www.altmetric.com/details/arxiv/{publication.arxiv_id}"))
    if "dimensions" in wanted and publication.doi:
        links.append(("Dimensions", f"https://badge.dimensions.ai/details/doi/{publication.doi}"))
    return links


def shown_publications(item):
    """Every publication shown for an item: a paper, a research theme and its sub-themes, or a list of either."""
    if hasattr(item, "authorships"):
        yield item
    elif isinstance(item, ResearchTheme):
        yield from item.publications.all()
        for child in getattr(item, "subthemes", ()):
            yield from shown_publications(child)
    else:
        for element in item or ():
            yield from shown_publications(element)


@register.simple_tag
def author_marks(*items):
    """Which author marks the shown papers use: {'equal': bool, 'corresponding': bool}, or None for neither."""
    equal = corresponding = False
    for publication in shown_publications(items):
        for authorship in publication.authorships.all():
            equal = equal or authorship.equal_contribution
            corresponding = corresponding or authorship.corresponding
    if not (equal or corresponding):
        return None
    return {"equal": equal, "corresponding": corresponding}


@register.filter
def next_heading(level):
    """The heading level below `level`; HTML has no h7."""
    return min(int(level) + 1, 6)


@register.filter
def note_badge(publication):
    """The note or award to show beside the status, unless it only repeats the status ('Under review')."""
    note = publication.note.strip()
    return "" if note.lower().rstrip(".") == publication.status_label.lower() else note


@register.filter
def pages(value):
    return pages_text(value)


@register.simple_tag
def citations(publication):
    """[(key, label, html)]: the paper cited in APA, IEEE and Chicago."""
    return formatted_citations(publication)


@register.filter
def bibtex(publication):
    return bibtex_entry(publication)


def publication_date(publication, separator):
    if not publication.year:
        return ""
    if publication.month:
        return f"{publication.year}{separator}{publication.month:02d}"
    return str(publication.year)


@register.simple_tag
def citation_meta(publication):
    """Google Scholar's Highwire Press tags for a paper page."""
    tags = [("citation_title", publication.title)]
    tags += [("citation_author", inverted_name(authorship)) for authorship in publication.authorships.all()]
    tags.append(("citation_publication_date", publication_date(publication, "/")))
    venue_tag = {
        Kind.ARTICLE: "citation_journal_title",
        Kind.CONFERENCE: "citation_conference_title",
        Kind.WORKSHOP: "citation_conference_title",
        Kind.CHAPTER: "citation_inbook_title",
        Kind.THESIS: "citation_dissertation_institution",
        Kind.REPORT: "citation_technical_report_institution",
    }.get(publication.kind)
    if venue_tag:
        tags.append((venue_tag, publication.venue_name))
    tags += [(f"citation_{field}", value) for field, value in locator_fields(publication)]
    tags += [
        ("citation_pdf_url", absolute_url(publication.pdf_url)),
        ("citation_arxiv_id", publication.arxiv_id),
        ("citation_abstract_html_url", absolute_url(publication.get_absolute_url())),
    ]
    return format_html_join("\n  ", '<meta name="{}" content="{}">', ((name, value) for name, value in tags if value))


@register.simple_tag
def scholarly_article_jsonld(publication):
    """schema.org ScholarlyArticle as JSON-LD, safe to place inside a <script> element."""
    data = {
        **page_node("ScholarlyArticle", publication),
        "headline": publication.title,
        "name": publication.title,
        "author": [],
    }
    for authorship in publication.authorships.all():
        family, given = author_parts(authorship)
        person = {"@type": "Person", "name": authorship.name}
        if given:
            person.update(familyName=family, givenName=given)
        if url := member_url(authorship):
            person["url"] = absolute_url(url)
        if authorship.orcid:
            person["sameAs"] = f"https://orcid.org/{authorship.orcid}"
        data["author"].append(person)
    if date := publication_date(publication, "-"):
        data["datePublished"] = date
    if publication.venue_name:
        part_type = "Periodical" if publication.kind == Kind.ARTICLE else "CreativeWork"
        data["isPartOf"] = {"@type": part_type, "name": publication.venue_name}
    if publication.abstract:
        data["abstract"] = publication.abstract
    if publication.publisher:
        data["publisher"] = {"@type": "Organization", "name": publication.publisher}
    same_as = []
    if publication.doi:
        same_as.append(f"https://doi.org/{publication.doi}")
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi}
    if publication.arxiv_id:
        same_as.append(f"https://arxiv.org/abs/{publication.arxiv_id}")
    if same_as:
        data["sameAs"] = same_as
    if publication.pages:
        data["pagination"] = pages_text(publication.pages)
    return json_ld(data)


@register.simple_tag
def export_url(file_format, member=None, publication=None):
    """The address of a BibTeX, CSL-JSON or RIS export: of one paper, one member's papers, or the lab's."""
    if publication is not None:
        return reverse("publications:export", args=[publication.pk, file_format])
    if member is not None:
        return reverse("publications:member_export", args=[member.slug, file_format])
    return reverse("publications:lab_export", args=[file_format])
