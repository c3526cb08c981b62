"""Personal names in author lists: splitting BibTeX author fields and matching names loosely.

Splitting author fields into persons and persons into parts is bibtexparser's
(`split_multiple_persons_names`, `parse_single_name_into_parts`). Over the 5,000 entries of
`make bench` (names) they measured 1.5× (fields into persons) and 3.2× (persons into parts) the
hand-written splitter they replaced. The import reads each distinct name once per file, and read that
way ("one cache a file") both took 0.08 s over the file, a tenth to a fifth of the bare parse: the same
share of the import's 8× budget, so no hand-written splitter is kept for speed.
What is Labfolio's own here is what bibtexparser does not do: LaTeX decoding, self-highlight
markup and role notes, contribution marks, which words are particles, and matching names.
"""

import re
from dataclasses import dataclass

from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from pypinyin import lazy_pinyin
from unidecode import unidecode

from researchers.common.text import name_words

from .latex import latex_to_text

# al-folio and hand-written lists mark authors with symbols after the name.
EQUAL_MARKS = "*∗"
CORRESPONDING_MARKS = "#†"
MARKS = EQUAL_MARKS + CORRESPONDING_MARKS + "‡§¶‖^"
HAN = re.compile(r"[\u3400-\u9fff]+")
VON = re.compile(r"^(?:van|von|der|den|de|del|della|di|da|du|la|le|ter|ten|dos|das|zu|af)$", re.I)
# How people highlight their own name in their own publication list: HTML tags, LaTeX styles,
# Markdown bold, and role notes after the name.
HIGHLIGHT_TAG = re.compile(r"</?(?:u|b|strong|em|i|mark|span)\b[^>]*>", re.I)
HIGHLIGHT_COMMAND = re.compile(r"\\(?:textbf|underline|uline|emph|textit|textsc)\s*\{")
MAY_HIGHLIGHT = re.compile(r"[<(\\]|^\s*[*_]")
ROLE_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class AuthorName:
    """A name from an author list, in parts; frozen, as `split_authors` shares one among all of a file's fields."""

    name: str
    family: str
    given: str
    equal_contribution: bool = False
    corresponding: bool = False


def split_authors(field, known=None):
    """A BibTeX author field → (names, had 'and others').

    `known` is a dict that remembers parsed names across the fields of one file,
    where the same co-authors come back again and again.
    """
    known = {} if known is None else known
    names = split_multiple_persons_names(field)  # 'and' in any case, outside braces, as BibTeX splits
    more = bool(names) and names[-1].lower() in {"others", "et al.", "et al"}
    parsed = []
    for name in names[:-1] if more else names:
        if name not in known:
            known[name] = parse_name(name)
        parsed.append(known[name])
    return parsed, more


def strip_highlight(raw):
    """'{<u>Yifei Wang</u>} (Corresponding Author)' → ('Yifei Wang', {'#'}): the name without self-highlighting.

    Members underline or bold their own name on their homepage; left in, the markup would keep
    the name from matching theirs, and a loose match could pick a co-author with a similar name.
    Role notes in parentheses become the marks they stand for.
    """
    marks = set()
    if not MAY_HIGHLIGHT.search(raw):
        return raw.strip(), marks
    text = HIGHLIGHT_TAG.sub("", raw).strip()
    text = HIGHLIGHT_COMMAND.sub("{", text)
    while note := ROLE_NOTE.search(text):
        words = note.group(1).lower()
        if "corresponding" in words:
            marks.add("#")
        if "equal" in words:
            marks.add("*")
        text = text[: note.start()].rstrip()
    bold = len(text) - len(text.lstrip("*_"))
    if bold:  # Markdown **bold** or __underline__: as many marks close it
        text = text[bold:]
        closing = len(text) - len(text.rstrip("*_"))
        text = text[: len(text) - min(bold, closing)]
    body = text.rstrip(MARKS + " ")
    if text != raw.strip() and body.startswith("{") and body.endswith("}"):
        # Braces that only held the highlighted name, not a corporate author; marks after them stay.
        text = body[1:-1] + text[len(body) :]
    return text.strip(), marks


def parse_name(raw):
    """'Laid{\\'e}, Jean*' or 'Jean Laid{\\'e}' → AuthorName('Jean Laidé', 'Laidé', 'Jean', equal_contribution=True)."""
    stripped, marks = strip_highlight(raw)
    if stripped.startswith("{") and stripped.endswith("}") and "," not in stripped:
        name = latex_to_text(stripped)  # a corporate author, kept whole
        return AuthorName(name=name, family=name, given="")
    family, given = split_name_parts(stripped)
    family, given = (_strip_marks(latex_to_text(part), marks) for part in (family, given))
    return AuthorName(
        name=f"{given} {family}".strip(),
        family=family,
        given=given,
        equal_contribution=bool(marks & set(EQUAL_MARKS)),
        corresponding=bool(marks & set(CORRESPONDING_MARKS)),
    )


