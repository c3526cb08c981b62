"""Search results in templates: text with the searched words marked, always HTML-escaped."""

from django import template

from portal.pages.search import highlight as highlight_text
from portal.pages.search import plain_text as plain
from portal.pages.search import snippet as snippet_text

register = template.Library()


@register.filter
def highlight(text, terms):
    """`{{ title|highlight:terms }}`: the text escaped, each searched word in <mark>."""
    return highlight_text(text, getattr(terms, "pattern", None))


@register.filter
def snippet(text, terms):
    """`{{ abstract|snippet:terms }}`: a short excerpt around the first searched word, escaped and marked."""
    return snippet_text(text, getattr(terms, "pattern", None))


@register.filter
def plain_text(html):
    """`{{ item.body_html|plain_text|snippet:terms }}`: rendered HTML back to the text a reader sees."""
    return plain(html)


@register.filter
def matches(text, terms):
    """Whether a searched word appears in the text."""
    pattern = getattr(terms, "pattern", None)
    return bool(text and pattern and pattern.search(str(text)))
