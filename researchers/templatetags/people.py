import base64

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from researchers.common import metadata
from researchers.validators import safe_href

register = template.Library()

# Machine-readable metadata: {{ researcher|person_schema:lab|json_ld }}, {{ photo.url|absolute }}.
register.filter("json_ld", metadata.json_ld)
register.filter("absolute", metadata.absolute_url)
register.filter("organization_schema", metadata.lab_organization)
register.filter("person_schema", metadata.person)

ICONS = {"scholar", "dblp", "semantic_scholar", "github", "linkedin", "x", "bluesky", "website", "orcid"}


@register.simple_tag
def icon(name, label=""):
    """An inline SVG icon from the sprite; decorative unless given a label."""
    name = name if name in ICONS or name in {"email", "cv", "address", "sun", "moon", "external"} else "other"
    href = f"{static('icons/icons.svg')}#{name}"
    if label:
        return format_html('<svg class="icon" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href)
    return format_html('<svg class="icon" aria-hidden="true"><use href="{}"></use></svg>', href)


@register.filter
def safe_url(url):
    """Only links that cannot run code: see researchers.validators.safe_href."""
    return safe_href(url)


@register.simple_tag
def obfuscated_email(address):
    """An address scrapers cannot read: 'name [at] host [dot] org', made a mailto link by JS.

    The real address travels reversed and base64-encoded in a data attribute.
    """
    user, _, domain = address.partition("@")
    shown = f"{user} [at] {domain.replace('.', ' [dot] ')}"
    encoded = base64.b64encode(address[::-1].encode()).decode()
    return format_html('<span class="email" data-email="{}">{}</span>', encoded, shown)


@register.simple_tag
def mailto_data(address):
    """The data attribute that makes a link a mailto link once the site script decodes it."""
    encoded = base64.b64encode(address[::-1].encode()).decode()
    return format_html('data-mailto="{}"', encoded)
