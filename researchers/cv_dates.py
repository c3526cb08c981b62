"""CV dates in one style everywhere: 'Sep 2016 – Jun 2022', '2021 – present', '12 Sep 2016'.

A date is known to a precision (year, month or day) and is shown to that precision only: a
member who knows "2021" is never shown "Jan 2021". Free date text ('2022, 2023, 2024',
'Fall 2019–present') is shown in the same style: month names abbreviated, ranges spaced.
"""

import datetime
import re

YEAR, MONTH, DAY = "year", "month", "day"
PRECISIONS = [(YEAR, "Year"), (MONTH, "Month and year"), (DAY, "Full date")]
FORMATS = {YEAR: "%Y", MONTH: "%b %Y", DAY: "%-d %b %Y"}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_WORD = r"(?P<month>[A-Za-z]{3,9})\.?"
RANGE_DASH = re.compile(r"\s*(?:–|—|--?|\bto\b)\s*")
PRESENT = re.compile(r"^(present|now|today|ongoing|current)$", re.I)
FULL_MONTH = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December|Sept)\b\.?", re.I
)


def format_date(value, precision):
    """A date to the precision it was entered with: '2021', 'Sep 2016' or '12 Sep 2016'."""
    return value.strftime(FORMATS.get(precision, FORMATS[MONTH])) if value else ""


def format_span(start, end, *, start_precision=MONTH, end_precision=MONTH, ongoing=False):
    """'Sep 2016 – Jun 2022', '2021 – present', 'Jul 2024' (a span of one shown once)."""
    first, last = format_date(start, start_precision), format_date(end, end_precision)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first and ongoing:
        return f"{first} – present"
    return first or last


def tidy_date_text(text):
    """Free date text in the house style: 'July 2024' → 'Jul 2024', '2021–present' → '2021 – present'."""
    text = FULL_MONTH.sub(lambda match: match.group(1)[:3].title(), " ".join(text.split()))
    parts = RANGE_DASH.split(text)
    if len(parts) == 2 and all(re.search(r"\d{4}|present|now", part, re.I) for part in parts):
        end = "present" if PRESENT.match(parts[1]) else parts[1]
        return f"{parts[0]} – {end}"
    return text


def parse_partial_date(text):
    """(date, precision) from what a person types: '2021', 'Sep 2016', '2016-09', '09/2016', '2016-09-12',
    '12 Sep 2016', 'Sep 12, 2016'. Raises ValueError for anything else."""
    text = " ".join(text.replace(",", " ").split())
    if match := re.fullmatch(r"(?P<year>\d{4})", text):
        return datetime.date(int(match["year"]), 1, 1), YEAR
    if match := re.fullmatch(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})", text) or re.fullmatch(
        r"(?P<month>\d{1,2})[-/.](?P<year>\d{4})", text
    ):
        return datetime.date(int(match["year"]), int(match["month"]), 1), MONTH
    if match := re.fullmatch(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", text):
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"])), DAY
    if match := re.fullmatch(rf"{MONTH_WORD} (?P<year>\d{{4}})", text):
        return datetime.date(int(match["year"]), month_number(match["month"]), 1), MONTH
    if match := re.fullmatch(rf"(?P<day>\d{{1,2}}) {MONTH_WORD} (?P<year>\d{{4}})", text) or re.fullmatch(
        rf"{MONTH_WORD} (?P<day>\d{{1,2}}) (?P<year>\d{{4}})", text
    ):
        return datetime.date(int(match["year"]), month_number(match["month"]), int(match["day"])), DAY
    raise ValueError(f"not a date: {text!r}")


def month_number(word):
    try:
        return MONTHS.index(word[:3].lower()) + 1
    except ValueError:
        raise ValueError(f"not a month: {word!r}") from None


def truncate(value, precision):
    """The date with what its precision does not know set to the start: Sep 12 → Sep 1 for a month."""
    if precision == YEAR:
        return value.replace(month=1, day=1)
    if precision == MONTH:
        return value.replace(day=1)
    return value


def coarser(first, second):
    order = [YEAR, MONTH, DAY]
    return min(first, second, key=order.index)


def latest_year_month(text):
    """For sorting free date text: the latest (year, month) it names; 'present' counts as now."""
    if re.search(r"present|now|ongoing", text, re.I):
        today = datetime.date.today()
        return datetime.date(today.year + 1, 1, 1)
    years = [int(year) for year in re.findall(r"\b(\d{4})\b", text)]
    if not years:
        return None
    month = next(
        (
            MONTHS.index(word[:3].lower()) + 1
            for word in re.findall(r"[A-Za-z]{3,}", text)
            if word[:3].lower() in MONTHS
        ),
        1,
    )
    return datetime.date(max(years), month if len(years) == 1 else 1, 1)
