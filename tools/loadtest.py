"""Load test: the portal under gunicorn, many anonymous readers, and an editor whose every edit must show.

A scratch database (SQLite under ``VAR_DIR``, or a PostgreSQL database of its own) is migrated
and seeded with the demo lab and synthetic volume; gunicorn serves it on 127.0.0.1. Reader
threads fetch a weighted mix of public pages for the given time while, in a separate process,
an editor signs in, changes content through the admin's forms and a member's dashboard, and
reads the public page straight after, anonymously: an edit the server acknowledged but the page does not show is a
stale read. Beside them a hostile member (another process) sends what a member could send to tie the server up:
oversize BibTeX pastes, large imports that must go to the background-job worker, junk query strings that
bypass caches, and pathological markdown previews. Errors for readers, a worker killed, a server error for the
hostile member, "database is locked" in the server's log and stale reads fail the run.

Only the standard library at module level: the editor process imports this module fresh.
"""

import http.client
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
EDITOR = "loadtest-editor"
HOSTILE = "loadtest-hostile"
# What gunicorn writes when it kills a worker that stopped answering, or one that ran out of memory.
WORKER_KILLED = ("WORKER TIMEOUT", "was sent SIGKILL", "Perhaps out of memory")
LOCKED = "database is locked"
SEARCHES = ["learning", "diffusion models", "Marchetti", "graph neural", "robust", "陈", "climate -learning"]
# (weight, kind): how often each kind of page is asked for, roughly as visitors and crawlers do.
READ_MIX = [
    (10, "home"),
    (8, "directory"),
    (25, "member"),
    (8, "member_publications"),
    (14, "publications"),
    (10, "search"),
    (10, "feed"),
    (8, "news"),
    (7, "blog"),
]


@dataclass
class Scratch:
    """Where a load test keeps its database, files and server log."""

    var_dir: Path
    database_url: str = ""  # empty: SQLite under var_dir
    redis_url: str = ""

    @property
    def vendor(self):
        return "postgresql" if self.database_url.startswith(("postgres://", "postgresql://")) else "sqlite"

    def env(self, **extra):
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in {"DATABASE_URL", "REDIS_URL", "VAR_DIR", "MEDIA_ROOT", "DEBUG", "SITE_URL"}
        }
        env["VAR_DIR"] = str(self.var_dir)
        env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        env.update(extra)
        return env

    def run_tool(self, module, *args):
        subprocess.run(
            [sys.executable, "-m", module, *args], cwd=BASE_DIR, env=self.env(), check=True, stdout=subprocess.DEVNULL
        )


