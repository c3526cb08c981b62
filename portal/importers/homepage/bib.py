"""An al-folio `_bibliography/*.bib` made ready for the BibTeX importer.

al-folio's BibTeX carries the site's own conventions: file fields (pdf,
poster, slides, supp) holding a name under the site's `/assets/pdf/`, the
`honor`/`special` text it prints beside a paper, and arXiv links in `pdf` or
`html` rather than an `arxiv` field. Keys that repeat in one file are common
in hand-kept files and would make the importer skip the second paper.
"""

import re

from publications.identifiers import normalize_arxiv

from .mapping import Unmapped

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
    pieces, seen = [text[: starts[0]]], {}
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        pieces.append(_prepare_entry(text[start:end], text.count("\n", 0, start) + 1, source, site_url, seen, homepage))
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
