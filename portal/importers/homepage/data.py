"""A site's CV data files → CV entries: al-folio's `_data/cv.yml`, RenderCV's `cv:` block and JSON Resume.

al-folio writes its CV page from `_data/cv.yml` (sections with a `type`:
time_table, list, nested_list, map) or from a JSON Resume file
(`assets/json/resume.json`); academicpages from `_data/cv.json` (JSON Resume);
RenderCV files have a top-level `cv:` with `sections`. Each entry keeps its
dates: a clean range becomes start and end dates, anything else ("Summer
2020") stays as printed.
"""

import json
import re

from researchers.models import CVEntry

from .inline import find_date_range, parse_date, plain, web_url
from .mapping import CVData, HomepageError, InterestData, Unmapped
from .samples import template_sample
from .sections import CV_SECTIONS, section_kind
from .source import html_to_markdown, load_yaml

CV_FILES = ("_data/cv.yml", "_data/cv.yaml", "_data/cv.json", "assets/json/resume.json", "_data/resume.json")
RESUME_SECTIONS = {
    "work": CVEntry.Section.EXPERIENCE,
    "volunteer": CVEntry.Section.SERVICE,
    "education": CVEntry.Section.EDUCATION,
    "awards": CVEntry.Section.AWARD,
    "certificates": CVEntry.Section.OTHER,
    "projects": CVEntry.Section.OTHER,
}


def read_cv_data(root, homepage):
    """Every CV data file the site has; a file that cannot be read is reported, the others still land."""
    for name in CV_FILES:
        path = root / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        if not text.strip():
            homepage.unmapped.append(Unmapped(name, 0, "", "empty file"))
            continue
        try:
            data = json.loads(text) if name.endswith(".json") else load_yaml(text, name)
        except (ValueError, HomepageError) as error:  # JSON and YAML errors alike: report the file
            homepage.unmapped.append(Unmapped(name, 0, "", f"file not imported: {error}"))
            continue
        before = len(homepage.cv_entries)
        if isinstance(data, dict) and isinstance(data.get("cv"), dict):
            _read_rendercv(data["cv"], homepage, name)
        elif isinstance(data, dict) and any(key in data for key in (*RESUME_SECTIONS, "basics", "skills", "languages")):
            _read_json_resume(data, homepage, name)
        elif isinstance(data, list):
            _read_alfolio_cv(data, homepage, name)
        else:
            homepage.unmapped.append(Unmapped(name, 0, "", "CV data in a shape this importer does not know"))
        homepage.notes.append(f"{name}: {len(homepage.cv_entries) - before} CV entries read")


def text_of(value):
    """A YAML or JSON value that may hold HTML → markdown on one line."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(f"- {text_of(item)}" for item in value if text_of(item))
    return " ".join(html_to_markdown(str(value), lambda *_: None).split())


def _dated(entry, printed):
    """Set the entry's dates from how the file prints them."""
    printed = " ".join(str(printed or "").split())
    if not printed:
        return entry
    dates = find_date_range(printed)
    if dates:
        entry.start_date, entry.end_date = dates[0], dates[1]
        if dates[2].strip() != printed.strip(" ."):
            entry.date_text = printed
    elif re.fullmatch(r"(?:19|20)\d{2}(?:[./-]\d{1,2})?|[A-Za-z]{3,9}\.? (?:19|20)\d{2}", printed):
        # one date: when a degree was completed, when anything else happened
        if entry.section == CVEntry.Section.EDUCATION:
            entry.end_date = parse_date(printed)
        else:
            entry.start_date = parse_date(printed)
        entry.date_text = printed
    else:
        entry.date_text = printed
        if re.search(r"[—–-]\s*$", printed):  # 'August 2022 —': ongoing
            entry.start_date = parse_date(printed)
    return entry


def _section_for(title):
    kind = section_kind(title.replace("_", " "))  # RenderCV's 'my_education_section'

    return CV_SECTIONS.get(kind)


def _read_alfolio_cv(sections, homepage, source):
    for section in sections:
        if not isinstance(section, dict):
            continue
        title = str(section.get("title") or "")
        cv_section = _section_for(title)
        kind = str(section.get("type") or "")
        contents = section.get("contents") or []
        if kind == "map" or cv_section is None:
            for item in contents if isinstance(contents, list) else [contents]:
                homepage.unmapped.append(
                    Unmapped(source, 0, f"{title}: {text_of(item)}", "CV section with no place in Labfolio")
                )
            continue
        for item in contents:
            if isinstance(item, dict) and isinstance(item.get("items"), list) and not item.get("institution"):
                # {year, items: [...]}: one entry per item, each with the group's year (time_table awards)
                # {title, items: [...]}: nested_list, the title says what the items are
                for sub in item["items"]:
                    entry = CVData(cv_section, plain(text_of(sub))[:300])
                    entry.url = _first_url(sub)
                    if item.get("year"):
                        _dated(entry, item.get("year"))
                    elif item.get("title"):
                        entry.description = plain(text_of(item["title"]))
                    _add(homepage, entry, source)
            elif isinstance(item, dict):
                entry = CVData(
                    cv_section,
                    plain(text_of(item.get("title") or item.get("name")))[:300],
                    organisation=plain(text_of(item.get("institution") or item.get("organisation")))[:300],
                    place=plain(text_of(item.get("location")))[:200],
                    description=text_of(item.get("description")),
                )
                _dated(entry, item.get("year") or item.get("date"))
                _add(homepage, entry, source)
            elif item:
                _add(homepage, CVData(cv_section, plain(text_of(item))[:300], url=_first_url(item)), source)


