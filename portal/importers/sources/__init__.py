"""Scholarly sources: Crossref, arXiv, ORCID, OpenAlex and Semantic Scholar, read into WorkRecords."""

from .arxiv import Arxiv
from .crossref import Crossref
from .openalex import OpenAlex
from .orcid import Orcid
from .semantic_scholar import SemanticScholar

SOURCES = {source.name: source for source in (Crossref, Arxiv, Orcid, OpenAlex, SemanticScholar)}


def get_source(name, *, transport=None):
    """The client of the source called `name`; `transport` replays recorded answers instead of the network."""
    return SOURCES[name](transport=transport)
