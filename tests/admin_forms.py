"""What the admin's add forms post, for tests that drive the admin."""

RESEARCHER_INLINES = ("name_variants", "links", "interests", "supervisors", "cv_entries")


def researcher_form(**fields):
    """The admin's add form for a researcher, every inline empty unless `fields` fills one."""
    data = {
        "name": "Nadia Haddad",
        "slug": "nadia-haddad",
        "visibility": "public",
        "order": 0,
        "news_limit": 5,
        "cv_publications": "all",
        "role": "phd",
        "status": "current",
    }
    for prefix in RESEARCHER_INLINES:
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(fields)
    return data