def split_name_parts(name):
    """'Laid{\\'e}, Jean' → ('Laid{\\'e}', 'Jean'); 'Jean de Laid{\\'e}' → ('de Laid{\\'e}', 'Jean'): still LaTeX.

    bibtexparser splits persons into parts the BibTeX way; a junior part is left out. On top of it, a
    rule of our own for 'First von Last': BibTeX tells particles by their lower case, but names are
    written by hand too, so only known particles count. A capitalised one ('Jean-Pierre Van Damme',
    'Maria De Souza') joins the family name, so that the exact key agrees with 'Van Damme, Jean-Pierre'
    written elsewhere; lower-case words that are no particle ('jean pierre dupont') stay given names.
    """
    parts = parse_single_name_into_parts(name, strict=False)
    given, von, family = list(parts.first), list(parts.von), list(parts.last)
    if "," not in name:
        misread = bool(von) and not VON.match(von[0])
        while von and not VON.match(von[0]):
            given.append(von.pop(0))
        if misread and not von:  # BibTeX's last name began after them: back to the last word alone
            given, family = given + family[:-1], family[-1:]
        while len(given) > 1 and VON.match(given[-1]):
            von.insert(0, given.pop())
    return " ".join(von + family), " ".join(given)


def _matching_parts(family, given):
    """Romanised words of the family and given names; '刘毅' alone splits into family 刘 and given 毅."""
    if not given and HAN.fullmatch(family or ""):
        family, given = family[0], family[1:]
    family_words = [word for word in name_words(romanize(family)) if not VON.match(word)]
    return family_words, name_words(romanize(given))


def _families_agree(first, second):
    """Equal apart from accents, hyphens and particles, or one is a part of the other (compound names)."""
    if not first or not second:
        return False
    return "".join(first) == "".join(second) or set(first) <= set(second) or set(second) <= set(first)


def _givens_agree(first, second):
    """Full given names must be the same name (Wei is not Weiwei); an initial matches only its letter."""
    if not first or not second:
        return True  # nothing written on one side: the family name decides
    if all(len(word) > 1 for word in first + second) and "".join(first) == "".join(second):
        return True  # 'Yi-Fei' and 'Yifei'
    for one, other in zip(first, second, strict=False):
        if len(one) > 1 and len(other) > 1:
            if one != other:
                return False
        elif one[0] != other[0]:
            return False
    return True


def names_agree(family, given, other_family, other_given):
    """Whether two written names can be the same person, in either order of family and given name.

    The test a loose key's candidates must pass before they become a suggestion.
    """
    family, given = _matching_parts(family, given)
    other_family, other_given = _matching_parts(other_family, other_given)
    return (_families_agree(family, other_family) and _givens_agree(given, other_given)) or (
        _families_agree(family, other_given) and _givens_agree(given, other_family)
    )


def _strip_marks(text, marks):
    stripped = text.rstrip(MARKS + " ")
    marks.update(text[len(stripped) :])
    return stripped


def exact_key(family, given):
    """The name as registered: case, dots and spacing ignored; accents, hyphens and order kept.

    'Moreau, Alice' and 'Alice Moreau' are the same name written two BibTeX ways;
    'Alice Moréau', 'Moreau, A.' and 'Moreau Alice' are not, and can only be suggestions.
    """

    def clean(part):
        return " ".join(part.replace(".", " ").casefold().split())

    return f"{clean(family)}|{clean(given)}"


def romanize(text):
    """Latin letters for any script: pinyin for Chinese characters, unidecode for the rest."""
    if HAN.search(text):
        text = " ".join(lazy_pinyin(text))
    return unidecode(text)


def initials(given):
    """'Juan-Manuel' → 'jm'; 'H.' → 'h'; '毅' → 'y'."""
    return "".join(word[0] for word in name_words(romanize(given)))


def loose_keys(family, given):
    """Keys under which a name matches loosely: family name and first initial, either way round.

    Accents, hyphens, case and script are ignored, so 'Pérez-Rúa, J.' and 'Juan-Manuel Perez-Rua'
    meet, and so do 'Yi Liu', 'Liu Yi' and '刘毅'. Loose keys only ever make suggestions.
    """
    if not given and HAN.fullmatch(family or ""):  # '刘毅': a one-character family name first
        family, given = family[0], family[1:]
    family_words, given_words = name_words(romanize(family)), name_words(romanize(given))
    first = initials(given)[:1]
    keys = {f"{''.join(family_words)}|{first}"}
    if len(family_words) > 1:  # 'Ferreira Duarte, Lucas' meets 'Lucas Ferreira Duarte' (family 'Duarte')
        keys.add(f"{family_words[-1]}|{first}")
    if given_words:
        keys.add(f"{''.join(given_words)}|{initials(family)[:1]}")
    return keys
