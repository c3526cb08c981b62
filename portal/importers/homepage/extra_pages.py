"""A site's pages besides the about page: publications, talks, awards, service, teaching, CV.

Each page is read by what it is (its file name or title): the text before its
first heading belongs to that kind, and each headed section to the kind its
heading names, falling back to the page's. Pages that are the theme's own
plumbing (archives, sitemap, 404) are passed over; other pages are named in
the report so nothing disappears unseen.
"""

import re

from researchers.models import CVEntry

from .inline import plain
from .mapping import Unmapped
from .samples import template_sample
from .sections import CV_SECTIONS, READERS, read_cv_item, read_cv_section, section_kind
from .source import Section, read_page

PAGE_KINDS = [
    ("publications", r"publications?|papers|preprints|bibliography"),
    ("talks", r"talks?|presentations?"),
    ("awards", r"awards?|honou?rs?"),
    ("service", r"services?|activities|reviewing"),
    ("teaching", r"teaching|courses?"),
    ("news", r"news"),
    ("cv", r"cv|resume|vita"),
]
PLUMBING_PAGES = re.compile(
    r"^(?:404|sitemap|terms|markdown|non-menu-page|archive-layout-with-content|.*-archive|dropdown|repositories|"
    r"projects|portfolio|talkmap|blog|collection-archive|page-archive)$",
    re.I,
)
DEGREE = re.compile(r"\b(?:B\.?Sc?|M\.?Sc?|Ph\.?\s?D|MPhil|BEng|MEng|bachelor|master|doctor|diploma)\b", re.I)


def page_kind(path, page):
    """What a page lists, from its file name, then its title."""
    for name in (path.stem, str(page.meta.get("title") or ""), str(page.meta.get("permalink") or "")):
        words = " ".join(re.sub(r"[^\w]+", " ", name).lower().split())
        for kind, pattern in PAGE_KINDS:
            if re.fullmatch(rf"(?:{pattern})", words):
                return kind
    return None


def read_extra_page(path, root, homepage):
    source = str(path.relative_to(root))
    if PLUMBING_PAGES.match(path.stem):
        return
    page = read_page(path, source, root=root)
    kind = page_kind(path, page)
    if kind is None:
        if page.root.blocks or page.root.children:
            homepage.notes.append(f"page {source} is not a list Labfolio knows; not imported")
        return
    if kind == "publications" and "{% bibliography" in path.read_text(encoding="utf-8", errors="replace"):
        homepage.notes.append(f"{source}: al-folio's list of the _bibliography files, which are imported")
        return
    opening_text = " ".join(block.text for block in page.root.blocks[:1])
    if template_sample(opening_text) or template_sample(str(page.meta.get("description") or "")):
        homepage.notes.append(f"{source}: the theme's sample {kind} page, skipped")
        return
    before = len(homepage.cv_entries)
    opening = Section(plain(str(page.meta.get("title") or kind)), 0, 0, blocks=page.root.blocks)
    read_as(kind, opening, homepage, page)
    for section in page.root.children:
        # A heading the page names itself ('Conferences and meetings') keeps its items as 'other' CV entries,
        # except on a publications page, where 'Thesis' or 'Extended Abstracts' still list papers.
        fallback = kind if kind in ("publications", "talks", "cv") else "other"
        read_as(section_kind(section.title) or fallback, section, homepage, page)
    # A CV page keeps the theme's sample lines ('Ph.D in Version Control Theory, GitHub University') until
    # its owner replaces them, often one section at a time.
    added = homepage.cv_entries[before:]
    samples = [entry for entry in added if template_sample(f"{entry.title} {entry.organisation} {entry.description}")]
    if samples:
        homepage.cv_entries[before:] = [entry for entry in added if entry not in samples]
        homepage.notes.append(f"{source}: {len(samples)} of the theme's sample CV lines skipped")
    homepage.unmapped.extend(page.unmapped)


def read_as(kind, section, homepage, page):
    """Map one section as `kind`; what it holds but cannot be mapped is reported."""
    if kind in CV_SECTIONS:
        read_cv_section(section, homepage, page, CV_SECTIONS[kind])
    elif kind == "other":
        before = len(homepage.cv_entries)
        read_cv_section(section, homepage, page, CVEntry.Section.OTHER)
        for entry in homepage.cv_entries[before:]:
            entry.description = entry.description or plain(section.title)
    elif kind in ("publications", "news", "interests"):
        READERS[kind](section, homepage, page)
    elif kind == "cv":
        for child in section.walk():
            for block in child.blocks:
                if block.kind != "list":
                    page.drop(block.line, block.text, "text on the CV page that is not a list item")
                    continue
                for item in block.items:
                    entry = read_cv_item(item.text, CVEntry.Section.EXPERIENCE)
                    if DEGREE.search(entry.title) or re.search(r"\bstudent\b", entry.title, re.I):
                        entry = read_cv_item(item.text, CVEntry.Section.EDUCATION)
                    homepage.cv_entries.append(entry)
    else:
        for child in section.walk():
            for block in child.blocks:
                page.drop(block.line, block.text, f"text in the '{plain(section.title)}' section with no place")
        homepage.unmapped.append(Unmapped(page.source, section.line, plain(section.title), "section not imported"))
