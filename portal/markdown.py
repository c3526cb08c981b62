"""The one markdown renderer: every piece of user markdown becomes HTML here.

Python-Markdown turns the text into HTML (raw HTML in the source is allowed,
so pages written for static-site themes keep their lists and links), then nh3
keeps only a small set of harmless tags, attributes and URL schemes. Settings
point django-markdownx at :func:`markdownify`, so the editor preview and the
HTML stored on save can never differ.

Python-Markdown is pure Python and some inputs cost it quadratic time or deep recursion (a few
thousand ``[``, thousands of headings, nested ``<div markdown>``, abbreviation and footnote
definitions): 20 KB of them take minutes. So the text is bounded twice. Longer than
``MARKDOWN_MAX_CHARS`` is refused. Short, plain text renders here; anything else renders in a
child process that is killed after ``MARKDOWN_RENDER_SECONDS`` (and held to a memory limit): a
thread cannot be stopped, and gunicorn's threads are not the main thread, where an alarm could
stop it. A refusal is a ValidationError with a message for the editor; saving code that has not
validated stores the text escaped instead (``researchers.models.markdownify``). Each thread keeps
its last rendering, so a form's validation and the save after it render the text once.
"""

import os
import re
import select
import subprocess
import sys
import threading
from pathlib import Path

import markdown
import nh3
from django.core.exceptions import ValidationError

from researchers.common.text import strip_control

PLACEHOLDER = re.compile("\x02(?:klzzwxh|wzxhzdk):\\d+\x03|[\x02\x03]")

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


# In-process only when nothing in the text can be slow. Ordinary prose renders in linear time (100 KB
# with 1,000 links: 0.4 s), but a few constructs cost the square of their count: an unclosed '[' or
# '(' costs the rest of its paragraph (300 of them before 19 KB of text: 3 s), headings cost their
# number squared (5,000: 4 s, for their ids), and so do abbreviations, footnotes and nested blocks.
# Under these bounds the worst input found renders in about 0.3 s.
INLINE_MAX_CHARS = 20_000
INLINE_MAX_BRACKET_COST = 500_000  # the sum over paragraphs of their '[' and '(' times their length
INLINE_MAX_HEADINGS = 100
INLINE_MAX_DEFINITIONS = 50  # abbreviation definitions, '*[ABBR]: …'
INLINE_MAX_FOOTNOTES = 200
INLINE_MAX_TAGS = 1_000
INLINE_MAX_BLOCKS = 20  # <div …> blocks, which Python-Markdown may parse nested
HEADING = re.compile(r"^\s{0,3}#|^\s{0,3}(?:=+|-+)\s*$", re.MULTILINE)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
CHILD_MEMORY_BYTES = 512 * 1024 * 1024
CHILD_START_SECONDS = 20  # starting Python and importing the renderer, however busy the machine
READY = b"\x06"
_last = threading.local()  # each thread's last rendered text and its HTML


def _render(text):
    # No placeholder may survive into the page, even one Python-Markdown failed to restore.
    return PLACEHOLDER.sub("", sanitize(_markdown().reset().convert(text)))


def markdownify(text):
    """Render user markdown to sanitised HTML. Headings start at <h3>, below the page's own.

    Raises ValidationError, with a message for the writer, when the text is too long or too
    complex to render within the bounds.
    """
    text = strip_control(text or "")
    if not text.strip():
        return ""
    from django.conf import settings

    # A form's validator renders the text, then the save renders it again: the second is the last one.
    key = (text, settings.MARKDOWN_MAX_CHARS, settings.MARKDOWN_RENDER_SECONDS)
    if getattr(_last, "key", None) == key:
        return _last.html
    html = _bounded_render(text, settings)
    _last.key, _last.html = key, html
    return html


def _bounded_render(text, settings):
    limit = settings.MARKDOWN_MAX_CHARS
    if len(text) > limit:
        raise ValidationError(
            f"This text has {len(text):,} characters; the limit is {limit:,}.", code="markdown_too_long"
        )
    if _cheap(text):
        try:
            return _render(text)
        except RecursionError as error:
            raise _too_complex() from error
    return _render_in_child(text, settings.MARKDOWN_RENDER_SECONDS)


def _cheap(text):
    """Whether the text is short enough, and free enough of the costly constructs, to render here."""
    if len(text) > INLINE_MAX_CHARS:
        return False
    if (
        len(HEADING.findall(text)) > INLINE_MAX_HEADINGS
        or text.count("*[") > INLINE_MAX_DEFINITIONS
        or text.count("[^") > INLINE_MAX_FOOTNOTES
        or text.count("<") > INLINE_MAX_TAGS
        or text.lower().count("<div") > INLINE_MAX_BLOCKS
    ):
        return False
    cost = sum((part.count("[") + part.count("(")) * len(part) for part in PARAGRAPH_BREAK.split(text))
    return cost <= INLINE_MAX_BRACKET_COST


def _too_complex():
    return ValidationError(
        "This text is too complex to render (deeply nested brackets, lists or blocks, or thousands of "
        "headings, footnotes or abbreviations). Please simplify it.",
        code="markdown_too_complex",
    )


def _render_in_child(text, seconds):
    """Render in a child process; `seconds` bounds the render, not the child's start (a busy machine's)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "portal.markdown"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.environ.get("PYTHONPATH", "")},
    )
    try:
        # The child says it is ready, its imports done, before it is given the text and timed.
        ready, _, _ = select.select([child.stdout], [], [], CHILD_START_SECONDS)
        if not ready or os.read(child.stdout.fileno(), 1) != READY:
            raise _too_complex()
        output, _ = child.communicate(text.encode("utf-8", "surrogatepass"), timeout=seconds)
    except subprocess.TimeoutExpired as error:
        raise _too_complex() from error
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if child.returncode != 0:
        raise _too_complex()
    return output.decode("utf-8")


def _child_main():
    """The child: read markdown on stdin, write sanitised HTML on stdout, within a memory limit."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    except (ImportError, ValueError, OSError):
        pass
    _markdown()
    sys.stdout.buffer.write(READY)
    sys.stdout.buffer.flush()
    text = sys.stdin.buffer.read().decode("utf-8", "surrogatepass")
    try:
        output = _render(text)
    except (RecursionError, MemoryError):
        sys.exit(3)
    sys.stdout.buffer.write(output.encode("utf-8", "surrogatepass"))


if __name__ == "__main__":
    _child_main()