def reset_database(scratch):
    """An empty scratch database: the SQLite files removed, or the PostgreSQL database created anew."""
    if scratch.vendor == "sqlite":
        for path in scratch.var_dir.glob("labfolio.sqlite3*"):
            path.unlink()
        return
    import psycopg

    parts = urlsplit(scratch.database_url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in {"postgres", "labfolio"}:
        raise ValueError(f"{name!r} is not a name for a scratch database: it is dropped and created again.")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(scratch):
    if scratch.vendor != "postgresql":
        return
    import psycopg

    parts = urlsplit(scratch.database_url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def prepare(scratch, papers=2000):
    """Migrate and seed the scratch database; returns the plan: pages to read, edits to make, the editor's password."""
    started = time.perf_counter()
    scratch.var_dir.mkdir(parents=True, exist_ok=True)
    for stale in ("cache", "media"):
        shutil.rmtree(scratch.var_dir / stale, ignore_errors=True)
    reset_database(scratch)
    password = uuid.uuid4().hex
    scratch.run_tool("tools.run_loadtest", "seed", "--papers", str(papers), "--password", password)
    plan = json.loads((scratch.var_dir / "loadtest-plan.json").read_text())
    return {**plan, "password": password, "setup": time.perf_counter() - started}


def seed(papers, password, var_dir):
    """Fill the scratch database: the demo lab, synthetic volume, an editor; write down what to read and edit.

    Runs inside the scratch settings, and migrates and collects static files too, so that Django starts once.
    """
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from researchers.models import Researcher

    from .bench import add_synthetic_lab, busiest_member

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    add_synthetic_lab(papers, people=40, news=150, posts=30)
    editor = get_user_model().objects.create_superuser(EDITOR, f"{EDITOR}@example.org", password)
    # The demo lab's members, whose pages are full, and a few of the synthetic ones.
    members = list(Researcher.objects.listed().exclude(slug__startswith="bench-").values_list("slug", flat=True))
    members += list(Researcher.objects.listed().filter(slug__startswith="bench-").values_list("slug", flat=True)[:10])
    edited = Researcher.objects.listed().exclude(slug__startswith="bench-").order_by("pk").first()
    # The editor is also that member, so it edits both as a lab admin and on the member's own dashboard.
    edited.user = editor
    edited.save(update_fields=["user"])
    # The hostile member: an ordinary account with a hidden profile, so the public pages do not change.
    hostile = get_user_model().objects.create_user(HOSTILE, f"{HOSTILE}@example.org", password)
    Researcher.objects.create(name="Hostile Member", slug=HOSTILE, user=hostile, visibility="hidden")
    busiest = busiest_member()
    plan = {
        "members": members,
        "busiest": busiest.slug,
        "edits": [
            {"kind": "news", "form": "/admin/news/newsitem/add/", "field": "body", "page": "/news/"},
            {
                "kind": "bio",
                "form": f"/admin/researchers/researcher/{edited.pk}/change/",
                "field": "bio",
                "page": f"/people/{edited.slug}/",
            },
            {"kind": "dashboard bio", "form": "/me/profile/", "field": "bio", "page": f"/people/{edited.slug}/"},
            {"kind": "dashboard news", "form": "/me/news/add/", "field": "body", "page": "/news/"},
        ],
    }
    (Path(var_dir) / "loadtest-plan.json").write_text(json.dumps(plan))


def read_paths(plan, rng):
    """An endless weighted mix of (kind, public address)."""
    members = plan["members"]
    years = list(range(2000, 2025))
    makers = {
        "home": lambda: "/",
        "directory": lambda: "/people/",
        "member": lambda: f"/people/{rng.choice(members)}/",
        "member_publications": lambda: f"/people/{rng.choice(members)}/publications/",
        "publications": lambda: (
            "/publications/?"
            + rng.choice(
                [
                    "",
                    f"year={rng.choice(years)}",
                    "type=article",
                    f"member={rng.choice(members)}",
                    "q=diffusion",
                    f"page={rng.randint(1, 5)}",
                ]
            )
        ),
        "search": lambda: "/search/?" + urlencode({"q": rng.choice(SEARCHES)}),
        "feed": lambda: rng.choice(["/news/feed/", "/blog/feed/", f"/people/{rng.choice(members)}/news/feed/"]),
        "news": lambda: rng.choice(["/news/", f"/news/?member={rng.choice(members)}"]),
        "blog": lambda: "/blog/",
    }
    weights, kinds = zip(*READ_MIX, strict=True)
    while True:
        kind = rng.choices(kinds, weights)[0]
        yield kind, makers[kind]()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(scratch, workers, threads, log_path, **env):
    """gunicorn on a free port of 127.0.0.1, answering /healthz; returns (process, port). `env` adds variables."""
    port = free_port()
    log = open(log_path, "w")  # noqa: SIM115 - the server writes to it until stop_server()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
         "--timeout", "60", "--graceful-timeout", "5", "--keep-alive", "5"],
        cwd=BASE_DIR, env=scratch.env(SITE_URL=f"http://127.0.0.1:{port}", **env), stdout=log, stderr=log,
        start_new_session=True,
    )  # fmt: skip
    process.log = log
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: see {log_path}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return process, port
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"gunicorn did not answer within 30 s: see {log_path}")


