"""Reading inline markdown: links, plain text, dates, e-mail addresses, sentences."""

import datetime
import re

from researchers.validators import safe_href

LINK = re.compile(r"(?<!!)\[(?P<label>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
OBFUSCATED_AT = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.I)
OBFUSCATED_DOT = re.compile(r"\s*[\[({]\s*dot\s*[\])}]\s*", re.I)

MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "spr": 3, "sum": 6, "fal": 9, "aut": 9, "win": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE = (
    rf"(?:{MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}"  # September 2024, Sep 12, 2024
    r"|(?:Spring|Summer|Fall|Autumn|Winter)\s+\d{4}"  # Summer 2014, as CVs write terms
    rf"|\d{{1,2}}\s+{MONTH}\s+\d{{4}}"  # 12 September 2024
    r"|\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?"  # 2025.02, 2024-09-12
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 5/1/17, as academicpages' TSV files write dates
    r"|\d{1,2}/\d{4}"  # 09/2023
    r"|(?:19|20)\d{2})"
)
DATE_RE = re.compile(rf"(?<![\w.]){DATE}(?![\w])", re.I)
PRESENT = r"(?:present|now|today|current|ongoing)"
DATE_RANGE = re.compile(
    rf"(?:from\s+)?(?P<start>{DATE})\s*(?:–|—|-|~|to|until|till)\s*(?P<end>{DATE}|{PRESENT})(?![\w])", re.I
)
ABBREVIATIONS = ("Prof", "Dr", "Mr", "Ms", "Mrs", "e.g", "i.e", "vs", "St", "Assoc", "Asst", "al")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[*“\"(`_])")


def links(text):
    """[(label, url)] of the markdown links in the text, in order."""
    return [(match.group("label"), match.group("url")) for match in LINK.finditer(text)]


def web_url(url):
    """The URL when it is an absolute http(s) address that cannot run code; '' otherwise."""
    url = safe_href(url or "")
    return url if re.match(r"^https?://[^\s/$.?#].\S*$", url, re.I) else ""


def plain(text):
    """Markdown → plain text: links become their labels, emphasis and escapes go, spaces collapse."""
    text = IMAGE.sub("", text or "")
    for _ in range(2):  # a link label may itself be bold
        text = LINK.sub(lambda match: match.group("label"), text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*\\])([*_])(?!\s)(.+?)(?<![\s\\])\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    return " ".join(text.split())


def capitalize(text):
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def parse_date(text):
    """The first date in the text (a month alone counts from its first day); None when there is none."""
    match = DATE_RE.search(text or "")
    return _to_date(match.group()) if match else None


def _to_date(value):
    value = value.strip().rstrip(".")
    numeric = re.fullmatch(r"(\d{4})[./-](\d{1,2})(?:[./-](\d{1,2}))?", value)
    if numeric:
        year, month, day = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3) or 1)
        return _safe_date(year, month, day)
    month_year = re.fullmatch(r"(\d{1,2})/(\d{4})", value)
    if month_year:
        return _safe_date(int(month_year.group(2)), int(month_year.group(1)), 1)
    american = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", value)
    if american:
        month, day, year = (int(part) for part in american.groups())
        return _safe_date(year + 2000 if year < 100 else year, month, day)
    year = re.search(r"\d{4}", value)
    if not year:
        return None
    month = re.search(r"[A-Za-z]+", value)
    day = re.search(r"(?<!\d)(\d{1,2})(?!\d)", value)
    month_number = MONTH_NAMES.get(month.group()[:3].lower(), 1) if month else 1
    return _safe_date(int(year.group()), month_number, int(day.group(1)) if day and month else 1)


def _safe_date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def date_precision(value):
    """'2024' → 'year', 'Sep 2024' / '2025.02' → 'month', otherwise 'day'."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}[./-]\d{1,2}", value) or re.fullmatch(rf"{MONTH}\s+\d{{4}}", value, re.I):
        return "month"
    return "day"


def range_precisions(text):
    """(start precision, end precision) of a date range as printed: '2019 - 2022' → ('year', 'year')."""
    match = DATE_RANGE.search(text or "")
    if not match:
        return "month", "month"
    end = match.group("end")
    return date_precision(match.group("start")), "month" if re.fullmatch(PRESENT, end, re.I) else date_precision(end)


def find_date_range(text):
    """(start date, end date or None, the matched text) for 'from Sep 2023 to Jan 2024', '2019.06 - 2022.04 (now)'."""
    match = DATE_RANGE.search(text or "")
    if not match:
        return None
    end = match.group("end")
    end_date = None if re.fullmatch(PRESENT, end, re.I) else _to_date(end)
    return _to_date(match.group("start")), end_date, match.group()


def deobfuscate_emails(text):
    """'name[at]host[dot]edu' → 'name@host.edu', so the address can be read."""
    text = OBFUSCATED_AT.sub("@", text)
    return OBFUSCATED_DOT.sub(".", text)


def emails_in(text):
    """E-mail addresses in text or mailto links, obfuscated ones included, in order."""
    found = []
    for address in EMAIL.findall(deobfuscate_emails(text)):
        if address.lower() not in found:
            found.append(address.lower())
    return found


def sentences(text):
    """Split prose into sentences, without breaking after 'Prof.' or inside a link."""
    masked, links_seen = _mask_links(text)
    parts, start = [], 0
    for match in SENTENCE_END.finditer(masked):
        before = masked[: match.start()]
        if any(before.endswith(f"{abbreviation}.") for abbreviation in ABBREVIATIONS):
            continue
        if re.search(r"(?:^|\s)[A-Z]\.$", before):  # an initial, as in 'J. Smith'
            continue
        parts.append(masked[start : match.start()])
        start = match.end()
    parts.append(masked[start:])
    return [_unmask(part, links_seen).strip() for part in parts if part.strip()]


def _mask_links(text):
    seen = []

    def keep(match):
        seen.append(match.group())
        return f"\x00{len(seen) - 1}\x00"

    return LINK.sub(keep, text), seen


def _unmask(text, seen):
    return re.sub(r"\x00(\d+)\x00", lambda match: seen[int(match.group(1))], text)


def split_outside_links(text, separator):
    """Split on a regex separator, never inside a markdown link."""
    masked, seen = _mask_links(text)
    return [_unmask(part, seen) for part in re.split(separator, masked)]


BOLD_OR_ITALIC = re.compile(r"\*\*[^*]+\*\*|(?<![\w*])\*[^*]+\*(?!\w)|(?<!\w)_[^_]+_(?!\w)")
