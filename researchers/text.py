"""Text clean-up shared by everything that stores what people type or paste."""

import re
import unicodedata

import ftfy

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
    if not text:
        return text
    return _NON_ASCII_RUN.sub(_undo_mac_roman, ftfy.fix_text(text, config=_FTFY))


def name_key(name):
    """A matching key for a personal name: no accents, case, punctuation or order."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return " ".join(sorted(words)) if words else name.strip().lower()
