"""The public publication pages: the lab list, a paper's page, a member's list and their homepage."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from news.models import Post, Tag
from publications.models import Authorship, Kind, LinkState, Publication, Status, Venue
from publications.views import MEMBER_PER_PAGE
from researchers.models import Visibility
from tests.factories import (
    AuthorshipFactory,
    CVEntryFactory,
    LinkFactory,
    NewsItemFactory,
    PostFactory,
    PublicationFactory,
    ResearcherFactory,
    ResearchThemeFactory,
    SupervisorFactory,
    VenueFactory,
)


class PageParser(HTMLParser):
    """The parts of a page the tests read: meta tags, JSON-LD scripts and links."""

    def __init__(self, html):
        super().__init__()
        self.meta = {}
        self.jsonld = []
        self.links = []
        self._in_jsonld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta.setdefault(attrs["name"], []).append(attrs.get("content"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        elif tag == "a":
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def text_of(html):
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def confirmed(publication, member, position, **options):
    return AuthorshipFactory(publication=publication, position=position, researcher=member, confirmed=True, **options)


def bulk_papers(count, *, authors=10, member=None, selected_every=0, title="Paper"):
    """`count` papers with `authors` authors each, written with bulk_create; `member` is the first author."""
    venues = [
        Venue.objects.get_or_create(name=name, defaults={"short_name": short, "kind": kind})[0]
        for name, short, kind in [
            ("Advances in Neural Information Processing Systems", "NeurIPS", Venue.Kind.CONFERENCE),
            ("Transactions on Machine Learning Research", "TMLR", Venue.Kind.JOURNAL),
        ]
    ]
    papers = Publication.objects.bulk_create(
        Publication(
            title=f"{title} {number}",
            title_key=f"{title.lower()} {number}",
            kind=Kind.CONFERENCE if number % 2 else Kind.ARTICLE,
            venue=venues[number % 2],
            year=2000 + number % 25,
            abstract="We study things.",
            pdf_url="https://example.org/paper.pdf",
            code_url="https://github.com/example/code",
            stars=number,
        )
        for number in range(count)
    )
    rows = []
    for number, paper in enumerate(papers):
        for position in range(1, authors + 1):
            row = Authorship(
                publication=paper, position=position, name=f"Coauthor Number{position}", equal_contribution=position < 3
            )
            if member is not None and position == 1:
                row.researcher, row.link_state, row.name = member, LinkState.CONFIRMED, member.name
                row.selected = bool(selected_every) and number % selected_every == 0
            rows.append(row)
    Authorship.objects.bulk_create(rows)
    return papers


@pytest.fixture
def get_in_few_queries(client, django_assert_max_num_queries):
    """get(url): the page, served in at most 15 queries whatever the number of papers behind it."""

    def get(url):
        with django_assert_max_num_queries(15):
            return client.get(url)

    return get


# ---------------------------------------------------------------- the lab list


def test_lab_list_shows_every_paper_newest_first_under_year_headings(db, client):
    PublicationFactory(title="An older paper", year=2019)
    PublicationFactory(title="The newest paper", year=2025)
    PublicationFactory(title="An undated manuscript", year=None)
    page = client.get("/publications/").content.decode()
    assert page.index(">2025</h2>") < page.index("The newest paper") < page.index(">2019</h2>")
    assert page.index("An older paper") < page.index(">Undated</h2>") < page.index("An undated manuscript")
    assert "3 papers" in page


def test_header_links_to_the_publications_page(db, client):
    page = client.get("/").content.decode()
    assert '<a href="/publications/">Publications</a>' in page
    assert (
        '<a href="/publications/" aria-current="page">Publications</a>' in client.get("/publications/").content.decode()
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2021", {"Graph paper"}),
        ("type=article", {"Journal paper"}),
        ("venue=TMLR", {"Journal paper"}),
        ("venue=tmlr", {"Journal paper"}),
        ("member=alice-moreau", {"Graph paper", "Vision paper"}),
        ("q=graph", {"Graph paper"}),
        ("q=okafor", {"Journal paper"}),
        ("q=shiny+dataset", {"Vision paper"}),
        ("q=machine+learning+research", {"Journal paper"}),
        ("year=2021&member=alice-moreau", {"Graph paper"}),
        ("year=1999", set()),
        ("year=not-a-year", {"Graph paper", "Journal paper", "Vision paper"}),
    ],
)
def test_lab_list_filters_by_year_type_venue_member_and_text(db, client, alice, query, expected):
    journal = VenueFactory(name="Transactions on Machine Learning Research", short_name="TMLR", kind="journal")
    graph = PublicationFactory(title="Graph paper", year=2021)
    vision = PublicationFactory(title="Vision paper", year=2023, abstract="A shiny new dataset.")
    PublicationFactory(title="Journal paper", kind=Kind.ARTICLE, venue=journal, year=2023, authors=["Bob Okafor"])
    confirmed(graph, alice, 1)
    confirmed(vision, alice, 1)
    page = client.get(f"/publications/?{query}").content.decode()
    shown = {title for title in ("Graph paper", "Vision paper", "Journal paper") if f">{title}</a>" in page}
    assert shown == expected


def test_venue_filter_accepts_the_venue_id_of_older_links(db, client):
    venue = VenueFactory(short_name="CVPR")
    PublicationFactory(title="At CVPR", venue=venue)
    PublicationFactory(title="Elsewhere")
    page = client.get(f"/publications/?venue={venue.pk}").content.decode()
    assert ">At CVPR</a>" in page and ">Elsewhere</a>" not in page


def test_venue_filter_lists_each_badge_once_and_finds_every_venue_under_it(db, client):
    first = VenueFactory(name="ICRA Workshop on Robot Learning", short_name="ICRA-W")
    second = VenueFactory(name="ICRA Workshop on Safe Robots", short_name="ICRA-W")
    PublicationFactory(title="Learning workshop paper", venue=first)
    PublicationFactory(title="Safety workshop paper", venue=second)
    PublicationFactory(title="Elsewhere")
    page = client.get("/publications/?venue=ICRA-W").content.decode()
    assert page.count(">ICRA-W</option>") == 1
    assert '<option value="ICRA-W" selected>ICRA-W</option>' in page
    assert ">Learning workshop paper</a>" in page and ">Safety workshop paper</a>" in page
    assert ">Elsewhere</a>" not in page


@pytest.mark.parametrize("state", [LinkState.SUGGESTED, LinkState.REJECTED, LinkState.UNLINKED])
def test_member_filter_counts_only_confirmed_authorships(db, client, alice, state):
    paper = PublicationFactory(title="Maybe hers")
    AuthorshipFactory(publication=paper, position=1, name="A. Moreau", researcher=alice, link_state=state)
    page = client.get("/publications/?member=alice-moreau").content.decode()
    assert ">Maybe hers</a>" not in page


def test_filter_form_is_a_labelled_get_form_that_works_without_javascript(db, client):
    PublicationFactory()
    page = client.get("/publications/").content.decode()
    start = page.index('<form class="filters"')
    form = page[start : page.index("</form>", start)]
    assert 'method="get"' in form and 'type="submit"' in form
    for name in ("q", "year", "type", "venue", "member"):
        assert f'for="id_{name}"' in form and f'id="id_{name}"' in form


def test_pagination_shows_fifty_papers_a_page_and_page_links_keep_the_filters(db, client):
    bulk_papers(120, authors=2, title="Robust paper")
    PublicationFactory(title="Unrelated work")
    response = client.get("/publications/?q=robust&type=inproceedings")
    page = response.content.decode()
    assert page.count('class="paper"') == 50
    assert "60 papers match the filters" in page
    assert 'href="?q=robust&amp;type=inproceedings&amp;page=2"' in page
    second = client.get("/publications/?q=robust&type=inproceedings&page=2").content.decode()
    assert second.count('class="paper"') == 10
    assert 'href="?q=robust&amp;type=inproceedings&amp;page=1"' in second
    assert ">Unrelated work</a>" not in page + second


@pytest.mark.parametrize("size", [30, 300])
def test_lab_list_makes_the_same_few_queries_however_many_papers(get_in_few_queries, size, alice):
    bulk_papers(size, authors=10, member=alice)
    response = get_in_few_queries("/publications/")
    assert response.status_code == 200
    assert response.content.decode().count('class="paper"') == min(size, 50)
    assert get_in_few_queries("/publications/?q=coauthor&member=alice-moreau&page=2").status_code == 200


# ---------------------------------------------------------------- author lists


def test_author_list_bolds_the_owner_and_links_only_confirmed_lab_members(db, client, alice, bob):
    carol = ResearcherFactory(name="Carol Suggested", slug="carol")
    dan = ResearcherFactory(name="Dan Rejected", slug="dan")
    paper = PublicationFactory(title="Four authors")
    confirmed(paper, alice, 1)
    confirmed(paper, bob, 2)
    AuthorshipFactory(publication=paper, position=3, name="Carol Suggested", researcher=carol, link_state="suggested")
    AuthorshipFactory(publication=paper, position=4, name="Dan Rejected", researcher=dan, link_state="rejected")
    AuthorshipFactory(publication=paper, position=5, name="Eve Outsider")

    page = client.get("/people/alice-moreau/publications/").content.decode()
    authors = page[page.index('<span class="author-list">') :]
    authors = authors[: authors.index("</p>")]
    assert '<a href="/people/alice-moreau/"><strong>Alice Moreau</strong></a>' in authors
    assert '<a href="/people/bob-okafor/">Bob Okafor</a>' in authors
    assert "<strong>Bob Okafor</strong>" not in authors
    for name in ("Carol Suggested", "Dan Rejected", "Eve Outsider"):
        assert f'<span class="author">{name}</span>' in authors
    assert "/people/carol/" not in page and "/people/dan/" not in page
    assert text_of(authors) == "Alice Moreau , Bob Okafor , Carol Suggested , Dan Rejected , Eve Outsider"


def test_authors_of_hidden_members_are_not_linked(db, client, alice):
    hidden = ResearcherFactory(name="Hidden Member", slug="hidden", visibility=Visibility.HIDDEN)
    paper = PublicationFactory()
    confirmed(paper, alice, 1)
    confirmed(paper, hidden, 2)
    page = client.get("/publications/").content.decode()
    assert '<a href="/people/alice-moreau/">Alice Moreau</a>' in page
    assert '<span class="author">Hidden Member</span>' in page


def test_equal_contribution_and_corresponding_authors_are_marked_and_explained_once(db, client, alice):
    for number in range(3):
        paper = PublicationFactory(title=f"Marked {number}")
        confirmed(paper, alice, 1, equal_contribution=True)
        AuthorshipFactory(publication=paper, position=2, name="Wei Zhang", equal_contribution=True)
        AuthorshipFactory(publication=paper, position=3, name="Ada Byron", corresponding=True)
    for url in ("/publications/", "/people/alice-moreau/publications/"):
        page = client.get(url).content.decode()
        assert page.count('<p class="author-legend">') == 1, url
        assert "equal contribution · " in text_of(page) and "corresponding author" in page
        assert page.count('<sup class="author-mark" title="Equal contribution">') == 6
        assert page.count('<sup class="author-mark" title="Corresponding author">') == 3
        assert 'Wei Zhang<sup class="author-mark" title="Equal contribution"><span aria-hidden="true">*</span>' in page
        assert (
            'Ada Byron<sup class="author-mark" title="Corresponding author"><span aria-hidden="true">#</span>' in page
        )


def test_legend_names_only_the_marks_in_use_and_is_absent_without_any(db, client):
    paper = PublicationFactory()
    AuthorshipFactory(publication=paper, position=1, name="Wei Zhang", corresponding=True)
    page = client.get("/publications/").content.decode()
    assert "corresponding author</p>" in page and "equal contribution" not in page
    paper.authorships.update(corresponding=False)
    assert 'class="author-legend"' not in client.get("/publications/").content.decode()


def test_paper_shows_badge_venue_status_note_buttons_and_citations(db, client):
    venue = VenueFactory(name="AAAI Conference on Artificial Intelligence", short_name="AAAI")
    paper = PublicationFactory(
        every_link=True,
        title="Combating mode collapse",
        venue=venue,
        year=2023,
        status=Status.ACCEPTED,
        note="Oral",
        abstract="Mode collapse, again.",
        stars=1312,
        arxiv_id="2305.17066",
        doi="10.1609/aaai.v37i2.25253",
        citation_count=120,
        citation_source="Google Scholar",
        citation_date=datetime.date(2026, 11, 1),
        authors=["Haozhe Liu"],
    )
    page = client.get("/publications/").content.decode()
    item = page[page.index(f'id="paper-{paper.pk}"') :]
    item = item[: item.index("</article>")]
    assert '<span class="venue-badge" title="AAAI Conference on Artificial Intelligence">AAAI</span>' in item
    assert f'<a href="/publications/{paper.pk}/">Combating mode collapse</a>' in item
    assert '<span class="tag tag-status">Accepted</span>' in item and '<span class="tag tag-note">Oral</span>' in item
    labels = re.findall(r'class="paper-button"[^>]*>([^<]+)<', item)
    assert labels == [
        "Abstract",
        "Cite",
        "PDF",
        "Code ★ 1,312",
        "Project",
        "Video",
        "Slides",
        "Poster",
        "arXiv",
        "DOI",
    ]
    assert 'href="https://arxiv.org/abs/2305.17066"' in item
    assert 'href="https://doi.org/10.1609/aaai.v37i2.25253"' in item
    assert "Cited by 120 · Google Scholar, 2026-11-01" in re.sub(r"<[^>]+>", "", item)
    assert "<details" in item and "Mode collapse, again." in item and "@inproceedings{" in item


# ---------------------------------------------------------------- a paper's page


def paper_with_everything(**overrides):
    venue = VenueFactory(name="IEEE Transactions on Image Processing", short_name="IEEE TIP", kind="journal")
    values = {
        "title": "Group-wise inhibition for robust classification",
        "kind": Kind.ARTICLE,
        "venue": venue,
        "year": 2021,
        "month": 3,
        "volume": "30",
        "issue": "4",
        "pages": "12--23",
        "doi": "10.1109/tip.2021.1234567",
        "arxiv_id": "2103.02152",
        "pdf_url": "/media/papers/inhibition.pdf",
        "abstract": "Robust features.",
    }
    paper = PublicationFactory(**{**values, **overrides})
    AuthorshipFactory(publication=paper, position=1, name="Haozhe Liu", family="Liu", given="Haozhe")
    AuthorshipFactory(publication=paper, position=2, name="Linlin Shen", family="Shen", given="Linlin")
    return paper


def test_paper_page_has_google_scholar_citation_tags(db, client, settings):
    settings.SITE_URL = "https://lab.example.org"
    paper = paper_with_everything()
    response = client.get(f"/publications/{paper.pk}/")
    meta = PageParser(response.content.decode()).meta
    assert meta["citation_title"] == ["Group-wise inhibition for robust classification"]
    assert meta["citation_author"] == ["Liu, Haozhe", "Shen, Linlin"]
    assert meta["citation_publication_date"] == ["2021/03"]
    assert meta["citation_journal_title"] == ["IEEE Transactions on Image Processing"]
    assert "citation_conference_title" not in meta
    assert meta["citation_volume"] == ["30"] and meta["citation_issue"] == ["4"]
    assert meta["citation_firstpage"] == ["12"] and meta["citation_lastpage"] == ["23"]
    assert meta["citation_doi"] == ["10.1109/tip.2021.1234567"]
    assert meta["citation_pdf_url"] == ["https://lab.example.org/media/papers/inhibition.pdf"]
    assert meta["citation_arxiv_id"] == ["2103.02152"]


def test_conference_paper_has_a_conference_title_a_year_and_keeps_an_absolute_pdf_url(db, client):
    paper = paper_with_everything(
        kind=Kind.CONFERENCE, month=None, pages="101–110", pdf_url="https://arxiv.org/pdf/2103.02152"
    )
    meta = PageParser(client.get(f"/publications/{paper.pk}/").content.decode()).meta
    assert meta["citation_conference_title"] == ["IEEE Transactions on Image Processing"]
    assert "citation_journal_title" not in meta
    assert meta["citation_publication_date"] == ["2021"]
    assert (meta["citation_firstpage"], meta["citation_lastpage"]) == (["101"], ["110"])
    assert meta["citation_pdf_url"] == ["https://arxiv.org/pdf/2103.02152"]


def test_paper_page_describes_the_paper_as_schema_org_json_ld(db, client, settings):
    settings.SITE_URL = "https://lab.example.org"
    paper = paper_with_everything()
    parser = PageParser(client.get(f"/publications/{paper.pk}/").content.decode())
    (data,) = [json.loads(text) for text in parser.jsonld]
    assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
    assert data["headline"] == paper.title
    assert [author["name"] for author in data["author"]] == ["Haozhe Liu", "Linlin Shen"]
    assert data["datePublished"] == "2021-03"
    assert data["isPartOf"]["name"] == "IEEE Transactions on Image Processing"
    assert data["url"] == f"https://lab.example.org/publications/{paper.pk}/"
    assert "https://doi.org/10.1109/tip.2021.1234567" in data["sameAs"]


def test_json_ld_cannot_be_closed_by_a_title_or_abstract(db, client):
    title = 'Breaking out </script><script>alert("x")</script> & <!-- friends'
    paper = paper_with_everything(title=title, abstract="</SCRIPT> in capitals & more")
    html = client.get(f"/publications/{paper.pk}/").content.decode()
    opening = '<script type="application/ld+json">'
    script = html[html.index(opening) + len(opening) :]
    script = script[: script.index("</script>")]
    assert not {"<", ">", "&"} & set(script)
    (data,) = [json.loads(text) for text in PageParser(html).jsonld]
    assert data["headline"] == title
    assert data["abstract"] == "</SCRIPT> in capitals & more"
    assert "<script>alert" not in html


def test_a_note_that_repeats_the_status_is_not_shown_twice(db, client):
    PublicationFactory(status=Status.UNDER_REVIEW, note="Under review")
    page = client.get("/publications/").content.decode()
    assert page.count(">Under review</span>") == 1


def test_paper_page_shows_the_record_bibtex_and_export_links(db, client):
    paper = paper_with_everything(status=Status.IN_PRESS, note="Best Paper")
    page = client.get(f"/publications/{paper.pk}/").content.decode()
    assert '<h1 id="paper-title">Group-wise inhibition for robust classification</h1>' in page
    assert "vol. 30, no. 4, pp. 12–23" in page
    assert '<span class="tag tag-status">In press</span>' in page and "Best Paper" in page
    assert '<h2 id="abstract-heading">Abstract</h2>' in page and "Robust features." in page
    assert '<h2 id="cite-heading">Cite</h2>' in page and "@article{" in page
    for style in ("APA", "IEEE", "Chicago", "BibTeX"):
        assert f'<p class="citation-style">{style}</p>' in page
    for extension in ("bib", "json", "ris"):
        assert f'href="/publications/{paper.pk}.{extension}"' in page


def test_unknown_paper_is_a_404(db, client):
    assert client.get("/publications/999999/").status_code == 404


# ---------------------------------------------------------------- a member's list


def test_member_list_shows_only_confirmed_papers_grouped_by_year(db, client, alice):
    mine = PublicationFactory(title="Hers for sure", year=2024)
    confirmed(mine, alice, 1)
    older = PublicationFactory(title="Hers, older", year=2020)
    confirmed(older, alice, 2)
    suggested = PublicationFactory(title="Perhaps hers")
    AuthorshipFactory(publication=suggested, position=1, name="A. Moreau", researcher=alice, link_state="suggested")
    page = client.get("/people/alice-moreau/publications/").content.decode()
    assert page.index(">2024</h2>") < page.index("Hers for sure") < page.index(">2020</h2>") < page.index("Hers, older")
    assert "Perhaps hers" not in page
    assert "2 publications" in page
    for extension in ("bib", "json", "ris"):
        assert f'href="/people/alice-moreau/publications.{extension}"' in page


def test_member_list_counts_papers_by_venue_like_an_acadhomepage(db, client, alice):
    """The seed homepage reads 'Journals: TMLR x 1, IEEE TIP x 1 … Conferences: NeurIPS x 1, CVPR x 5 …'."""
    venues = {
        "TMLR": VenueFactory(name="Transactions on Machine Learning Research", short_name="TMLR", kind="journal"),
        "IEEE TIP": VenueFactory(name="IEEE Transactions on Image Processing", short_name="IEEE TIP", kind="journal"),
        "CVPR": VenueFactory(name="Computer Vision and Pattern Recognition", short_name="CVPR", kind="conference"),
        "NeurIPS": VenueFactory(name="Neural Information Processing Systems", short_name="NeurIPS", kind="conference"),
        "arXiv": VenueFactory(name="arXiv", short_name="arXiv", kind="preprint"),
    }
    papers = [("TMLR", 1), ("IEEE TIP", 1), ("CVPR", 5), ("NeurIPS", 1), ("arXiv", 2)]
    for badge, count in papers:
        for _ in range(count):
            confirmed(PublicationFactory(venue=venues[badge]), alice, 1)
    confirmed(PublicationFactory(venue=None, status=Status.UNDER_REVIEW), alice, 1)
    text = text_of(client.get("/people/alice-moreau/publications/").content.decode())
    assert "Journals: IEEE TIP × 1 TMLR × 1" in text
    assert "Conferences: CVPR × 5 NeurIPS × 1" in text
    assert "Other: arXiv × 2 Under review × 1" in text


def test_unknown_or_hidden_member_has_no_publication_list(db, client):
    ResearcherFactory(slug="hidden", visibility=Visibility.HIDDEN)
    assert client.get("/people/nobody/publications/").status_code == 404
    assert client.get("/people/hidden/publications/").status_code == 404
    assert client.get("/people/hidden/publications.bib").status_code == 404


@pytest.mark.parametrize("size", [5, 300])
def test_member_list_makes_the_same_few_queries_however_many_papers(get_in_few_queries, size, alice):
    bulk_papers(size, authors=10, member=alice)
    response = get_in_few_queries("/people/alice-moreau/publications/")
    assert response.content.decode().count('class="paper"') == min(size, MEMBER_PER_PAGE)


def test_a_member_with_20000_papers_gets_a_page_at_a_time_in_a_few_queries(get_in_few_queries, alice):
    bulk_papers(20_000, authors=2, member=alice)

    response = get_in_few_queries("/people/alice-moreau/publications/")
    last = get_in_few_queries("/people/alice-moreau/publications/?page=200")

    page = response.content.decode()
    assert page.count('class="paper"') == MEMBER_PER_PAGE
    assert "20000 publications by Alice Moreau as a lab member; page 1 of 200" in page
    assert "Paper 19999" in page  # newest first: the 2024 papers, highest id first
    assert 'href="?page=2"' in page
    assert "Conferences: NeurIPS × 10000" in text_of(page)
    assert last.content.decode().count('class="paper"') == MEMBER_PER_PAGE
    assert re.search(r"\bPaper 0\b", last.content.decode())  # the oldest paper closes the last page


def test_member_list_pages_past_the_end_show_the_last_page(db, client, alice):
    bulk_papers(150, authors=1, member=alice)
    page = client.get("/people/alice-moreau/publications/?page=9").content.decode()
    assert page.count('class="paper"') == 50
    assert "page 2 of 2" in page


# ---------------------------------------------------------------- the member's homepage


def test_member_page_shows_selected_publications_in_the_chosen_order(db, client, alice):
    titles = ["Chosen second", "Chosen first", "Not chosen", "Chosen third"]
    papers = {title: PublicationFactory(title=title, year=2020 + number) for number, title in enumerate(titles)}
    confirmed(papers["Chosen first"], alice, 1, selected=True, selected_order=1)
    confirmed(papers["Chosen second"], alice, 1, selected=True, selected_order=2)
    confirmed(papers["Chosen third"], alice, 1, selected=True, selected_order=3)
    confirmed(papers["Not chosen"], alice, 1)
    # Selected by someone else, or by a suggestion that was never confirmed: not hers to show.
    other = PublicationFactory(title="Chosen by a suggestion")
    AuthorshipFactory(publication=other, position=1, researcher=alice, link_state="suggested", selected=True)

    page = client.get(alice.get_absolute_url()).content.decode()
    section = page[page.index('id="publications-heading"') :]
    section = section[: section.index("</section>")]
    assert ">Selected publications</h2>" in section
    assert section.index("Chosen first") < section.index("Chosen second") < section.index("Chosen third")
    assert "Not chosen" not in section and "Chosen by a suggestion" not in section
    assert '<a href="/people/alice-moreau/publications/">All publications (4)' in section
    assert "<strong>Alice Moreau</strong>" in section


def test_member_page_is_served_at_the_researchers_profile_address(db, client, alice):
    assert reverse("researchers:profile", args=["alice-moreau"]) == "/people/alice-moreau/"
    response = client.get("/people/alice-moreau/")
    assert [template.name for template in response.templates][:2] == ["portal/member.html", "researchers/profile.html"]


def test_member_page_without_publications_has_no_publication_section(db, client, alice):
    page = client.get(alice.get_absolute_url()).content.decode()
    assert "publications-heading" not in page and "All publications" not in page


def test_member_page_lists_research_themes_with_their_representative_works(db, client, alice):
    efficiency = ResearchThemeFactory(researcher=alice, title="Efficiency", description="Doing *more*.")
    faster = ResearchThemeFactory(researcher=alice, parent=efficiency, title="Faster training", order=1)
    ResearchThemeFactory(researcher=alice, parent=efficiency, title="Smaller models", order=2)
    ResearchThemeFactory(researcher=ResearcherFactory(), title="Someone else's theme")
    paper = PublicationFactory(title="Temporal attention decomposition")
    confirmed(paper, alice, 1, equal_contribution=True)
    faster.publications.add(paper, PublicationFactory(title="Another fast one"))

    page = client.get(alice.get_absolute_url()).content.decode()
    research = page[page.index('id="research-heading"') :]
    assert '<h3 class="theme-title" id="theme-' in research and ">Efficiency</h3>" in research
    assert "<em>more</em>" in research
    assert (
        research.index(">Efficiency</h3>")
        < research.index(">Faster training</h4>")
        < research.index(">Smaller models</h4>")
    )
    assert "<summary>Representative works (2)</summary>" in research
    assert f'id="theme-{faster.pk}-{paper.pk}"' in research
    assert '<h5 class="paper-title"' in research
    assert "Someone else" not in page
    assert page.count('<p class="author-legend">') == 1


def member_with_a_full_homepage(size, news=0):
    """A member with `size` papers (every fifth selected), two themes, a supervisor and CV entries, `news`
    news items of their own and as many of the lab's that mention them and a paper, and four posts."""
    member = ResearcherFactory(name="Pat Prolific", slug="pat")
    papers = bulk_papers(size, authors=10, member=member, selected_every=5)
    theme = ResearchThemeFactory(researcher=member, title="Everything")
    child = ResearchThemeFactory(researcher=member, parent=theme, title="Some things")
    theme.publications.add(*papers[:20])
    child.publications.add(*papers[20:40])
    SupervisorFactory(researcher=member)
    CVEntryFactory.create_batch(3, researcher=member)
    LinkFactory.create_batch(3, researcher=member)
    for number in range(news):
        NewsItemFactory(owner=member, body=f"Own news {number}")
        NewsItemFactory(body=f"Lab news {number}").mentioned_members.add(member)
        NewsItemFactory(body=f"Lab news about a paper {number}").mentioned_publications.add(papers[0])
    for number in range(4):
        post = PostFactory(
            title=f"Post {number}", slug=f"post-{number}", body="Text", status=Post.Status.PUBLISHED,
            date=datetime.date(2025, 1, 1 + number),
        )  # fmt: skip
        post.authors.add(member)
        post.tags.add(Tag.objects.get_or_create(name="Tag", slug="tag")[0])
    return member


@pytest.mark.parametrize("size, news", [(5, 3), (300, 60)])
def test_member_page_makes_the_same_few_queries_however_many_papers_and_news(
    db, client, django_assert_max_num_queries, size, news
):
    member = member_with_a_full_homepage(size, news)
    # One reads what the page shows around its cached head and body; 16 render those (one: citation figures).
    with django_assert_max_num_queries(17):
        response = client.get(member.get_absolute_url())
    page = response.content.decode()
    assert f"All publications ({size})" in page
    assert page.count('<article class="paper" id="selected-') == len(range(0, size, 5))
    assert page.count('class="news-item') == min(2 * news, member.news_limit)
    assert page.count('class="post-card"') == 3
