"""The headed sections of a homepage (News, Awards, Research Experience, …) → Labfolio records.

A section is recognised by its heading, whatever emoji or wording the theme
puts around it; each list item becomes one record. Anything a section holds
that is not one of its items is reported, never silently dropped.
"""

import re

from researchers.models import CVEntry

from .inline import (
    DATE,
    LINK,
    capitalize,
    emails_in,
    find_date_range,
    links,
    parse_date,
    plain,
    range_precisions,
    web_url,
)
from .mapping import CVData, InterestData, NewsData
from .papers import LABEL_BULLET, _read_venue, read_listed_paper
from .profile import _read_service, read_intro

SECTION_KINDS = [
    ("interests", r"research interests?|interests|research areas?|research topics|research focus"),
    ("news", r"news|announcements?|updates|what'?s new"),
    ("publications", r"publications?|papers|preprints|bibliography"),
    ("competitions", r"competitions?|challenges?|contests?|hackathons?"),
    ("awards", r"awards?|honou?rs?|prizes?|scholarships?|fellowships?"),
    ("experience", r"experiences?|internships?|employment|positions|career|work"),
    ("education", r"educations?|degrees?"),
    ("service", r"services?|reviewers?|reviewing|committees?"),
    ("talks", r"talks?|presentations?|invited|seminars?"),
    ("teaching", r"teaching|courses?"),
    ("grants", r"grants?|funding"),
    ("about", r"about(?: me)?|bio|biography|introduction"),
    ("contact", r"contacts?"),
    ("research", r"research|projects?"),
]
CV_SECTIONS = {
    "awards": CVEntry.Section.AWARD,
    "competitions": CVEntry.Section.COMPETITION,
    "experience": CVEntry.Section.EXPERIENCE,
    "education": CVEntry.Section.EDUCATION,
    "service": CVEntry.Section.SERVICE,
    "talks": CVEntry.Section.TALK,
    "teaching": CVEntry.Section.TEACHING,
    "grants": CVEntry.Section.GRANT,
}
COMPETITION = re.compile(r"\b(?:competition|challenge|contest|hackathon|olympiad)\b", re.I)
EMPHASISED_DATE = re.compile(
    r"^(?P<mark>\*\*|\*|_|`)(?P<date>[^*_`]*?\d{4}[^*_`]*?)(?P=mark)\s*[:：\-–—,]?\s*(?P<rest>.*)$", re.S
)
LEADING_DATE = re.compile(
    rf"^(?P<date>(?:since\s+|from\s+)?{DATE}(?:\s*(?:–|—|-|to)\s*(?:{DATE}|present|now))?)\s*[:：\-–—,]\s*(?P<rest>.+)$",
    re.I | re.S,
)
TRAILING_DATE = re.compile(
    rf"^(?P<rest>.+?)[,(]\s*(?P<date>{DATE}(?:\s*(?:–|—|-)\s*(?:{DATE}|present))?)\s*\)?\.?$", re.I | re.S
)
YEAR_HEADING = re.compile(r"^\W*(?:(?:19|20)\d{2}\b.*|(?:earlier|older|before \d{4}|prior)\W*)$", re.I)
ROLE_END = re.compile(r"\s+(?:working with|supervised by|advised by|mentored by|under|with)\b|,|\.\s*$", re.I)


def section_kind(title):
    words = " ".join(re.sub(r"[^\w\s'’-]", " ", plain(title)).lower().split())
    for kind, pattern in SECTION_KINDS:
        if re.search(rf"(?:^|\s)(?:{pattern})(?:\s|$)", words):
            return kind
    return ""


