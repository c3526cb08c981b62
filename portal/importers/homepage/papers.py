"""Publications written on a homepage → BibTeX entries for the one BibTeX importer.

Homepages list papers as text ("**Liu, H.**, Zhang, W.\\* (2024). Title. _TMLR_.
[PDF](…) [Code](…)"), as academicpages' `_publications/*.md` and TSV files, or
as al-folio's .bib. Each is turned into a BibTeX entry with al-folio's fields
(`abbr`, `pdf`, `code`, `html`, `selected`, …) and passed to
`publications.services.publication_import`, so a paper found here is merged
and its co-authors linked exactly as any imported paper is.
"""

import re
from dataclasses import dataclass, field

from .inline import IMAGE, LINK, plain, web_url
from .source import STARS_BADGE

MARK = r"(?:\\?[*#†‡§¶]|\^[*#†‡\d]+)"
# Outside bold, '**' opens the next bold text (a venue), never two marks.
MARK_OUTSIDE = r"(?:\\[*#]|[#†‡§¶]|\^[*#†‡\d]+|(?<!\*)\*(?!\*))"
# Inside bold, a bare '*' would be the start of the closing '**'.
MARK_IN_BOLD = r"(?:\\[*#]|[#†‡§¶]|\^[*#†‡\d]+|\*(?!\*))"
INITIAL = r"(?:[A-Z][a-z]?\.(?:\s*-\s*|\s+(?=[A-Z][a-z]?\.))?|[A-Z](?=[\s,&*#\\.]|$)(?:\s+(?=[A-Z](?:[\s.,]|$)))?)"
NAME_FAMILY_FIRST = re.compile(
    rf"(?P<family>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){{0,2}}),\s*(?P<given>{INITIAL}{{1,3}})"
)
NAME_FAMILY_INITIAL = re.compile(r"(?P<family>[A-Z][\w'’-]+)\s+(?P<given>[A-Z]\.)(?!\w)")
# Vancouver style, as PubMed and MDPI print it: 'Forsythe A, Vanderwolf KJ, Xu J.'
NAME_VANCOUVER = re.compile(
    r"(?P<family>[A-Z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]*)?)\s+(?P<given>[A-Z]{1,3})(?=\s*(?:[,.;*#]|\band\b|&|$))"
)
_VANCOUVER = r"[A-Z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]*)?\s+[A-Z]{1,3}"
# Two such names, or one that ends the list: 'Max W.Y. Lam' is not 'Max W'.
VANCOUVER_LIST = re.compile(rf"{_VANCOUVER}(?:\s*,\s*{_VANCOUVER}(?!\w|\.\w)|\.(?:\s|$))")
NAME_INITIAL_FIRST = re.compile(r"(?P<given>(?:[A-Z]\.?\s*){1,2}?)\s*(?P<family>[A-Z][\w'’-]+)")
NAME_FULL = re.compile(r"(?P<given>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*)*?)\s+(?P<family>[^\W\d_][\w'’-]*)")
SEPARATOR = re.compile(r"\s*(?:,\s*&|,\s*and\b|,|&|\band\b)\s*")
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|et al\.?)\s*")
LEGEND = re.compile(
    r"\(\s*(?:\*\*)?\s*(?:\\?[*#†]\s*)+[^()]*?(?:equal|corresponding|contribution)[^()]*?(?:\*\*)?\s*\)", re.I
)
ITALIC = re.compile(r"(?<![\w*\\])(?:_(?P<under>[^_]+?)_(?![\w])|\*(?!\*)(?P<star>[^*]+?)(?<![\\\s])\*(?!\*))")
BOLD = re.compile(r"\*\*(?P<text>[^*]+?)\*\*")
YEAR_IN_VENUE = re.compile(r"\s*['’]\s*(?P<year>(?:19|20)\d{2}|\d{2})\b|\s+(?P<full>(?:19|20)\d{2})\b")
LINK_FIELDS = {
    "pdf": "pdf", "paper": "pdf", "openreview": "pdf", "code": "code", "github": "code", "project": "html",
    "project page": "html", "website": "html", "page": "html", "demo": "html", "homepage": "html",
    "video": "video", "youtube": "video", "slides": "slides", "poster": "poster", "arxiv": "arxiv",
    "supp": "supp", "supplementary": "supp", "blog": "blog", "doi": "doi", "bibtex": None, "bib": None,
    "abstract": None, "abs": None, "cite": None,
}  # fmt: skip
AWARD_WORDS = re.compile(
    r"\b(?:oral|spotlight|best\s+\w*\s*paper|award|highlight|honou?rable mention|position paper)\b", re.I
)


