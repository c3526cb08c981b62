"""The interface every scholarly source offers, and what a member's works come back as."""

from dataclasses import dataclass, field

from .http import HttpClient, SourceError


@dataclass
class MemberMetrics:
    """A member's figures as one source counts them."""

    source: str
    source_id: str = ""
    orcid: str = ""
    url: str = ""
    works_count: int | None = None
    cited_by_count: int | None = None
    h_index: int | None = None
    i10_index: int | None = None
    counts_by_year: dict = field(default_factory=dict)


@dataclass
class MemberWorks:
    records: list
    metrics: MemberMetrics | None = None


class Source:
    """One scholarly source. `parse` reads a stored or fetched answer; the fetching methods use the network
    (or the replaying `transport` given), and both go through the same parser."""

    name = ""
    label = ""

    def __init__(self, *, transport=None):
        self.transport = transport
        self._http = None

    @property
    def http(self):
        if self._http is None:
            self._http = HttpClient(transport=self.transport)
        return self._http

    def parse(self, payload):
        """A Payload → [WorkRecord]. Raises SourceError for error answers and malformed ones."""
        raise NotImplementedError

    def parse_all(self, payloads):
        """([WorkRecord], [error]) of several answers, e.g. a recorded cassette; an error answer is reported
        with its address and the others are still read."""
        records, errors = [], []
        for payload in payloads:
            try:
                records.extend(self.parse(payload))
            except SourceError as error:
                errors.append(f"{payload.url or 'answer'}: {error}")
        return records, errors

    def fetch_work(self, identifier):
        """The records of one paper named by a DOI or an arXiv id (the kind this source knows)."""
        raise NotImplementedError

    def member_works(self, member):
        """Every work the source lists for the member, by their verified identifiers."""
        raise NotImplementedError
