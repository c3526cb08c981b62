"""Normal forms of the identifiers that decide whether two records are the same paper."""

import re
import unicodedata

DOI_PREFIXES = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?", re.I)


def normalize_doi(value):
    """'https://doi.org/10.1145/ABC' → '10.1145/abc'; '' when it is not a DOI. DOIs are case-insensitive."""
    doi = DOI_PREFIXES.sub("", (value or "").strip()).strip().lower()
    return doi if doi.startswith("10.") and "/" in doi else ""


def normalize_arxiv(value):
    """'arXiv:2305.17066v2', 'https://arxiv.org/abs/2305.17066' → '2305.17066'; '' when none."""
    value = (value or "").strip()
    match = ARXIV_NEW.search(value) or ARXIV_OLD.search(value)
    return match.group(1).lower() if match else ""


def title_key(title):
    """A title reduced to lower-case words without accents or punctuation, for duplicate detection."""
    decomposed = unicodedata.normalize("NFKD", title or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", stripped.lower()))[:500]
