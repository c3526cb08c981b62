"""Writing what a homepage was read into: the member's profile, CV, news, publications and themes."""

import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from news.models import NewsItem
from news.services import news_item_save
from publications.identifiers import title_key
from publications.models import Publication, ResearchTheme
from publications.services import publication_import
from researchers.common.text import name_key, repair_text
from researchers.models import CVEntry, Link, NameVariant, Researcher, ResearchInterest, Role, Supervisor
from researchers.validators import normalize_orcid, validate_image, validate_orcid, validate_pdf

from .bib import assign_keys, self_variants, to_bibtex
from .citations import merge_duplicates
from .mapping import HomepageError, HomepageReport, Unmapped
from .papers import Author
from .profile import split_native_name
from .site import read_homepage

PROFILE_FIELDS = ("native_name", "position", "affiliation", "address", "bio", "availability", "emails")


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


def homepage_import(*, path, member_slug, name=None, dry_run=False):
    """Import an al-folio, academicpages or AcadHomepage page (a Markdown file) or site folder into a member.

    Creates the member when the slug is new (the name comes from `name`, the
    page, or the site's `_config.yml`), then fills the profile, links,
    supervisors, research interests, CV entries, news, publications (through
    the BibTeX importer, so papers merge and co-authors link as in any import)
    and research themes. Running it again updates the same records rather than
    adding new ones. Everything happens in one transaction; a dry run rolls it
    back. Returns a HomepageReport; raises HomepageError when the page cannot
    be read or names nobody for a new member.
    """
    homepage = read_homepage(path)
    report = HomepageReport(theme=homepage.theme, dry_run=dry_run)
    report.unmapped.extend(homepage.unmapped)
    report.notes.extend(homepage.notes)
    report.guesses.extend(homepage.guesses)
    try:
        with transaction.atomic():
            _write(homepage, member_slug, name, report, dry_run)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _write(homepage, slug, name, report, dry_run):
    member = Researcher.objects.filter(slug=slug).first()
    display_name, native = split_native_name(name or homepage.name or homepage.lead_name or "")
    homepage.native_name = homepage.native_name or native
    if member is None:
        if slugify(slug) != slug:
            raise HomepageError(f"{slug!r} is not a valid page address; use lower-case letters, digits and hyphens.")
        if not display_name:
            raise HomepageError("The page does not say whose it is; pass --name for the new member.")
        role = _role(homepage.position)
        if role is None:
            role = Role.STAFF
            report.guesses.append(
                f"role: the page states none, so the new member is listed as '{role.label}'; change it if wrong"
            )
        member = Researcher(slug=slug, name=display_name, role=role)
        report.member_created = True
    elif name and member.name != repair_text(name):
        member.name = name
        report.count("profile fields", "updated")
    _write_profile(member, homepage, report, dry_run)
    report.member = f"{member.name} ({member.slug})"
    _write_name_variants(member, homepage, report)
    _write_links(member, homepage, report)
    _write_supervisors(member, homepage, report)
    _write_interests(member, homepage, report)
    _write_cv(member, homepage, report)
    _write_news(member, homepage, report)
    _write_publications(member, homepage, report)
    _write_themes(member, homepage, report)


def _role(position):
    position = position.lower()
    rules = [
        (r"\bmaster|\bm\.?\s?s\.?c?\b.*student", Role.MASTER),
        (r"ph\.?\s?d|doctoral", Role.PHD),
        (r"postdoc", Role.POSTDOC),
        (r"undergrad|bachelor", Role.UNDERGRADUATE),
        (r"professor|lecturer", Role.FACULTY),
        (r"visiting", Role.VISITING),
        (r"engineer|scientist|researcher|research principal", Role.ENGINEER),
        (r"technical staff|\bstaff\b", Role.STAFF),
    ]
    return next((role for pattern, role in rules if re.search(pattern, position)), None)


