"""Reading one Markdown page of a static-site theme: front matter, clean-up, blocks and sections.

Nothing on the page is executed. Liquid tags, HTML comments, scripts and
styles are taken out (and reported); inline HTML is turned into the markdown
it stands for (<strong> → **, <a href> → [text](url), <li> → '- '), keeping
only what carries text or data. Line numbers always refer to the file.
"""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from researchers.common.text import repair_text

from .inline import IMAGE, LINK, web_url
from .mapping import HomepageError, Unmapped

BLOCK_ELEMENTS = re.compile(r"<(script|style|template|noscript|object|embed)\b[^>]*>.*?</\1\s*>", re.I | re.S)
# A <video> or <audio> element's text is the fallback "Your browser does not support …", never shown.
MEDIA_ELEMENTS = re.compile(r"<(video|audio|button|canvas)\b[^>]*>.*?</\1\s*>", re.I | re.S)
BLOCK_TAG = re.compile(r"</?(?:div|p|section|center|table|tr|td|blockquote|figure)\b", re.I)
HIDDEN_OPEN = re.compile(r"<(?P<name>div|span|p|section)\b(?P<attrs>[^>]*display\s*:\s*none[^>]*)>", re.I)
INCLUDE = re.compile(r"^[ \t]*{%-?\s*(?P<tag>include_relative|include)\s+(?P<file>[^\s%]+)[^%]*?-?%}[ \t]*$", re.M)
MARKDOWN_FILE = re.compile(r"\.(?:md|markdown|mkd|txt)$", re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
LIQUID = re.compile(r"{%-?\s*(?P<tag>\w+)(?P<args>.*?)-?%}|{{.*?}}", re.S)
IFRAME = re.compile(r"<iframe\b(?P<attrs>[^>]*)>(?:.*?</iframe\s*>)?", re.I | re.S)
GITHUB_BUTTON = re.compile(r"ghbtns\.com/github-btn\.html\?(?P<query>[^\"' >]+)", re.I)
STARS_BADGE = re.compile(r"img\.shields\.io/github/stars/(?P<repo>[\w.-]+/[\w.-]+)", re.I)
TAG = re.compile(r"<(?P<close>/?)(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?P<self>/?)>")
ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d+[.)])\s+(?P<text>.*)$")
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


@dataclass
class Item:
    line: int
    text: str
    ordered: bool = False


@dataclass
class Block:
    kind: str  # "paragraph" or "list"
    line: int
    lines: list = field(default_factory=list)  # (line number, text)
    items: list = field(default_factory=list)
    indent: int = 0  # of a list's first item: deeper items belong to the item above

    @property
    def text(self):
        if self.kind == "list":
            return "\n".join(item.text for item in self.items)
        return "\n".join(text for _, text in self.lines)

    @property
    def markdown(self):
        """The block as markdown again (lists re-numbered as written)."""
        if self.kind == "paragraph":
            return "\n".join(text.strip() for _, text in self.lines)
        rows = []
        for number, item in enumerate(self.items, start=1):
            marker = f"{number}." if item.ordered else "-"
            rows.append(f"{marker} " + item.text.replace("\n", "\n   "))
        return "\n".join(rows)


@dataclass
class Section:
    title: str
    level: int
    line: int
    blocks: list = field(default_factory=list)
    children: list = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def markdown(self):
        return "\n\n".join(block.markdown for block in self.blocks)


@dataclass
class Page:
    path: Path
    source: str
    meta: dict
    content: str
    first_line: int
    lines: list = field(default_factory=list)  # (number, cleaned text or None when removed whole)
    unmapped: list = field(default_factory=list)
    github_buttons: dict = field(default_factory=dict)  # line → repository

    origins: list = field(default_factory=list)  # (file, line) of each content line, when includes were followed

    def origin(self, line):
        """(file, line in that file) of a line of the content, which may come from an included file."""
        index = line - self.first_line
        if 0 <= index < len(self.origins):
            return self.origins[index]
        return self.source, line

    def drop(self, line, text, reason):
        self.unmapped.append(Unmapped(*self.origin(line), text, reason))

    @property
    def root(self):
        if not hasattr(self, "_root"):
            self._root = build_sections(parse_blocks(self.lines))
        return self._root


