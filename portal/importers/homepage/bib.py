"""BibTeX in and out: an al-folio `_bibliography/*.bib` made ready for the BibTeX importer, and the papers read
from page text written as BibTeX entries for it.

al-folio's BibTeX carries the site's own conventions: file fields (pdf,
poster, slides, supp) holding a name under the site's `/assets/pdf/`, the
`honor`/`special` text it prints beside a paper, and arXiv links in `pdf` or
`html` rather than an `arxiv` field. Keys that repeat in one file are common
in hand-kept files and would make the importer skip the second paper.
"""

import re

from publications.identifiers import normalize_arxiv
from researchers.models import NameVariant

from .inline import plain
from .mapping import Unmapped
from .samples import sample_bibtex_entry

ENTRY = re.compile(r"(?m)^[ \t]*@(?P<type>\w+)\s*\{\s*(?P<key>[^,\s]+)\s*,")
FILE_FIELD = re.compile(r"(?m)^(?P<indent>[ \t]*)(?P<name>pdf|poster|slides|supp|video)\s*=\s*\{(?P<value>[^{}]*)\}")
ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(?P<id>[^\s{}\"'?#]+?)(?:\.pdf)?(?=[\s}\"'?#,]|$)", re.I)


def has_field(entry, name):
    return re.search(rf"(?m)^[ \t]*{name}\s*=", entry, re.I) is not None


def prepare_bibtex(text, *, source, site_url, homepage):
    """The text with repeated keys renamed, site files as full addresses and al-folio's extra fields mapped."""
    starts = [match.start() for match in ENTRY.finditer(text)]
    if not starts:
        return text
    pieces, seen, samples = [text[: starts[0]]], {}, 0
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        if sample_bibtex_entry(text[start:end]):
            samples += 1
            continue
        pieces.append(_prepare_entry(text[start:end], text.count("\n", 0, start) + 1, source, site_url, seen, homepage))
    if samples:
        homepage.notes.append(f"{source}: {samples} entries of al-folio's sample bibliography skipped")
    return "".join(pieces)


def _prepare_entry(entry, line, source, site_url, seen, homepage):
    header = ENTRY.match(entry)
    key = header.group("key")
    if key.lower() in seen:
        seen[key.lower()] += 1
        renamed = f"{key}-{seen[key.lower()]}"
        entry = entry[: header.start("key")] + renamed + entry[header.end("key") :]
        homepage.notes.append(f"{source}:{line}: the key {key} is used twice in the file; this entry kept as {renamed}")
    else:
        seen[key.lower()] = 1

    def file_field(match):
        value = match.group("value").strip()
        if not value or re.match(r"^https?://", value, re.I):
            return match.group()
        if site_url:
            url = f"{site_url.rstrip('/')}/assets/pdf/{value.lstrip('/')}"
            homepage.notes.append(
                f"{source}:{line}: {match.group('name')} '{value}' is a file of the old site; linked at {url}, "
                "the file itself is not imported"
            )
            return f"{match.group('indent')}{match.group('name')}={{{url}}}"
        homepage.unmapped.append(
            Unmapped(source, line, f"{match.group('name')}={value}", "link to a file of the site, not imported")
        )
        return match.group()

    entry = FILE_FIELD.sub(file_field, entry)
    additions = []
    if not has_field(entry, "award_name"):
        honor = re.search(r"(?m)^[ \t]*(?:honor|special)\s*=\s*\{(?P<value>(?:[^{}]|\{[^{}]*\})*)\}", entry)
        if honor:
            additions.append(f"award_name={{{honor.group('value')}}}")
    if not has_field(entry, "arxiv") and not has_field(entry, "eprint"):
        arxiv = ARXIV_URL.search(entry)
        if arxiv and normalize_arxiv(arxiv.group("id")):
            additions.append(f"arxiv={{{normalize_arxiv(arxiv.group('id'))}}}")
    if additions:
        entry = entry[: header.end()] + "\n  " + ",\n  ".join(additions) + "," + entry[header.end() :]
    return entry


CONFERENCES = {
    "CVPR", "ICCV", "ECCV", "NEURIPS", "NIPS", "ICML", "ICLR", "AAAI", "IJCAI", "MICCAI", "ACL", "EMNLP",
    "NAACL", "COLING", "KDD", "WWW", "SIGIR", "MICRO", "ISCA", "ASPLOS", "HPCA", "DAC", "MLSYS", "PPOPP", "OSDI",
    "SOSP", "NSDI", "EUROSYS", "SC", "ICS", "CGO", "PLDI", "POPL", "ICCAD", "ICDE", "SIGMOD", "VLDB", "CHI",
    "UIST", "ICRA", "IROS", "RSS", "CORL", "WACV", "BMVC", "MM", "ACM MM", "INTERSPEECH", "ICASSP", "AISTATS",
    "UAI", "COLT", "ICDM", "WSDM", "CIKM", "ISBI", "3DV", "SIGGRAPH", "SIGGRAPH ASIA", "USENIX ATC", "ATC",
}  # fmt: skip
JOURNAL = re.compile(
    r"journal|transactions|letters|magazine|\bIEEE\s+T|^T[A-Z-]{2,}$|\bTMLR\b|\bJMLR\b|\bIJCV\b|\bMIA\b|^PR$|"
    r"pattern recognition|medical image analysis|nature|science|review",
    re.I,
)


def entry_type(paper):
    venue = paper.venue
    base = re.sub(r"\s+workshops?$", "", venue, flags=re.I).strip().upper()
    if paper.entry_type:
        return paper.entry_type
    if re.search(r"\breport\b", venue, re.I):
        return "techreport"
    if re.search(r"arxiv|preprint", venue, re.I):
        return "misc"
    if re.search(r"workshop|conference|proceedings|symposium", venue, re.I) or base in CONFERENCES:
        return "inproceedings"
    if venue and JOURNAL.search(venue):
        return "article"
    return "misc"


VENUE_FIELD = {"article": "journal", "inproceedings": "booktitle", "techreport": "institution", "misc": "howpublished"}


def badge(venue):
    """The short venue name shown as a badge, when the printed venue is one ('ICCV', 'IEEE T-CYB')."""
    if re.fullmatch(r"(?:IEEE\s+|ACM\s+)?[A-Z][\w-]*[A-Z][\w-]*(?:\s+Workshops?)?", venue) and len(venue) <= 40:
        return venue
    return ""


def escape(text):
    """Text → a BibTeX field value that reads back as the same text."""
    text = text.replace("\\", " ")
    for char in "&%$#_{}":
        text = text.replace(char, "\\" + char)
    return text.replace("--", "-{}-")


def to_bibtex(paper):
    kind = entry_type(paper)
    fields = [("title", escape(paper.title))]
    if paper.authors:
        names = []
        for author in paper.authors:
            marks = ("*" if author.equal else "") + ("\\#" if author.corresponding else "")
            names.append(escape(author.printed) + marks)
        fields.append(("author", " and ".join(names)))
    if paper.venue:
        fields.append((VENUE_FIELD.get(kind, "howpublished"), escape(paper.venue)))
        abbreviation = badge(paper.venue)
        if abbreviation:
            fields.append(("abbr", escape(abbreviation)))
    for name in ("year", "month"):
        if getattr(paper, name):
            fields.append((name, getattr(paper, name)))
    if paper.note:
        fields.append(("award_name", escape(paper.note)))
    if paper.status:
        fields.append(("status", paper.status))
    if paper.abstract:
        fields.append(("abstract", escape(paper.abstract)))
    arxiv = next(
        (normalize_arxiv(url) for url in paper.links.values() if "arxiv.org/" in url and normalize_arxiv(url)), ""
    )
    if arxiv:
        fields.append(("arxiv", arxiv))
    for name, url in paper.links.items():
        if name == "arxiv":
            continue
        elif name == "doi":
            fields.append(("doi", url))
        elif not re.search(r"[{}\s\"]", url):
            fields.append((name, url))
    if paper.selected:
        fields.append(("selected", "true"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{paper.key},\n{body}\n}}\n"


def assign_keys(papers, used=None):
    """BibTeX keys like 'liu2024mardini', unique within the import."""
    used = set() if used is None else used
    for paper in papers:
        family = paper.authors[0].family if paper.authors else "paper"
        first_word = next((word for word in re.findall(r"[A-Za-z0-9]+", paper.title.lower()) if len(word) > 3), "x")
        stem = re.sub(r"[^a-z0-9]", "", plain(family).lower()) or "paper"
        key = base = f"{stem}{paper.year}{first_word}"
        suffix = 1
        while key in used:
            suffix += 1
            key = f"{base}{suffix}"
        used.add(key)
        paper.key = key
    return papers


def self_variants(papers, member_name):
    """How the page prints its owner in author lists ('Liu, H.'), to register as name variants."""
    variants = []
    for paper in papers:
        author = paper.self_author
        if author and author.printed != member_name and (author.printed, NameVariant.Kind.INITIALS) not in variants:
            variants.append((author.printed, NameVariant.Kind.INITIALS))
    return variants
