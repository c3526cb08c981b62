"""The quick mode of `make bench`: importing stays within 8× bibtexparser's bare parse."""

from publications.bench import import_ratio


def test_importing_costs_at_most_eight_times_a_bare_parse(db):
    result = import_ratio(entries=5000)
    assert result["ratio"] <= 8, result