def read_page(path, source=None, keep_cites=False, root=None):
    """Read a Markdown file with optional YAML front matter into a cleaned Page.

    Jekyll includes of Markdown files (`{% include_relative x.md %}`, `{% include x.md %}` from the site's
    `_includes/`) are followed, as the site would render them; `root` is the site folder.
    """
    path = Path(path)
    source = source or path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HomepageError(f"Cannot read {path}: {error.strerror}.") from error
    text = data.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise HomepageError(f"{source} is empty.")
    # Text pages have no NUL bytes and few undecodable ones; anything else is an image, an archive …
    if b"\0" in data or text.count("\ufffd") > len(text) // 100:
        raise HomepageError(f"{source} is not a text file; give the page's Markdown file or the site folder.")
    return parse_page(text, path=path, source=source, keep_cites=keep_cites, root=root)


def parse_page(text, *, path=Path("page.md"), source="page.md", keep_cites=False, root=None):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, content = {}, text
    if re.match(r"^-{3,}\s*\n", text):
        try:
            front, content = YAMLHandler().split(text)
        except ValueError as error:
            raise HomepageError(f"{source}: the front matter is not closed with a '---' line.") from error
        meta = load_yaml(front, f"the front matter of {source}", first_line=2)
        if not isinstance(meta, dict):
            raise HomepageError(f"{source}: the front matter is not a set of 'key: value' lines.")
    first_line = text[: len(text) - len(content)].count("\n") + 1
    page = Page(path=path, source=source, meta=meta, content=content, first_line=first_line)
    if "include" in content:
        page.content, page.origins = expand_includes(content, path, root, source, first_line)
    page.lines = clean_lines(page, page.content, keep_cites=keep_cites)
    return page


def site_root_of(path):
    """The Jekyll site folder a page belongs to: the nearest folder above it with a _config.yml or _includes."""
    for parent in Path(path).resolve().parents:
        if (parent / "_config.yml").is_file() or (parent / "_includes").is_dir():
            return parent
    return Path(path).resolve().parent


def expand_includes(content, path, root, source, first_line, depth=0):
    """The content with each include line replaced by the included Markdown file, and where each line came from.

    Includes inside HTML comments stay out, as on the site; templates (HTML with Liquid code) are not run;
    nothing outside the site folder is read.
    """
    root = Path(root).resolve() if root else site_root_of(path)
    commented = set()
    for match in COMMENT.finditer(content):
        start = content.count("\n", 0, match.start())
        commented.update(range(start, start + match.group().count("\n") + 1))
    lines, origins = [], []
    for index, line in enumerate(content.split("\n")):
        include = INCLUDE.match(line) if index not in commented and depth < 5 else None
        target = _include_target(include, path, root) if include else None
        if target is None:
            lines.append(line)
            origins.append((source, first_line + index))
            continue
        text = target.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        included_first = 1
        front = re.match(r"^-{3,}\s*\n.*?\n-{3,}\s*\n", text, re.S)
        if front:
            included_first += front.group().count("\n")
            text = text[front.end() :]
        name = str(target.relative_to(root))
        text, included = expand_includes(text, target, root, name, included_first, depth + 1)
        lines.extend(text.split("\n"))
        origins.extend(included)
    return "\n".join(lines), origins


def _include_target(include, path, root):
    name = include.group("file").strip("'\"")
    if not MARKDOWN_FILE.search(name):
        return None
    base = Path(path).resolve().parent if include.group("tag") == "include_relative" else root / "_includes"
    target = (base / name).resolve()
    if not target.is_file() or (root not in target.parents):
        return None
    return target


def load_yaml(text, what, first_line=1):
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + first_line})" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise HomepageError(f"{what} is not valid YAML{where}: {problem}.") from error


