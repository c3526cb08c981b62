"""What search engines and link previews read: absolute addresses and schema.org JSON-LD.

One implementation for every app: publications describes papers with the same
helpers as researchers describes people and the lab.
"""

import json
from urllib.parse import urljoin

from django.conf import settings
from django.utils.safestring import mark_safe

# What keeps user text inside a <script> element: no '<', '>' or '&' survives as itself.
JSON_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

# Profiles that identify the person themselves, for schema.org sameAs; "other" links may be anything.
SAME_AS_KINDS = {"scholar", "dblp", "semantic_scholar", "github", "linkedin", "x", "bluesky", "website"}


def absolute_url(url):
    """A link as an absolute address: site-relative ones get SITE_URL in front; absolute ones are kept."""
    return urljoin(settings.SITE_URL + "/", url) if url else ""


def json_ld(data):
    """`data` as a JSON-LD <script> element whose text no user input can end early."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def page_node(schema_type, obj):
    """The opening of a schema.org node that a page of the site describes: the page's address is its id."""
    url = absolute_url(obj.get_absolute_url())
    return {"@context": "https://schema.org", "@type": schema_type, "@id": url, "url": url}


def lab_organization(lab):
    """schema.org ResearchOrganization for the lab, as its home page describes it."""
    data = {
        "@context": "https://schema.org",
        "@type": "ResearchOrganization",
        "name": lab.name,
        "url": absolute_url("/"),
    }
    if lab.logo:
        data["logo"] = absolute_url(lab.logo.url)
    if summary := lab.summary:
        data["description"] = summary
    return data


def person(researcher, lab=None):
    """schema.org Person for a member's homepage; never their email or postal address."""
    data = {**page_node("Person", researcher), "name": researcher.name}
    if researcher.native_name:
        data["alternateName"] = researcher.native_name
    if job_title := researcher.position or researcher.get_role_display():
        data["jobTitle"] = job_title
    if researcher.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": researcher.affiliation}
    if lab is not None and not researcher.is_alumni:
        data["memberOf"] = {"@type": "ResearchOrganization", "name": lab.name, "url": absolute_url("/")}
    if researcher.focus:
        data["description"] = researcher.focus
    if researcher.photo:
        data["image"] = absolute_url(researcher.photo.url)
    same_as = [researcher.orcid_url] if researcher.orcid else []
    same_as += [link.url for link in researcher.links.all() if link.kind in SAME_AS_KINDS]
    same_as = [url for url in same_as if url.startswith(("https://", "http://"))]
    if same_as:
        data["sameAs"] = same_as
    return data