def stop_server(process):
    """Stop gunicorn at once (its quick shutdown): the measuring is over, nothing is left in flight."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log.close()


@dataclass
class Reads:
    latencies: list = field(default_factory=list)
    by_kind: dict = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)  # (status or error, path), the first few
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, latency, status, kind, path):
        with self.lock:
            self.latencies.append(latency)
            self.by_kind.setdefault(kind, []).append(latency)
            self.statuses[status] += 1
            if status != 200 and len(self.failures) < 20:
                self.failures.append((status, path))


def reader(port, plan, deadline, reads, seed_value):
    """One visitor on a kept-alive connection, reading pages one after another until the deadline."""
    rng = random.Random(seed_value)
    paths = read_paths(plan, rng)
    connection = None
    while time.monotonic() < deadline:
        kind, path = next(paths)
        started = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            if connection is not None:
                connection.close()
            connection = None
        reads.record(time.perf_counter() - started, status, kind, path)
    if connection is not None:
        connection.close()


def form_fields(page):
    """The fields a browser would submit from each <form> of a page: [(action, [(name, value)])].

    lxml.html's form_values() picks the successful controls as a browser does, with two exceptions
    made good here: a browser drops the newline that follows <textarea>, as HTML says, and libxml2
    keeps it; a browser sends an input without a value attribute as empty, and lxml leaves it out.
    """
    import lxml.html  # here, not at the top: the editor process starts from this module alone

    forms = []
    for form in lxml.html.document_fromstring(page).forms:
        for textarea in form.iter("textarea"):
            textarea.text = (textarea.text or "").removeprefix("\n")
        for control in form.iter("input"):
            if control.get("value") is None and control.get("type", "text").lower() not in {"checkbox", "radio"}:
                control.set("value", "")
        forms.append((form.get("action", ""), form.form_values()))
    return forms


class Browser:
    """A signed-in editor: one kept-alive connection, cookies, CSRF tokens scraped from forms."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body).encode()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (OSError, http.client.HTTPException):
            # The server may close a connection whose large body it refused unread: one retry on a new one.
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.connection.timeout)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.getheader("Location", ""), content

    def form(self, path, containing):
        """The fields of the form on `path` that has a field named `containing`."""
        status, _, page = self.request("GET", path)
        for _, fields in form_fields(page):
            if any(name == containing for name, _ in fields):
                return fields
        raise RuntimeError(f"no form with {containing!r} on {path} (status {status})")

    def sign_in(self, username, password, path="/admin/login/"):
        fields = dict(self.form(path, "username"))
        status, location, _ = self.request(
            "POST",
            path,
            {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "username": username, "password": password,
             "next": "/admin/" if path.startswith("/admin/") else "/me/"},
        )  # fmt: skip
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not sign in (status {status})")


