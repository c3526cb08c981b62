"""The XSS gate: every vector of the corpus, in every field a member can edit, through every import path.

Each chunk of vectors is written into profiles, CV entries, links, supervisors,
research themes, news, posts and the lab record, and imported as BibTeX; then
every page that shows them is parsed, and nothing active may appear. Markdown
fields take the vectors ten to a field, a paragraph each, so that one vector's
broken markup can also try to disarm the sanitiser for the next.
"""

import pytest
from django.urls import reverse

import news.views
import publications.views
from news.models import Post
from portal.markdown import markdownify
from publications.models import Publication
from publications.services import publication_import
from researchers.models import CVEntry, Link, Researcher, Status, Supervisor
from tests.factories import (
    CVEntryFactory,
    LabFactory,
    NewsItemFactory,
    PostFactory,
    ResearcherFactory,
    ResearchInterestFactory,
    ResearchThemeFactory,
    TagFactory,
)
from tests.security.active_content import (
    OTHER,
    OWN_XSS,
    VECTOR_CLASSES,
    active_content,
    load_corpus,
    load_vectors,
    sample_vectors,
    vector_classes,
)

VECTORS = load_vectors()
CHUNK = 400
# By default a sample with every class of vector; the whole corpus, chunk by chunk, under -m xss_full.
CHUNKS = [
    pytest.param(list(sample_vectors()), id="sample"),
    *(
        pytest.param(VECTORS[start : start + CHUNK], id=f"corpus-{start}", marks=pytest.mark.xss_full)
        for start in range(0, len(VECTORS), CHUNK)
    ),
]
GROUP = 10  # markdown fields take vectors ten at a time, one paragraph each
PAPER_PAGES_PER_CHUNK = 5


def grouped(vectors):
    """Every GROUP-th position gets the next GROUP vectors as paragraphs; the rest get nothing."""
    return [
        "\n\n".join(vectors[number : number + GROUP]) if number % GROUP == 0 else "" for number in range(len(vectors))
    ]


def test_the_corpus_holds_the_public_cheat_sheets_and_our_own_vectors():
    own = {line for path in OWN_XSS.glob("*.txt") for line in path.read_text().splitlines() if line.strip()}
    assert len(VECTORS) >= 500
    assert own <= set(VECTORS)
    assert any("javascript:" in vector for vector in VECTORS) and any("onerror" in vector for vector in VECTORS)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JAVA&#9;SCRIPT:alert(1)">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        "<iframe src=x></iframe>",
        '<p style="color:red">x</p>',
        '<form action="https://evil.example/"></form>',
        "<svg><script>alert(1)</script></svg>",
        '<script type="application/ld+json">{"a": 1}</script><script>alert(1)</script>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    ],
)
def test_the_gate_sees_active_content(html):
    assert active_content(html)


def test_the_gate_accepts_what_our_templates_use():
    html = (
        '<script src="/static/js/labfolio.js"></script><script type="application/ld+json">{"name": "x"}</script>'
        '<svg class="icon"><use href="/static/icons/icons.svg#github"></use></svg>'
        '<form action="/search/" method="get"><input name="q"></form><a href="https://example.org/">x</a>'
        '<a href="mailto:x@example.org">m</a><a href="/people/x/">p</a><img src="/media/people/a.jpg" alt="">'
    )
    assert active_content(html) == []


def test_the_sample_holds_our_own_vectors_and_every_class_and_source_of_the_corpus():
    sample = set(sample_vectors())
    assert len(sample) <= CHUNK
    for path, lines in load_corpus().items():
        assert sample & set(lines), path.name
    assert {line for path in OWN_XSS.glob("*.txt") for line in path.read_text().splitlines() if line.strip()} <= sample
    assert {name for vector in sample for name in vector_classes(vector)} == {*VECTOR_CLASSES, OTHER}


@pytest.mark.parametrize(
    "vectors",
    [pytest.param(list(sample_vectors()), id="sample"), pytest.param(VECTORS, id="corpus", marks=pytest.mark.xss_full)],
)
def test_every_vector_rendered_as_markdown_is_inert(vectors):
    leaks = [(vector, found) for vector in vectors if (found := active_content(markdownify(vector)))]
    assert not leaks, leaks[:5]


def bibtex_for(vectors):
    """One entry per vector, the vector in every field a BibTeX import stores (a broken entry is skipped)."""
    entries = []
    for number, vector in enumerate(vectors):
        entries.append(
            f"@article{{xss{number},\n  title = {{Paper {number} {vector}}},\n"
            f"  author = {{Owner, Paper and {vector}}},\n  journal = {{{vector}}},\n  year = {{2024}},\n"
            f"  abstract = {{{vector}}},\n  note = {{{vector}}},\n  abbr = {{{vector[:30]}}},\n"
            f"  pdf = {{{vector}}},\n  code = {{{vector}}},\n  html = {{{vector}}},\n}}\n"
        )
    return "\n".join(entries)


