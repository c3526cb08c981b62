"""Just enough LaTeX to read BibTeX fields: accents, special letters, escapes, dashes and braces.

bibtexparser's LaTeX middleware (pylatexenc) is thorough but costs several
times the parse itself; real bibliographies use a small, well-known subset,
and only fields that contain a backslash, brace, tilde or dash need this at all.
"""

import re
import unicodedata

COMBINING = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
    "b": "\u0331",
}  # fmt: skip
LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ",
    "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "dag": "†",
    "ddag": "‡", "textdagger": "†", "S": "§", "P": "¶", "copyright": "©", "textregistered": "®",
    "texttrademark": "™", "ldots": "…", "dots": "…", "textellipsis": "…", "pounds": "£", "euro": "€",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ",
    "pi": "π", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "times": "×", "pm": "±", "infty": "∞",
    "leq": "≤", "geq": "≥", "to": "→", "rightarrow": "→",
}  # fmt: skip
STYLE_COMMANDS = "emph|textit|textbf|textsc|texttt|textrm|textsf|textup|textnormal|mathrm|mathit|mathbf|mbox|url|text"

ACCENT_SYMBOL = re.compile(r"\\([`'^\"~=.])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))")
ACCENT_LETTER = re.compile(r"\\([uvHckrdb])\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|\s+([A-Za-z]))")
NAMED = re.compile(r"\\([A-Za-z]+)\b\s*(?:\{\})?")
ESCAPED = re.compile(r"\\([&%$#_{}])")
STYLED = re.compile(rf"\\(?:{STYLE_COMMANDS})\s*\{{")
NEEDS_DECODING = re.compile(r"[\\{}~$]|--")
# Escaped characters hide in private-use code points while braces and dollars are dropped.
HIDDEN = {char: chr(0xE000 + index) for index, char in enumerate("&%$#_{}")}
REVEAL = str.maketrans({hidden: char for char, hidden in HIDDEN.items()})


def _accent(match):
    base = match.group(2) or match.group(3)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + COMBINING[match.group(1)])


def _named(match):
    return LETTERS.get(match.group(1), match.group(0))


def latex_to_text(value):
    """'Laid{\\'e} \\& Co. --- {An} {\\"U}bersicht' → 'Laidé & Co. — An Übersicht'."""
    if not value or not NEEDS_DECODING.search(value):
        return " ".join(value.split())  # BibTeX wraps long fields; a line break inside one is a space
    text = STYLED.sub("{", value)
    text = ACCENT_SYMBOL.sub(_accent, text)
    text = ACCENT_LETTER.sub(_accent, text)
    text = ESCAPED.sub(lambda match: HIDDEN[match.group(1)], text)
    text = NAMED.sub(_named, text)
    text = text.replace("---", "—").replace("--", "–").replace("~", "\u00a0").replace("\\\\", " ")
    text = text.replace("{", "").replace("}", "").replace("$", "").translate(REVEAL)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()
