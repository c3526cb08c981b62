"""Writes that touch publications, authorships and venues together."""

import time
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from researchers.models import Researcher
from researchers.permissions import is_lab_admin

from .bibtex import parse_bibtex
from .linking import MemberIndex, link_authorships, name_candidates
from .models import Authorship, Kind, LinkMethod, LinkState, Publication, Venue
from .names import parse_name
from .signals import authorships_written

VENUE_KINDS = {
    Kind.ARTICLE: Venue.Kind.JOURNAL,
    Kind.CONFERENCE: Venue.Kind.CONFERENCE,
    Kind.WORKSHOP: Venue.Kind.WORKSHOP,
    Kind.PREPRINT: Venue.Kind.PREPRINT,
    Kind.THESIS: Venue.Kind.THESIS,
    Kind.BOOK: Venue.Kind.BOOK,
    Kind.CHAPTER: Venue.Kind.BOOK,
    Kind.REPORT: Venue.Kind.REPORT,
}
# Filled from an import only when empty on the stored paper; never overwritten.
MERGEABLE_FIELDS = [
    "venue_text", "year", "month", "abstract", "volume", "issue", "pages", "publisher", "doi", "arxiv_id",
    "note", "pdf_url", "code_url", "project_url", "video_url", "slides_url", "poster_url", "code_repository",
    "bibtex", "bibtex_key",
]  # fmt: skip
LOOKUP_CHUNK = 500
PROGRESS_EVERY = 250  # entries between two calls of an import's `progress`


class DryRun(Exception):
    """Raised inside the import transaction to undo a dry run."""


def counted(number, noun, plural=None):
    """'1 author', '2 authors': a count with its noun agreeing."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    merged: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    already: list = field(default_factory=list)  # stored papers the importing member may not change
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    suggestions: int = 0
    linked: int = 0
    timings: dict = field(default_factory=dict)
    dry_run: bool = False
    titles: dict = field(default_factory=dict)  # entry key → title, to name created and merged papers
    member_links: list = field(default_factory=list)  # [MemberLink] of the papers written, in file order

    def title(self, key):
        return self.titles.get(key, key)

    @property
    def created_titles(self):
        return [self.title(key) for key in self.created]

    @property
    def merged_titles(self):
        return [self.title(key) for key in self.merged]

    @property
    def already_titles(self):
        return [self.title(key) for key in self.already]

    @property
    def readable(self):
        """How many entries were good: created, merged or already stored."""
        return len(self.created) + len(self.merged) + len(self.unchanged) + len(self.already)

    def nothing_read(self):
        """Why nothing was imported, when no entry was good."""
        if self.errors:
            if len(self.errors) == 1:
                return "Nothing was imported: the entry has errors."
            return f"Nothing was imported: all {len(self.errors)} entries have errors."
        return "Nothing was imported: no BibTeX entry was found. Entries start like @article{key, title = {…}, …}."

    def summary(self):
        prefix = "Dry run, nothing written: would have " if self.dry_run else ""
        already = f"{len(self.already)} already in the lab, " if self.already else ""
        return (
            f"{prefix}{len(self.created)} created, {len(self.merged)} merged, {len(self.unchanged)} unchanged, "
            f"{already}{len(self.errors)} skipped; {counted(self.linked, 'author')} linked to members, "
            f"{counted(self.suggestions, 'suggestion')} to review."
        )


@dataclass(frozen=True)
class MemberLink:
    """A lab member an import put on a paper: confirmed, or suggested for them to decide."""

    title: str
    member: str
    confirmed: bool


def _member_links(written):
    """[MemberLink] for [(title, authorships)], with the members' names in one query."""
    pairs = [
        (title, authorship)
        for title, authorships in written
        for authorship in authorships
        if authorship.researcher_id and authorship.link_state in {LinkState.CONFIRMED, LinkState.SUGGESTED}
    ]
    if not pairs:
        return []
    members = {authorship.researcher_id for _, authorship in pairs}
    names = dict(Researcher.objects.filter(pk__in=members).values_list("pk", "name"))
    return [
        MemberLink(title, names[authorship.researcher_id], authorship.link_state == LinkState.CONFIRMED)
        for title, authorship in pairs
    ]