def _write_profile(member, homepage, report, dry_run):
    values = {
        "native_name": homepage.native_name,
        "position": homepage.position[:200],
        "affiliation": homepage.affiliation[:300],
        "address": homepage.address,
        "bio": homepage.bio,
        "availability": homepage.availability,
        "emails": "\n".join(homepage.emails),
    }
    for field, value in values.items():
        value = repair_text(value)
        if not value:
            continue
        if getattr(member, field) == value:
            report.count("profile fields", "unchanged")
        else:
            setattr(member, field, value)
            report.count("profile fields", "created" if report.member_created else "updated")
    if homepage.orcid:
        orcid = normalize_orcid(homepage.orcid)
        try:
            validate_orcid(orcid)
        except ValidationError as error:
            report.unmapped.append(
                Unmapped("social links", 0, homepage.orcid, f"ORCID iD not valid: {error.messages[0]}")
            )
        else:
            taken = Researcher.objects.filter(orcid=orcid).exclude(pk=member.pk).first()
            if taken:
                report.unmapped.append(Unmapped("social links", 0, orcid, f"ORCID iD already belongs to {taken}"))
            elif member.orcid != orcid:
                member.orcid = orcid
                report.count("profile fields", "created" if report.member_created else "updated")
            else:
                report.count("profile fields", "unchanged")
    changed = _attach_file(member, "photo", homepage.photo_path, homepage.photo_file, validate_image, report, dry_run)
    changed |= _attach_file(member, "cv_file", homepage.cv_path, homepage.cv_file, validate_pdf, report, dry_run)
    if (
        changed
        or report.member_created
        or any(counter["created"] or counter["updated"] for counter in report.counts.values())
    ):
        member.save()


def _attach_file(member, field, printed, found, validate, report, dry_run):
    """A photo or CV named by the page is imported when the site folder holds it and it passes validation."""
    label = "photo" if field == "photo" else "CV"
    if not printed:
        return False
    if found is None:
        report.notes.append(f"{label} {printed} is named by the page but not in the folder imported; not imported")
        return False
    if getattr(member, field):
        report.notes.append(f"{label} {printed} not imported: the member already has one")
        return False
    upload = ContentFile(found.read_bytes(), name=found.name)
    try:
        validate(upload)
    except ValidationError as error:
        report.unmapped.append(Unmapped(printed, 0, found.name, f"{label} refused: {error.messages[0]}"))
        return False
    if dry_run:
        report.notes.append(f"{label} {printed} would be imported")
        return False
    # Assigned unsaved, so the model's save re-encodes a photo as it does every upload.
    setattr(member, field, upload)
    report.count(label, "created")
    return True


def _write_name_variants(member, homepage, report):
    variants = list(homepage.name_variants) + self_variants(homepage.papers, member.name)
    seen = set()
    for variant, kind in variants:
        variant = repair_text(variant).strip()
        key = name_key(variant)
        # 'Liu Yi' has the same key as 'Yi Liu' but is still worth keeping: the linker reads name order.
        if not variant or variant.casefold() == member.name.casefold() or key in seen:
            continue
        seen.add(key)
        if NameVariant.objects.filter(researcher=member, key=key).exists():
            report.count("name variants", "unchanged")
        else:
            NameVariant.objects.create(researcher=member, name=variant[:200], kind=kind)
            report.count("name variants", "created")


