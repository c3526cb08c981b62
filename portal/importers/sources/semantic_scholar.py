"""Semantic Scholar Graph API: papers (`/paper/{id}`, batches that answer null for unknown ids) and authors
with their papers (`/author/{id}`). Citation figures are taken from OpenAlex, so none are kept from here."""

from urllib.parse import quote

from .base import MemberMetrics, Source
from .http import SourceError
from .records import WorkAuthor, WorkRecord
from .text import plain

API = "https://api.semanticscholar.org/graph/v1"
FIELDS = "title,authors,externalIds,venue,journal,year,publicationDate,publicationTypes,abstract,url"
KINDS = {"JournalArticle": "article", "Review": "article", "Conference": "inproceedings", "Book": "book"}


class SemanticScholar(Source):
    name = "s2"
    label = "Semantic Scholar"

    def parse(self, payload):
        answer = payload.json()
        if isinstance(answer, list):  # a batch: one entry per id asked, null where unknown
            papers = answer
        elif isinstance(answer, dict) and "papers" in answer:
            papers = answer["papers"]
        elif isinstance(answer, dict) and "data" in answer:
            papers = answer["data"]
        elif isinstance(answer, dict) and "paperId" in answer:
            papers = [answer]
        elif isinstance(answer, dict) and ("error" in answer or "message" in answer):
            raise SourceError(f"Semantic Scholar: {answer.get('error') or answer['message']}", url=payload.url)
        else:
            raise SourceError("the answer is not a Semantic Scholar paper or author", url=payload.url)
        return [record for record in map(_record, papers) if record is not None]

    def metrics(self, payload):
        answer = payload.json()
        if not isinstance(answer, dict) or "authorId" not in answer:
            return None
        return MemberMetrics(
            source="Semantic Scholar",
            source_id=str(answer["authorId"]),
            url=answer.get("url") or "",
            works_count=answer.get("paperCount"),
            cited_by_count=answer.get("citationCount"),
            h_index=answer.get("hIndex"),
        )

    def fetch_work(self, identifier):
        name = f"DOI:{identifier}" if identifier.startswith("10.") else f"ARXIV:{identifier}"
        return self.parse(self.http.get(f"{API}/paper/{quote(name, safe=':/')}", params={"fields": FIELDS}))


def _record(paper):
    if not isinstance(paper, dict):
        return None
    title = plain(paper.get("title") or "")
    if not title:
        return None
    ids = paper.get("externalIds") or {}
    types = paper.get("publicationTypes") or []
    kind = next((KINDS[kind] for kind in types if kind in KINDS), "article" if paper.get("journal") else "misc")
    date = paper.get("publicationDate") or ""
    return WorkRecord(
        source="s2",
        title=title,
        authors=[WorkAuthor(name=author["name"]) for author in paper.get("authors") or [] if author.get("name")],
        kind=kind,
        venue=plain((paper.get("journal") or {}).get("name") or paper.get("venue") or ""),
        year=paper.get("year"),
        month=int(date[5:7]) if date[5:7].isdigit() else None,
        doi=ids.get("DOI") or "",
        arxiv_id=ids.get("ArXiv") or "",
        abstract=paper.get("abstract") or "",
        url=paper.get("url") or "",
        source_id=str(paper.get("paperId") or ""),
        source_url=paper.get("url") or "",
    )