def publication_import(*, text, member=None, dry_run=False, progress=None, by=None):
    """Import BibTeX text: create new papers, merge known ones, link co-authors to members.

    A paper is known when it has the same DOI, arXiv id, or normalised title and
    year as a stored one (or an earlier entry of the same file); it then only
    gains what it lacked. Bad entries are reported with their key and reason and
    never written; everything else is written in one transaction. With
    `member`, the member is taken to be an author of every entry (confirmed where
    their name is written exactly as one of theirs), and `selected = {true}` marks
    the paper as one of their selected publications.

    `by` is the account importing. A lab admin, or nobody (the command line), may
    fill a stored paper's empty fields; anyone else changes only papers they are a
    confirmed author of: another stored paper is reported "already in the lab", and
    if their name is among its authors, suggested to them.

    `progress(done, total)`, when given, is called every few hundred entries; an exception it
    raises (a background job being cancelled) undoes everything the import wrote.
    """
    report = ImportReport(dry_run=dry_run)
    started = time.perf_counter()
    entries, report.errors = parse_bibtex(text)
    report.timings["parse"] = time.perf_counter() - started
    progress = progress or (lambda done, total: None)
    progress(0, len(entries))
    try:
        with transaction.atomic():
            _write(entries, member, report, progress, trusted=by is None or is_lab_admin(by), by=by)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    report.timings["total"] = time.perf_counter() - started
    return report


def _write(entries, member, report, progress, *, trusted, by):
    started = time.perf_counter()
    known = _KnownPublications(entries)
    index = MemberIndex()
    venues = _venues_for(entries)
    report.timings["lookup"] = time.perf_counter() - started

    new, new_authors, written = [], [], []
    touched = []  # (title, authorships) of each paper whose authors this import wrote
    for number, entry in enumerate(entries):
        if number and not number % PROGRESS_EVERY:
            progress(number, len(entries))
        values = entry.values
        report.warnings.extend(f"{entry.key}: {warning}" for warning in entry.warnings)
        existing = known.find(values)
        report.titles[entry.key] = existing.title if existing is not None else values["title"]
        if existing is not None:
            if existing.pk is None:  # an earlier entry of this file
                _merge(existing, values)
                report.merged.append(entry.key)
                continue
            authorships = list(existing.authorships.all())
            if not trusted and not _is_confirmed_author(authorships, member):
                report.already.append(entry.key)
                if member is not None and (suggested := _suggest(authorships, index, member)):
                    written.append(suggested)
                    touched.append((existing.title, [suggested]))
                    report.suggestions += 1
                continue
            changed = _merge(existing, values)
            if not authorships and entry.authors:
                authorships = _authorships(entry, publication_id=existing.pk)
                link_authorships(authorships, index, member=member)
                Authorship.objects.bulk_create(authorships)
                written.extend(authorships)
                touched.append((existing.title, authorships))
                existing.authors_text = Publication.authors_text_for(author.name for author in entry.authors)
                changed = True
            elif member is not None and _claim(existing, authorships, index, member, entry.selected):
                written.extend(authorships)
                touched.append((existing.title, authorships))
                changed = True
            if changed:
                existing.save()
                report.merged.append(entry.key)
            else:
                report.unchanged.append(entry.key)
            continue
        publication = Publication(**values, authors_text=Publication.authors_text_for(a.name for a in entry.authors))
        publication.venue = venues.get(values["venue_text"])
        authorships = _authorships(entry)
        if not link_authorships(authorships, index, member=member):
            report.warnings.append(
                f"{entry.key}: {member} is not among its authors as written; nothing was confirmed for them"
            )
        _select(authorships, member, entry.selected)
        known.add(publication)
        new.append(publication)
        new_authors.append(authorships)
        report.created.append(entry.key)
    report.timings["prepare"] = time.perf_counter() - started - report.timings["lookup"]

    papers = _insert(Publication, new)
    rows = []
    for publication, authorships in zip(new, new_authors, strict=True):
        for authorship in authorships:
            authorship.publication_id = publication.pk  # the key only: a related-object setter per row costs
        rows.extend(authorships)
    authors = _insert(Authorship, rows)
    _insert_history(Publication, papers, by=by)
    _insert_history(Authorship, authors, by=by)
    written.extend(rows)
    if new or written:  # one signal per import: the page caches renew once, when the transaction commits
        linked = {row.researcher_id for row in written} - {None}
        authorships_written.send(Authorship, researchers=linked, publications=())
    report.linked = sum(row.link_state == LinkState.CONFIRMED for row in rows)
    report.suggestions += sum(row.link_state == LinkState.SUGGESTED for row in rows)
    touched.extend((publication.title, authorships) for publication, authorships in zip(new, new_authors, strict=True))
    report.member_links = _member_links(touched)
    progress(len(entries), len(entries))
    report.timings["write"] = time.perf_counter() - started - report.timings["lookup"] - report.timings["prepare"]