def _save_changes(instance, values, report, kind):
    """Set values on a stored row; count it as updated or unchanged."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    if changed:
        instance.save()
        report.count(kind, "updated")
    else:
        report.count(kind, "unchanged")


def _write_links(member, homepage, report):
    for order, link in enumerate(homepage.links):
        existing = member.links.filter(kind=link.kind)
        if link.kind == Link.Kind.OTHER:
            existing = existing.filter(label=link.label) | member.links.filter(kind=link.kind, url=link.url)
        found = existing.first()
        if found:
            _save_changes(found, {"url": link.url, "label": link.label or found.label}, report, "links")
        else:
            Link.objects.create(researcher=member, kind=link.kind, url=link.url, label=link.label, order=order)
            report.count("links", "created")


def _write_supervisors(member, homepage, report):
    for order, supervisor in enumerate(homepage.supervisors):
        name = repair_text(supervisor.name)[:200]
        found = member.supervisors.filter(name__iexact=name).first()
        if found is None and supervisor.url:
            found = member.supervisors.filter(url=supervisor.url).first()
        if found:
            _save_changes(
                found,
                {"url": supervisor.url or found.url, "note": supervisor.note[:100] or found.note},
                report,
                "supervisors",
            )
        else:
            Supervisor.objects.create(
                researcher=member, name=name, url=supervisor.url, note=supervisor.note[:100], order=order
            )
            report.count("supervisors", "created")


def _write_interests(member, homepage, report):
    for order, interest in enumerate(homepage.interests):
        title = repair_text(interest.title)[:200]
        found = member.interests.filter(title__iexact=title).first()
        if found:
            _save_changes(
                found, {"description": repair_text(interest.description), "order": order}, report, "research interests"
            )
        else:
            ResearchInterest.objects.create(
                researcher=member, title=title, description=interest.description, order=order
            )
            report.count("research interests", "created")


def _unique_cv_entries(entries):
    """One entry per (section, title, organisation): a talk in both _talks/ and talks.tsv is one talk."""
    unique = {}
    for entry in entries:
        key = (entry.section, repair_text(entry.title)[:300], repair_text(entry.organisation)[:300])
        if key not in unique:
            unique[key] = entry
            continue
        kept = unique[key]
        for field in ("place", "start_date", "end_date", "date_text", "description", "url"):
            if not getattr(kept, field) and getattr(entry, field):
                setattr(kept, field, getattr(entry, field))
    return list(unique.values())


def _write_cv(member, homepage, report):
    orders = {}
    for entry in _unique_cv_entries(homepage.cv_entries):
        title = repair_text(entry.title)[:300]
        organisation = repair_text(entry.organisation)[:300]
        if not title:
            continue
        order = orders[entry.section] = orders.get(entry.section, -1) + 1
        values = {
            "place": repair_text(entry.place)[:200],
            "start_date": entry.start_date,
            "start_precision": entry.start_precision,
            "end_date": entry.end_date,
            "end_precision": entry.end_precision,
            "date_text": repair_text(entry.date_text)[:100],
            "description": repair_text(entry.description),
            "url": entry.url[:500],
            "order": order,
        }
        kind = f"CV entries ({CVEntry.Section(entry.section).label.lower()})"
        found = member.cv_entries.filter(section=entry.section, title=title, organisation=organisation).first()
        if found:
            _save_changes(found, values, report, kind)
        else:
            CVEntry.objects.create(
                researcher=member, section=entry.section, title=title, organisation=organisation, **values
            )
            report.count(kind, "created")


def _write_news(member, homepage, report):
    for item in homepage.news:
        body = repair_text(item.body)
        if NewsItem.objects.filter(owner=member, date=item.date, body=body).exists():
            report.count("news", "unchanged")
        else:
            news_item_save(item=NewsItem(owner=member, date=item.date, body=body, draft=item.draft))
            report.count("news", "drafts" if item.draft else "created")


def _owner_in(paper, member):
    """'Joint work with A and B': the owner wrote it too. Mathematicians list authors alphabetically, so the
    owner is placed by family name, and the report says so."""
    family, _, given = member.name.rpartition(" ")[::-1] if " " in member.name else (member.name, "", "")
    owner = Author(family=family, given=given, bold=True)
    position = next(
        (index for index, author in enumerate(paper.authors) if name_key(author.family) > name_key(family)),
        len(paper.authors),
    )
    paper.authors.insert(position, owner)
    return f"'{paper.title}': authors placed in alphabetical order, the page says only 'joint work with'"


def _write_publications(member, homepage, report):
    for paper in homepage.papers:
        if paper.joint_with and not paper.self_author:
            report.guesses.append(_owner_in(paper, member))
    papers = assign_keys(merge_duplicates(homepage.papers))
    for paper in papers:
        if paper.more_authors:
            report.notes.append(
                f"'{paper.title}' (line {paper.line}): the page leaves some authors out (…); "
                "only those printed are stored"
            )
    texts = [*homepage.bibtex, *(to_bibtex(paper) for paper in papers)]
    if not texts:
        return
    imported = publication_import(text="\n\n".join(texts), member=member)
    report.publications = imported
    report.count("publications", "created", len(imported.created))
    report.count("publications", "updated", len(imported.merged))
    report.count("publications", "unchanged", len(imported.unchanged))


def _write_themes(member, homepage, report, themes=None, parent=None):
    for order, theme in enumerate(homepage.themes if themes is None else themes):
        title = repair_text(theme.title)[:200]
        found = ResearchTheme.objects.filter(researcher=member, parent=parent, title=title).first()
        if found:
            _save_changes(
                found, {"description": repair_text(theme.description), "order": order}, report, "research themes"
            )
        else:
            found = ResearchTheme.objects.create(
                researcher=member, parent=parent, title=title, description=theme.description, order=order
            )
            report.count("research themes", "created")
        works = []
        for how, reference in theme.works:
            papers = Publication.objects.filter(authorships__researcher=member).distinct()
            if how == "key":
                paper = (
                    papers.filter(bibtex_key=reference).first()
                    or Publication.objects.filter(bibtex_key=reference).first()
                )
            else:
                paper = papers.filter(title_key=title_key(reference)).first()
            if paper is None:
                report.unmapped.append(
                    Unmapped("research page", 0, reference, "representative work not found among the publications")
                )
            else:
                works.append(paper)
        new = [paper for paper in works if not found.publications.filter(pk=paper.pk).exists()]
        if new:
            found.publications.add(*new)
            report.count("representative works", "created", len(new))
        if works and len(new) < len(works):
            report.count("representative works", "unchanged", len(works) - len(new))
        _write_themes(member, homepage, report, theme.children, found)