@dataclass
class Author:
    family: str
    given: str = ""
    equal: bool = False
    corresponding: bool = False
    bold: bool = False

    @property
    def printed(self):
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class Paper:
    """A paper as a page prints it: what it is, who wrote it, where and when, its links and text, the owner's marks."""

    title: str
    entry_type: str = ""
    line: int = 0
    authors: list[Author] = field(default_factory=list)
    more_authors: bool = False
    joint_with: bool = False  # 'Joint work with A and B': the owner is an author the page does not print
    venue: str = ""
    year: str = ""
    month: str = ""
    status: str = ""
    links: dict[str, str] = field(default_factory=dict)
    file_links: list[tuple[str, str]] = field(default_factory=list)  # (label, relative address) on the old site
    note: str = ""
    abstract: str = ""
    key: str = ""
    selected: bool = False

    @property
    def self_author(self):
        return next((author for author in self.authors if author.bold), None)


def read_authors(text):
    """Parse an author list from the start of text → (authors, had an ellipsis, the rest of the text).

    Reads 'Liu, H.', 'W Zhang', 'Xie J.', 'Y. Zheng' and full names, with ** for the page owner
    and \\* / # marks after a name (inside or outside the bold).
    """
    authors, more, position = [], False, 0
    opening = text.lstrip("* ")
    vancouver = VANCOUVER_LIST.match(opening)
    full_names = not (NAME_FAMILY_FIRST.match(opening) or NAME_FAMILY_INITIAL.match(opening) or vancouver)
    while position < len(text):
        ellipsis = ELLIPSIS.match(text, position)
        if ellipsis and authors:
            more, position = True, ellipsis.end()
            separator = SEPARATOR.match(text, position)
            position = separator.end() if separator else position
            continue
        start = position
        position += len(text[position:]) - len(text[position:].lstrip())
        bold = text.startswith("**", position)
        position += 2 if bold else 0
        name = None
        patterns = (
            (NAME_FULL,)
            if full_names
            else (NAME_VANCOUVER,)
            if vancouver
            else (NAME_FAMILY_FIRST, NAME_FAMILY_INITIAL, NAME_INITIAL_FIRST)
        )
        for pattern in patterns:
            name = pattern.match(text, position)
            if name and pattern is NAME_FULL:
                name = _full_name(text, position)
            if name:
                break
        if not name:
            position = start
            break
        position = name.end()
        marks = re.match(rf"\s*{MARK_IN_BOLD if bold else MARK_OUTSIDE}*", text[position:]).group()
        position += len(marks)
        if bold and text.startswith("**", position):
            position += 2
        elif bold:
            position = start
            break
        after = re.match(rf"{MARK_OUTSIDE}*", text[position:]).group()
        position += len(after)
        marks += after
        family, given = name.group("family").strip(), " ".join(name.group("given").split())
        if len(family) > 2 and family.endswith("."):  # 'Zhou Zhao. **ICLR, 2025**': the list's full stop
            family = family[:-1]
        authors.append(
            Author(
                family=family,
                given=given,
                equal="*" in marks or "∗" in marks,
                corresponding=bool(re.search(r"[#†]", marks)),
                bold=bold,
            )
        )
        separator = SEPARATOR.match(text, position)
        if not separator:
            break
        position = separator.end()
    return authors, more, text[position:]


PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "dos", "del", "ten", "ter", "bin", "al"}


def read_joint_authors(text):
    """'Marius Zeinhofer, Information Geometry, 2024' or 'A, B, and C, Journal, 2022' after 'joint work with'
    → (authors, the rest). Without an 'and', one co-author; with one, the list ends at the name after it."""
    last_and = re.match(r"^(?P<names>.*?\band\s+[^,]+?)\s*(?:,|$)(?P<rest>.*)$", text)
    names, rest = (last_and.group("names"), last_and.group("rest")) if last_and else text.partition(",")[::2]
    authors, more, left = read_authors(names.strip())
    return authors, more, f"{left} {rest}".strip(" ,")


class _FullName:
    def __init__(self, given, family, end):
        self._groups = {"given": given, "family": family}
        self._end = end

    def group(self, name):
        return self._groups[name]

    def end(self):
        return self._end


def _full_name(text, position):
    """'Kaiming He' up to the next separator or mark; None for something that is not a name."""
    match = re.match(r"[^\W\d_][\w.'’ -]*?(?=\s*(?:\\?[*#†]|\*\*|,|&|\band\b|$))", text[position:])
    if not match:
        return None
    words = match.group().split()
    if not 1 < len(words) <= 5 or not all(word[0].isupper() or word in PARTICLES for word in words):
        return None
    if words[-1] in PARTICLES or words[0] in PARTICLES and len(words) < 3:
        return None
    return _FullName(" ".join(words[:-1]), words[-1], position + match.end())


MATH_MARK = re.compile(
    r"\$\s*(?:\{\s*\})?\s*\^\s*\{?\s*(?:\\(?:boldsymbol|mathbf|bm)\s*\{?\s*)?(?P<mark>\\dagger|\\ddagger|\\ast|\*|\\#|#|\\star)"
    r"\s*\}?\s*\}?\s*\$"
)
SELF_HIGHLIGHT = re.compile(r"\\textbf\{(?P<name>[^{}]+)\}|\\underline\{(?P<under>[^{}]+)\}")
LABEL_BULLET = re.compile(r"^\*\*(?P<label>[^*]{1,60}?)\*\*\s*[:：]\s*(?P<rest>.*)$", re.S)
CODE_BADGE = re.compile(r"^`{1,2}\s*(?P<badge>[^`]{2,60}?)\s*`{1,2}\s*[:：-]?\s*")
NUMBERING = re.compile(r"^(?:\*\*)?\s*\[?\d{1,3}\\?[.)\]]\s*(?:\*\*)?\s*(?=\S)")
JOINT_WORK = re.compile(r"^\s*(?:joint work|joint|together|in collaboration)\s+with\s+", re.I)
STACK_BREAK = re.compile(r"\\\\\s*\n?|\n")


def clean_marks(text):
    """Self-highlight and maths marks → the page's plain convention: **Name**, '*' equal, '#' corresponding."""
    text = SELF_HIGHLIGHT.sub(lambda match: f"**{match.group('name') or match.group('under')}**", text)

    def mark(match):
        return "*" if match.group("mark") in ("*", "\\ast", "\\star") else "#"

    text = MATH_MARK.sub(mark, text)
    text = re.sub(r"\s*\((?:corresponding(?: author)?|co-?corresponding)\)", "#", text, flags=re.I)
    return text


