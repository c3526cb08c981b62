"""A whole page or site folder → Homepage: the about page plus `_config.yml`, `_data/socials.yml`,
`_news/`, `_bibliography/`, `_publications/`, `_talks/`, `markdown_generator/*.tsv` and a research page."""

import csv
import io
import re
from pathlib import Path

from publications.bibtex import decode_file
from researchers.common.text import repair_text
from researchers.models import CVEntry, Link, NameVariant

from .bib import prepare_bibtex
from .citations import read_citation_page
from .data import read_cv_data
from .extra_pages import read_extra_page
from .inline import deobfuscate_emails, emails_in, parse_date, plain, web_url
from .mapping import CVData, Homepage, HomepageError, InterestData, LinkData, NewsData, Unmapped
from .samples import template_sample
from .sections import read_sections
from .source import load_yaml, parse_blocks, read_page
from .themes import read_theme_section

SOCIALS = {
    "scholar_userid": (Link.Kind.SCHOLAR, "https://scholar.google.com/citations?user={}"),
    "googlescholar": (Link.Kind.SCHOLAR, "https://scholar.google.com/citations?user={}"),
    "google_scholar": (Link.Kind.SCHOLAR, "https://scholar.google.com/citations?user={}"),
    "google-scholar": (Link.Kind.SCHOLAR, "https://scholar.google.com/citations?user={}"),
    "github_username": (Link.Kind.GITHUB, "https://github.com/{}"),
    "github": (Link.Kind.GITHUB, "https://github.com/{}"),
    "linkedin_username": (Link.Kind.LINKEDIN, "https://www.linkedin.com/in/{}"),
    "linkedin": (Link.Kind.LINKEDIN, "https://www.linkedin.com/in/{}"),
    "x_username": (Link.Kind.X, "https://x.com/{}"),
    "twitter_username": (Link.Kind.X, "https://x.com/{}"),
    "twitter": (Link.Kind.X, "https://x.com/{}"),
    "bluesky_url": (Link.Kind.BLUESKY, "{}"),
    "bluesky": (Link.Kind.BLUESKY, "https://bsky.app/profile/{}"),
    "dblp_url": (Link.Kind.DBLP, "{}"),
    "dblp": (Link.Kind.DBLP, "{}"),
    "semanticscholar_id": (Link.Kind.SEMANTIC_SCHOLAR, "https://www.semanticscholar.org/author/{}"),
    "semantic_scholar": (Link.Kind.SEMANTIC_SCHOLAR, "https://www.semanticscholar.org/author/{}"),
    "website": (Link.Kind.WEBSITE, "{}"),
    "work_url": (Link.Kind.WEBSITE, "{}"),
    "homepage": (Link.Kind.WEBSITE, "{}"),
    "home-page": (Link.Kind.WEBSITE, "{}"),
    "uri": (Link.Kind.WEBSITE, "{}"),
    "research_gate_profile": (Link.Kind.OTHER, "https://www.researchgate.net/profile/{}", "ResearchGate"),
    "researchgate": (Link.Kind.OTHER, "https://www.researchgate.net/profile/{}", "ResearchGate"),
    "arxiv": (Link.Kind.OTHER, "{}", "arXiv"),
}
ORCID_KEYS = {"orcid_id", "orcid"}
EMAIL_KEYS = {"email", "mail"}
# Theme settings and layout switches: they describe the site, not the person.
PLUMBING = {
    "layout", "title", "permalink", "subtitle_html", "excerpt", "author_profile", "redirect_from", "selected_papers",
    "social", "announcements", "latest_posts", "nav", "nav_order", "sitemap", "toc", "comments", "related_posts",
    "collection", "type", "date", "superuser", "highlight_name", "user_groups", "weight", "draft", "align", "news",
    "intro", "lang", "alternate_url", "img", "description", "giscus", "pretty_table", "enable_math",
}  # fmt: skip
# Front matter keys _read_front_matter reads.
FRONT_MATTER_READ = {
    "profile", "subtitle", "name", "first_name", "last_name", "title", "role", "position", "organizations",
    "affiliation", "interests", "education", "aliases", "links", "social", "image", "email", "bio",
}  # fmt: skip
ORGANISATION = re.compile(
    r"(?:[\w&.'’-]+\s+){0,5}(?:University|Institute|College|School|Academy|Laborator(?:y|ies)|Lab|Labs|Inc\.?|"
    r"Corporation|Company|Research|Hospital|Center|Centre)(?:\s+(?:of|for|at)?\s*[\w&.'’-]+){0,5}"
)
ABOUT_PAGES = ("_pages/about.md", "_pages/about.markdown", "about.md", "_pages/index.md", "index.md", "README.md")