def read_sections(page, homepage, section_kinds=None):
    """Map every section of the page; the blocks that belong in the bio are returned, in page order."""
    root = page.root
    bio_blocks = read_intro(root.blocks, homepage)
    previous = ""
    for section in root.children:
        kind = section_kind(section.title)
        if not kind and previous == "publications" and YEAR_HEADING.match(plain(section.title)):
            kind = "publications"  # '# Full Publication List' followed by '# 2025', '# 2024', …
        previous = kind
        reader = READERS.get(kind)
        if kind in CV_SECTIONS:
            read_cv_section(section, homepage, page, CV_SECTIONS[kind])
        elif reader:
            bio_blocks.extend(reader(section, homepage, page) or [])
        else:
            # No structured place: keep it, under its heading, in the bio rather than lose it.
            homepage.notes.append(f"section '{plain(section.title)}' (line {section.line}) kept in the bio as written")
            bio_blocks.append(_Heading(section))
            for child in section.walk():
                if child is not section:
                    bio_blocks.append(_Heading(child))
                bio_blocks.extend(child.blocks)
    return bio_blocks


class _Heading:
    kind = "heading"

    def __init__(self, section):
        self.markdown = f"{'#' * min(section.level + 2, 6)} {plain(section.title)}"
        self.text = plain(section.title)
        self.line = section.line


def _items(section, page):
    """(item, heading of the sub-section it is in) for every list item of the section; other text reported."""
    for child in section.walk():
        for block in child.blocks:
            if block.kind == "list":
                for item in block.items:
                    yield item, (child.title if child is not section else "")
            elif is_table(block):
                continue  # read by table_entries
            else:
                page.drop(
                    block.line, block.text, f"text in the '{plain(section.title)}' section that is not a list item"
                )


TABLE_COLUMNS = [
    ("dates", r"time|dates?|years?|period|duration|when"),
    ("organisation", r"university|institution|institute|school|company|organi[sz]ation|employer|affiliation|venue"),
    ("title", r"degree|major|position|post|role|title|award|honou?r|course|talk|name"),
    ("place", r"location|place|city|where"),
]


def is_table(block):
    return (
        block.kind == "paragraph"
        and len(block.lines) >= 2
        and all(text.strip().startswith("|") for _, text in block.lines)
    )


def table_entries(section, cv_section):
    """A markdown table in a CV section ('| Time | University | Major |') → one entry per row, by column name."""
    found = []
    for child in section.walk():
        for block in child.blocks:
            if not is_table(block):
                continue
            rows = [[cell.strip() for cell in text.strip().strip("|").split("|")] for _, text in block.lines]
            header, body = rows[0], [row for row in rows[2:] if any(cell for cell in row)]
            roles = []
            for name in header:
                words = plain(name).lower()
                roles.append(next((role for role, pattern in TABLE_COLUMNS if re.search(pattern, words)), "more"))
            for row in body:
                values = {"dates": "", "organisation": "", "title": "", "place": "", "more": []}
                for role, cell in zip(roles, row, strict=False):
                    if role == "more":
                        values["more"].append(plain(cell))
                    elif not values[role]:
                        values[role] = cell
                entry = CVData(
                    cv_section,
                    plain(values["title"]) or plain(values["organisation"]),
                    organisation=plain(values["organisation"]) if values["title"] else "",
                    place=plain(values["place"]),
                    description=", ".join(part for part in values["more"] if part),
                )
                found_links = links(values["organisation"] or values["title"])
                entry.url = web_url(found_links[0][1]) if found_links else ""
                dates = find_date_range(values["dates"])
                if dates:
                    entry.start_date, entry.end_date = dates[0], dates[1]
                else:
                    entry.start_date = parse_date(values["dates"])
                    entry.date_text = plain(values["dates"])
                if entry.title:
                    found.append(entry)
    return found


def split_date(text):
    """(date as printed, the rest) for an item that starts or ends with a date; ('', text) otherwise."""
    text = text.strip()
    for pattern in (EMPHASISED_DATE, LEADING_DATE, TRAILING_DATE):
        match = pattern.match(text)
        if match and parse_date(match.group("date")):
            rest = match.group("rest").strip()
            return " ".join(match.group("date").split()), re.sub(r"^(?:&nbsp;|\s)+", "", rest)
    return "", text