def anonymous_read(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def edit_loop(port, password, edits, deadline, results):
    """The editor's process: edit through the admin's and the dashboard's forms in turn, then read each public
    page anonymously.

    An edit is a form address, the field to change and the public page that shows it; another
    editing path (a member's own dashboard, say) is one more entry in the plan.
    """
    outcome = {"acknowledged": 0, "visible": 0, "stale": [], "refused": [], "latencies": []}
    try:
        browser = Browser(port)
        browser.sign_in(EDITOR, password)
        number = 0
        # Every editing path at least once, however slow the machine: the run checks behaviour first.
        while number < len(edits) or time.monotonic() < deadline:
            edit = edits[number % len(edits)]
            number += 1
            token = f"loadtest-{uuid.uuid4().hex[:12]}"
            started = time.perf_counter()
            fields = browser.form(edit["form"], edit["field"])
            data = [(name, value) for name, value in fields if name != edit["field"]]
            data.append((edit["field"], f"Load test edit {token}."))
            status, location, page = browser.request("POST", edit["form"], data)
            outcome["latencies"].append(time.perf_counter() - started)
            if status != 302:
                outcome["refused"].append(f"{edit['kind']}: status {status}")
                continue
            outcome["acknowledged"] += 1
            status, page = anonymous_read(port, edit["page"])
            if status == 200 and token in page:
                outcome["visible"] += 1
            else:
                outcome["stale"].append(f"{edit['kind']}: {edit['page']} (status {status}) lacks {token}")
    except Exception as error:  # reported to the parent, which fails the run
        outcome["refused"].append(f"editor stopped: {type(error).__name__}: {error}")
    results.put(outcome)


def hostile_bibtex(count, prefix):
    return "\n".join(
        f"@article{{{prefix}{number}, title={{Hostile paper {prefix} {number}}}, author={{Member, Hostile}}, "
        f"journal={{Journal of Load}}, year={{2020}}}}"
        for number in range(count)
    )


# Markdown built to make a renderer work hard: deep nesting, many headings, definitions and references.
PATHOLOGICAL_MARKDOWN = {
    "nested brackets": "[" * 50_000 + "x" + "](y)" * 2_000,
    "headings": "# heading\n" * 60_000,
    "abbreviations": "".join(f"*[A{number}]: definition {number}\n" for number in range(10_000)) + "A1 " * 5_000,
    "footnotes": "".join(f"text[^{number}]\n\n[^{number}]: note {number}\n" for number in range(10_000)),
    "nested divs": "<div>" * 30_000 + "x" + "</div>" * 30_000,
    "emphasis": "*a **b " * 40_000,
}


def hostile_attacks(member, rng):
    """An endless cycle of (kind, method, path, form data or None, signed in?) a hostile member sends."""
    number = 0
    while True:
        number += 1
        junk = uuid.uuid4().hex
        junk_addresses = [
            f"/?utm_source={junk}",
            f"/people/{member}/publications/?x={junk}",
            f"/publications/?page=9999999&{junk}=1",
            f"/publications/?q={junk * 6}&year=abc&venue={junk}",
            f"/search/?q={junk}&page=-1",
            f"/news/?member={junk}",
        ]
        yield "junk query", "GET", rng.choice(junk_addresses), None, False
        yield (
            "paste of 60,000 entries",
            "POST",
            "/me/publications/import/",
            {"text": "".join(f"@a{{k{entry},}}" for entry in range(60_000))},
            True,
        )
        yield "paste of 6 MB", "POST", "/me/publications/import/", {"text": "@misc{" + "x" * 6 * 1024 * 1024}, True
        if number % 3 == 1:
            yield (
                "import of 1,000 entries (background)",
                "POST",
                "/me/publications/import/",
                {"text": hostile_bibtex(1000, f"h{number}x"), "dry_run": "on"},
                True,
            )
        name = rng.choice(sorted(PATHOLOGICAL_MARKDOWN))
        yield f"preview: {name}", "POST", "/markdownx/markdownify/", {"content": PATHOLOGICAL_MARKDOWN[name]}, True


def hostile_loop(port, password, member, deadline, results):
    """The hostile member's process: one request at a time, as fast as the server answers, until the deadline.

    Returns per kind of attack the statuses and latencies, and the states of the background jobs it started.
    """
    outcome = {"attacks": {}, "jobs": [], "stopped": ""}
    try:
        browser = Browser(port)
        browser.sign_in(HOSTILE, password, path="/accounts/login/")
        rng = random.Random(13)
        jobs = []
        for kind, method, path, data, signed_in in hostile_attacks(member, rng):
            if time.monotonic() >= deadline:
                break
            started = time.perf_counter()
            if signed_in:
                fields = {"csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")}
                status, location, _ = browser.request(method, path, {**fields, **data})
            else:
                status, _ = anonymous_read(port, path)
                location = ""
            outcome["attacks"].setdefault(kind, []).append((status, time.perf_counter() - started))
            if location.startswith("/me/jobs/"):
                jobs.append(location)
        # The worker has had the run to catch up; each job's page says how far it got.
        time.sleep(3)
        for job in jobs:
            _, _, page = browser.request("GET", job)
            state = re.search(r'class="job-state"[^>]*>\s*([A-Za-z ]+)', page)
            outcome["jobs"].append(state.group(1).strip() if state else "unknown")
    except Exception as error:  # reported to the parent, which fails the run
        outcome["stopped"] = f"{type(error).__name__}: {error}"
    results.put(outcome)