def read_homepage(path):
    """Read a page (a Markdown file) or a site folder; raises HomepageError when it cannot be read."""
    path = Path(path)
    if path.is_dir():
        return read_site(path)
    if not path.is_file():
        raise HomepageError(f"{path} is neither a Markdown file nor a site folder.")
    page = read_page(path)
    homepage = Homepage(theme=detect_theme(page, None, {}))
    read_main_page(page, homepage, None)
    return homepage


def detect_theme(page, root, config):
    text = page.content if page else ""
    if (
        "google_scholar_stats" in text
        or "class='anchor'" in text
        or "gs_data" in text
        or "google_scholar_stats_use_cdn" in config
    ):
        return "AcadHomepage"
    if root and any((root / folder).is_dir() for folder in ("_bibliography", "_news")):
        return "al-folio"
    if page and (page.meta.get("layout") == "about" or isinstance(page.meta.get("profile"), dict)):
        return "al-folio"
    if root and any((root / folder).is_dir() for folder in ("_publications", "_talks", "markdown_generator")):
        return "academicpages"
    if page and page.meta.get("author_profile"):
        return "academicpages"
    return "Markdown"


def read_main_page(page, homepage, root):
    """The about page: front matter, then the body's introduction and sections."""
    _read_front_matter(page, homepage, root)
    bio_blocks = read_sections(page, homepage)
    samples = [block for block in bio_blocks if template_sample(block.text)]
    if samples:
        # academicpages' own front page text, left in place until its owner writes theirs
        homepage.notes.append(f"{len(samples)} paragraphs of the theme's sample text left out of the bio")
        bio_blocks = [block for block in bio_blocks if block not in samples]
    homepage.bio = "\n\n".join(block.markdown for block in bio_blocks if block.markdown.strip()).strip()
    if not homepage.interests and homepage.prose_interests:
        homepage.interests = homepage.prose_interests
    homepage.unmapped.extend(page.unmapped)


