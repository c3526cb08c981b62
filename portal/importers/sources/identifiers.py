"""What a member pastes to add a paper: a DOI, an arXiv id, or a link to either."""

import re

from publications.identifiers import normalize_arxiv, normalize_doi

DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/\S+)", re.I)
ARXIV_LINK = re.compile(r"arxiv\.org/(?:abs|pdf|html)/([^\s?#]+?)(?:\.pdf)?/?(?:[?#]|$)", re.I)


def parse_identifier(text):
    """("doi", "10.…") or ("arxiv", "2305.17066") or (None, "") for anything else."""
    text = (text or "").strip()
    link = ARXIV_LINK.search(text)
    if link and normalize_arxiv(link.group(1)):
        return "arxiv", normalize_arxiv(link.group(1))
    found = DOI_IN_TEXT.search(text)
    if found:
        doi = normalize_doi(found.group(1).rstrip(".,;)"))
        arxiv = re.fullmatch(r"10\.48550/arxiv\.(.+)", doi)
        if arxiv and normalize_arxiv(arxiv.group(1)):
            return "arxiv", normalize_arxiv(arxiv.group(1))
        if doi:
            return "doi", doi
    if re.fullmatch(r"(arxiv:\s*)?(\d{4}\.\d{4,5}(v\d+)?|[a-z\-]+(\.[a-z]{2})?/\d{7}(v\d+)?)", text, re.I):
        return "arxiv", normalize_arxiv(text)
    return None, ""