def assert_inert(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = active_content(response.content.decode())
    assert not found, (url, found[:5])


def fill_lab(vectors):
    text = "\n\n".join(vectors)
    LabFactory(name=vectors[0][:200], tagline=vectors[-1][:300], intro=text, recruiting=text, address=text)
    owner = ResearcherFactory(
        name="Paper Owner",
        bio=text,
        availability=text,
        address="\n".join(vectors),
        emails="\n".join(vector.replace("\n", " ") for vector in vectors),
        affiliation=vectors[0][:300],
        position=vectors[-1][:200],
    )
    people = Researcher.objects.bulk_create(
        Researcher(
            slug=f"vector-{number}",
            name=vector[:200],
            native_name=vector[:200],
            position=vector[:200],
            affiliation=vector[:300],
            focus=vector[:200],
            destination=vector[:200],
            status=Status.ALUMNI if number % 2 else Status.CURRENT,
        )
        for number, vector in enumerate(vectors)
    )
    markdown = grouped(vectors)
    for number, vector in enumerate(vectors):
        ResearchInterestFactory(researcher=owner, title=vector[:200], description=markdown[number], order=number)
        CVEntryFactory(
            researcher=owner,
            section=CVEntry.Section.choices[number % len(CVEntry.Section.choices)][0],
            title=vector[:300],
            organisation=vector[:300],
            place=vector[:200],
            date_text=vector[:100],
            description=markdown[number],
            url=vector[:500],
        )
    Link.objects.bulk_create(Link(researcher=owner, kind="other", url=v[:500], label=v[:100]) for v in vectors)
    Supervisor.objects.bulk_create(
        Supervisor(
            researcher=owner,
            member=person if number % 2 else None,
            name=vector[:200],
            url=vector[:500],
            note=vector[:100],
        )  # fmt: skip
        for number, (person, vector) in enumerate(zip(people, vectors, strict=True))
    )
    return owner


def fill_news_and_themes(owner, vectors):
    papers = list(Publication.objects.all()[:3])
    tag = TagFactory(name=vectors[0][:60], slug="xss")
    markdown = grouped(vectors)
    for number, vector in enumerate(vectors):
        if markdown[number]:
            item = NewsItemFactory(body=f"{markdown[number]} @paper-owner", owner=owner if number % 2 else None)
            item.mentioned_members.add(owner)
            item.mentioned_publications.set(papers)
        post = PostFactory(
            title=vector[:300],
            slug=f"post-{number}",
            summary=vector[:300],
            body=markdown[number] or "Text.",
            status=Post.Status.PUBLISHED,
        )
        post.authors.add(owner)
        post.tags.add(tag)
    parent = ResearchThemeFactory(researcher=owner, title=vectors[0][:200], description="\n\n".join(vectors))
    for number, vector in enumerate(vectors):
        theme = ResearchThemeFactory(researcher=owner, parent=parent, title=vector[:200], description=markdown[number])  # noqa: E501
        theme.publications.set(papers[number % 3 : number % 3 + 1])
    ResearchThemeFactory(researcher=None, title=vectors[1][:200], description=vectors[1]).publications.set(papers)


@pytest.mark.parametrize("vectors", CHUNKS)
def test_every_vector_in_every_field_and_import_stays_inert_on_every_page(db, client, monkeypatch, vectors):
    for module, name in (
        (publications.views, "PER_PAGE"),
        (news.views, "NEWS_PER_PAGE"),
        (news.views, "POSTS_PER_PAGE"),
    ):  # noqa: E501
        monkeypatch.setattr(module, name, 10_000)  # every item of the chunk on one page
    owner = fill_lab(vectors)
    report = publication_import(text=bibtex_for(vectors), member=owner)
    assert report.created, report.summary()
    Publication.objects.update(featured=True)
    fill_news_and_themes(owner, vectors)

    for url in ("/", "/people/", owner.get_absolute_url(), reverse("researchers:cv", args=[owner.slug]),
                reverse("publications:member", args=[owner.slug]), "/publications/", "/news/", "/blog/",
                "/blog/post-0/", "/blog/post-10/"):  # fmt: skip
        assert_inert(client, url)
    papers = Publication.objects.order_by("pk")
    for paper in papers[:: max(1, papers.count() // PAPER_PAGES_PER_CHUNK)]:
        assert_inert(client, paper.get_absolute_url())
