"""What every scholarly source is read into: a WorkRecord, and the BibTeX entry the import service takes."""

import re
from dataclasses import dataclass, field

from publications.identifiers import normalize_arxiv, normalize_doi, title_key
from researchers.validators import normalize_orcid, orcid_checksum_ok

# The kind of work as BibTeX says it; the import service maps entry types to its own kinds.
ENTRY_TYPES = {
    "article": "article",
    "journal-article": "article",
    "proceedings-article": "inproceedings",
    "conference-paper": "inproceedings",
    "book-chapter": "incollection",
    "chapter": "incollection",
    "book": "book",
    "monograph": "book",
    "dissertation": "phdthesis",
    "report": "techreport",
    "preprint": "misc",
    "posted-content": "misc",
}
VERBATIM = {"doi", "eprint"}
BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


@dataclass
class WorkAuthor:
    name: str
    family: str = ""
    given: str = ""
    orcid: str = ""


@dataclass
class WorkRecord:
    """One paper as a source describes it, identifiers already in their normal forms."""

    source: str
    title: str
    # Where it can be found again: the source's own id and page, and the identifiers and link it gives.
    source_id: str = ""
    source_url: str = ""
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""
    authors: list[WorkAuthor] = field(default_factory=list)
    kind: str = "article"
    venue: str = ""
    year: int | None = None
    month: int | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    abstract: str = ""
    cited_by_count: int | None = None
    counts_by_year: dict = field(default_factory=dict)

    def __post_init__(self):
        self.doi = normalize_doi(self.doi)
        self.arxiv_id = normalize_arxiv(self.arxiv_id)
        self.title = " ".join((self.title or "").split())
        # Links are shown as links: only web addresses, whatever a source sends.
        self.url, self.source_url = (
            link if link.startswith(("https://", "http://")) else ""
            for link in (str(self.url or ""), str(self.source_url or ""))
        )
        for author in self.authors:
            author.orcid = orcid_of(author.orcid)

    @property
    def title_key(self):
        return title_key(self.title)

    @property
    def key(self):
        """One string naming the paper, the strongest identifier first."""
        if self.doi:
            return f"doi:{self.doi}"
        if self.arxiv_id:
            return f"arxiv:{self.arxiv_id}"
        return f"title:{self.title_key}|{self.year or ''}"

    def to_bibtex(self):
        """The record as one BibTeX entry, the form `publication_import` reads."""
        fields = {
            "title": self.title,
            "journal" if self.kind == "article" else "booktitle" if self.kind == "inproceedings" else "howpublished": (
                self.venue
            ),
            "year": str(self.year or ""),
            "month": str(self.month or ""),
            "volume": self.volume,
            "number": self.issue,
            "pages": self.pages,
            "publisher": self.publisher,
            "doi": self.doi,
            "eprint": self.arxiv_id,
            "archiveprefix": "arXiv" if self.arxiv_id else "",
            "abstract": self.abstract,
        }
        key = re.sub(r"[^\w:./-]", "", self.key)[:150] or "work"
        # Identifiers are read verbatim by the import (an escaped "_" would stay in the DOI); text is LaTeX.
        fields = {
            name: re.sub(r"[{}\\\s]", "", str(value)) if name in VERBATIM else _escape(value)
            for name, value in fields.items()
            if value
        }
        fields["author"] = " and ".join(_bibtex_name(author) for author in self.authors)  # escaped name by name
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
        return f"@{self.kind}{{{key},\n{body}\n}}\n"


def orcid_of(value):
    """'https://orcid.org/0000-0002-…' → '0000-0002-…'; '' when it is not an ORCID iD."""
    orcid = normalize_orcid(re.sub(r"^https?://www\.", "https://", (value or "").strip()))
    valid = re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid or "") and orcid_checksum_ok(orcid)
    return orcid if valid else ""


def entry_type(source_type):
    return ENTRY_TYPES.get((source_type or "").lower(), "misc")


def _escape(value):
    # BibTeX values are LaTeX: its specials are escaped, and "--" would read as a dash.
    value = " ".join(str(value).replace("\\", "/").split())
    return BIBTEX_SPECIAL.sub(r"\\\1", value).replace("--", "-{}-")


def _bibtex_name(author):
    if author.family and author.given:
        return f"{_escape(author.family)}, {_escape(author.given)}"
    if author.family:
        return f"{{{_escape(author.family)}}}"
    return _escape(author.name).replace(" and ", " {and} ")
