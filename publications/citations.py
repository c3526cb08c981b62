"""Formatted citations of a paper in APA, IEEE and Chicago, by citeproc-py from the official CSL styles.

The styles are the Citation Style Language project's own files, kept in publications/csl/ (licence
in csl/README.md). A paper goes in as its CSL-JSON item, the same one the CSL-JSON export writes.
"""

import functools
import hashlib
import html
import json
import re
from pathlib import Path

import nh3
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.core.cache import cache

from .exports import csl_item

CSL_DIR = Path(__file__).resolve().parent / "csl"
# (key, label, CSL file), in the order the page offers them.
STYLES = [
    ("apa", "APA", "apa.csl"),
    ("ieee", "IEEE", "ieee.csl"),
    ("chicago", "Chicago", "chicago-author-date.csl"),
]
# The only markup a style adds: italics for venues, bold and small print in a few styles.
STYLE_TAGS = {"i", "b", "em", "strong", "sup", "sub", "span"}
REFERENCE_NUMBER = re.compile(r"^\s*\[\d+\]\s*")
# citeproc-py takes a tenth of a second per paper and style, so a paper's citations are kept until
# anything they are made of changes: the key is a digest of its CSL item and of this code and styles.
CACHE_SECONDS = 7 * 24 * 60 * 60


@functools.cache
def load_style(file_name):
    """A parsed CSL style; parsing one takes longer than formatting a citation, and styles never change."""
    style = CitationStylesStyle(str(CSL_DIR / file_name), validate=False)
    # Chicago gives full first names in its bibliography (initialize="false" on the name), a CSL 1.0.1
    # setting citeproc-py does not read; without the style-wide default it keeps the names whole.
    if file_name.startswith("chicago"):
        style.root.attrib.pop("initialize-with", None)
    return style


def formatted_citations(publication):
    """[(key, label, html)] of the paper in every style; the HTML holds only the style's own markup."""
    item = _escaped(csl_item(publication))
    digest = hashlib.sha256(json.dumps(item, sort_keys=True).encode() + _sources_digest().encode()).hexdigest()
    cache_key = f"citations:{digest}"
    citations = cache.get(cache_key)
    if citations is None:
        citations = [(key, label, format_citation(item, file_name)) for key, label, file_name in STYLES]
        cache.set(cache_key, citations, CACHE_SECONDS)
    return citations


@functools.cache
def _sources_digest():
    sources = [Path(__file__), *(CSL_DIR / file_name for _, _, file_name in STYLES)]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()


def format_citation(item, file_name):
    bibliography = CitationStylesBibliography(load_style(file_name), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    entries = bibliography.bibliography()
    text = str(entries[0]) if entries else ""
    # A reference list numbers its entries ("[1]"); one citation on its own has no number.
    text = REFERENCE_NUMBER.sub("", text)
    # The item's text went in escaped, so the output's only tags are the style's; nh3 makes sure of it.
    return nh3.clean(text, tags=STYLE_TAGS, attributes={})


def _escaped(value):
    """The CSL item with every text escaped for HTML: citeproc-py's HTML output copies text as it is."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(element) for element in value]
    if isinstance(value, dict):
        return {name: _escaped(element) if name != "id" else element for name, element in value.items()}
    return value
