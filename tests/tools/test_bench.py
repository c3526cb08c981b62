"""make bench's query table, in a quick mode: no public page makes more queries for more papers.

The server figures (member page against a trivial view) are measured in tests/tools/test_loadtest.py,
on the scratch lab the load test prepares.
"""

from tools.bench import allowed_growth
from tools.run_bench import Command


def test_no_public_page_makes_more_queries_for_more_papers(db, capsys):
    # The command fails when a page answers other than 200 or grows past its allowance.
    Command().run_from_argv(["run_bench", "bench", "queries", "--query-papers", "120"])
    output = capsys.readouterr().out
    assert "with 66 and 186 papers" in output
    rows = [line.split() for line in output.splitlines() if line.startswith("  ") and "/" in line]
    assert len(rows) >= 25 and "GROWS" not in output
    assert any(row[:2] == ["member", "page"] for row in rows)


def test_streamed_exports_may_add_a_query_per_chunk_and_other_pages_only_one():
    assert allowed_growth("lab BibTeX", 66, 2066) == 5
    assert allowed_growth("member page", 66, 2066) == 1
