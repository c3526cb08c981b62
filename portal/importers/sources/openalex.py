"""OpenAlex: works (`/works/W…`, lists with `results`), authors (`/authors/A…`, `/authors?filter=orcid:…`).

OpenAlex is where citation figures come from: each work's cited_by_count and
counts_by_year, and an author's h-index and i10-index. Lists are read page by
page with its cursor.
"""

from urllib.parse import quote

from django.conf import settings

from .base import MemberMetrics, MemberWorks, Source
from .http import SourceError
from .records import WorkAuthor, WorkRecord, entry_type, orcid_of
from .text import plain

API = "https://api.openalex.org"
MAX_PAGES = 25  # 5,000 works: more than any member has; a runaway cursor stops here


class OpenAlex(Source):
    name = "openalex"
    label = "OpenAlex"

    def parse(self, payload):
        answer = self._json(payload)
        if "results" in answer:
            items = [item for item in answer["results"] if str(item.get("id", "")).startswith(f"{_SITE}/W")]
        elif str(answer.get("id", "")).startswith(f"{_SITE}/W"):
            items = [answer]
        elif str(answer.get("id", "")).startswith(f"{_SITE}/A"):
            return []  # an author: metrics, no works
        else:
            raise SourceError("the answer is not an OpenAlex work or list", url=payload.url)
        return [record for record in map(_record, items) if record is not None]

    def metrics(self, payload):
        """MemberMetrics of an author answer (one author, or a list whose first result is the author)."""
        answer = self._json(payload)
        if "results" in answer:
            answer = answer["results"][0] if answer["results"] else {}
        if not str(answer.get("id", "")).startswith(f"{_SITE}/A"):
            return None
        stats = answer.get("summary_stats") or {}
        return MemberMetrics(
            source="OpenAlex",
            source_id=_short(answer["id"]),
            orcid=orcid_of(answer.get("orcid") or ""),
            url=answer["id"],
            works_count=answer.get("works_count"),
            cited_by_count=answer.get("cited_by_count"),
            h_index=stats.get("h_index"),
            i10_index=stats.get("i10_index"),
            counts_by_year=_by_year(answer.get("counts_by_year")),
        )

    def fetch_work(self, identifier):
        name = f"https://doi.org/{identifier}" if identifier.startswith("10.") else identifier
        return self.parse(self.http.get(f"{API}/works/{quote(name, safe=':/')}", params=self._params()))

    def member_works(self, member):
        if member.openalex_id:
            author = self.http.get(f"{API}/authors/{member.openalex_id}", params=self._params())
        else:
            author = self.http.get(f"{API}/authors", params=self._params(filter=f"orcid:{member.orcid}"))
        metrics = self.metrics(author)
        if metrics is None:
            raise SourceError("OpenAlex knows no author with this member's identifiers", url=author.url)
        if not member.openalex_id and metrics.orcid != member.orcid:
            # Never take another person's works for the member's, whatever the source answered.
            raise SourceError(f"OpenAlex answered with another author ({metrics.source_id})", url=author.url)
        records, cursor = [], "*"
        for _page in range(MAX_PAGES):
            params = self._params(filter=f"author.id:{metrics.source_id}", per_page=200, cursor=cursor)
            page = self.http.get(f"{API}/works", params=params)
            records.extend(self.parse(page))
            cursor = (self._json(page).get("meta") or {}).get("next_cursor")
            if not cursor:
                break
        return MemberWorks(records=records, metrics=metrics)

    def _params(self, **params):
        # The polite pool: OpenAlex asks for a contact address with every request.
        if settings.SCHOLARLY_SOURCES_CONTACT:
            params["mailto"] = settings.SCHOLARLY_SOURCES_CONTACT
        return params

    @staticmethod
    def _json(payload):
        answer = payload.json()
        if not isinstance(answer, dict):
            raise SourceError("the answer is not an OpenAlex object", url=payload.url)
        if "error" in answer and "id" not in answer:
            raise SourceError(f"OpenAlex: {answer.get('message') or answer['error']}", url=payload.url)
        return answer


_SITE = "https://openalex.org"


def _short(url):
    return str(url or "").rsplit("/", 1)[-1]


def _by_year(counts):
    return {str(row["year"]): row.get("cited_by_count", 0) for row in counts or [] if row.get("year")}


def _record(work):
    title = plain(work.get("display_name") or work.get("title") or "")
    if not title:
        return None
    authors = []
    for authorship in work.get("authorships") or []:
        author = authorship.get("author") or {}
        name = author.get("display_name") or authorship.get("raw_author_name") or ""
        if name:
            authors.append(WorkAuthor(name=name, orcid=author.get("orcid") or ""))
    location = work.get("primary_location") or {}
    venue = (location.get("source") or {}).get("display_name") or (work.get("host_venue") or {}).get("display_name", "")
    biblio = work.get("biblio") or {}
    first, last = biblio.get("first_page") or "", biblio.get("last_page") or ""
    ids = work.get("ids") or {}
    date = work.get("publication_date") or ""
    kind = entry_type(work.get("type_crossref") or work.get("type"))
    source_type = (location.get("source") or {}).get("type")
    if source_type == "conference":
        kind = "inproceedings"
    return WorkRecord(
        source="openalex",
        title=title,
        authors=authors,
        kind=kind,
        venue=venue or "",
        year=work.get("publication_year"),
        month=int(date[5:7]) if date[5:7].isdigit() else None,
        volume=biblio.get("volume") or "",
        issue=biblio.get("issue") or "",
        pages=first if first == last or not last else f"{first}-{last}",
        doi=work.get("doi") or ids.get("doi") or "",
        arxiv_id=ids.get("arxiv", ""),
        abstract=_abstract(work.get("abstract_inverted_index")),
        url=location.get("landing_page_url") or "",
        source_id=_short(work["id"]),
        source_url=work["id"],
        cited_by_count=work.get("cited_by_count"),
        counts_by_year=_by_year(work.get("counts_by_year")),
    )


def _abstract(index):
    """OpenAlex keeps abstracts as word → positions; put the words back in order."""
    if not isinstance(index, dict):
        return ""
    words = sorted((position, word) for word, positions in index.items() for position in positions or [])
    return " ".join(word for _position, word in words)
