"""Writing publications out: BibTeX, CSL-JSON and RIS.

Every writer takes publications fetched with ``Publication.objects.with_authors()``
so that a whole lab's list is written without a query per paper.
"""

import json
import re

import bibtexparser
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from researchers.common.metadata import absolute_url

from .models import Kind, Status
from .names import romanize

# ---------------------------------------------------------------- shared helpers

PAGE_RANGE = re.compile(r"^\s*([^\s–—-]+)\s*(?:-+|–|—)\s*([^\s–—-]+)\s*$")
TITLE_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards", "toward", "via"}


def page_range(pages):
    """'12--23', '12–23' or '12-23' → ('12', '23'); 'e1234' → ('e1234', '')."""
    match = PAGE_RANGE.match(pages or "")
    if match:
        return match.group(1), match.group(2)
    return (pages or "").strip(), ""


def pages_text(pages):
    """Pages as printed: '12--23' → '12–23'."""
    first, last = page_range(pages)
    return f"{first}–{last}" if last else first


def author_parts(authorship):
    """(family, given) of an author, splitting the printed name when the parts were never stored."""
    if authorship.family:
        return authorship.family, authorship.given
    words = authorship.name.rsplit(" ", 1)
    return (words[-1], words[0]) if len(words) == 2 else (authorship.name, "")


def inverted_name(authorship):
    """'Family, Given' (the family name alone when there is no given name), as RIS and Highwire tags want it."""
    family, given = author_parts(authorship)
    return f"{family}, {given}" if given else family


def locator_fields(publication):
    """Where the paper sits in its venue, in the order citation formats list it: (field, value) pairs."""
    first, last = page_range(publication.pages)
    return [
        ("volume", publication.volume),
        ("issue", publication.issue),
        ("firstpage", first),
        ("lastpage", last),
        ("publisher", publication.publisher),
        ("doi", publication.doi),
    ]


def citation_key(publication):
    """The stored key, else family name of the first author + year + first real word of the title."""
    if publication.bibtex_key:
        return publication.bibtex_key
    authors = publication.authorships.all()
    family = author_parts(authors[0])[0] if authors else "anonymous"
    words = re.findall(r"\w+", romanize(publication.title).lower())
    word = next((word for word in words if word not in TITLE_STOPWORDS), words[0] if words else "")
    key = f"{romanize(family)}{publication.year or ''}{word}".lower()
    return re.sub(r"[^a-z0-9]", "", key) or f"publication{publication.pk}"


# ---------------------------------------------------------------- BibTeX

BIBTEX_TYPES = {
    Kind.ARTICLE: "article",
    Kind.CONFERENCE: "inproceedings",
    Kind.WORKSHOP: "inproceedings",
    Kind.PREPRINT: "misc",
    Kind.BOOK: "book",
    Kind.CHAPTER: "incollection",
    Kind.THESIS: "phdthesis",
    Kind.REPORT: "techreport",
    Kind.OTHER: "misc",
}
VENUE_FIELDS = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "phdthesis": "school",
    "techreport": "institution",
    "book": "publisher",
    "misc": "howpublished",
}
# biblatex's pubstate values, which the importer reads back as the same status.
PUBSTATES = {Status.ACCEPTED: "forthcoming", Status.IN_PRESS: "inpress", Status.UNDER_REVIEW: "submitted"}
MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
LATEX_ESCAPES = str.maketrans({char: f"\\{char}" for char in "&%$#_{}"})
# Links are written as al-folio's fields, so that a re-import restores them.
LINK_FIELDS = [
    ("pdf", "pdf_url"),
    ("code", "code_url"),
    ("html", "project_url"),
    ("video", "video_url"),
    ("slides", "slides_url"),
    ("poster", "poster_url"),
]
# al-folio's settings for how its own page shows a paper: they mean nothing to a reader's reference manager.
INTERNAL_FIELDS = {
    "abbr", "selected", "bibtex_show", "preview", "google_scholar_id", "altmetric", "dimensions", "annotation",
    "award", "award_name",
}  # fmt: skip
BIBTEX_FORMAT = BibtexFormat()
BIBTEX_FORMAT.indent = "  "
BIBTEX_FORMAT.block_separator = "\n\n"


