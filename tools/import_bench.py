"""Import speed against bibtexparser's bare parse, measured side by side on the same text."""

import gc
import time

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from publications.names import split_authors
from publications.services import publication_import

from .benchdata import synthetic_bibtex


def best_of(runs, function):
    """The fastest of `runs` timings of function(), in seconds, and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def import_ratio(entries=5000, runs=5):
    """Time a full import (dry run: every write made, then rolled back) and a bare parse of the same file.

    The three are timed in turn within each round, so that a busy moment of the machine
    slows one round of all of them rather than one of them; each keeps its fastest round.
    """
    text = synthetic_bibtex(entries)
    bare = stacked = total = float("inf")
    # Objects alive before (a long test session's, say) are not the import's to scan: the garbage
    # collector's full passes would otherwise weigh on the import, which allocates most, far more.
    gc.collect()
    gc.freeze()
    try:
        for _ in range(runs):
            gc.collect()
            bare = min(bare, best_of(1, lambda: bibtexparser.parse_string(text, parse_stack=[]))[0])
            stacked = min(stacked, best_of(1, lambda: bibtexparser.parse_string(text))[0])
            gc.collect()
            took, report = best_of(1, lambda: publication_import(text=text, dry_run=True))
            if took < total:
                total, fastest = took, report
    finally:
        gc.unfreeze()
    assert len(fastest.created) == entries, fastest.summary()
    return {
        "entries": entries,
        "bare_parse": bare,
        "bibtexparser_default_stack": stacked,
        "import": total,
        "ratio": total / bare,
        "breakdown": fastest.timings,
    }


def names_ratio(entries=5000, runs=5):
    """Time person-name splitting over the author fields of the import's file: bibtexparser's functions
    alone, and Labfolio's reading of the same fields built on them.

    bibtexparser: author fields into persons (`split_multiple_persons_names`), then persons into parts
    (`parse_single_name_into_parts`). Labfolio: `split_authors`, which adds LaTeX decoding, self-highlight
    stripping and contribution marks; once with a fresh cache per field (every name read), once with the
    import's one cache per file. Rounds alternate as in import_ratio.
    """
    fields = [
        entry.fields_dict["author"].value for entry in bibtexparser.parse_string(synthetic_bibtex(entries)).entries
    ]
    persons = [person for field in fields for person in split_multiple_persons_names(field)]

    def per_file():
        known = {}
        return [split_authors(field, known) for field in fields]

    timed = {
        "split": lambda: [split_multiple_persons_names(field) for field in fields],
        "parts": lambda: [parse_single_name_into_parts(person, strict=False) for person in persons],
        "labfolio": lambda: [split_authors(field, {}) for field in fields],
        "labfolio_per_file": per_file,
    }
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(runs):
        for name, function in timed.items():
            best[name] = min(best[name], best_of(1, function)[0])
    library = best["split"] + best["parts"]
    return {
        "fields": len(fields),
        "persons": len(persons),
        "distinct": len(set(persons)),
        **best,
        "library": library,
        "ratio": best["labfolio"] / library,
    }