def _read_front_matter(page, homepage, root):
    meta = page.meta
    profile = meta.get("profile") if isinstance(meta.get("profile"), dict) else {}
    more_info = profile.get("more_info") or profile.get("address")  # al-folio's newer and older names
    if more_info and template_sample(plain(str(more_info))):
        homepage.notes.append(f"{page.source}: the theme's sample address in the front matter, skipped")
    elif more_info:
        lines = [plain(repair_text(line)) for line in re.split(r"</p>|<br\s*/?>|\n", str(more_info))]
        homepage.address = "\n".join(line for line in lines if line)
    if profile.get("image"):
        homepage.photo_path = str(profile["image"])
    if meta.get("subtitle"):
        # al-folio's subtitle is the line under the name: '<strong>Position</strong> <br> <strong>Place</strong>'.
        parts = [plain(part) for part in re.split(r"<br\s*/?>|\s[|·•]\s", str(meta["subtitle"]))]
        parts = [part.strip(" .") for part in parts if part.strip(" .")]
        if len(parts) == 1 and " at " in parts[0]:  # 'PhD Student at DAVID Lab, University of Versailles'
            parts = [part.strip(" .") for part in parts[0].split(" at ", 1)]
        if template_sample(plain(str(meta["subtitle"]))):
            homepage.notes.append(f"{page.source}: the theme's sample subtitle, skipped")
        elif 1 <= len(parts) <= 3 and all(len(part) <= 160 for part in parts):
            homepage.position = parts[0]
            homepage.affiliation = homepage.affiliation or ", ".join(parts[1:])
        else:
            homepage.unmapped.append(
                Unmapped(page.source, 1, str(meta["subtitle"]), "front matter 'subtitle' not mapped")
            )
    # Member pages of other themes (Hugo Blox authors, lab-website-template members) carry the profile in front matter.
    name = meta.get("name") or " ".join(str(meta.get(key) or "") for key in ("first_name", "last_name")).strip()
    if not name and (meta.get("first_name") or meta.get("organizations")):
        name = str(meta.get("title") or "")
    homepage.name = repair_text(str(name)).strip() if name else homepage.name
    for key in ("role", "position"):
        if isinstance(meta.get(key), str) and " " in meta[key].strip():
            homepage.position = homepage.position or meta[key].strip()
    organizations = meta.get("organizations")
    if isinstance(organizations, list):
        names = [str(org.get("name")) for org in organizations if isinstance(org, dict) and org.get("name")]
        homepage.affiliation = homepage.affiliation or ", ".join(names)
    if isinstance(meta.get("affiliation"), str):
        homepage.affiliation = homepage.affiliation or meta["affiliation"]
    if isinstance(meta.get("interests"), list):
        homepage.interests.extend(InterestData(str(interest)) for interest in meta["interests"] if interest)
    courses = (meta.get("education") or {}).get("courses") if isinstance(meta.get("education"), dict) else None
    for course in courses or []:
        if isinstance(course, dict) and course.get("course"):
            homepage.cv_entries.append(
                CVData(
                    CVEntry.Section.EDUCATION,
                    str(course["course"]),
                    organisation=str(course.get("institution") or ""),
                    date_text=str(course.get("year") or ""),
                )
            )
    for alias in meta.get("aliases") or []:
        homepage.name_variants.append((str(alias), NameVariant.Kind.OTHER))
    if isinstance(meta.get("links"), dict):
        read_socials(meta["links"], homepage, page.source)
    if isinstance(meta.get("social"), list):
        for entry in meta["social"]:
            if isinstance(entry, dict) and entry.get("link"):
                read_socials({str(entry.get("icon", "")): entry["link"]}, homepage, page.source)
    if meta.get("image") and isinstance(meta["image"], str):
        homepage.photo_path = homepage.photo_path or meta["image"]
    if isinstance(meta.get("email"), str) and meta["email"].strip():
        for address in emails_in(meta["email"]):
            homepage.add_email(address)
    if not page.content.strip() and isinstance(meta.get("bio"), str):
        homepage.bio = meta["bio"]
    for key, value in meta.items():
        if key not in PLUMBING and key not in FRONT_MATTER_READ and value not in (None, "", [], {}):
            homepage.unmapped.append(Unmapped(page.source, 1, f"{key}: {value}", "front matter not mapped"))


def read_socials(values, homepage, source):
    """Social keys of al-folio's socials.yml, academicpages' author block or a front matter → links, ORCID, e-mail."""
    for key, value in values.items():
        key = str(key).strip().lower()
        if value in (None, "", False, True):
            continue
        if key in ORCID_KEYS:
            homepage.orcid = homepage.orcid or str(value).strip()
            continue
        if key in EMAIL_KEYS or key == "envelope":
            for address in emails_in(deobfuscate_emails(str(value).replace("mailto:", ""))):
                homepage.add_email(address)
            continue
        if isinstance(value, dict) and web_url(str(value.get("url", ""))):
            _add_link(
                homepage, LinkData(Link.Kind.OTHER, web_url(str(value["url"])), str(value.get("title") or key)[:100])
            )
            continue
        known = SOCIALS.get(key)
        value = str(value).strip()
        if known:
            url = value if web_url(value) else known[1].format(value) if known[1] != "{}" else ""
            if web_url(url):
                _add_link(homepage, LinkData(known[0], web_url(url), known[2] if len(known) > 2 else ""))
                continue
        elif web_url(value):
            _add_link(homepage, LinkData(Link.Kind.OTHER, web_url(value), key.replace("_", " ")[:100]))
            continue
        homepage.unmapped.append(Unmapped(source, 0, f"{key}: {value}", "social profile not mapped"))


def _add_link(homepage, link):
    if all(known.url != link.url for known in homepage.links):
        homepage.links.append(link)