def read_interests(section, homepage, page):
    for item, _ in _items(section, page):
        text = item.text.strip()
        bold = re.match(r"^\*\*(?P<title>.+?)\*\*\s*[:：—–-]?\s*(?P<description>.*)$", text, re.S)
        plain_split = re.match(r"^(?P<title>[^:：—–]{2,80})\s*[:：—–]\s+(?P<description>.+)$", text, re.S)
        match = bold or plain_split
        if match:
            title, description = plain(match.group("title")).rstrip(":"), match.group("description").strip()
        else:
            title, description = plain(text), ""
        homepage.interests.append(InterestData(capitalize(title)[:200], capitalize(description)))


def read_news(section, homepage, page):
    for item, _ in _items(section, page):
        printed, body = split_date(item.text)
        date = parse_date(printed)
        if not date or not body.strip(" :-"):
            page.drop(item.line, item.text, "news item without a date")
            continue
        homepage.news.append(NewsData(date, body.strip(" :-–—").strip()))


def read_cv_section(section, homepage, page, cv_section):
    if cv_section == CVEntry.Section.EXPERIENCE and section.children:
        for child in section.children:
            homepage.cv_entries.append(read_experience(child))
        for block in section.blocks:
            page.drop(block.line, block.text, "text in the experience section outside any organisation")
        return
    homepage.cv_entries.extend(table_entries(section, cv_section))
    default_role = "Reviewer" if re.search(r"review", section.title, re.I) else ""
    for item, heading in _items(section, page):
        if cv_section == CVEntry.Section.SERVICE:
            homepage.cv_entries.extend(read_service_item(item.text, plain(heading) or default_role))
            continue
        entry = read_cv_item(item.text, cv_section)
        if cv_section == CVEntry.Section.AWARD and COMPETITION.search(entry.title):
            entry.section = CVEntry.Section.COMPETITION
        homepage.cv_entries.append(entry)


def read_cv_item(text, cv_section):
    """'*2022* Outstanding Graduate Award (**Rate<5%**)', '**July 2024** - Award', '2019.09 - 2022.06, M.S., SZU'."""
    printed, rest = split_date(text)
    entry = CVData(cv_section, "")
    dates = find_date_range(printed) if printed else None
    if dates:
        entry.start_date, entry.end_date = dates[0], dates[1]
        entry.start_precision, entry.end_precision = range_precisions(dates[2])
        if re.search(r"present|now", printed, re.I) is None and dates[1] is None:
            entry.date_text = printed
    elif re.match(r"^(?:since|from)\s", printed, re.I):  # 'Since 09/2023': ongoing
        entry.start_date = parse_date(printed)
        entry.date_text = printed
    else:
        entry.date_text = printed
        entry.start_date = parse_date(printed) if printed else None
    rest = rest.strip()
    emphasised = re.match(r"^(?:\*\*|\*|_)(?P<title>[^*_]{3,300}?)(?:\*\*|\*|_)\s*,\s*(?P<where>.+)$", rest, re.S)
    if emphasised and cv_section == CVEntry.Section.TALK:
        # 'June 2024: *Title*, [Seminar](…), University of Oxford': the title, then where it was given
        where = emphasised.group("where").strip()
        found = links(where)
        entry.title = plain(emphasised.group("title"))[:300]
        entry.organisation = plain(where.split("\n")[0]).strip(" ,.")[:300]
        entry.url = web_url(found[0][1]) if found else ""
        return entry
    first_line, _, more = rest.partition("\n")
    detail = re.search(r"\s*\((?P<detail>[^()]*)\)\s*\.?$", first_line)
    if detail and cv_section == CVEntry.Section.AWARD:
        entry.description = detail.group("detail").strip()
        first_line = first_line[: detail.start()]
    found = links(first_line)
    if len(found) == 1 and web_url(found[0][1]):
        entry.url = web_url(found[0][1])
    parts = [part.strip() for part in plain(first_line).split(", ")]
    if cv_section in {CVEntry.Section.EDUCATION, CVEntry.Section.TEACHING} and len(parts) > 1:
        entry.title, entry.organisation = parts[0], ", ".join(parts[1:])
    else:
        entry.title = plain(first_line).strip(" .")
    entry.title = entry.title[:300]
    if more.strip():
        entry.description = f"{entry.description}\n\n{more.strip()}".strip()
    return entry