def read_listed_paper(text, line=0):
    """A publication in a list or paragraph, in any of the shapes the themes' users print it → Paper or None.

    '**Title**\\ authors\\ venue\\ links' (AcadHomepage), '[Title](url) authors. **Venue, 2024**',
    '``ICLR 2025`` [Title](url), authors', 'Authors (2024). Title. _Venue_.' and numbered items alike.
    A bold label followed by a colon ('**Speech Generation**: A (NeurIPS 2022), B …') is a summary, not a paper.
    """
    text = clean_marks(text.strip())
    text = NUMBERING.sub("", text, count=1)
    badge = CODE_BADGE.match(text)
    if badge:
        text = text[badge.end() :]
    label = LABEL_BULLET.match(text)
    if label and not read_authors(plain(label.group("rest")))[0][:1] and len(label.group("label").split()) <= 6:
        return None
    parts = [part.strip() for part in STACK_BREAK.split(text) if part.strip()]
    paper = _read_stacked(parts, line) if len(parts) >= 2 else None
    paper = paper or read_paper(text, line)
    if paper and badge and not paper.venue:
        _read_venue(paper, plain(badge.group("badge")))
    return paper


def _read_stacked(parts, line):
    """Title on the first line, authors on the next, then the venue and the links."""
    first = parts[0]
    title_link = LINK.match(first.lstrip("* "))
    after_title = first.lstrip("* ")[title_link.end() :] if title_link else ""
    bold = re.fullmatch(r"\*\*(?P<text>.+?)\*\*\s*[.,]?", first)
    title = _title_text(title_link.group("label") if title_link else first)
    if len(title.split()) < 2:
        return None
    second = parts[1]
    second = LINK.sub(lambda match: match.group("label"), second).strip()  # '[**Owner**](homepage), B, C'
    wrapped = re.fullmatch(r"\*(?P<inner>\*\*.+|[^*].*?)\*", second)  # '***Jun Li**\*, Zichang Tan*': italic line
    if wrapped and not second.endswith("**"):
        second = wrapped.group("inner")
    joint = JOINT_WORK.match(plain(second))
    if joint:
        authors, more, rest = read_joint_authors(plain(second)[joint.end() :])
    else:
        authors, more, rest = read_authors(second)
    if not authors:
        return None
    paper = Paper(title=title, line=line, authors=authors, more_authors=more, joint_with=bool(joint))
    links = {}
    url = title_link.group("url") if title_link else ""
    if not url and bold:
        inner = LINK.search(bold.group("text"))
        url = inner.group("url") if inner else ""
    tail = " ".join([rest, *parts[2:]])
    _collect_links(f"{after_title} {tail}", links, paper)
    if url:
        _add_title_link(url, links, paper)
    paper.links.update({kind: value for kind, value in links.items() if kind not in paper.links})
    tail = LINK.sub(" ", tail)
    tail = re.sub(r"\[\s*\]|\(\s*\)", " ", tail)
    venue_match = ITALIC.search(tail) or BOLD.search(tail)
    venue = next(group for group in venue_match.groups() if group is not None) if venue_match else tail
    if joint and not venue_match:  # 'Journal of Symbolic Computation, Volume 121, 2022'
        venue = re.sub(r",?\s*(?:volume|vol\.)\s*\d+", "", venue, flags=re.I)
    remainder = (tail[: venue_match.start()] + " " + tail[venue_match.end() :]) if venue_match else ""
    venue = plain(venue).strip(" ,.;")
    extra = re.search(r"\(([^()]*)\)\s*$", venue)
    if extra:  # '**_ICASSP 2025_ (Oral)**'
        remainder += f" ({extra.group(1)})"
        venue = venue[: extra.start()].strip()
    cited = re.search(r"\bcited\b", remainder, re.I)
    _read_venue(paper, re.sub(r"^[\s,.;]+|[\s,.;]+$", "", venue))
    _read_tail(paper, plain(remainder) if not cited else plain(re.sub(r"\([^()]*cited[^()]*\)", " ", remainder)))
    return paper


def _title_text(text):
    """A printed title as text: markup gone, and the full stop the list puts after it too."""
    title = plain(text).strip(" ,")
    return title[:-1].rstrip() if title.endswith(".") and not title.endswith("..") else title