def read_site(root):
    config = {}
    if (root / "_config.yml").is_file():
        config = load_yaml((root / "_config.yml").read_text(encoding="utf-8", errors="replace"), "_config.yml")
        if not isinstance(config, dict):
            raise HomepageError("_config.yml is not a set of 'key: value' lines.")
    about = next((root / name for name in ABOUT_PAGES if (root / name).is_file()), None)
    if about is None and not config:
        raise HomepageError(f"{root} has neither an about page (_pages/about.md) nor a _config.yml.")
    page = read_page(about, str(about.relative_to(root)), root=root) if about else None
    homepage = Homepage(theme=detect_theme(page, root, config))
    _read_config(config, homepage)
    _safely(homepage, "_data/socials.yml", _read_socials_file, root)
    if page:
        read_main_page(page, homepage, root)
    _apply_config_profile(homepage)
    _read_news_folder(root, homepage)
    for bib in sorted((root / "_bibliography").glob("*.bib")):
        text = decode_file(bib.read_bytes())
        if text.strip():
            site_url = f"{config.get('url') or ''}{config.get('baseurl') or ''}" if config.get("url") else ""
            homepage.bibtex.append(
                prepare_bibtex(text, source=f"_bibliography/{bib.name}", site_url=site_url, homepage=homepage)
            )
        else:
            homepage.unmapped.append(Unmapped(f"_bibliography/{bib.name}", 0, "", "empty file"))
    for path in sorted((root / "_publications").glob("*.md")):
        _safely(homepage, f"_publications/{path.name}", _read_publication_file, path)
    for path in sorted((root / "_talks").glob("*.md")):
        _safely(homepage, f"_talks/{path.name}", _read_talk_file, path)
    for path in sorted((root / "_teaching").glob("*.md")):
        _safely(homepage, f"_teaching/{path.name}", _read_teaching_file, path)
    for path in sorted((root / "markdown_generator").glob("*.tsv")):
        _safely(homepage, f"markdown_generator/{path.name}", _read_tsv, path)
    read_cv_data(root, homepage)
    for path in sorted((root / "_pages").glob("*.md")):
        if path == about:
            continue
        if re.search(r"research", f"{path.stem} {_title_of(path)}", re.I):
            _safely(homepage, f"_pages/{path.name}", _read_research_page, path)
        else:
            _safely(homepage, f"_pages/{path.name}", read_extra_page, path, root)
    _prefer_listed_cv(homepage)
    _locate_files(root, homepage)
    if (root / "_posts").is_dir():
        homepage.notes.append("blog posts in _posts are not imported by this command")
    for folder, what in (("_projects", "project pages"), ("_portfolio", "portfolio pages")):
        if any((root / folder).glob("*.md")):
            homepage.notes.append(f"{what} in {folder} are not imported by this command")
    if (root / "_data" / "repositories.yml").is_file():
        homepage.notes.append("_data/repositories.yml (GitHub repositories shown on the site) is not imported")
    return homepage


def _prefer_listed_cv(homepage):
    """CV entries a sentence of the bio suggested give way to the site's own lists of the same section
    (a CV data file, a CV page); those that stay are reported as guesses."""
    listed = {entry.section for entry in homepage.cv_entries if not entry.from_prose}
    kept = []
    for entry in homepage.cv_entries:
        if entry.from_prose and entry.section in listed:
            continue
        if entry.from_prose:
            homepage.guesses.append(f"{entry.section} entry '{entry.title}' read from a sentence of the bio")
        kept.append(entry)
    homepage.cv_entries = kept


def _safely(homepage, source, read, *args):
    """Read one file of the site; a file that cannot be read is reported and the rest of the site still lands."""
    try:
        return read(*args, homepage)
    except HomepageError as error:
        homepage.unmapped.append(Unmapped(source, 0, "", f"file not imported: {error}"))
    except (OSError, UnicodeError, ValueError, TypeError, AttributeError) as error:
        homepage.unmapped.append(Unmapped(source, 0, "", f"file not imported: {error}"))
    return None


def _read_socials_file(root, homepage):
    path = root / "_data" / "socials.yml"
    if path.is_file():
        socials = load_yaml(path.read_text(encoding="utf-8", errors="replace"), "_data/socials.yml")
        if isinstance(socials, dict):
            read_socials(socials, homepage, "_data/socials.yml")