def read_experience(section):
    """A sub-section per organisation: '### Meta AI', then 'Role working with [Mentor](…)', then highlights."""
    organisation = plain(section.title)
    entry = CVData(CVEntry.Section.EXPERIENCE, "", organisation=organisation)
    dates = find_date_range(organisation)
    if dates:
        entry.start_date, entry.end_date = dates[0], dates[1]
        entry.start_precision, entry.end_precision = range_precisions(dates[2])
        entry.organisation = organisation.replace(dates[2], "").strip(" ()|,-–")
    paragraphs = [block for child in section.walk() for block in child.blocks]
    described = []
    for block in paragraphs:
        if block.kind == "paragraph" and not entry.title:
            text = " ".join(block.text.split())
            more_dates = find_date_range(text)
            if more_dates and not dates:
                entry.start_date, entry.end_date = more_dates[0], more_dates[1]
                entry.start_precision, entry.end_precision = range_precisions(more_dates[2])
            end = ROLE_END.search(text)
            entry.title = plain(text[: end.start()] if end else text).strip()[:300]
        described.append(block.markdown.strip())
    entry.title = entry.title or organisation
    entry.description = "\n\n".join(part for part in described if part)
    return entry


def read_service_item(text, role):
    """'CVPR: 2022, 2023' under 'Conference Reviewer'; 'Reviewer for TPDS and TACO'; anything else as it is."""
    venue_years = re.match(r"^(?P<venue>[^:：]+?)\s*[:：]\s*(?P<years>(?:(?:19|20)\d{2}[\s,;&and]*)+)$", plain(text))
    if venue_years:
        years = ", ".join(re.findall(r"(?:19|20)\d{2}", venue_years.group("years")))
        return [
            CVData(
                CVEntry.Section.SERVICE, role or "Reviewer", organisation=venue_years.group("venue"), date_text=years
            )
        ]
    entries = _read_service(plain(text))
    if entries:
        return entries
    printed, rest = split_date(text)
    if role and not re.search(
        r"\b(?:member|chair|organi[sz]er|editor|reviewer|committee|representative)\b", rest, re.I
    ):
        # '* Science Advances' under 'Reviewing Services': the role is the heading's, the item the venue
        return [CVData(CVEntry.Section.SERVICE, role, organisation=plain(rest)[:300], date_text=printed)]
    return [CVData(CVEntry.Section.SERVICE, plain(rest)[:300], organisation="", date_text=printed)]


BADGE_TEXT = re.compile(
    r"^(?:[\w&@'’+./:() -]{2,60}\b(?:19|20)\d{2}\)?(?:\s*,\s*[\w&@'’+./ -]{2,40}\b(?:19|20)\d{2})*|"
    r"preprint|arxiv|under review|technical report|working paper|in submission)$",
    re.I,
)
# A paragraph that is only a title: a link, bold text, or both ('[**Title**](url)', '<big>**Title**</big>')
TITLE_ONLY = re.compile(r"^(?:\[[^\]]{10,}\]\([^)\s]*\)|\*\*[^*]{10,}\*\*|\[\*\*[^*]{10,}\*\*\]\([^)\s]*\))[.,]?$")
LEGEND_ITEM = re.compile(r"\b(?:denotes?|indicates?|equal contribution|corresponding author|co-first)\b", re.I)


