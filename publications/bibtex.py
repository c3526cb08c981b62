"""Reading BibTeX into publication records, and writing publications back as BibTeX.

Parsing uses bibtexparser 2 with its default stack (string macros resolved,
enclosing braces removed). LaTeX is decoded only in fields that show any.
"""

import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

from researchers.common.text import repair_text

from .identifiers import normalize_arxiv, normalize_doi, title_key
from .latex import latex_to_text
from .models import Kind, Publication, Status
from .names import AuthorName, split_authors

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
KINDS = {
    "article": Kind.ARTICLE,
    "inproceedings": Kind.CONFERENCE,
    "conference": Kind.CONFERENCE,
    "incollection": Kind.CHAPTER,
    "inbook": Kind.CHAPTER,
    "book": Kind.BOOK,
    "phdthesis": Kind.THESIS,
    "mastersthesis": Kind.THESIS,
    "thesis": Kind.THESIS,
    "techreport": Kind.REPORT,
    "report": Kind.REPORT,
}
LINK_FIELDS = {
    "pdf": "pdf_url",
    "code": "code_url",
    "html": "project_url",
    "website": "project_url",
    "video": "video_url",
    "slides": "slides_url",
    "poster": "poster_url",
}
# al-folio's own fields, kept as they are for display and export.
EXTRA_FIELDS = {
    "abbr", "bibtex_show", "preview", "google_scholar_id", "altmetric", "dimensions",
    "additional_info", "award", "award_name", "annotation", "supp", "blog", "html", "website", "pdf",
}  # fmt: skip
GITHUB_REPOSITORY = re.compile(r"^https?://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?$")
TRUE = {"true", "yes", "1"}


@dataclass
class ParsedEntry:
    """One BibTeX entry, decoded, ready to become a Publication and its Authorships."""

    key: str
    line: int
    values: dict
    authors: list[AuthorName]
    more_authors: bool = False
    selected: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass
class EntryError:
    key: str
    line: int | None
    reason: str

    def __str__(self):
        where = f" (line {self.line})" if self.line else ""
        return f"{self.key or 'entry'}{where}: {self.reason}"


def decode_file(data):
    """Bytes of a .bib file → text: UTF-8; else GBK when it is valid GB 2312 (Chinese); else Windows-1252.

    GB 2312 keeps both bytes of a character at 0xA1 and above, which Latin text
    ("é}" is 0xE9 0x7D) practically never does, so the test does not mistake
    accented Western text for Chinese.
    """
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb2312")
        return data.decode("gbk")  # the superset, for the rarer characters
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_bibtex(text):
    """BibTeX text → ([ParsedEntry], [EntryError]). Never raises on bad input."""
    library = bibtexparser.parse_string(text)
    errors = [_failed_block_error(block) for block in library.failed_blocks]
    entries, names = [], {}
    for entry in library.entries:
        try:
            entries.append(_read_entry(entry, names))
        except ValueError as error:
            errors.append(EntryError(entry.key, entry.start_line + 1, str(error)))
    return entries, errors


def _failed_block_error(block):
    if isinstance(block, DuplicateBlockKeyBlock):
        return EntryError(block.key, block.start_line + 1, "the same key appears earlier in the file")
    reason = "could not be parsed"
    if isinstance(block, ParsingFailedBlock) and block.error:
        # bibtexparser's aborted blocks carry their reason in `abort_reason`; str() of them is empty.
        detail = (getattr(block.error, "abort_reason", "") or str(block.error)).strip()
        reason = f"could not be parsed: {detail}" if detail else reason
    key = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]*)", block.raw or "")
    return EntryError(key.group(1) if key else "", (block.start_line or 0) + 1, reason)


