"""Search speed: the search page's own work for representative queries, over many synthetic papers."""

import datetime
import math
import statistics
import time

from django.db import connection, transaction
from django.test import RequestFactory, override_settings

from news.models import NewsItem, Post
from publications.benchdata import synthetic_publications
from publications.models import Authorship, Publication
from researchers.models import NameVariant, Researcher, Role

from .search import search, search_results

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