def _read_publication_file(path, homepage):
    publication = read_page(path, f"_publications/{path.name}")
    paper = read_citation_page(publication.meta, publication.content, publication.first_line)
    if paper and template_sample(paper.title):
        homepage.notes.append(f"_publications/{path.name}: the theme's sample publication, skipped")
    elif paper:
        _report_file_links(homepage, paper, publication.source)
        homepage.papers.append(paper)
    else:
        homepage.unmapped.append(Unmapped(publication.source, 1, path.name, "publication without a title"))


def _report_file_links(homepage, paper, source):
    for label, url in paper.file_links:
        homepage.unmapped.append(
            Unmapped(
                source, paper.line, f"{paper.title}: {label} → {url}", "link to a file of the old site, not imported"
            )
        )


def _read_talk_file(path, homepage):
    talk = read_page(path, f"_talks/{path.name}")
    if template_sample(str(talk.meta.get("title") or "")):
        homepage.notes.append(f"_talks/{path.name}: the theme's sample talk, skipped")
        return
    _add_talk(homepage, talk.meta, talk.content)


def _read_teaching_file(path, homepage):
    course = read_page(path, f"_teaching/{path.name}")
    title = plain(str(course.meta.get("title") or ""))
    if not title:
        homepage.unmapped.append(Unmapped(course.source, 1, path.name, "course without a title"))
        return
    if template_sample(title):
        homepage.notes.append(f"_teaching/{path.name}: the theme's sample course, skipped")
        return
    date = course.meta.get("date")
    date = date if hasattr(date, "year") else parse_date(str(date or ""))
    kind = plain(str(course.meta.get("type") or ""))
    homepage.cv_entries.append(
        CVData(
            CVEntry.Section.TEACHING,
            title[:300],
            organisation=plain(str(course.meta.get("venue") or ""))[:300],
            place=plain(str(course.meta.get("location") or ""))[:200],
            start_date=date if date and not hasattr(date, "date") else (date.date() if date else None),
            date_text=kind,
            description=course.content.strip(),
        )
    )


def _apply_config_profile(homepage):
    """`_config.yml`'s author block is what the site itself shows; it wins over what prose suggested."""
    employer = homepage.config_affiliation.strip()
    if employer and homepage.affiliation != employer:
        guessed = [guess for guess in homepage.guesses if guess.startswith(f"affiliation '{homepage.affiliation}'")]
        if guessed or not homepage.affiliation:
            homepage.guesses = [guess for guess in homepage.guesses if guess not in guessed]
            homepage.affiliation = employer
    homepage.address = homepage.address or homepage.config_location


def _title_of(path):
    head = path.read_text(encoding="utf-8", errors="replace")[:500]
    match = re.search(r"^title:\s*(.+)$", head, re.M)
    return match.group(1) if match else ""


def _read_config(config, homepage):
    author = config.get("author") if isinstance(config.get("author"), dict) else {}
    name = author.get("name") or " ".join(
        str(config.get(key) or "") for key in ("first_name", "middle_name", "last_name") if config.get(key)
    )
    homepage.name = repair_text(str(name)).strip() if name else ""
    if template_sample(homepage.name):  # al-folio's 'You R. Name', academicpages' 'Your Name'
        homepage.notes.append(f"_config.yml names the theme's sample person '{homepage.name}'; not used")
        homepage.name = ""
    read_socials(
        {key: value for key, value in config.items() if key in SOCIALS or key in ORCID_KEYS or key in EMAIL_KEYS},
        homepage,
        "_config.yml",
    )
    read_socials(
        {key: value for key, value in author.items() if key in SOCIALS or key in ORCID_KEYS or key in EMAIL_KEYS},
        homepage,
        "_config.yml",
    )
    if author.get("avatar"):
        homepage.photo_path = str(author["avatar"])
    homepage.config_affiliation = str(author.get("employer") or "")
    homepage.config_location = str(author.get("location") or "")
    tagline = plain(str(author.get("bio") or ""))
    if tagline and not homepage.config_affiliation and ORGANISATION.fullmatch(tagline):
        # The sidebar line under the name, when it only names where the person is ('Peking University')
        homepage.config_affiliation = tagline
        homepage.guesses.append(f"affiliation '{tagline}' read from _config.yml's author.bio, the sidebar line")
    elif tagline:
        homepage.unmapped.append(
            Unmapped("_config.yml", 0, f"author.bio: {tagline}", "the sidebar line; the about page is the bio")
        )