def _collect_links(text, links, paper):
    for match in LINK.finditer(text):
        kind = _link_field(match.group("label"))
        url = match.group("url")
        if kind is False:
            kind = "arxiv" if "arxiv.org" in url else "html" if web_url(url) else False
        if not kind:
            continue
        if web_url(url):
            links.setdefault(kind, web_url(url))
        elif url and not url.startswith("#"):
            paper.file_links.append((plain(match.group("label")), url))


def _add_title_link(url, links, paper):
    if web_url(url):
        kind = "pdf" if re.search(r"\.pdf$|arxiv\.org/pdf|openreview\.net/pdf", url, re.I) else "html"
        links.setdefault(kind, web_url(url))
    elif url and not url.startswith("#"):
        paper.file_links.append(("title", url))


def read_paper(text, line=0):
    """One publication as a homepage prints it → Paper, or None when no title can be found."""
    text = " ".join(text.split())
    links = {}
    for badge in re.finditer(rf"\[!\[[^\]]*\]\([^)]*{STARS_BADGE.pattern}[^)]*\)\]\([^)]*\)", text):
        links.setdefault("code", f"https://github.com/{badge.group('repo')}")
    text = re.sub(rf"\[!\[[^\]]*\]\([^)]*{STARS_BADGE.pattern}[^)]*\)\]\([^)]*\)", " ", text)
    for image in IMAGE.finditer(text):
        badge = STARS_BADGE.search(image.group("url"))
        if badge:
            links.setdefault("code", f"https://github.com/{badge.group('repo')}")
    text = IMAGE.sub(" ", text)
    title, title_url = "", ""
    opening = LINK.match(text.lstrip("- "))
    if opening and len(plain(opening.group("label")).split()) >= 3 and not _link_field(opening.group("label")):
        title, title_url = _title_text(opening.group("label")), opening.group("url")
        text = text.lstrip("- ")[opening.end() :]
    relative = []
    if title_url and not web_url(title_url) and not title_url.startswith("#"):
        relative.append(("title", title_url))
    for match in list(LINK.finditer(text)):
        kind = _link_field(match.group("label"))
        if kind is False and "arxiv.org/" in match.group("url"):
            kind = "arxiv"
        if kind is not False:
            url = web_url(match.group("url"))
            if kind and url:
                links.setdefault(kind, url)
            elif kind and match.group("url") and not match.group("url").startswith("#"):
                relative.append((plain(match.group("label")), match.group("url")))
            text = text.replace(match.group(), " ")
    text = re.sub(r"\[\s*\]|\(\s*\)|\s\|\s|\s/\s", " ", text)
    text = LEGEND.sub(" ", text)
    text = " ".join(text.split()).strip(" ,;")
    if title_url and web_url(title_url):
        kind = "pdf" if re.search(r"\.pdf$|arxiv\.org/pdf", title_url, re.I) else "html"
        links.setdefault(kind, web_url(title_url))
    if not title:
        opening_bold = BOLD.match(text)
        if (
            opening_bold
            and len(opening_bold.group("text").split()) >= 4
            and not NAME_FAMILY_FIRST.match(opening_bold.group("text"))
        ):
            title, text = plain(opening_bold.group("text")), text[opening_bold.end() :]
    text = text.lstrip(" ,.:")
    authors, more, rest = read_authors(text)
    year = ""
    year_match = re.match(r"\s*\(\s*(?P<year>(?:19|20)\d{2})[a-z]?\s*\)\s*[.,:]?", rest)
    if year_match:
        year, rest = year_match.group("year"), rest[year_match.end() :]
    rest = rest.lstrip(" .,:")
    venue_match = ITALIC.search(rest) or BOLD.search(rest)
    venue_text = ""
    if venue_match:
        venue_text = next(group for group in venue_match.groups() if group is not None)
        before, tail = rest[: venue_match.start()], rest[venue_match.end() :]
    else:
        before, tail = rest, ""
    if not title:
        title = plain(before).strip(" .,;:")
    elif before.strip(" .,;:"):
        tail = f"{before} {tail}"
    if not title or len(title) > 500:
        return None
    joint = JOINT_WORK.match(plain(text)) if not authors else None
    if joint:  # '[**Title**](url) Joint work with A and B, Venue, 2022'
        authors, more, rest = read_joint_authors(plain(text)[joint.end() :])
        venue_text, tail = "", rest
    paper = Paper(title=title, line=line, authors=authors, more_authors=more, year=year, links=links)
    paper.joint_with = bool(joint)
    paper.file_links = relative
    if joint and not venue_text:
        venue_text = re.sub(r",?\s*(?:volume|vol\.)\s*\d+|,?\s*(?:19|20)\d{2}\s*$", "", tail.strip(" ,."), flags=re.I)
        tail = rest
    _read_venue(paper, plain(venue_text))
    _read_tail(paper, plain(tail))
    return paper


