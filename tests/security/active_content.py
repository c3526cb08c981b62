"""What in an HTML page could run code or load something a visitor did not ask for.

The page templates use none of it except a fixed list (our script file, our
JSON-LD, our icon sprite, our GET forms), so anything else found on a page
came from user content and got past the sanitiser or the escaping.
"""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

SHARED_XSS = Path(__file__).resolve().parents[3] / "shared" / "data" / "xss"
OWN_XSS = Path(__file__).resolve().parents[1] / "data" / "xss"

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite"}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "style", "template", "noscript"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
OUR_FORM_ACTIONS = {"", "/search/", "/publications/", "/news/"}


# What a vector tries; each class is sampled for the default run. A vector may try several.
VECTOR_CLASSES = {
    "script element": r"<\s*/?\s*script",
    "event handler": r"\bon[a-z]+\s*=",
    "javascript: URL": r"j\W{0,3}a\W{0,3}v\W{0,3}a\W{0,3}s\W{0,3}c\W{0,3}r\W{0,3}i\W{0,3}p\W{0,3}t",
    "data: URL": r"data\s*:",
    "other script scheme": r"vbscript|livescript|mocha:",
    "style and CSS": r"style|expression\s*\(|behavior|-moz-binding|@import",
    "SVG or MathML": r"<\s*(svg|math)",
    "embedding or form": r"<\s*(iframe|frame|object|embed|applet|base|meta|link|form|isindex|button|input|xml|import)",
    "markdown link or image": r"\]\s*\(|\]\s*:|<https?:",
    "comment, CDATA or processing": r"<!--|<!\[|<\?",
    "encoded characters": r"&#|&[a-z]+;|%[0-9a-f]{2}|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}",
    "text context, no tag": r"^[^<]*$",
}
OTHER = "other markup"
PER_CLASS = 15
PER_SOURCE = 10


def load_corpus():
    """Each file of the public cheat sheets and of our own list, with its lines that hold a vector."""
    return {
        path: [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        for path in sorted(SHARED_XSS.glob("*.txt")) + sorted(OWN_XSS.glob("*.txt"))
    }


def load_vectors():
    """Every distinct vector of the public cheat sheets and of our own list, in a stable order."""
    return list(dict.fromkeys(line for lines in load_corpus().values() for line in lines))


def vector_classes(vector):
    """The classes a vector belongs to; "other markup" when none of VECTOR_CLASSES."""
    found = {name for name, pattern in VECTOR_CLASSES.items() if re.search(pattern, vector, re.IGNORECASE)}
    return found or {OTHER}


def evenly(items, count):
    """`count` items spread evenly over the list, always the same ones."""
    return items[:: max(1, len(items) // count)][:count]


@functools.cache
def sample_vectors():
    """The vectors the default run writes: all of our own list (regressions once found), and from
    the public sheets, PER_CLASS vectors of every class and PER_SOURCE of every file, spread evenly
    through them. The same sample every run; the whole corpus runs under the xss_full marker."""
    corpus = load_corpus()
    classes = {vector: vector_classes(vector) for vector in load_vectors()}
    chosen = [line for path, lines in corpus.items() if path.parent == OWN_XSS for line in lines]
    for lines in corpus.values():
        chosen += evenly(lines, PER_SOURCE)
    for name in [*VECTOR_CLASSES, OTHER]:
        chosen += evenly([vector for vector, found in classes.items() if name in found], PER_CLASS)
    return tuple(dict.fromkeys(chosen))


def scheme(url):
    """The scheme a browser would use, per the WHATWG URL standard: leading and trailing
    controls and spaces are dropped, tabs and newlines anywhere, and the scheme is what
    precedes the first colon if it is a valid scheme; a URL without one is relative."""
    cleaned = re.sub(r"[\t\n\r]", "", (url or "").strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


class ActiveContentFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            elif name == "style":
                self.findings.append(f"<{tag} style=…>")
            elif name in URL_ATTRIBUTES and scheme(value) not in SAFE_SCHEMES:
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag in NEVER:
            self.findings.append(f"<{tag}>")
        elif tag == "form" and (attributes.get("action") or "") not in OUR_FORM_ACTIONS:
            self.findings.append(f"<form action={attributes.get('action')!r}>")
        elif tag == "meta" and "http-equiv" in attributes:
            self.findings.append("<meta http-equiv>")
        elif tag == "link" and attributes.get("rel") not in {"stylesheet", "canonical", "alternate", "icon"}:
            self.findings.append(f"<link rel={attributes.get('rel')!r}>")
        elif tag == "svg" and "icon" not in (attributes.get("class") or "").split():
            self.findings.append("<svg> that is not one of our icons")
        elif tag == "use" and not (attributes.get("href") or "").startswith("/static/"):
            self.findings.append(f"<use href={attributes.get('href')!r}>")
        if tag == "script":
            self._script = {"attributes": attributes, "text": []}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        attributes, text = self._script["attributes"], "".join(self._script["text"])
        self._script = None
        if attributes.get("src", "").startswith("/static/") and not text.strip():
            return
        if attributes.get("type") == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                self.findings.append("<script type=ld+json> that is not JSON")
            return
        self.findings.append(f"<script {attributes}>{text[:60]}")


def active_content(html):
    finder = ActiveContentFinder()
    finder.feed(html)
    finder.close()
    if finder._script is not None:
        finder.findings.append("unclosed <script>")
    return finder.findings
