"""Benchmarks: search speed over many synthetic papers, page throughput against a trivial view, query counts.

The server benchmark runs gunicorn with ``ROOT_URLCONF=tools.bench``: this module's ``urlpatterns``
are the site's plus a trivial baseline view, so production addresses stay as they are.
"""

import datetime
import http.client
import io
import math
import statistics
import threading
import time

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from news.models import NewsItem, Post, Tag
from portal import urls as site_urls
from portal.pages.search import search, search_results
from publications.models import Authorship, LinkState, Publication
from researchers.models import NameVariant, Researcher, Role, folded_name
from tools.benchdata import synthetic_publications

from . import loadtest


def trivial_view(request):
    """The baseline: a Django view that does nothing, answered through the whole middleware stack."""
    response = HttpResponse("ok\n", content_type="text/plain")
    response["Cache-Control"] = "no-store"  # never from the page cache: it stands for Django's own cost
    return response


urlpatterns = [path("bench/trivial/", trivial_view), *site_urls.urlpatterns]

# A name, a name's start, a native-script name, title words, two words, venues, rare terms, nothing.
SEARCH_QUERIES = [
    "Elena Marchetti",
    "Marchetti",
    "Zhang",
    "García",
    "marc",
    "陈雨桐",
    "learning",
    "diffusion",
    "transformer",
    "segmentation",
    "graph neural",
    "diffusion models",
    "robust optimization",
    "Zhang privacy",
    "Robotics Automation",
    "Computational Linguistics",
    "hydrology",
    "wildfire",
    "climate -learning",
    "xylophone",
]
BENCH_MEMBERS = [("Elena Marchetti", "", "Marchetti, E."), ("Yutong Chen", "陈雨桐", "Chen, Y.")]


def add_synthetic_lab(papers, people=200, news=300, posts=60):
    """`papers` synthetic papers, and members, news and posts around them, written in bulk."""
    Publication.objects.bulk_create(synthetic_publications(papers), batch_size=2000)
    members = [
        Researcher(slug=f"bench-{number}", name=name, native_name=native, role=Role.PHD, position="PhD student")
        for number, (name, native, _) in enumerate(BENCH_MEMBERS)
    ]
    members += [
        Researcher(slug=f"bench-member-{number}", name=f"Member Number{number}", focus="Robust machine learning")
        for number in range(people)
    ]
    for member in members:
        member.name_folded = folded_name(member.name)  # bulk_create skips save(), which sets it
    Researcher.objects.bulk_create(members)
    NameVariant.objects.bulk_create(
        NameVariant(researcher=member, name=variant, key=variant.lower())
        for member, (_, _, variant) in zip(members, BENCH_MEMBERS, strict=False)
    )
    today = datetime.date.today()
    NewsItem.objects.bulk_create(
        NewsItem(
            date=today - datetime.timedelta(days=number),
            body=f"Paper {number} on diffusion models accepted at NeurIPS with Elena Marchetti.",
            body_html=f"<p>Paper {number} on diffusion models accepted at NeurIPS with Elena Marchetti.</p>",
        )
        for number in range(news)
    )
    Post.objects.bulk_create(
        Post(
            title=f"What we learned about robust learning, part {number}",
            slug=f"bench-post-{number}",
            date=today - datetime.timedelta(days=number),
            summary="Notes from the lab's reading group.",
            body="We read about graph neural networks and climate models. " * 20,
            body_html="<p>" + "We read about graph neural networks and climate models. " * 20 + "</p>",
            status=Post.Status.PUBLISHED,
        )
        for number in range(posts)
    )
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: statistics for the planner.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Publication._meta.db_table)}")


def vacuum():
    """On PostgreSQL, outside a transaction: clear the dead rows a rolled-back run leaves, as autovacuum would."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        models = (Publication, Authorship, Researcher, NameVariant, NewsItem, Post)
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {tables}")


def percentile(values, fraction):
    """The nearest-rank percentile: the smallest value at least `fraction` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# Templates name static files; the manifest that production storage reads need not exist here.
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def search_timings(papers=50000, runs=10, queries=SEARCH_QUERIES):
    """Time the search page's work (searching and rendering, no HTTP) for each query, in seconds.

    The synthetic lab is written in a transaction that is rolled back at the end, on whatever
    database is configured. Each query runs once to warm up, then `runs` times.
    """
    factory = RequestFactory()
    rows = []
    vacuum()
    with override_settings(STORAGES=PLAIN_STATIC, ALLOWED_HOSTS=["*"]), transaction.atomic():
        started = time.perf_counter()
        add_synthetic_lab(papers)
        setup = time.perf_counter() - started
        for query in queries:
            request = factory.get("/search/", {"q": query})
            search(request)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                search(request)  # renders the template: django.shortcuts.render returns the page
                times.append(time.perf_counter() - started)
            results = search_results(query)
            rows.append(
                {
                    "query": query,
                    "papers": results["publications"].total,
                    "people": results["people"].total,
                    "median": statistics.median(times),
                    "p95": percentile(times, 0.95),
                    "times": times,
                }
            )
        transaction.set_rollback(True)
    vacuum()
    every_run = [duration for row in rows for duration in row["times"]]
    return {
        "papers": papers,
        "runs": runs,
        "vendor": connection.vendor,
        "setup": setup,
        "queries": rows,
        "median": statistics.median(every_run),
        "p95": percentile(every_run, 0.95),
    }


