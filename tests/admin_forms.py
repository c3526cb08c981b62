"""What the admin's add forms post, for tests that drive the admin."""

RESEARCHER_INLINES = ("name_variants", "links", "interests", "supervisors", "cv_entries")
NEW_RESEARCHER = {
    "name": "Nadia Haddad",
    "slug": "nadia-haddad",
    "visibility": "public",
    "order": 0,
    "news_limit": 5,
    "cv_publications": "all",
    "role": "phd",
    "status": "current",
}
NEW_PUBLICATION = {
    "title": "A paper typed into the admin",
    "kind": "article",
    "status": "published",
    "year": 2024,
    "extra": "{}",
}


def no_inline_rows(*prefixes):
    """The management forms of these inline formsets, each saying it posts no row."""
    return {f"{prefix}-{count}": 0 for prefix in prefixes for count in ("TOTAL_FORMS", "INITIAL_FORMS")}


def researcher_form(**fields):
    """The admin's add form for a researcher, every inline empty unless `fields` fills one."""
    return {**NEW_RESEARCHER, **no_inline_rows(*RESEARCHER_INLINES), **fields}


def publication_form(**fields):
    """The admin's add form for a publication, without authors unless `fields` adds some."""
    return {**NEW_PUBLICATION, **no_inline_rows("authorships"), **fields}