def _insert(model, objects):
    """bulk_create for many rows, without the ORM's per-value SQL compilation.

    PostgreSQL gets COPY, SQLite multi-row INSERTs. Rows get their primary keys
    before they are written (from the table's sequence, or past SQLite's highest
    key while this transaction holds the write lock), so authors can refer to
    their papers and history rows to both. For a 5,000-paper file this takes a
    fraction of the time plain bulk_create does.
    """
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    with connection.cursor() as cursor:
        for row, key in zip(objects, _reserve_keys(cursor, table, len(objects)), strict=True):
            row.pk = key
        now = timezone.now()  # one instant for every row's auto_now fields, as one save would stamp them
        getters = [_column_value(field, now) for field in fields]
        rows = [[get(row) for get in getters] for row in objects]
    _insert_rows(model, fields, rows)
    return fields, rows


def _insert_rows(model, fields, rows):
    """COPY (PostgreSQL) or multi-row INSERTs (SQLite) of value lists, one per row, in `fields` order."""
    quoted = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quoted} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # SQLite: one prepared statement run for every row by sqlite3's executemany, in C.
        row_placeholder = f"({', '.join(['%s'] * len(fields))})"
        cursor.executemany(f"INSERT INTO {quoted} ({columns}) VALUES {row_placeholder}", rows)


def _insert_history(model, written, *, by):
    """One history row per row _insert just wrote ("created"), written the same way.

    Built from the values already prepared for the rows themselves: a historical record's columns
    are the row's, plus when, who and why. A HistoricalPublication instance per paper would cost
    more than the paper's own insert.
    """
    fields, rows = written
    if not rows:
        return
    history = model.history.model
    constants = {
        "history_date": timezone.now(),
        "history_type": "+",
        "history_change_reason": "imported",
        "history_user_id": by.pk if by is not None else None,
    }
    position = {field.attname: index for index, field in enumerate(fields)}
    copied = [field for field in history._meta.concrete_fields if field.attname in position and not field.primary_key]
    stamped = [field for field in history._meta.concrete_fields if field.attname in constants]
    pick = itemgetter(*(position[field.attname] for field in copied))
    extra = tuple(field.get_db_prep_save(constants[field.attname], connection) for field in stamped)
    _insert_rows(history, copied + stamped, [pick(row) + extra for row in rows])


def _reserve_keys(cursor, table, count):
    if connection.vendor == "postgresql":
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [key for (key,) in cursor.fetchall()]
    # SQLite: the import's transaction took the write lock when it began (IMMEDIATE), so no one
    # else can insert until it commits. Past the AUTOINCREMENT counter too: keys are never reused.
    quoted = connection.ops.quote_name(table)
    cursor.execute(
        f"SELECT max(coalesce(max(id), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0)) "
        f"FROM {quoted}",
        [table],
    )
    first = cursor.fetchone()[0] + 1
    return range(first, first + count)