def _first_url(value):
    match = re.search(r"href=[\"']([^\"']+)", str(value or ""))
    return web_url(match.group(1)) if match else ""


def _add(homepage, entry, source):
    if not entry.title:
        return
    if template_sample(entry.title) or template_sample(entry.organisation):
        homepage.notes.append(f"{source}: the theme's sample entry '{entry.title}', skipped")
        return
    homepage.cv_entries.append(entry)


def _span(item):
    start, end = str(item.get("startDate") or item.get("start_date") or ""), item.get("endDate", item.get("end_date"))
    if start and end not in (None, ""):
        return f"{start} - {end}"
    if start:
        return f"{start} - present" if "endDate" in item or "end_date" in item else start
    return str(item.get("date") or item.get("releaseDate") or "")


def _read_json_resume(data, homepage, source):
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    if basics.get("summary") and not homepage.bio:
        homepage.bio = text_of(basics["summary"])
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    place = ", ".join(str(location[key]) for key in ("city", "region", "countryCode") if location.get(key))
    homepage.config_location = homepage.config_location or place
    if basics.get("email"):
        homepage.add_email(str(basics["email"]))
    for key, cv_section in RESUME_SECTIONS.items():
        for item in data.get(key) or []:
            if not isinstance(item, dict):
                continue
            if key == "education":
                degree = " in ".join(str(item[name]) for name in ("studyType", "area") if item.get(name))
                entry = CVData(cv_section, degree, organisation=str(item.get("institution") or ""))
            elif key == "awards":
                entry = CVData(cv_section, str(item.get("title") or ""), organisation=str(item.get("awarder") or ""))
            elif key in ("work", "volunteer"):
                entry = CVData(
                    cv_section,
                    str(item.get("position") or ""),
                    organisation=str(item.get("name") or item.get("company") or item.get("organization") or ""),
                )
            else:
                entry = CVData(cv_section, str(item.get("name") or item.get("title") or ""))
            entry.title = plain(text_of(entry.title))[:300] or entry.organisation
            entry.place = str(item.get("location") or "")[:200]
            entry.url = web_url(str(item.get("url") or ""))
            highlights = item.get("highlights") or item.get("courses") or []
            entry.description = "\n\n".join(
                part for part in (text_of(item.get("summary")), text_of(highlights)) if part
            )
            _dated(entry, _span(item))
            _add(homepage, entry, source)
    for interest in data.get("interests") or []:
        if isinstance(interest, dict) and interest.get("name"):
            homepage.interests.append(InterestData(str(interest["name"])[:200], text_of(interest.get("keywords"))))
    for key in ("skills", "languages", "references", "publications"):
        if data.get(key):
            homepage.unmapped.append(
                Unmapped(source, 0, f"{key}: {len(data[key])} entries", f"JSON Resume '{key}' not imported")
            )


RENDERCV_FIELDS = ("institution", "company", "position", "degree", "area", "name", "label", "title", "bullet")


def _read_rendercv(cv, homepage, source):
    from .site import read_socials  # imported here: site.py imports this module

    if cv.get("location"):
        homepage.config_location = homepage.config_location or str(cv["location"])
    socials = {"email": cv.get("email"), "website": cv.get("website")}
    for network in cv.get("social_networks") or []:
        if isinstance(network, dict) and network.get("network") and network.get("username"):
            socials[str(network["network"]).lower().replace(" ", "_")] = network["username"]
    read_socials({key: value for key, value in socials.items() if value}, homepage, source)
    for title, entries in (cv.get("sections") or {}).items():
        cv_section = _section_for(str(title))
        if cv_section is None:
            homepage.unmapped.append(Unmapped(source, 0, str(title), "CV section with no place in Labfolio"))
            continue
        for item in entries or []:
            if isinstance(item, str):
                _add(homepage, CVData(cv_section, plain(text_of(item))[:300]), source)
                continue
            if not isinstance(item, dict):
                continue
            if "degree" in item or "area" in item:
                name = " in ".join(str(item[key]) for key in ("degree", "area") if item.get(key))
                entry = CVData(cv_section, name, organisation=str(item.get("institution") or ""))
            elif "position" in item:
                entry = CVData(cv_section, str(item["position"]), organisation=str(item.get("company") or ""))
            elif "label" in item:
                entry = CVData(cv_section, str(item["label"]), description=text_of(item.get("details")))
            else:
                entry = CVData(cv_section, str(item.get("name") or item.get("title") or item.get("bullet") or ""))
            entry.title = plain(text_of(entry.title))[:300]
            entry.place = str(item.get("location") or "")[:200]
            entry.url = web_url(str(item.get("url") or ""))
            entry.description = entry.description or "\n\n".join(
                part for part in (text_of(item.get("summary")), text_of(item.get("highlights"))) if part
            )
            _dated(entry, _span(item))
            _add(homepage, entry, source)