def busiest_member():
    """The listed member with the most confirmed papers: the heaviest member page."""
    papers = (
        Authorship.objects.confirmed()
        .filter(researcher=OuterRef("pk"))
        .order_by()
        .values("researcher")
        .annotate(count=Count("pk"))
        .values("count")
    )
    listed = Researcher.objects.listed().annotate(papers=Coalesce(Subquery(papers), 0))
    return listed.order_by("-papers", "pk").first()


def hammer(port, address, clients, seconds):
    """Requests answered 200 in `seconds` by `clients` kept-alive connections asking for one address."""
    deadline = time.monotonic() + seconds
    counts = {"ok": 0, "other": 0}
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        ok = other = 0
        while time.monotonic() < deadline:
            connection.request("GET", address)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                ok += 1
            else:
                other += 1
        connection.close()
        with lock:
            counts["ok"] += ok
            counts["other"] += other

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts["ok"], counts["other"], time.perf_counter() - started


def page_throughput(*, scratch, plan, clients=8, seconds=3, rounds=3, workers=3, threads=8):
    """Member-page requests/s as a ratio of a trivial view's, under the same gunicorn, in three modes.

    "warm": the page cache holds the page. "cold": the page cache is off, as after any edit in the
    lab, and the member-page cache holds the page's head and body, as after an edit to another
    member. "uncached": both are off, so every visit renders the page (rendered papers stay cached).
    `scratch` and `plan` are a lab prepared by ``tools.loadtest.prepare``. Each mode gets its own
    server; the two addresses are measured in alternating rounds, so that whatever else the
    machine is doing weighs on both alike.
    """
    member_address = f"/people/{plan['busiest']}/"
    modes = {}
    for mode, page_seconds, member_seconds in (("warm", 300, 600), ("cold", 0, 600), ("uncached", 0, 0)):
        process, port = loadtest.start_server(
            scratch, workers, threads, scratch.var_dir / f"gunicorn-bench-{mode}.log", ROOT_URLCONF="tools.bench",
            PAGE_CACHE_SECONDS=str(page_seconds), MEMBER_CACHE_SECONDS=str(member_seconds),
        )  # fmt: skip
        try:
            for address in ("/bench/trivial/", member_address):
                hammer(port, address, clients, min(0.5, seconds / 4))  # warm-up: connections, imports, the page cache
            totals = {"trivial": [0, 0, 0.0], "member": [0, 0, 0.0]}
            for _ in range(rounds):
                for name, address in (("trivial", "/bench/trivial/"), ("member", member_address)):
                    ok, other, elapsed = hammer(port, address, clients, seconds)
                    totals[name] = [totals[name][0] + ok, totals[name][1] + other, totals[name][2] + elapsed]
        finally:
            loadtest.stop_server(process)
        rates = {name: ok / elapsed for name, (ok, _, elapsed) in totals.items()}
        modes[mode] = {
            "trivial_rps": rates["trivial"],
            "member_rps": rates["member"],
            "ratio": rates["member"] / rates["trivial"],
            "errors": totals["trivial"][1] + totals["member"][1],
        }
    return {
        "member": member_address,
        "vendor": scratch.vendor,
        "clients": clients,
        "seconds": seconds * rounds,
        "workers": workers,
        "threads": threads,
        **modes,
    }