def clean_lines(page, content, keep_cites=False):
    """The page's lines with everything that is code or markup taken out; [(line number, text or None)]."""
    first = page.first_line
    text = "\n".join(repair_text(line) for line in content.split("\n"))
    original = text.split("\n")

    def removed(reason, keep=None):
        def replace(match):
            line = first + text.count("\n", 0, match.start())
            kept = keep(match) if keep else None
            if kept is None:
                page.drop(line, match.group(), reason)
                kept = ""
            return kept + "\n" * match.group().count("\n")

        return replace

    text = _remove_hidden(text, removed("hidden on the page (display: none)"))
    text = BLOCK_ELEMENTS.sub(removed("script or style, not run"), text)
    text = MEDIA_ELEMENTS.sub(removed("video, audio or button: its text is not shown on the page"), text)
    text = COMMENT.sub(removed("HTML comment, hidden on the page"), text)
    text = IFRAME.sub(removed("iframe dropped", keep=lambda match: _github_button(match)), text)
    text = LIQUID.sub(removed("Liquid template code, not run", keep=lambda match: _cite(match, keep_cites)), text)
    lines = []
    for offset, line in enumerate(text.split("\n")):
        number = first + offset
        if not line.strip():
            lines.append((number, None if original[offset].strip() else ""))
            continue
        cleaned = html_to_markdown(line, lambda text, reason, number=number: page.drop(number, text, reason))
        cleaned = _safe_links(cleaned, lambda text, reason, number=number: page.drop(number, text, reason))
        if not cleaned.strip() and BLOCK_TAG.search(line):
            cleaned = ""  # '<div class="paper-box-text">' ends the paragraph before it, as it does in HTML
        elif not cleaned.strip():
            cleaned = None
        lines.append((number, cleaned))
    return lines


def _remove_hidden(text, replace):
    """Elements styled `display: none` (and all they hold) are not what a reader sees."""
    position = 0
    while True:
        opening = HIDDEN_OPEN.search(text, position)
        if not opening:
            return text
        name, depth, end = opening.group("name"), 1, len(text)
        for tag in re.finditer(rf"<(/?){name}\b[^>]*>", text[opening.end() :], re.I):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = opening.end() + tag.end()
                break
        whole = re.match(r".*", text[opening.start() : end], re.S)
        text = text[: opening.start()] + replace(_Span(whole.group(), opening.start())) + text[end:]
        position = opening.start() + 1


class _Span:
    """Enough of a regex match for `removed` to report a span it did not match itself."""

    def __init__(self, text, start):
        self._text, self._start = text, start

    def group(self):
        return self._text

    def start(self):
        return self._start


def _github_button(match):
    """A GitHub star button (an iframe) becomes the stars badge it shows, which names the repository."""
    button = GITHUB_BUTTON.search(match.group("attrs"))
    if not button:
        return None
    query = dict(part.partition("=")[::2] for part in html.unescape(button.group("query")).split("&"))
    if query.get("user") and query.get("repo"):
        repository = f"{query['user']}/{query['repo']}"
        return f"[![GitHub stars](https://img.shields.io/github/stars/{repository})](https://github.com/{repository})"
    return None


def _cite(match, keep_cites):
    if keep_cites and match.group("tag") == "cite":
        keys = match.group("args").split()
        return f"[cite:{','.join(keys)}]"
    return None


def _attributes(attrs):
    return {
        name.lower(): next(value for value in values if value is not None) for name, *values in ATTRIBUTE.findall(attrs)
    }


