"""The one markdown renderer: every piece of user markdown becomes HTML here.

Python-Markdown turns the text into HTML (raw HTML in the source is allowed,
so pages written for static-site themes keep their lists and links), then nh3
keeps only a small set of harmless tags, attributes and URL schemes. Settings
point django-markdownx at :func:`markdownify`, so the editor preview and the
HTML stored on save can never differ.
"""

import threading

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style", "template", "textarea", "title", "noscript", "iframe", "object"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="nofollow noopener",
    strip_comments=True,
)


def sanitize(html):
    """Reduce any HTML to the allowed subset."""
    return _cleaner.clean(html)


_local = threading.local()


def _markdown():
    """One Python-Markdown instance per thread: building one costs more than most renders."""
    if not hasattr(_local, "markdown"):
        _local.markdown = markdown.Markdown(
            extensions=["extra", "sane_lists", "toc"],
            extension_configs={"toc": {"baselevel": 3}},
            output_format="html",
        )
    return _local.markdown


def markdownify(text):
    """Render user markdown to sanitised HTML. Headings start at <h3>, below the page's own."""
    if not text or not text.strip():
        return ""
    return sanitize(_markdown().reset().convert(text))
