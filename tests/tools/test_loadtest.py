"""make loadtest and make bench's server figures, in quick modes, on one scratch copy of the lab under gunicorn."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from tools.bench import page_throughput
from tools.loadtest import (
    Scratch,
    drop_database,
    form_fields,
    hostile_figures,
    passed,
    prepare,
    report,
    run_loadtest,
    workers_killed,
)


def scratch_database_url():
    """A PostgreSQL database of this run's own when the suite runs on PostgreSQL; else SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return ""
    return urlunsplit(urlsplit(url)._replace(path=f"/labfolio_loadtest_{os.getpid()}"))


@pytest.fixture(scope="module")
def scratch_lab(tmp_path_factory):
    """The demo lab and a few hundred papers in a scratch database, prepared once for this module."""
    scratch = Scratch(tmp_path_factory.mktemp("loadtest"), scratch_database_url())
    try:
        yield scratch, prepare(scratch, papers=200)
    finally:
        drop_database(scratch)


def test_under_load_every_read_succeeds_and_every_acknowledged_edit_shows(scratch_lab):
    scratch, plan = scratch_lab
    # Without the hostile member: its pathological previews may take longer than this quick run.
    result = run_loadtest(scratch=scratch, plan=plan, clients=10, duration=5, workers=2, threads=4, hostile=False)
    print(report(result))
    assert result["requests"] > 0
    assert result["errors"] == {}, result["failures"]
    assert result["locked"] == 0 and result["server_errors_logged"] == 0
    edits = result["edits"]
    assert edits["refused"] == [] and edits["stale"] == []
    assert edits["acknowledged"] >= len(plan["edits"]) and edits["visible"] == edits["acknowledged"]


def test_the_member_page_is_measured_against_a_trivial_view_in_three_modes(scratch_lab):
    # Behaviour only: every answer is a 200 in every mode. The speeds, and what each cache
    # gains, are make bench's to judge against their budgets.
    scratch, plan = scratch_lab
    result = page_throughput(scratch=scratch, plan=plan, clients=4, seconds=1, rounds=1, workers=2, threads=4)
    modes = [result[mode] for mode in ("warm", "cold", "uncached")]
    assert [mode["errors"] for mode in modes] == [0, 0, 0]
    assert all(mode["trivial_rps"] > 0 and mode["member_rps"] > 0 for mode in modes)


def test_the_editor_submits_what_a_browser_would():
    page = """
    <form id="logout-form" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="a"></form>
    <form method="post" enctype="multipart/form-data">
      <input type="hidden" name="csrfmiddlewaretoken" value="b">
      <input type="text" name="name" value="Ada &amp; Co"><input type="text" name="empty">
      <input type="checkbox" name="pinned"><input type="checkbox" name="featured" checked>
      <input type="file" name="photo"><input type="submit" name="_save" value="Save">
      <textarea name="bio">
First line &lt;b&gt;</textarea>
      <select name="role"><option value="phd">PhD</option><option value="pi" selected>PI</option></select>
      <select name="status"><option value="current">Current</option><option value="alumni">Alumni</option></select>
      <select name="tags" multiple><option value="1" selected>x</option><option value="2" selected>y</option></select>
    </form>"""
    assert [fields for _, fields in form_fields(page)][1] == [
        ("csrfmiddlewaretoken", "b"),
        ("name", "Ada & Co"),
        ("empty", ""),
        ("featured", "on"),
        ("bio", "First line <b>"),
        ("role", "pi"),
        ("status", "current"),
        ("tags", "1"),
        ("tags", "2"),
    ]


def test_a_worker_killed_while_serving_counts_and_one_stopped_at_the_end_does_not():
    log = (
        "[INFO] Booting worker with pid: 10\n"
        "[CRITICAL] WORKER TIMEOUT (pid:10)\n"
        "[ERROR] Worker (pid:11) was sent SIGKILL! Perhaps out of memory?\n"
        "[INFO] Handling signal: int\n"
        "[ERROR] Worker (pid:12) was sent SIGKILL! Perhaps out of memory?\n"
    )
    assert workers_killed(log.split("Handling signal: int")[0]) == 2


def test_a_server_error_for_the_hostile_member_fails_the_run():
    attacks = {
        "attacks": {"paste": [(400, 0.2), (400, 0.3)], "preview": [(200, 1.0), (502, 9.0), ("TimeoutError", 60.0)]},
        "jobs": ["Finished"],
        "stopped": "",
    }
    figures = hostile_figures(attacks)
    assert figures["server_errors"] == 2
    assert figures["kinds"]["preview"]["slowest"] == 60.0
    result = {
        "errors": {}, "locked": 0, "server_errors_logged": 0, "workers_killed": 0, "hostile": figures,
        "edits": {"acknowledged": 1, "visible": 1, "stale": [], "refused": [], "latencies": [0.1]},
    }  # fmt: skip
    assert not passed(result)
    assert passed({**result, "hostile": hostile_figures({**attacks, "attacks": {"paste": [(400, 0.2)]}})})
