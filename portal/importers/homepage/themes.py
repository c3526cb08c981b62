"""A research page ('Efficiency → Faster training → representative works') → nested research themes."""

import re

from .inline import BOLD_OR_ITALIC, LINK, plain
from .mapping import ThemeData

CITE = re.compile(r"\[cite:(?P<keys>[^\]]+)\]")
WORKS_LABEL = re.compile(
    r"^\s*(?:\*\*|_|\*)?(?:representative|selected|key|related)\s+(?:works|publications|papers)\s*[:：]?(?:\*\*|_|\*)?\s*[:：]?\s*$",
    re.I,
)


def read_theme_section(section):
    """One headed section → a theme; its sub-sections → child themes; cited or listed papers → its works."""
    theme = ThemeData(title=plain(section.title)[:200])
    description, works_next = [], False
    for block in section.blocks:
        if block.kind == "paragraph":
            if WORKS_LABEL.match(plain(block.text)) or WORKS_LABEL.match(block.text):
                works_next = True
                continue
            theme.works.extend(_cited(block.text))
            text = CITE.sub("", block.markdown).strip()
            if text:
                description.append(text)
            works_next = False
            continue
        if works_next or all(CITE.search(item.text) for item in block.items):
            for item in block.items:
                theme.works.extend(_cited(item.text) or [("title", _work_title(item.text))])
        else:
            description.append(CITE.sub("", block.markdown).strip())
            for item in block.items:
                theme.works.extend(_cited(item.text))
        works_next = False
    theme.description = "\n\n".join(part for part in description if part)
    theme.children = [read_theme_section(child) for child in section.children]
    return theme


def _cited(text):
    return [
        ("key", key.strip()) for match in CITE.finditer(text) for key in match.group("keys").split(",") if key.strip()
    ]


def _work_title(text):
    """The title in a listed work: a link's text, else emphasised text, else the whole item."""
    link = LINK.search(text)
    if link and len(plain(link.group("label")).split()) >= 2:
        return plain(link.group("label"))
    emphasised = BOLD_OR_ITALIC.search(text)
    if emphasised:
        return plain(emphasised.group(0))
    return plain(text)
