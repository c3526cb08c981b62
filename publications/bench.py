"""Import speed against bibtexparser's bare parse, measured side by side on the same text."""

import time

import bibtexparser

from .benchdata import synthetic_bibtex
from .services import publication_import


def best_of(runs, function):
    """The fastest of `runs` timings of function(), in seconds, and its last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def import_ratio(entries=5000, runs=3):
    """Time a full import (dry run: every write made, then rolled back) and a bare parse of the same file."""
    text = synthetic_bibtex(entries)
    bare, _ = best_of(runs, lambda: bibtexparser.parse_string(text, parse_stack=[]))
    stacked, _ = best_of(runs, lambda: bibtexparser.parse_string(text))
    total, report = best_of(runs, lambda: publication_import(text=text, dry_run=True))
    assert len(report.created) == entries, report.summary()
    return {
        "entries": entries,
        "bare_parse": bare,
        "bibtexparser_default_stack": stacked,
        "import": total,
        "ratio": total / bare,
        "breakdown": report.timings,
    }