def _read_entry(entry, names):
    fields = {field.key.lower(): field.value for field in entry.fields if isinstance(field.value, str)}
    title = latex_to_text(fields.get("title", "")).strip()
    if not title:
        raise ValueError("it has no title")
    if len(title) > Publication._meta.get_field("title").max_length:
        raise ValueError("its title is longer than 500 characters")
    authors, more = split_authors(repair_text(fields.get("author", "")), names)
    if not authors:
        authors, more = split_authors(repair_text(fields.get("editor", "")), names)
    warnings = []
    entry_type = entry.entry_type.lower()
    arxiv_id = normalize_arxiv(
        fields.get("arxiv")
        or (fields.get("eprint") if fields.get("archiveprefix", "arxiv").lower() == "arxiv" else "")
        or (fields.get("journal", "") if "arxiv" in fields.get("journal", "").lower() else "")
    )
    doi = normalize_doi(fields.get("doi", "")) or normalize_doi(fields.get("url", ""))
    if fields.get("doi") and not doi:
        warnings.append(f"DOI {fields['doi']!r} is not a DOI; left out")
    venue_text = latex_to_text(
        fields.get("journal") or fields.get("booktitle") or fields.get("school") or fields.get("institution")
        or fields.get("howpublished") or ""
    )  # fmt: skip
    kind = KINDS.get(entry_type, Kind.OTHER)
    if kind == Kind.CONFERENCE and "workshop" in venue_text.lower():
        kind = Kind.WORKSHOP
    if arxiv_id and (kind == Kind.OTHER or "arxiv" in venue_text.lower()):
        kind = Kind.PREPRINT
    values = {
        "title": title,
        "title_key": title_key(title),
        "kind": kind,
        "venue_text": venue_text[:500],
        "year": _year(fields.get("year") or fields.get("date", "")),
        "month": _month(fields.get("month", "")),
        "status": _status(fields, kind),
        "abstract": latex_to_text(fields.get("abstract", "")),
        "volume": fields.get("volume", "")[:50],
        "issue": fields.get("number", "")[:50],
        "pages": latex_to_text(fields.get("pages", ""))[:50],
        "publisher": latex_to_text(fields.get("publisher", ""))[:300],
        "doi": doi,
        "arxiv_id": arxiv_id,
        "note": latex_to_text(fields.get("award_name") or fields.get("award") or fields.get("note", ""))[:200],
        "bibtex": entry.raw or "",
        "bibtex_key": entry.key[:200],
        "extra": {name: fields[name] for name in EXTRA_FIELDS if name in fields},
    }
    for source, target in LINK_FIELDS.items():
        url = fields.get(source, "").strip()
        values.setdefault(target, "")
        if url.startswith(("https://", "http://")) and len(url) <= 500 and not values[target]:
            values[target] = url
            values["extra"].pop(source, None)  # now a link of the paper; kept only while it is not one
    if not values.get("pdf_url") and arxiv_id and "/" not in arxiv_id:
        values["pdf_url"] = f"https://arxiv.org/pdf/{arxiv_id}"
    repository = GITHUB_REPOSITORY.match(values.get("code_url", ""))
    values["code_repository"] = repository.group(1) if repository else ""
    for name, value in values.items():
        if isinstance(value, str) and not value.isascii():
            values[name] = repair_text(value)
    return ParsedEntry(
        key=entry.key,
        line=entry.start_line + 1,
        values=values,
        authors=authors,
        more_authors=more,
        selected=fields.get("selected", "").strip().lower() in TRUE,
        warnings=warnings,
    )


def _year(value):
    match = re.search(r"\b(1[5-9]\d\d|20\d\d|2100)\b", value)
    return int(match.group(1)) if match else None


def _month(value):
    value = value.strip().lower().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value) or MONTHS.get(value[:3])


def _status(fields, kind):
    text = " ".join(fields.get(name, "") for name in ("note", "status", "pubstate", "additional_info")).lower()
    if "under review" in text or "submitted" in text or "under peer-review" in text:
        return Status.UNDER_REVIEW
    if "in press" in text or "inpress" in text:
        return Status.IN_PRESS
    if "to appear" in text or "accepted" in text or "forthcoming" in text:
        return Status.ACCEPTED
    return Status.PREPRINT if kind == Kind.PREPRINT else Status.PUBLISHED
