"""What a homepage was read into, before anything is written, and the report of an import."""

import datetime
from collections import Counter
from dataclasses import dataclass, field


class HomepageError(Exception):
    """The page or site cannot be read at all (missing file, broken front matter)."""


@dataclass
class Unmapped:
    """A part of the page that has no place in Labfolio and was not stored."""

    source: str
    line: int
    text: str
    reason: str

    def __str__(self):
        text = " ".join(self.text.split())
        text = text if len(text) <= 100 else f"{text[:99]}…"
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}: {text}"


@dataclass
class LinkData:
    kind: str
    url: str
    label: str = ""


@dataclass
class SupervisorData:
    name: str
    url: str = ""
    note: str = ""


@dataclass
class InterestData:
    title: str
    description: str = ""


@dataclass
class CVData:
    section: str
    title: str
    organisation: str = ""
    place: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    date_text: str = ""
    description: str = ""
    url: str = ""
    start_precision: str = "month"
    end_precision: str = "month"
    from_prose: bool = False  # read from a sentence of the bio, not from a list or a data file


@dataclass
class NewsData:
    date: datetime.date
    body: str
    draft: bool = False  # not published on the old site: it stays a draft here


@dataclass
class ThemeData:
    title: str
    description: str = ""
    works: list = field(default_factory=list)  # bibliography keys or titles
    children: list = field(default_factory=list)


@dataclass
class Homepage:
    """Everything read from one page or site, mapped onto Labfolio's kinds of record."""

    theme: str = ""
    name: str = ""
    lead_name: str = ""  # the bold name a page opens with, used when nothing better names the member
    native_name: str = ""
    name_variants: list = field(default_factory=list)  # (name, NameVariant.Kind)
    position: str = ""
    affiliation: str = ""
    address: str = ""
    bio: str = ""
    availability: str = ""
    emails: list = field(default_factory=list)
    orcid: str = ""
    photo_path: str = ""
    photo_file: object = None  # a Path inside the site folder, when the file is there
    cv_path: str = ""
    cv_file: object = None
    links: list = field(default_factory=list)
    supervisors: list = field(default_factory=list)
    interests: list = field(default_factory=list)
    prose_interests: list = field(default_factory=list)  # bold phrases of the prose, when no list gives them
    cv_entries: list = field(default_factory=list)
    news: list = field(default_factory=list)
    papers: list = field(default_factory=list)  # publications read from page text, see papers.Paper
    bibtex: list = field(default_factory=list)  # BibTeX texts, each passed to the BibTeX importer
    themes: list = field(default_factory=list)
    unmapped: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    guesses: list = field(default_factory=list)  # facts read from prose, reported for the member to check
    config_affiliation: str = ""  # academicpages' author.employer, used when the page names no affiliation
    config_location: str = ""

    def add_email(self, address):
        address = address.strip().strip(".,;:()<>").lower()
        if address and address not in self.emails:
            self.emails.append(address)


@dataclass
class HomepageReport:
    """What an import mapped (counted per kind of record) and what it could not map."""

    member: str = ""
    member_created: bool = False
    theme: str = ""
    dry_run: bool = False
    counts: dict = field(default_factory=dict)  # kind → Counter(created=…, updated=…, unchanged=…)
    unmapped: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    guesses: list = field(default_factory=list)
    publications: object = None  # the BibTeX importer's ImportReport

    def count(self, kind, outcome, number=1):
        self.counts.setdefault(kind, Counter())[outcome] += number

    def total(self, outcome):
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self):
        """The report as the command prints it."""
        prefix = "Dry run, nothing written. " if self.dry_run else ""
        verb = "would be created" if self.member_created and self.dry_run else "created"
        who = f"{self.member} ({verb})" if self.member_created else self.member
        lines = [f"{prefix}{self.theme or 'Homepage'} page imported into {who}."]
        for kind, counter in self.counts.items():
            parts = [
                f"{counter[outcome]} {outcome}" for outcome in ("created", "updated", "unchanged") if counter[outcome]
            ]
            lines.append(f"  {kind}: {', '.join(parts) or 'none'}")
        if self.publications is not None:
            lines.append(f"  publications: {self.publications.summary()}")
            lines.extend(f"    skipped {error}" for error in self.publications.errors)
            lines.extend(f"    warning {warning}" for warning in self.publications.warnings)
        lines.extend(f"  note: {note}" for note in self.notes)
        lines.append(
            f"Mapped: {self.total('created')} created, {self.total('updated')} updated, "
            f"{self.total('unchanged')} unchanged."
        )
        if self.guesses:
            lines.append(f"Guessed, please check ({len(self.guesses)}):")
            lines.extend(f"  {guess}" for guess in self.guesses)
        else:
            lines.append("Guessed: nothing.")
        if self.unmapped:
            lines.append(f"Not mapped ({len(self.unmapped)}):")
            lines.extend(f"  {item}" for item in self.unmapped)
        else:
            lines.append("Everything on the page was mapped.")
        return lines