def latex_escape(text):
    """Plain text → a BibTeX field value: LaTeX specials escaped, '--' kept apart, non-ASCII kept as UTF-8."""
    text = " ".join((text or "").split())
    return text.translate(LATEX_ESCAPES).replace("--", "-{}-")


def bibtex_entry(publication, key=None):
    """One entry, written from the record as it is now, so edits made since an import show."""
    return generate_bibtex(publication, key or citation_key(publication))


def generate_bibtex(publication, key):
    """The paper as a BibTeX entry, written by bibtexparser: fields in a fixed order, values LaTeX-escaped."""
    library = bibtexparser.Library([_bibtex_record(publication, key)])
    return bibtexparser.write_string(library, bibtex_format=BIBTEX_FORMAT).strip()


def _bibtex_record(publication, key):
    entry_type = BIBTEX_TYPES.get(publication.kind, "misc")
    fields = {"title": latex_escape(publication.title)}
    names = []
    for authorship in publication.authorships.all():
        family, given = author_parts(authorship)
        family = latex_escape(family)
        # A name without a given part (a consortium) is braced so it is not split.
        names.append(f"{family}, {latex_escape(given)}" if given else f"{{{family}}}")
    if names:
        fields["author"] = " and ".join(names)
    if publication.venue_name:
        fields[VENUE_FIELDS[entry_type]] = latex_escape(publication.venue_name)
    if publication.year:
        fields["year"] = str(publication.year)
    if publication.month:
        fields["month"] = MONTH_MACROS[publication.month - 1]
    for name, attribute in (("volume", "volume"), ("number", "issue")):
        if getattr(publication, attribute):
            fields[name] = latex_escape(getattr(publication, attribute))
    if publication.pages:
        fields["pages"] = "--".join(latex_escape(part) for part in page_range(publication.pages) if part)
    if publication.publisher and entry_type != "book":
        fields["publisher"] = latex_escape(publication.publisher)
    if publication.doi:
        fields["doi"] = publication.doi
    if publication.arxiv_id:
        fields["eprint"] = publication.arxiv_id
        fields["archiveprefix"] = "arXiv"
    if publication.status in PUBSTATES:
        fields["pubstate"] = PUBSTATES[publication.status]
    if publication.note:
        fields["note"] = latex_escape(publication.note)
    if publication.abstract:
        fields["abstract"] = latex_escape(publication.abstract)
    for name, attribute in LINK_FIELDS:
        if getattr(publication, attribute):
            fields[name] = absolute_url(getattr(publication, attribute))
    # Other fields kept from the source (e.g. al-folio's supp or blog links), but none of its page settings.
    for name, value in sorted(publication.extra.items()):
        if isinstance(value, str) and value and name not in fields and name not in INTERNAL_FIELDS:
            fields[name] = value
    return Entry(entry_type, key, [Field(name, value) for name, value in fields.items()])


def iter_bibtex(publications):
    """A .bib file, entry by entry. Keys are made unique within the file, so it always reads back whole."""
    used = set()
    for number, publication in enumerate(publications):
        key = citation_key(publication)
        unique = key
        suffix = 1
        while unique.lower() in used:
            suffix += 1
            unique = f"{key}-{suffix}"
        used.add(unique.lower())
        # Written by bibtexparser entry by entry, so a long list streams.
        yield ("\n\n" if number else "") + bibtex_entry(publication, unique)
    if used:
        yield "\n"


# ---------------------------------------------------------------- CSL-JSON