def _read_news_folder(root, homepage):
    for path in sorted((root / "_news").glob("*.md")):
        _safely(homepage, f"_news/{path.name}", _read_news_file, path)


def _read_news_file(path, homepage):
    news = read_page(path, f"_news/{path.name}")
    draft = news.meta.get("published") is False or news.meta.get("draft") is True
    date = news.meta.get("date")
    date = date if hasattr(date, "year") else parse_date(str(date or path.stem))
    if hasattr(date, "date"):
        date = date.date()
    body = "\n\n".join(block.markdown for block in parse_blocks(news.lines) if hasattr(block, "markdown")).strip()
    if not news.meta.get("inline", True) and news.meta.get("title"):
        body = f"**{news.meta['title']}**\n\n{body}".strip()
    if not date or not body:
        homepage.unmapped.append(Unmapped(news.source, 1, body or path.name, "news item without a date or text"))
        return
    if template_sample(body):
        homepage.notes.append(f"{news.source}: the theme's sample announcement, skipped")
        return
    if draft:
        homepage.notes.append(f"{news.source}: not published on the site, kept as a draft")
    homepage.news.append(NewsData(date, body, draft=draft))
    homepage.unmapped.extend(news.unmapped)


def _add_talk(homepage, meta, content, url=""):
    title = plain(str(meta.get("title") or ""))
    if not title:
        return
    date = meta.get("date")
    date = date if hasattr(date, "year") else parse_date(str(date or ""))
    kind = str(meta.get("type") or "").strip()
    description = content.strip()
    if kind and kind.lower() != "talk":
        description = f"{kind}. {description}".strip()
    homepage.cv_entries.append(
        CVData(
            CVEntry.Section.TALK,
            title[:300],
            organisation=plain(str(meta.get("venue") or ""))[:300],
            place=plain(str(meta.get("location") or ""))[:200],
            start_date=date,
            description=description,
            url=web_url(str(meta.get("talk_url") or url)),
        )
    )


def _read_tsv(path, homepage):
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    columns = set(rows[0]) if rows else set()
    source = f"markdown_generator/{path.name}"
    for number, row in enumerate(rows, start=2):
        row = {key: repair_text(value or "") for key, value in row.items() if key}
        if template_sample(row.get("title", "")):
            homepage.notes.append(f"{source}:{number}: the theme's sample row '{row['title']}', skipped")
            continue
        if {"citation", "paper_url", "pub_date"} & columns:
            paper = read_citation_page(row, "", number)
            if paper:
                _report_file_links(homepage, paper, source)
                homepage.papers.append(paper)
        elif {"talk_url", "location"} & columns:
            _add_talk(homepage, row, row.get("description", ""))
        else:
            homepage.unmapped.append(Unmapped(source, number, "\t".join(row.values()), "TSV row of an unknown kind"))


def _read_research_page(path, homepage):
    page = read_page(path, f"_pages/{path.name}", keep_cites=True)
    for block in page.root.blocks:
        page.drop(block.line, block.text, "research page text before its first theme")
    for section in page.root.children:
        homepage.themes.append(read_theme_section(section))
    homepage.unmapped.extend(page.unmapped)


def _locate_files(root, homepage):
    for attribute, path_attribute, folders in (
        ("photo_file", "photo_path", ("", "assets/img", "images", "img")),
        ("cv_file", "cv_path", ("", "files", "assets/pdf", "assets")),
    ):
        relative = getattr(homepage, path_attribute).lstrip("./").lstrip("/")
        if not relative:
            continue
        for folder in folders:
            candidate = (root / folder / relative).resolve()
            if candidate.is_file() and root.resolve() in candidate.parents:
                setattr(homepage, attribute, candidate)
                break