def read_publications(section, homepage, page):
    """Every paper of a publications section: list items and, on pages that write one paper per paragraph,
    paragraphs; AcadHomepage's paper-box badge ('ICLR 2025') gives the venue when the item prints none."""
    selected = bool(re.search(r"selected", section.title, re.I))
    for child in section.walk():
        child_selected = selected or bool(re.search(r"selected", child.title, re.I))
        heading = re.match(r"^\W*((?:19|20)\d{2})\W*$", plain(child.title))
        heading_year = heading.group(1) if heading else ""
        badge = ""
        blocks = list(child.blocks)
        consumed = set()
        for index, block in enumerate(blocks):
            if index in consumed:
                continue
            if block.kind == "paragraph":
                text = plain(block.text)
                if re.fullmatch(r"\s*selected\s+(?:publications|papers)\s*[:：]?\s*", text, re.I):
                    child_selected = True
                    continue
                if BADGE_TEXT.match(text):
                    badge = text
                    continue
                source_text = block.text
                if TITLE_ONLY.match(block.text.strip()):
                    # A paper box writes the title, the authors and the venue as paragraphs of their own
                    following = _following_paragraphs(blocks, index)
                    consumed.update(following)
                    source_text = "\n".join([block.text, *(blocks[number].text for number in following)])
                    text = plain(source_text)
                paper = read_listed_paper(source_text, block.line) if len(text.split()) >= 6 else None
                if paper is None or not (paper.authors or paper.joint_with):
                    page.drop(block.line, block.text, "text in the publications section that is not a publication")
                    continue
                _add_paper(homepage, page, paper, child_selected, badge, heading_year)
                badge = ""
                continue
            for item in block.items:
                if LEGEND_ITEM.search(item.text) and len(item.text) < 120 and not LINK.search(item.text):
                    page.drop(item.line, item.text, "the list's legend, not a publication")
                    continue
                paper = read_listed_paper(item.text, item.line)
                if paper is None and LABEL_BULLET.match(item.text):
                    page.drop(item.line, item.text, "a summary line (bold label), not a publication")
                    continue
                if paper and not paper.authors and badge and paper.links:
                    # a paper-box whose authors the page hides: the title, link and badge are what readers see
                    homepage.notes.append(f"'{paper.title}' (line {item.line}): no authors printed on the page")
                elif paper is None or not (paper.authors or paper.joint_with):
                    page.drop(item.line, item.text, "publication whose title or authors could not be read")
                    continue
                _add_paper(homepage, page, paper, child_selected, badge, heading_year)
                badge = ""


def _following_paragraphs(blocks, index):
    """The paragraphs after a title paragraph that still belong to its paper: the authors line, then a short
    venue or links line; a longer text is the paper's description."""
    found = []
    for number in range(index + 1, min(index + 4, len(blocks))):
        block = blocks[number]
        if block.kind != "paragraph" or TITLE_ONLY.match(block.text.strip()) or BADGE_TEXT.match(plain(block.text)):
            break
        if found and (len(plain(block.text)) > 200 or not (re.search(r"(?:19|20)\d{2}|\[|\*|_", block.text))):
            break
        found.append(number)
    return found


def _add_paper(homepage, page, paper, selected, badge, heading_year):
    if heading_year and not paper.year:  # a paper listed under the heading '2024'
        paper.year = heading_year
    if badge and not paper.venue:
        _read_venue(paper, badge.split(",")[0])
    elif badge and not paper.year:  # the badge 'NeurIPS 2026' above a paper printed without its year
        year = re.search(r"\b(?:19|20)\d{2}\b", badge.split(",")[0])
        paper.year = year.group() if year else ""
    paper.selected = selected
    for label, url in paper.file_links:
        page.drop(paper.line, f"{paper.title}: {label} → {url}", "link to a file of the old site, not imported")
    homepage.papers.append(paper)


def read_about(section, homepage, page):
    blocks = read_intro([block for child in section.walk() for block in child.blocks], homepage)
    return blocks


def read_contact(section, homepage, page):
    for child in section.walk():
        for block in child.blocks:
            found = emails_in(block.text)
            for address in found:
                homepage.add_email(address)
            if not found:
                page.drop(block.line, block.text, "contact details other than e-mail")


def read_research(section, homepage, page):
    from .themes import read_theme_section

    homepage.themes.append(read_theme_section(section))


READERS = {
    "interests": read_interests,
    "news": read_news,
    "publications": read_publications,
    "about": read_about,
    "contact": read_contact,
    "research": read_research,
}