def percentile(values, fraction):
    """The nearest-rank percentile: the smallest value at least `fraction` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else 0.0


def drive(port, plan, clients, duration, password, edits=True, hostile=False):
    """Readers in threads, the editor and the hostile member in processes of their own, for `duration` seconds."""
    deadline = time.monotonic() + duration
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    hostile_results = context.Queue()
    editor = attacker = None
    if edits:
        editor = context.Process(target=edit_loop, args=(port, password, plan["edits"], deadline, results))
        editor.start()
    if hostile:
        member = plan["busiest"]
        attacker = context.Process(target=hostile_loop, args=(port, password, member, deadline, hostile_results))
        attacker.start()
    reads = Reads()
    threads = [
        threading.Thread(target=reader, args=(port, plan, deadline, reads, number), daemon=True)
        for number in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    outcome = {"acknowledged": 0, "visible": 0, "stale": [], "refused": [], "latencies": []}
    if editor is not None:
        outcome = results.get(timeout=duration + 120)
        editor.join(timeout=30)
    attacks = {"attacks": {}, "jobs": [], "stopped": ""}
    if attacker is not None:
        attacks = hostile_results.get(timeout=duration + 300)
        attacker.join(timeout=30)
    return reads, elapsed, outcome, attacks


def start_job_worker(scratch, log_path):
    """The background-job worker beside gunicorn, as `make run` starts it."""
    log = open(log_path, "w")  # noqa: SIM115 - the worker writes to it until stop_server()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
        cwd=BASE_DIR, env=scratch.env(), stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    process.log = log
    return process


def run_loadtest(*, scratch, plan, clients=50, duration=30, workers=3, threads=8, hostile=True):
    """Serve the prepared scratch lab, drive it, stop; returns the figures as a dict (see `passed` and `report`)."""
    log_path = scratch.var_dir / "gunicorn.log"
    worker_log_path = scratch.var_dir / "worker.log"
    started = time.perf_counter()
    process, port = start_server(scratch, workers, threads, log_path)
    job_worker = start_job_worker(scratch, worker_log_path)
    setup = plan["setup"] + time.perf_counter() - started
    try:
        reads, elapsed, edits, attacks = drive(port, plan, clients, duration, plan["password"], hostile=hostile)
    finally:
        stop_server(process)
        stop_server(job_worker)
    log = log_path.read_text(errors="replace")
    latencies = reads.latencies
    errors = {str(status): count for status, count in reads.statuses.items() if status != 200}
    return {
        "vendor": scratch.vendor,
        "clients": clients,
        "duration": elapsed,
        "workers": workers,
        "threads": threads,
        "setup": setup,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "errors": errors,
        "failures": reads.failures,
        "by_kind": {
            kind: (len(times), percentile(times, 0.5), percentile(times, 0.95)) for kind, times in reads.by_kind.items()
        },
        "locked": log.count(LOCKED) + worker_log_path.read_text(errors="replace").count(LOCKED),
        "server_errors_logged": log.count("Internal Server Error"),
        # Only while it served: stopping it at the end kills the workers still busy, by design.
        "workers_killed": workers_killed(log.split("Handling signal: int")[0]),
        "edits": edits,
        "hostile": hostile_figures(attacks),
        "log": str(log_path),
    }


def workers_killed(log):
    return sum(1 for line in log.splitlines() if any(sign in line for sign in WORKER_KILLED))


def hostile_figures(attacks):
    """Per kind of attack: how many, their statuses, the slowest answer; the jobs' final states."""
    kinds = {}
    for kind, answers in attacks["attacks"].items():
        statuses = Counter(str(status) for status, _ in answers)
        kinds[kind] = {"count": len(answers), "statuses": dict(statuses), "slowest": max(t for _, t in answers)}
    server_errors = sum(
        count for kind in kinds.values() for status, count in kind["statuses"].items() if not status.isdigit() or
        status.startswith("5")
    )  # fmt: skip
    return {"kinds": kinds, "jobs": Counter(attacks["jobs"]), "server_errors": server_errors,
            "stopped": attacks["stopped"]}  # fmt: skip


