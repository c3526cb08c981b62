"""Which authorships are confirmed is said once, by Authorship.objects.confirmed(), read from the source.

A filter written by hand (link_state=LinkState.CONFIRMED) would drift from it the day the rule gains a
condition. Writes that set the state are not reads and stay; models.py defines the method itself.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ["researchers", "publications", "news", "portal", "tools"]
READS = {"filter", "exclude", "get", "Q", "Count"}


def hand_written_confirmed_filters(path):
    """Lines where a query filters on link_state being confirmed, written out rather than asked of the QuerySet."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in READS:
            continue
        for keyword in node.keywords:
            lookup = (keyword.arg or "").split("__")
            value = keyword.value
            confirmed = (isinstance(value, ast.Attribute) and value.attr == "CONFIRMED") or (
                isinstance(value, ast.Constant) and value.value == "confirmed"
            )
            if "link_state" in lookup and lookup[-1] in {"link_state", "exact"} and confirmed:
                yield node.lineno


def violations(folder):
    return [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "models.py" and "migrations" not in path.parts
        for line in hand_written_confirmed_filters(path)
    ]


@pytest.mark.parametrize("folder", SCANNED)
def test_confirmed_authorships_are_read_through_the_queryset_method(folder):
    assert violations(folder) == []


def test_a_hand_written_confirmed_filter_is_found_and_a_write_is_not(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "Authorship.objects.filter(researcher=member, link_state=LinkState.CONFIRMED)\n"
        "Count('authorships', filter=Q(authorships__link_state='confirmed'))\n"
        "Authorship(publication=paper, link_state=LinkState.CONFIRMED)\n"
        "Authorship.objects.filter(link_state__in=[LinkState.CONFIRMED, LinkState.SUGGESTED])\n"
    )
    assert list(hand_written_confirmed_filters(module)) == [1, 2]
