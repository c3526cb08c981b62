"""make bench's query table, in a quick mode: no public page makes more queries for more papers.

The server figures (member page against a trivial view) are measured in tests/tools/test_loadtest.py,
on the scratch lab the load test prepares.
"""

from tests.factories import AuthorshipFactory, ResearcherFactory
from tools.bench import allowed_growth, busiest_member
from tools.run_bench import Budget, Command


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


def test_a_figure_fails_the_bench_only_when_past_its_budget_by_more_than_the_margin():
    time_budget, throughput_budget = Budget(50), Budget(2.0, at_most=False)
    assert time_budget.verdict(49, margin=0.25) == ""
    assert time_budget.verdict(60, margin=0.25) == "over, within margin"
    assert time_budget.verdict(63, margin=0.25) == "MISSED"
    assert throughput_budget.verdict(1.6, margin=0.25) == "over, within margin"
    assert throughput_budget.verdict(1.4, margin=0.25) == "MISSED"


def test_a_missed_figure_is_marked_and_named_for_the_failure_message(capsys):
    command = Command()
    command.margin = 0.25
    assert command.judge("search median", 80.0, Budget(50), "ms") == "search median 80.00ms, budget ≤ 50ms"
    assert "MISSED" in capsys.readouterr().out


def test_the_busiest_member_is_the_one_with_the_most_confirmed_papers(db):
    many_suggestions, two_confirmed = ResearcherFactory(), ResearcherFactory()
    for _ in range(3):
        AuthorshipFactory(researcher=many_suggestions, link_state="suggested")
    for _ in range(2):
        AuthorshipFactory(researcher=two_confirmed, link_state="confirmed")

    assert busiest_member() == two_confirmed
