"""academicpages' publications (`_publications/*.md` front matter, rows of publications.tsv) → papers."""

import html
import re

from .inline import parse_date, plain, web_url
from .papers import Paper, _read_venue, read_paper

PLACEHOLDER = re.compile(r"\s*(?:TBD|TBA|tba|tbd|forthcoming|in preparation|coming soon|n/?a|-+)\.?\s*", re.I)
DOI_IN_TEXT = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(?P<doi>10\.\d{4,9}/[^\s\]\[<>\"']+)", re.I)


def merge_duplicates(papers):
    """One paper per title and year: a page that lists a paper twice (a 'TBD' stub and the full citation)
    gives one paper with the authors, venue and links of both, the fuller text winning."""
    merged, by_key = [], {}
    for paper in papers:
        key = (" ".join(re.findall(r"\w+", paper.title.lower())), paper.year)
        kept = by_key.get(key)
        if kept is None:
            by_key[key] = paper
            merged.append(paper)
            continue
        if len(paper.authors) > len(kept.authors):  # the fuller citation also says where it appeared
            kept.authors, kept.more_authors = paper.authors, paper.more_authors
            kept.venue = paper.venue or kept.venue
        for name in ("venue", "month", "note", "status", "abstract", "entry_type"):
            if not getattr(kept, name) and getattr(paper, name):
                setattr(kept, name, getattr(paper, name))
        for kind, url in paper.links.items():
            kept.links.setdefault(kind, url)
        kept.selected = kept.selected or paper.selected
    return merged


def read_citation_page(meta, content, line=0):
    """An academicpages publication (front matter of `_publications/*.md` or a row of publications.tsv) → Paper."""
    citation = html.unescape(str(meta.get("citation") or ""))
    citation = re.sub(r"<(i|em)>(.*?)</\1>", r"_\2_", citation, flags=re.I)
    citation = re.sub(r"<[^>]+>", "", citation).replace('"', "").replace("“", "").replace("”", "")
    if PLACEHOLDER.fullmatch(citation.strip()):  # 'TBD': a stub the owner meant to fill in later
        citation = ""
    doi = DOI_IN_TEXT.search(citation) or DOI_IN_TEXT.search(str(meta.get("paperurl") or meta.get("paper_url") or ""))
    if doi:
        citation = citation.replace(doi.group(), " ")
    paper = read_paper(citation, line) if citation else None
    title = plain(html.unescape(str(meta.get("title") or ""))).strip()
    if not title:
        return None
    paper = paper or Paper(title=title, line=line)
    paper.title = title
    if doi:
        paper.links["doi"] = doi.group("doi").rstrip(".,;'")
    venue = plain(html.unescape(str(meta.get("venue") or "")))
    if venue and not PLACEHOLDER.fullmatch(venue):
        _read_venue(paper, venue)
    date = str(meta.get("date") or meta.get("pub_date") or "")
    parsed = parse_date(date)
    if parsed:
        paper.year, paper.month = str(parsed.year), str(parsed.month)
    for source, target in (
        ("paperurl", "pdf"),
        ("paper_url", "pdf"),
        ("slidesurl", "slides"),
        ("slides_url", "slides"),
    ):
        printed = str(meta.get(source) or "").strip()
        url = web_url(printed)
        if url:
            paper.links[target] = url
        elif printed:
            paper.file_links.append((source, printed))
    category = str(meta.get("category") or "").lower()
    paper.entry_type = {"conferences": "inproceedings", "manuscripts": "article", "books": "book"}.get(category, "")
    excerpt = plain(html.unescape(str(meta.get("excerpt") or "")))
    body = plain(content or "")
    paper.abstract = body if len(body) > len(excerpt) else excerpt
    return paper