def public_pages():
    """(name, address) of every public page, for the busiest member and the first paper, post and tag."""
    member = busiest_member()
    publication = Publication.objects.public().order_by("pk").first()
    post = Post.objects.published().order_by("pk").first()
    tag = Tag.objects.filter(posts__in=Post.objects.published()).order_by("pk").first()
    year = Publication.objects.exclude(year=None).order_by("-year").values_list("year", flat=True).first()
    member_base = f"/people/{member.slug}"
    return [
        ("home", "/"),
        ("directory", "/people/"),
        ("member page", f"{member_base}/"),
        ("member CV", f"{member_base}/cv/"),
        ("member publications", f"{member_base}/publications/"),
        ("member BibTeX", f"{member_base}/publications.bib"),
        ("member CSL-JSON", f"{member_base}/publications.json"),
        ("member RIS", f"{member_base}/publications.ris"),
        ("member news feed", f"{member_base}/news/feed/"),
        ("publications", "/publications/"),
        ("publications, filtered", f"/publications/?year={year}&member={member.slug}"),
        ("publications, text", "/publications/?q=learning"),
        ("publication", f"/publications/{publication.pk}/"),
        ("publication BibTeX", f"/publications/{publication.pk}.bib"),
        ("lab BibTeX", "/publications.bib"),
        ("lab CSL-JSON", "/publications.json"),
        ("search", "/search/?q=learning"),
        ("news", "/news/"),
        ("member's news", f"/news/?member={member.slug}"),
        ("news feed", "/news/feed/"),
        ("blog", "/blog/"),
        ("blog tag", f"/blog/tag/{tag.slug}/" if tag else "/blog/"),
        ("blog post", f"/blog/{post.slug}/" if post else "/blog/"),
        ("blog feed", "/blog/feed/"),
        ("sitemap", "/sitemap.xml"),
        ("robots.txt", "/robots.txt"),
    ]


def grow_lab(papers):
    """More of everything a page lists: synthetic papers, members, news and posts.

    The busiest member becomes an author of every new paper, selects a tenth of them, is mentioned
    in the news and writes the posts, so that their pages grow too.
    """
    member = busiest_member()
    before = set(Publication.objects.values_list("pk", flat=True))
    add_synthetic_lab(papers, people=max(papers // 10, 10), news=max(papers // 5, 10), posts=max(papers // 20, 5))
    new = Publication.objects.exclude(pk__in=before).order_by("pk")
    Authorship.objects.bulk_create(
        Authorship(
            publication=publication, position=100, name=member.name, researcher=member,
            link_state=LinkState.CONFIRMED, selected=number % 10 == 0,
        )
        for number, publication in enumerate(new)
    )  # fmt: skip
    mentions = NewsItem.mentioned_members.through
    mentions.objects.bulk_create(
        mentions(newsitem=news, researcher=member)
        for news in NewsItem.objects.exclude(mentioned_members=member)[: max(papers // 5, 10)]
    )
    Post.authors.through.objects.bulk_create(
        Post.authors.through(post=post, researcher=member) for post in Post.objects.filter(slug__startswith="bench-")
    )


# Exports stream their papers in chunks of EXPORT_CHUNK, one query more for each chunk.
STREAMED_PAGES = {"member BibTeX", "member CSL-JSON", "member RIS", "lab BibTeX", "lab CSL-JSON"}
EXPORT_CHUNK = 500


def allowed_growth(name, small_papers, large_papers):
    """Queries a page may add between the two sizes and still not grow with N.

    One count query appears once results outgrow a page; a streamed export adds one per chunk.
    """
    if name in STREAMED_PAGES:
        return math.ceil(large_papers / EXPORT_CHUNK) - math.ceil(small_papers / EXPORT_CHUNK) + 1
    return 1


def count_page_queries(client, pages):
    """{name: (status, queries)} for each page, asked twice: the second, with the lab record cached, counts."""
    counts = {}
    for name, address in pages:
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        counts[name] = (response.status_code, len(queries))
    return counts


def page_query_counts(papers=2000, seed_demo=True):
    """Queries of every public page with the demo lab, then with `papers` more papers around it.

    Written in a transaction that is rolled back at the end; the page cache and the member-page
    cache are off, so every request reaches its view and renders.
    """
    client = Client()
    memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench"}}
    settings = {
        "STORAGES": PLAIN_STATIC, "ALLOWED_HOSTS": ["*"], "CACHES": memory,
        "PAGE_CACHE_SECONDS": 0, "MEMBER_CACHE_SECONDS": 0,
    }  # fmt: skip
    with override_settings(**settings), transaction.atomic():
        if seed_demo:
            call_command("seed_demo", stdout=io.StringIO())
        pages = public_pages()
        small = count_page_queries(client, pages)
        sizes = {"small": Publication.objects.count()}
        grow_lab(papers)
        large = count_page_queries(client, pages)
        sizes["large"] = Publication.objects.count()
        transaction.set_rollback(True)
    rows = [
        (name, address, small[name], large[name], allowed_growth(name, sizes["small"], sizes["large"]))
        for name, address in pages
    ]
    return {"sizes": sizes, "pages": rows}
