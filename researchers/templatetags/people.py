import base64

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

ICONS = {"scholar", "dblp", "semantic_scholar", "github", "linkedin", "x", "bluesky", "website", "orcid"}


@register.simple_tag
def icon(name, label=""):
    """An inline SVG icon from the sprite; decorative unless given a label."""
    name = name if name in ICONS or name in {"email", "cv", "address", "sun", "moon", "external"} else "other"
    href = f"{static('icons/icons.svg')}#{name}"
    if label:
        return format_html('<svg class="icon" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href)
    return format_html('<svg class="icon" aria-hidden="true"><use href="{}"></use></svg>', href)


@register.simple_tag
def obfuscated_email(address):
    """An address scrapers cannot read: 'name [at] host [dot] org', made a mailto link by JS.

    The real address travels reversed and base64-encoded in a data attribute.
    """
    user, _, domain = address.partition("@")
    shown = f"{user} [at] {domain.replace('.', ' [dot] ')}"
    encoded = base64.b64encode(address[::-1].encode()).decode()
    return format_html('<span class="email" data-email="{}">{}</span>', encoded, shown)