CSL_TYPES = {
    Kind.ARTICLE: "article-journal",
    Kind.CONFERENCE: "paper-conference",
    Kind.WORKSHOP: "paper-conference",
    Kind.PREPRINT: "article",
    Kind.BOOK: "book",
    Kind.CHAPTER: "chapter",
    Kind.THESIS: "thesis",
    Kind.REPORT: "report",
    Kind.OTHER: "document",
}
CSL_STATUS = {Status.ACCEPTED: "forthcoming", Status.IN_PRESS: "in press", Status.UNDER_REVIEW: "under review"}


def link_for(publication):
    """The paper's own address elsewhere: its project page, PDF or arXiv abstract."""
    if publication.project_url or publication.pdf_url:
        return absolute_url(publication.project_url or publication.pdf_url)
    return f"https://arxiv.org/abs/{publication.arxiv_id}" if publication.arxiv_id else ""


def csl_item(publication):
    """One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item = {"id": citation_key(publication), "type": CSL_TYPES.get(publication.kind, "document")}
    item["title"] = publication.title
    authors = []
    for authorship in publication.authorships.all():
        family, given = author_parts(authorship)
        authors.append({"family": family, "given": given} if given else {"literal": family})
    item["author"] = authors
    if publication.year:
        item["issued"] = {
            "date-parts": [[publication.year, publication.month] if publication.month else [publication.year]]
        }
    optional = {
        "container-title": publication.venue_name,
        "container-title-short": publication.badge if publication.badge != publication.venue_name else "",
        "volume": publication.volume,
        "issue": publication.issue,
        "page": "-".join(part for part in page_range(publication.pages) if part),
        "publisher": publication.publisher,
        "DOI": publication.doi,
        "URL": link_for(publication),
        "abstract": publication.abstract,
        "status": CSL_STATUS.get(publication.status, ""),
        "note": f"arXiv:{publication.arxiv_id}" if publication.arxiv_id else "",
    }
    item.update((name, value) for name, value in optional.items() if value)
    return item


def iter_csl_json(publications):
    """A CSL-JSON array, item by item, laid out as json.dumps(items, indent=2) would."""
    first = True
    for publication in publications:
        item = json.dumps(csl_item(publication), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def write_csl_json(publications):
    return "".join(iter_csl_json(publications))


# ---------------------------------------------------------------- RIS

RIS_TYPES = {
    Kind.ARTICLE: "JOUR",
    Kind.CONFERENCE: "CPAPER",
    Kind.WORKSHOP: "CPAPER",
    Kind.PREPRINT: "UNPB",
    Kind.BOOK: "BOOK",
    Kind.CHAPTER: "CHAP",
    Kind.THESIS: "THES",
    Kind.REPORT: "RPRT",
    Kind.OTHER: "GEN",
}
RIS_LOCATOR_TAGS = dict(volume="VL", issue="IS", firstpage="SP", lastpage="EP", publisher="PB", doi="DO")


def ris_record(publication):
    """One RIS record, from TY to ER; every value on one line."""
    ris_type = RIS_TYPES.get(publication.kind, "GEN")
    tags = [("TY", ris_type)]
    tags += [("AU", inverted_name(authorship)) for authorship in publication.authorships.all()]
    tags.append(("TI", publication.title))
    tags.append(("JO" if ris_type == "JOUR" else "T2", publication.venue_name))
    if publication.year:
        month = f"{publication.month:02d}" if publication.month else ""
        tags += [("PY", str(publication.year)), ("DA", f"{publication.year}/{month}//")]
    tags += [(RIS_LOCATOR_TAGS[field], value) for field, value in locator_fields(publication)]
    tags += [
        ("UR", link_for(publication)),
        ("AB", publication.abstract),
        ("N1", publication.note),
    ]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - "])


def iter_ris(publications):
    for publication in publications:
        yield ris_record(publication) + "\n\n"


# ---------------------------------------------------------------- formats

# Each format's writer yields the file piece by piece, so a long list is streamed, not held whole.
FORMATS = {
    "bib": (iter_bibtex, "text/x-bibtex"),
    "json": (iter_csl_json, "application/vnd.citationstyles.csl+json"),
    "ris": (iter_ris, "application/x-research-info-systems"),
}