def _link_field(label):
    """The BibTeX field a link labelled like this fills, None for links to drop, False for other links."""
    label = plain(label).strip(" []()").lower()  # '[[**PDF**]](…)' is a PDF link too
    return LINK_FIELDS.get(label, False)


def _read_venue(paper, venue):
    status = re.fullmatch(r"\s*\(?(under (?:peer[- ])?review|submitted|to appear|accepted|in press)\)?\s*", venue, re.I)
    if status:  # '_Under review_' where a venue would be: a status, not a venue
        _read_tail(paper, venue)
        return
    # 'IJCAI, 2022(oral). Vienna, Austria': after the year's full stop comes where the conference met
    venue = re.sub(r"(?<=[\d)])\.\s+[A-Z].*$", "", venue)
    year = YEAR_IN_VENUE.search(venue)
    if year:
        found = year.group("year") or year.group("full")
        paper.year = paper.year or (found if len(found) == 4 else f"20{found}")
        venue = (venue[: year.start()] + venue[year.end() :]).strip()
    notes, places = [], []
    for part in re.split(r",\s*", venue):
        if "@" in part and AWARD_WORDS.search(part.split("@")[0]):
            award, _, place = part.partition("@")
            notes.append(award.strip())
            places.append(place.strip())
        elif AWARD_WORDS.search(part):
            words = part.split()
            award_start = next(
                (index for index in range(len(words)) if AWARD_WORDS.fullmatch(" ".join(words[index:]))), 0
            )
            remainder = " ".join(words[:award_start])
            if remainder:
                places.append(remainder)
                notes.append(" ".join(words[award_start:]))
            else:
                notes.append(part.strip())
        elif part.strip():
            places.append(part.strip())
    places = [place.strip(" .,;") for place in places if place.strip(" .,;")]
    # 'ICML, 2023. Hawaii, USA': what follows the full stop is where the conference met, not the venue
    if places and "." in ", ".join(places):
        head, _, _ = ", ".join(places).partition(". ")
        places = [part.strip(" .,") for part in head.split(",") if part.strip(" .,")]
    paper.venue = ", ".join(places)
    paper.note = ", ".join(note.strip(" ()") for note in notes)


def _read_tail(paper, tail):
    lowered = tail.lower()
    if re.search(r"under (?:peer[- ])?review|submitted", lowered):
        paper.status = "under review"
    elif re.search(r"to appear|accepted", lowered):
        paper.status = "accepted"
    elif "in press" in lowered:
        paper.status = "in press"
    if not paper.year:
        year = re.search(r"\b((?:19|20)\d{2})\b", tail)
        paper.year = year.group(1) if year else ""
    award = re.search(r"\(([^)]*\b(?:oral|spotlight|best paper|award|highlight)\b[^)]*)\)", tail, re.I)
    if award and not paper.note:
        paper.note = award.group(1).strip()
