"""Site search at /search/: people, publications, news and posts, on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Post
from portal.pages.search import (
    MAX_QUERY_LENGTH,
    fulltext_publications,
    highlight,
    match_pattern,
    parse_query,
    ranked_sql,
    search_publications,
)
from publications.models import Publication
from tests.factories import (
    AuthorshipFactory,
    NameVariantFactory,
    NewsItemFactory,
    PostFactory,
    PublicationFactory,
    ResearcherFactory,
    VenueFactory,
)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search and its index exist on PostgreSQL only"
)


def paper(title, authors=("Ada Lovelace",), **fields):
    """A paper whose searchable author list is filled in, as the importer and the admin do."""
    publication = PublicationFactory(title=title, authors=list(authors), **fields)
    publication.update_authors_text()
    return publication


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def found(response, kind):
    """The items shown for one kind of result."""
    return response.context[kind].items


@pytest.fixture
def lab(db):
    marchetti = ResearcherFactory(
        name="Elena Marchetti", role="pi", position="Associate Professor", focus="Robot learning that generalises"
    )
    NameVariantFactory(researcher=marchetti, name="Elena Rossi", kind="former")
    chen = ResearcherFactory(name="Yutong Chen", native_name="陈雨桐", focus="World models")
    hidden = ResearcherFactory(name="Hugo Hiddenberg", visibility="hidden")
    return {"marchetti": marchetti, "chen": chen, "hidden": hidden}


# The query


def test_a_query_becomes_lower_case_words_and_excluded_words():
    terms = parse_query('  "Diffusion" Models, few-shot -Video!  ')
    assert terms.words == ("diffusion", "models", "few", "shot")
    assert terms.excluded == ("video",)


def test_punctuation_alone_is_no_query():
    assert not parse_query('"&|!:* -- ()')
    assert not parse_query("-robots")


def test_a_long_query_is_cut_to_200_characters_and_loses_control_characters():
    terms = parse_query("a\x00b " + "x" * 500)
    assert len(terms.text) == MAX_QUERY_LENGTH and terms.text.startswith("ab ")


def test_highlighting_escapes_the_text_and_marks_the_words():
    pattern = match_pattern(["script", "models"])
    assert highlight("<script>alert('x')</script> & Models", pattern) == (
        "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)&lt;/<mark>script</mark>&gt; &amp; <mark>Models</mark>"
    )
    # Plural and -ing endings still light up the word the search matched; words inside others do not.
    assert highlight("A model of modelling, remodel", match_pattern(["models"])) == (
        "A <mark>model</mark> of <mark>modelling</mark>, remodel"
    )
    assert highlight("陈雨桐的论文", match_pattern(["雨桐"])) == "陈<mark>雨桐</mark>的论文"


@pytest.mark.parametrize("word", ["szabo", "szabó", "SZABÓ"])
def test_highlighting_marks_what_search_found_through_folding_and_keeps_the_letters_as_written(word):
    pattern = match_pattern([word])
    assert highlight("Dániel Szabó & Daniel Szabo", pattern) == (
        "Dániel <mark>Szabó</mark> &amp; Daniel <mark>Szabo</mark>"
    )
    # A letter that folds into two (the ligature ﬁ) stays as it is, and the marks stay in place around it.
    assert highlight("ﬁne Szabó", pattern) == "ﬁne <mark>Szabó</mark>"
    assert highlight("Ökonomie", match_pattern(["okonomie"])) == "<mark>Ökonomie</mark>"


# The page


def test_an_empty_query_shows_the_labelled_form_only(db, client):
    page = search(client, "").content.decode()
    assert '<label for="search-q">' in page and 'id="search-q" name="q"' in page
    assert "search-summary" not in page and "search-group" not in page


def test_a_query_without_words_says_so(db, client):
    page = search(client, "&&&").content.decode()
    assert "has no words to search for" in page


def test_the_site_header_has_a_search_box_with_a_label(db, client):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page
    assert '<label class="visually-hidden" for="header-search-q">Search the site</label>' in page


def test_results_are_counted_by_kind(lab, client):
    paper("Grasping with keypoints", authors=["Elena Marchetti"])
    response = search(client, "Marchetti")
    assert response.context["people"].total == 1 and response.context["publications"].total == 1
    page = response.content.decode()
    assert '<a href="#people">People <span class="search-count">1</span></a>' in page
    assert 'Posts <span class="search-count">0</span>' in page


# People


def test_people_are_found_by_name(lab, client):
    assert found(search(client, "elena marchetti"), "people") == [lab["marchetti"]]


def test_people_are_found_by_native_script_name(lab, client):
    assert found(search(client, "陈雨桐"), "people") == [lab["chen"]]
    assert found(search(client, "雨桐"), "people") == [lab["chen"]]


def test_people_are_found_by_a_name_variant_which_is_shown(lab, client):
    response = search(client, "Rossi")
    assert found(response, "people") == [lab["marchetti"]]
    assert "Also written Elena <mark>Rossi</mark>" in response.content.decode()


def test_people_are_found_by_the_start_of_their_name(lab, client):
    response = search(client, "marc")
    assert found(response, "people") == [lab["marchetti"]]
    assert "Elena <mark>Marchetti</mark>" in response.content.decode()


def test_a_name_match_ranks_above_a_focus_match(lab, client):
    worldly = ResearcherFactory(name="Wendy Worldly", focus="Robust machine learning")
    pat = ResearcherFactory(name="Pat Smith", focus="Models of the world")
    people = found(search(client, "world"), "people")
    assert people[0] == worldly and set(people) == {worldly, pat, lab["chen"]}


def test_hidden_members_never_appear(lab, client):
    response = search(client, "Hugo Hiddenberg")
    assert found(response, "people") == []
    assert "/people/hugo-hiddenberg/" not in response.content.decode()


@pytest.mark.parametrize("query", ["Daniel Szabo", "Dániel Szabó", "szabo", "dani"])
def test_people_are_found_with_or_without_the_accents_of_their_name(db, client, query):
    accented = ResearcherFactory(name="Dániel Szabó")
    plain = ResearcherFactory(name="Daniel Szabo")
    ResearcherFactory(name="Dana Smith")
    assert set(found(search(client, query), "people")) == {accented, plain}


@pytest.mark.parametrize("query", ["Tomas Horvath", "Tomáš Horváth"])
def test_people_are_found_with_or_without_the_accents_of_a_name_variant(db, client, query):
    accented = ResearcherFactory(name="Tom Horv")
    NameVariantFactory(researcher=accented, name="Tomáš Horváth")
    plain = ResearcherFactory(name="Tim Horv")
    NameVariantFactory(researcher=plain, name="Tomas Horvath")
    response = search(client, query)
    assert set(found(response, "people")) == {accented, plain}
    assert {person.matched_variant for person in found(response, "people")} == {"Tomáš Horváth", "Tomas Horvath"}


# Publications


@pytest.mark.parametrize(
    "query",
    ["temporal", "Faccio", "Francesco Faccio", "Robustness Workshop", "crossattention", "Diffusion -video"],
    ids=["title word", "author", "author's full name", "venue", "abstract", "excluding a word"],
)
def test_papers_are_found_by_title_author_venue_and_abstract(db, client, query):
    wanted = paper(
        "Faster Diffusion via Temporal Attention",
        authors=["Yi Liu", "Francesco Faccio"],
        venue_text="ICML Robustness Workshop",
        abstract="We find that crossattention outputs converge after a few steps.",
    )
    paper("Video Diffusion Without Tears", authors=["Ada Lovelace"], venue_text="CVPR")
    assert found(search(client, query), "publications") == [wanted]


@pytest.mark.parametrize("query", ["Resume parsing", "résumé", "perez"])
def test_an_accented_title_is_found_by_its_words_typed_without_accents_and_back(db, client, query):
    wanted = paper("Résumé parsing for Pérez and others", abstract="Reading job applications.")
    paper("Parsing programs", abstract="Compilers.")
    assert found(search(client, query), "publications") == [wanted]


def test_a_plain_title_is_found_by_its_words_typed_with_accents(db, client):
    wanted = paper("Resume parsing at scale")
    assert found(search(client, "résumé"), "publications") == [wanted]


def test_a_title_match_ranks_above_an_abstract_only_match(db, client):
    in_abstract = paper("Learning to see", year=2025, abstract="We use graph kernels throughout.")
    in_title = paper("Graph kernels for molecules", year=2019, abstract="Older work.")
    assert found(search(client, "kernels"), "publications") == [in_title, in_abstract]


def test_paper_snippets_escape_user_html_and_mark_the_match(db, client):
    paper("Robust parsing of <script>alert(1)</script> tags", abstract="Our <b>robust</b> parser & more.")
    page = search(client, "robust").content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>robust</b>" not in page
    assert "<mark>Robust</mark> parsing of &lt;script&gt;alert(1)&lt;/script&gt; tags" in page
    assert "Our &lt;b&gt;<mark>robust</mark>&lt;/b&gt; parser &amp; more." in page
    page = search(client, "parsing tags").content.decode()
    assert "<mark>parsing</mark> of &lt;script&gt;alert(1)&lt;/script&gt; <mark>tags</mark>" in page


def test_lab_authors_link_to_their_pages_with_the_match_marked(lab, client):
    publication = PublicationFactory(title="World models that know what they do not know")
    AuthorshipFactory(
        publication=publication, position=1, name="Yutong Chen", researcher=lab["chen"], link_state="confirmed"
    )
    AuthorshipFactory(publication=publication, position=2, name="Mei Tanaka")
    publication.update_authors_text()
    page = search(client, "tanaka world").content.decode()
    assert '<a href="/people/yutong-chen/">Yutong Chen</a>, Mei <mark>Tanaka</mark>' in page


def test_many_matching_papers_link_to_the_publication_list(db, client):
    for number in range(23):
        paper(f"Sparse attention, part {number}")
    response = search(client, "sparse attention")
    assert len(found(response, "publications")) == 20 and response.context["publications"].total == 23
    assert 'href="/publications/?q=sparse%20attention"' in response.content.decode()


# News and posts


def test_news_and_published_posts_are_found_but_not_drafts_or_future_posts(db, client):
    item = NewsItemFactory(body="Our paper on **curriculum** learning won a best paper award 🎉")
    NewsItemFactory(body="Welcome to the lab!")
    published = PostFactory(
        title="Notes on curriculum design", slug="notes", body="Start easy.", status=Post.Status.PUBLISHED
    )
    PostFactory(title="Curriculum draft", slug="draft", body="Secret.", status=Post.Status.DRAFT)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    PostFactory(title="Curriculum, soon", slug="soon", body="Later.", status=Post.Status.PUBLISHED, date=tomorrow)
    response = search(client, "curriculum")
    assert found(response, "news") == [item] and found(response, "posts") == [published]
    page = response.content.decode()
    assert "Our paper on <mark>curriculum</mark> learning won a best paper award 🎉" in page
    assert "Secret" not in page and "/blog/draft/" not in page and "/blog/soon/" not in page


def test_post_snippets_come_from_the_text_not_the_markdown(db, client):
    PostFactory(
        title="Field notes",
        slug="field-notes",
        body="We *tested* the <em>gripper</em> [outdoors](https://example.org).",
        status=Post.Status.PUBLISHED,
    )
    page = search(client, "gripper").content.decode()
    assert "We tested the <mark>gripper</mark> outdoors." in page


# Odd input and cost


@pytest.mark.parametrize(
    "query",
    ['"', "'", "&", "|", "!", ":*", "a & b | !c", "robust:*", "'; DROP TABLE x; --", "%_\\", "(((", "<>", "or",
     "a or -b", "robust -the", "-", "--x", "陈", "🙂", "x" * 1000, "\x00zero", "Müller-Lüdenscheidt", "C++ / C#"],
)  # fmt: skip
def test_odd_queries_answer_normally(lab, client, query):
    paper("Robust C++ parsing", abstract="A & B | C")
    search(client, query)


def test_search_makes_the_same_few_queries_whatever_the_amount_of_data(db, client):
    search(client, "warm the lab's cache")
    counts = []
    # Both sizes overflow every group's limit, so both pages count their groups.
    for size in (25, 50):
        venue = VenueFactory(name=f"Workshop on Graphs {size}")
        for number in range(size):
            member = ResearcherFactory(name=f"Graph Person{size}x{number}", focus="graph learning")
            NameVariantFactory(researcher=member, name=f"Person{size}x{number}, G.")
            paper(f"Graph paper {size}x{number}", authors=["Ada Lovelace", "Graph Writer"], venue=venue)
            NewsItemFactory(body=f"Graph news {size}x{number}")
            PostFactory(
                title=f"Graph post {size}x{number}", slug=f"post-{size}-{number}", body="Graphs.", status="published"
            )
        with CaptureQueriesContext(connection) as queries:
            search(client, "graph")
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10, counts


# PostgreSQL: full-text search


@on_postgresql
def test_publication_search_reads_the_gin_index_even_for_a_word_in_every_paper(db):
    for number in range(300):
        paper(f"Sparse attention, part {number}", abstract="Attention is sparse and learning is everywhere.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE publications_publication")
    with CaptureQueriesContext(connection) as queries:
        assert search_publications("learning").total == 300
    # The search forbids reading the table whole, where every abstract would be parsed again.
    assert queries[0]["sql"] == "SET LOCAL enable_seqscan = off"
    matched, rank = fulltext_publications(Publication.objects.all(), parse_query("learning"))
    sql, params = ranked_sql(matched, rank, 20)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on publication_search" in plan, plan


@on_postgresql
def test_english_stems_and_exact_names_both_match_on_postgresql(db, client):
    stems = paper("A model of the world", authors=["Kaiming He", "Wei Liu"])
    paper("Unrelated", authors=["Helen Hunt"])
    assert found(search(client, "models"), "publications") == [stems]
    # 'he' is an English stop word and a surname: the exact reading keeps it.
    assert found(search(client, "he world"), "publications") == [stems]
