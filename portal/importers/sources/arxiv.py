"""arXiv API: Atom feeds from `/api/query`, in the classic format and in the 2025 one.

Both formats carry the same elements in the same namespaces; the newer one declares
them on the root and orders them differently, which an element-by-name reader ignores.
"""

from xml.etree import ElementTree

from publications.identifiers import normalize_arxiv

from .base import Source
from .http import SourceError
from .records import WorkAuthor, WorkRecord
from .text import plain

API = "https://export.arxiv.org/api/query"
NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


class Arxiv(Source):
    name = "arxiv"
    label = "arXiv"

    def parse(self, payload):
        payload.raise_for_status()
        try:
            root = ElementTree.fromstring(payload.body)
        except ElementTree.ParseError as error:
            raise SourceError(f"the answer is not an Atom feed ({error})", url=payload.url) from None
        if root.tag != f"{{{NS['atom']}}}feed":
            raise SourceError("the answer is not an Atom feed", url=payload.url)
        records = []
        for entry in root.findall("atom:entry", NS):
            entry_id = _text(entry, "atom:id")
            if "/api/errors" in entry_id:
                raise SourceError(f"arXiv error: {_text(entry, 'atom:summary')}", url=payload.url)
            record = _record(entry)
            if record is not None:
                records.append(record)
        return records

    def fetch_work(self, identifier):
        return self.parse(self.http.get(API, params={"id_list": identifier, "max_results": 1}))


def _text(element, path):
    found = element.find(path, NS)
    return " ".join((found.text or "").split()) if found is not None else ""


def _record(entry):
    title = plain(_text(entry, "atom:title"))
    arxiv_id = normalize_arxiv(_text(entry, "atom:id"))
    if not title or not arxiv_id:
        return None
    published = _text(entry, "atom:published")
    journal_ref = _text(entry, "arxiv:journal_ref")
    authors = [WorkAuthor(name=_text(author, "atom:name")) for author in entry.findall("atom:author", NS)]
    return WorkRecord(
        source="arxiv",
        title=title,
        authors=[author for author in authors if author.name],
        kind="article" if journal_ref else "misc",
        venue=journal_ref or "arXiv",
        year=int(published[:4]) if published[:4].isdigit() else None,
        month=int(published[5:7]) if published[5:7].isdigit() else None,
        doi=_text(entry, "arxiv:doi").split(" ")[0],
        arxiv_id=arxiv_id,
        abstract=_text(entry, "atom:summary"),
        url=f"https://arxiv.org/abs/{arxiv_id}",
        source_id=arxiv_id,
        source_url=f"https://arxiv.org/abs/{arxiv_id}",
    )
