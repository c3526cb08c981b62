"""Crossref REST API: one work per DOI (`/works/{doi}`), or a list of them (`message.items`)."""

from urllib.parse import quote

from .base import Source
from .http import SourceError
from .records import WorkAuthor, WorkRecord, entry_type
from .text import plain

API = "https://api.crossref.org"


class Crossref(Source):
    name = "crossref"
    label = "Crossref"

    def parse(self, payload):
        answer = payload.json()
        message = answer.get("message") if isinstance(answer, dict) else None
        if not isinstance(message, dict):
            raise SourceError("the answer has no Crossref message", url=payload.url)
        items = message.get("items") if "items" in message else [message]
        return [record for record in map(_record, items) if record is not None]

    def fetch_work(self, identifier):
        return self.parse(self.http.get(f"{API}/works/{quote(identifier, safe='/')}"))


def _record(item):
    title = plain(" ".join(item.get("title") or []))
    if not title:
        return None
    subtitle = plain(" ".join(item.get("subtitle") or []))
    if subtitle and not title.endswith(subtitle):
        title = f"{title}: {subtitle}"
    authors = []
    for person in item.get("author") or []:
        family, given = person.get("family", ""), person.get("given", "")
        name = person.get("name") or " ".join(filter(None, [given, family]))
        authors.append(WorkAuthor(name=name, family=family, given=given, orcid=person.get("ORCID", "")))
    date = (item.get("issued") or item.get("published-print") or item.get("published-online") or {}).get(
        "date-parts"
    ) or [[]]
    parts = [part for part in date[0] if part is not None]
    venue = plain(" ".join((item.get("container-title") or [])[:1]))
    doi = item.get("DOI", "")
    return WorkRecord(
        source="crossref",
        title=title,
        authors=authors,
        kind=entry_type(item.get("type")),
        venue=venue,
        year=parts[0] if parts else None,
        month=parts[1] if len(parts) > 1 else None,
        volume=item.get("volume", ""),
        issue=item.get("issue", ""),
        pages=item.get("page", ""),
        publisher=item.get("publisher", ""),
        doi=doi,
        abstract=plain(item.get("abstract", "")),
        url=item.get("URL", ""),
        source_id=doi.lower(),
        source_url=f"https://api.crossref.org/works/{doi}" if doi else "",
    )
