"""Import speed against bibtexparser's bare parse, measured side by side on the same text."""

import gc
import time

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from publications.names import split_name_parts, split_top_level
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
    """Time bibtexparser's person-name splitting against Labfolio's over the author fields of the import's file.

    Two steps, each over every author field or every person (no cache, unlike the import's per-file one):
    author fields into persons, and persons into family and given parts (still in LaTeX: decoding and
    self-highlight stripping are Labfolio's alone and are not timed). Rounds alternate as in import_ratio.
    """
    fields = [
        entry.fields_dict["author"].value for entry in bibtexparser.parse_string(synthetic_bibtex(entries)).entries
    ]
    persons = [person for field in fields for person in split_multiple_persons_names(field)]
    ours_persons = [person for field in fields for person in split_top_level(field, r"\s+and\s+")]
    assert persons == ours_persons, "the two splits disagree on the bench's authors"
    steps = {
        "split": (
            lambda: [split_multiple_persons_names(field) for field in fields],
            lambda: [split_top_level(field, r"\s+and\s+") for field in fields],
        ),
        "parts": (
            lambda: [parse_single_name_into_parts(person, strict=False) for person in persons],
            lambda: [split_name_parts(person) for person in persons],
        ),
    }
    best = {(step, side): float("inf") for step in steps for side in ("library", "ours")}
    for _ in range(runs):
        for step, (library, ours) in steps.items():
            best[step, "library"] = min(best[step, "library"], best_of(1, library)[0])
            best[step, "ours"] = min(best[step, "ours"], best_of(1, ours)[0])
    result = {"fields": len(fields), "persons": len(persons)}
    for step in steps:
        result[step] = {"library": best[step, "library"], "ours": best[step, "ours"]}
        result[step]["ratio"] = best[step, "library"] / best[step, "ours"]
    library_total = sum(best[step, "library"] for step in steps)
    ours_total = sum(best[step, "ours"] for step in steps)
    result["total"] = {"library": library_total, "ours": ours_total, "ratio": library_total / ours_total}
    return result