def _column_value(field, now):
    """How to read a field's database value off an unsaved row: most are plain attributes;
    dates (auto_now included), JSON and files (an empty preview image) need the field's own preparation."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):

        def stamp(row):
            setattr(row, field.attname, now)  # what pre_save would do, and what history rows then read
            return now

        return _prepared(field, stamp)
    if isinstance(field, models.JSONField | models.DateField | models.FileField):
        return _prepared(field, attrgetter(field.attname))
    return attrgetter(field.attname)


def _prepared(field, read):
    """`read`, then the field's preparation for the database; empty dates skip it, and a value
    shared by many rows (the import's instant) is prepared once."""
    cache = {}

    def value(row):
        raw = read(row)
        if raw is None:
            return None
        if isinstance(raw, dict | list):  # JSON: not hashable
            return field.get_db_prep_save(raw, connection)
        if raw not in cache:
            cache[raw] = field.get_db_prep_save(raw, connection)
        return cache[raw]

    return value


def _authorships(entry, publication_id=None):
    return [
        Authorship(
            publication_id=publication_id,
            position=position,
            name=author.name[:300],
            family=author.family[:200],
            given=author.given[:200],
            equal_contribution=author.equal_contribution,
            corresponding=author.corresponding,
        )
        for position, author in enumerate(entry.authors, start=1)
    ]


def _select(authorships, member, selected):
    if member is None or not selected:
        return
    for authorship in authorships:
        if authorship.researcher_id == member.pk and authorship.link_state == LinkState.CONFIRMED:
            authorship.selected = True


def _is_confirmed_author(authorships, member):
    return member is not None and any(
        row.researcher_id == member.pk and row.link_state == LinkState.CONFIRMED for row in authorships
    )


def _suggest(authorships, index, member):
    """File a suggestion for the member on a stored paper they may not change: the author who could be them.

    Nothing when they already have a link of any kind there (a rejection is remembered).
    Returns the authorship suggested, or None.
    """
    if any(row.researcher_id == member.pk for row in authorships):
        return None
    for row in authorships:
        if row.link_state != LinkState.UNLINKED:
            continue
        own = index.is_own_name(member, row.family, row.given)
        if own or index.agrees(member, row.family, row.given):
            row.researcher = member
            row.link_state = LinkState.SUGGESTED
            row.link_method = LinkMethod.NAME if own else LinkMethod.LOOSE
            row.save(update_fields=["researcher", "link_state", "link_method"])
            return row
    return None


def _claim(publication, authorships, index, member, selected):
    """The importing member claims a stored paper: link them if they were not linked yet.

    Returns True when anything changed, including a `selected` flag on a link that already existed.
    """
    mine = [row for row in authorships if row.researcher_id == member.pk and row.link_state == LinkState.CONFIRMED]
    if mine:
        if not selected or mine[0].selected:
            return False
        mine[0].selected = True
        mine[0].save(update_fields=["selected"])
        return True
    undecided = [row for row in authorships if row.link_state in {LinkState.UNLINKED, LinkState.SUGGESTED}]
    if not link_authorships(undecided, index, member=member):
        return False
    _select(undecided, member, selected)
    Authorship.objects.bulk_update(undecided, ["researcher", "link_state", "link_method", "selected", "new_on_page"])
    return True


def _merge(publication, values):
    """Fill the publication's empty fields from `values`; True when anything changed."""
    changed = False
    for name in MERGEABLE_FIELDS:
        if values.get(name) and not getattr(publication, name):
            setattr(publication, name, values[name])
            changed = True
    extra = {**values.get("extra", {}), **publication.extra}
    if extra != publication.extra:
        publication.extra = extra
        changed = True
    return changed


def _venues_for(entries):
    """Venue per printed venue name, creating the missing ones in one query."""
    wanted = {}
    for entry in entries:
        name = entry.values["venue_text"]
        if name and name not in wanted:
            kind = VENUE_KINDS.get(entry.values["kind"], Venue.Kind.OTHER)
            wanted[name] = Venue(name=name, short_name=entry.values["extra"].get("abbr", "")[:40], kind=kind)
    venues = {venue.name: venue for venue in Venue.objects.filter(name__in=wanted)}
    missing = [venue for name, venue in wanted.items() if name not in venues]
    Venue.objects.bulk_create(missing, batch_size=LOOKUP_CHUNK)
    return venues | {venue.name: venue for venue in missing}


class _KnownPublications:
    """Stored papers that an import could duplicate, found by DOI, arXiv id, or title and year."""

    def __init__(self, entries):
        self.by_doi, self.by_arxiv, self.by_title = {}, {}, {}
        dois = [entry.values["doi"] for entry in entries if entry.values["doi"]]
        arxiv_ids = [entry.values["arxiv_id"] for entry in entries if entry.values["arxiv_id"]]
        titles = [entry.values["title_key"] for entry in entries]
        for values, lookup in ((dois, "doi__in"), (arxiv_ids, "arxiv_id__in"), (titles, "title_key__in")):
            for start in range(0, len(values), LOOKUP_CHUNK):
                chunk = Publication.objects.filter(Q(**{lookup: values[start : start + LOOKUP_CHUNK]}))
                for publication in chunk.prefetch_related("authorships"):
                    self.add(publication)

    def add(self, publication):
        if publication.doi:
            self.by_doi.setdefault(publication.doi, publication)
        if publication.arxiv_id:
            self.by_arxiv.setdefault(publication.arxiv_id, publication)
        self.by_title.setdefault((publication.title_key, publication.year), publication)

    def find(self, values):
        return (
            self.by_doi.get(values["doi"])
            or self.by_arxiv.get(values["arxiv_id"])
            or self.by_title.get((values["title_key"], values["year"]))
        )


@transaction.atomic
def authorship_confirm(*, authorship, by):
    """The member (or an admin) confirms that this author is the linked member."""
    _decide(authorship, LinkState.CONFIRMED, by)


@transaction.atomic
def authorship_reject(*, authorship, by):
    """Not this member: a suggestion, or a paper already on their page, is removed and never linked to them again."""
    authorship.selected = False
    _decide(authorship, LinkState.REJECTED, by)


@transaction.atomic
def authorship_keep(*, authorship, by):
    """The member keeps a paper that someone else's import put on their page: it is no longer new."""
    authorship.decided_by = by
    authorship.decided_at = timezone.now()
    authorship.new_on_page = False
    authorship.save(update_fields=["new_on_page", "decided_by", "decided_at"])


@transaction.atomic
def authorship_link(*, authorship, researcher, by):
    """Link an author to a member by hand."""
    authorship.researcher = researcher
    authorship.link_method = LinkMethod.MANUAL
    _decide(authorship, LinkState.CONFIRMED, by)


def _decide(authorship, state, by):
    if state == LinkState.CONFIRMED:
        duplicate = authorship.publication.authorships.confirmed().filter(researcher=authorship.researcher)
        duplicate = duplicate.exclude(pk=authorship.pk)
        if duplicate.exists():
            raise ValueError(f"{authorship.researcher} is already an author of this paper.")
    authorship.link_state = state
    authorship.decided_by = by
    authorship.decided_at = timezone.now()
    authorship.new_on_page = False
    fields = ["researcher", "link_state", "link_method", "decided_by", "decided_at", "new_on_page", "selected"]
    authorship.save(update_fields=fields)


@transaction.atomic
def authorships_select(*, researcher, choices):
    """Set which of a member's papers are "selected", and their order.

    `choices` maps authorship ids to an order; the member's confirmed authorships
    missing from it are unselected. Ids of other members' authorships are ignored.
    """
    authorships = Authorship.objects.confirmed().filter(researcher=researcher)
    for authorship in authorships.select_for_update():
        selected = authorship.pk in choices
        order = choices.get(authorship.pk, authorship.selected_order)
        if (authorship.selected, authorship.selected_order) != (selected, order):
            authorship.selected, authorship.selected_order = selected, order
            authorship.save(update_fields=["selected", "selected_order"])


@transaction.atomic
def authorships_relink(*, researcher):
    """Bring a member's automatic links in line with their names, ORCID iD and their approval.

    Called after a member, their names or their ORCID iD changed. Links the member's former names
    or ORCID made that nobody decided on are taken back when those no longer make them (a rename,
    a deleted variant, a change waiting for approval); links anyone decided stay. Then unlinked
    authors whose family (or, swapped, given) name could be the member's are linked or suggested.
    """
    index = MemberIndex()
    changed = []
    automatic = Authorship.objects.of(researcher).filter(
        decided_by=None,
        link_state__in=[LinkState.CONFIRMED, LinkState.SUGGESTED],
        link_method__in=[LinkMethod.ORCID, LinkMethod.NAME, LinkMethod.LOOSE],
    )
    for authorship in automatic:
        found, state, method = index.match_author(authorship, prefer=researcher)
        if (found, state) != (researcher, authorship.link_state):
            authorship.researcher, authorship.link_state, authorship.link_method = found, state, method
            authorship.new_on_page = authorship.new_on_page and state == LinkState.CONFIRMED
            changed.append(authorship)
    names = [researcher.name, researcher.native_name, *researcher.name_variants.values_list("name", flat=True)]
    query = name_candidates(names, researcher.orcid)
    for authorship in Authorship.objects.filter(query, link_state=LinkState.UNLINKED) if query else ():
        member, state, method = index.match_author(authorship)
        if member is not None:
            authorship.researcher, authorship.link_state, authorship.link_method = member, state, method
            authorship.new_on_page = state == LinkState.CONFIRMED
            changed.append(authorship)
    if not changed:
        return 0
    Authorship.objects.bulk_update(changed, ["researcher", "link_state", "link_method", "new_on_page"])
    papers = {authorship.publication_id for authorship in changed}
    members = {researcher.pk} | {authorship.researcher_id for authorship in changed if authorship.researcher_id}
    authorships_written.send(Authorship, researchers=members, publications=papers)
    return len(changed)


@dataclass
class AuthorRow:
    """One author as an editor wants it: the stored authorship (None for a new one) and its new values."""

    authorship: Authorship | None
    name: str
    equal_contribution: bool = False
    corresponding: bool = False
    researcher: object = None
    delete: bool = False


@transaction.atomic
def publication_authors_update(*, publication, rows, by):
    """Replace a paper's author list with `rows`, in their order: names, */# flags and member links.

    A link to a member that an editor adds or changes is a suggestion for that member, confirmed
    only by them (a lab admin's link is confirmed at once). A member who is not a lab admin can
    neither remove nor move another member's confirmed link, nor drop that author: raises
    PermissionDenied naming the author.
    """
    admin = is_lab_admin(by)
    # Compared with the rows as stored, not with instances a form may already have changed.
    stored = {
        authorship.pk: authorship
        for authorship in publication.authorships.select_related("researcher").select_for_update(of=("self",))
    }
    for row in rows:
        if row.authorship is not None and row.authorship.pk not in stored:
            raise PermissionDenied("That author belongs to another paper.")
        current = stored.get(getattr(row.authorship, "pk", None))
        if admin or current is None or current.link_state != LinkState.CONFIRMED or current.researcher is None:
            continue
        if current.researcher.user_id != by.pk and (row.delete or row.researcher != current.researcher):
            raise PermissionDenied(f"“{current.name}” is confirmed as {current.researcher}; only they can undo it.")
    removed = [row.authorship.pk for row in rows if row.delete and row.authorship is not None]
    Authorship.objects.filter(pk__in=removed, publication=publication).delete()
    # Positions are unique per paper: move everyone out of the way before numbering again.
    publication.authorships.update(position=models.F("position") + 10000)
    members = set()
    kept = [row for row in rows if not row.delete and row.name.strip()]
    for position, row in enumerate(kept, start=1):
        authorship = stored[row.authorship.pk] if row.authorship is not None else Authorship(publication=publication)
        parsed = parse_name(row.name)
        authorship.position, authorship.name = position, parsed.name[:300]
        authorship.family, authorship.given = parsed.family[:200], parsed.given[:200]
        authorship.equal_contribution, authorship.corresponding = row.equal_contribution, row.corresponding
        if row.researcher != authorship.researcher:
            members.update(filter(None, [authorship.researcher_id, getattr(row.researcher, "pk", None)]))
            authorship.researcher = row.researcher
            authorship.link_method = LinkMethod.MANUAL if row.researcher else ""
            authorship.new_on_page = False
            authorship.selected = False
            if row.researcher is None:
                authorship.link_state, authorship.decided_by = LinkState.UNLINKED, by
            elif admin:
                authorship.link_state, authorship.decided_by = LinkState.CONFIRMED, by
            else:  # the member named decides: an editor never puts a paper on someone else's page
                authorship.link_state, authorship.decided_by = LinkState.SUGGESTED, None
            authorship.decided_at = timezone.now()
        authorship.save()
    publication.update_authors_text()
    authorships_written.send(Authorship, researchers=members, publications={publication.pk})