def html_to_markdown(line, drop):
    """One line of mixed markdown and HTML → markdown; tags that carry nothing are reported by `drop`."""
    line = line.replace("&nbsp;", " ").replace("&emsp;", " ").replace("&ensp;", " ")
    if "<" not in line:
        return line
    stripped = line.strip()
    if re.fullmatch(r"</?(ul|ol)\b[^>]*>", stripped, re.I):
        return ""
    heading = re.fullmatch(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", stripped, re.I | re.S)
    if heading:  # '<h2 class="…">📝 Publications</h2>' heads a section as '## 📝 Publications' would
        return f"{'#' * int(heading.group(1))} {html_to_markdown(heading.group(2), drop).strip()}"
    line = re.sub(r"^(\s*)<li\b[^>]*>", r"\1- ", line, flags=re.I)
    line = re.sub(r"</li\s*>", "", line, flags=re.I)
    # '<em> Magna cum laude.</em>': emphasis marks must touch the text to stay emphasis in markdown
    line = re.sub(r"<(strong|b)\b[^>]*>\s*(.*?)\s*</\1\s*>", r"**\2**", line, flags=re.I)
    line = re.sub(r"<(em|i)\b[^>]*>\s*(.*?)\s*</\1\s*>", r"*\2*", line, flags=re.I)
    line = re.sub(r"<code\b[^>]*>(.*?)</code\s*>", r"`\1`", line, flags=re.I)
    line = re.sub(r"<br\s*/?>", " ", line, flags=re.I)

    def anchor(match):
        attributes = _attributes(match.group("attrs"))
        label = match.group("label")
        href = attributes.get("href", "")
        if not href:
            return label
        return f"[{label}]({html.unescape(href)})"

    line = re.sub(r"<a\b(?P<attrs>[^>]*)>(?P<label>.*?)</a\s*>", anchor, line, flags=re.I | re.S)

    def span(match):
        inner = match.group("inner")
        style = _attributes(match.group("attrs")).get("style", "")
        if not inner.strip():
            drop(match.group(), "empty HTML element")
            return ""
        # A coloured span is the page's way of making something stand out: keep the emphasis.
        if "color" in style.lower() and not re.fullmatch(r"\s*\*\*.*\*\*\s*", inner):
            return f"**{inner.strip()}**"
        return inner

    for _ in range(3):  # nested spans
        line = re.sub(r"<span\b(?P<attrs>[^>]*)>(?P<inner>(?:(?!<span\b).)*?)</span\s*>", span, line, flags=re.I)

    def image(match):
        attributes = _attributes(match.group("attrs"))
        src = html.unescape(attributes.get("src", ""))
        if STARS_BADGE.search(src) or web_url(src):
            return f"![{attributes.get('alt', '')}]({src})"
        drop(match.group(), "image file not imported")
        return ""

    line = re.sub(r"<img\b(?P<attrs>[^>]*)/?>", image, line, flags=re.I)

    def other(match):
        name = match.group("name").lower()
        if name not in {"p", "div", "center", "section", "font", "sup", "sub", "small", "u", "mark", "li", "ul", "ol"}:
            drop(match.group(), f"HTML <{name}> dropped, its text kept")
        return ""

    line = TAG.sub(other, line)
    return line


def _safe_links(line, drop):
    """Links whose target could run code keep their text only."""

    def check(match):
        url = match.group("url")
        if url and not web_url(url) and re.match(r"^\s*[\w+.-]+:", url) and not url.lower().startswith("mailto:"):
            drop(match.group(), "link that could run code, kept as text")
            return match.group("label")
        return match.group()

    line = IMAGE.sub(check_image(drop), line)
    return LINK.sub(check, line)


def check_image(drop):
    def check(match):
        url = match.group("url")
        if web_url(url):
            return match.group()
        drop(match.group(), "image file not imported")
        return ""

    return check


def parse_blocks(lines):
    """[(line, text|None)] → [('heading', level, title, line) | Block]."""
    blocks, paragraph, listing, blank_before = [], None, None, False
    for number, text in lines:
        if text is None:  # a line that held only removed markup: it neither breaks nor adds
            continue
        if not text.strip():
            paragraph, blank_before = None, True
            continue
        heading = HEADING.match(text)
        if heading:
            paragraph = listing = None
            blocks.append(("heading", len(heading.group(1)), heading.group(2).strip(), number))
            blank_before = False
            continue
        setext = re.match(r"^\s*(=+|-+)\s*$", text)
        if setext and paragraph is not None and len(paragraph.lines) == 1:
            # 'Education\n======': a heading underlined, as academicpages' CV page writes them
            blocks.remove(paragraph)
            level = 1 if setext.group(1)[0] == "=" else 2
            blocks.append(("heading", level, paragraph.lines[0][1].strip(), paragraph.line))
            paragraph = listing = None
            blank_before = False
            continue
        if RULE.match(text):
            paragraph = listing = None
            blank_before = False
            continue
        item = LIST_ITEM.match(text)
        if item:
            indent = len(item.group("indent").expandtabs(4))
            if listing is not None and indent >= listing.indent + 2 and listing.items:
                listing.items[-1].text += "\n" + text.strip()
            else:
                if listing is None:
                    listing = Block("list", number, indent=indent)
                    blocks.append(listing)
                ordered = item.group("marker")[0].isdigit()
                listing.items.append(Item(number, item.group("text").strip(), ordered))
            paragraph, blank_before = None, False
            continue
        if listing is not None and (text.startswith((" ", "\t")) or not blank_before) and listing.items:
            listing.items[-1].text += "\n" + text.strip()
            blank_before = False
            continue
        listing = None
        if paragraph is None:
            paragraph = Block("paragraph", number)
            blocks.append(paragraph)
        paragraph.lines.append((number, text))
        blank_before = False
    return blocks


def build_sections(blocks):
    """Blocks → a tree of sections by heading level; the root holds what comes before any heading."""
    root = Section("", 0, 0)
    stack = [root]
    for block in blocks:
        if isinstance(block, tuple):
            _, level, title, line = block
            while stack[-1].level >= level:
                stack.pop()
            section = Section(title, level, line)
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(block)
    return root
