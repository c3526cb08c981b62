"""Text clean-up shared by everything that stores what people type or paste."""

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

# Keep typography and markup exactly as typed; only undo encoding damage.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")


def _undo_mac_roman(match):
    run = match.group()
    try:
        return run.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run


def repair_text(text):
    """Repair mojibake: UTF-8 that was read as cp1252/Latin-1 (ftfy) or as Mac Roman.

    ftfy misses the Mac Roman case (emoji decode to a private-use character),
    so a second pass re-encodes each run of non-ASCII characters as Mac Roman
    and keeps the result only when it is valid UTF-8; genuine text never is.
    """
    if not text or text.isascii():
        return text
    if is_bad(text):  # ftfy's own quick test, so clean text skips the full repair
        text = ftfy.fix_text(text, config=_FTFY)
    return _NON_ASCII_RUN.sub(_undo_mac_roman, text)


def fold_accents(text):
    """'Dániel Szabó' → 'Daniel Szabo': the letters without their accents, case and script kept.

    Search compares folded text with a folded query, on SQLite and PostgreSQL alike.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def name_words(name):
    """'Pérez-Rúa, J.-M.' → ['perez', 'rua', 'j', 'm']: lower-case words without accents, in order.

    Other scripts keep their letters ('刘毅' → ['刘毅']); transliteration is a loose match, not this.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[^\W_]+", bare.lower())


def name_key(name):
    """A matching key for a personal name: no accents, case, punctuation or order."""
    words = name_words(name)
    return " ".join(sorted(words)) if words else name.strip().lower()