def passed(result):
    edits = result["edits"]
    return (
        not result["errors"]
        and not result["locked"]
        and not result["server_errors_logged"]
        and not result["workers_killed"]
        and not result["hostile"]["server_errors"]
        and not result["hostile"]["stopped"]
        and edits["acknowledged"] > 0
        and not edits["stale"]
        and not edits["refused"]
    )


def report(result):
    """The figures as a few lines of text."""
    edits = result["edits"]
    edit_times = edits["latencies"]
    errors = ", ".join(f"{status}: {count}" for status, count in sorted(result["errors"].items())) or "none"
    lines = [
        f"Load test on {result['vendor']}: {result['clients']} readers for {result['duration']:.1f} s, "
        f"gunicorn {result['workers']} workers × {result['threads']} threads on 127.0.0.1 "
        f"(setup {result['setup']:.1f} s)",
        f"  requests        {result['requests']:,}  ({result['rps']:.0f} requests/s)",
        f"  latency         p50 {result['p50'] * 1000:.1f} ms   p95 {result['p95'] * 1000:.1f} ms   "
        f"p99 {result['p99'] * 1000:.1f} ms",
        f"  errors          {errors}",
        f'  locked          {result["locked"]} "{LOCKED}" in the server log; '
        f"{result['server_errors_logged']} server errors logged",
        f"  edits           {edits['acknowledged']} acknowledged, {edits['visible']} visible on the next read, "
        f"{len(edits['stale'])} stale, {len(edits['refused'])} refused"
        + (f"; p50 {percentile(edit_times, 0.5) * 1000:.0f} ms a form round trip" if edit_times else ""),
    ]
    lines += [
        f"    {kind:<20}{count:>7,}   p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"
        for kind, (count, p50, p95) in sorted(result["by_kind"].items())
    ]
    hostile = result["hostile"]
    if hostile["kinds"] or hostile["stopped"]:
        jobs = ", ".join(f"{count} {state.lower()}" for state, count in sorted(hostile["jobs"].items())) or "none"
        lines.append(
            f"  hostile member  {sum(kind['count'] for kind in hostile['kinds'].values())} requests, "
            f"{hostile['server_errors']} server errors; {result['workers_killed']} workers killed; jobs: {jobs}"
        )
        lines += [
            f"    {kind:<38}{figures['count']:>5}   "
            + ", ".join(f"{status} × {count}" for status, count in sorted(figures["statuses"].items()))
            + f"   slowest {figures['slowest']:.2f} s"
            for kind, figures in sorted(hostile["kinds"].items())
        ]
        if hostile["stopped"]:
            lines.append(f"  hostile stopped {hostile['stopped']}")
    lines += [f"  failed read     {status} {path}" for status, path in result["failures"][:5]]
    lines += [f"  stale read      {line}" for line in edits["stale"][:5]]
    lines += [f"  refused edit    {line}" for line in edits["refused"][:5]]
    lines.append(f"  result          {'PASS' if passed(result) else 'FAIL'}  (server log: {result['log']})")
    return "\n".join(lines)
