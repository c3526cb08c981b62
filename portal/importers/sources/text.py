"""Source text as plain text: JATS and HTML tags dropped, entities decoded, spaces collapsed."""

import html
import re

TAG = re.compile(r"<[^>]{0,200}>")
BLOCK_END = re.compile(r"</(?:jats:)?(?:p|title|sec)>", re.I)


def plain(value):
    # Inline tags (H<sub>2</sub>O) join their text; paragraphs and headings keep a space between them.
    return " ".join(html.unescape(TAG.sub("", BLOCK_END.sub(" ", value or ""))).split())
