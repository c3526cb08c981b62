"""The demo lab's publications and research themes, loaded by seed_demo through the real import service."""

from django.db.models import Count, Q

from publications.bibtex import parse_bibtex
from publications.demo import BIBLIOGRAPHIES, FEATURED, SELECTED
from publications.models import Authorship, LinkState, Publication, ResearchTheme, Status, Venue
from researchers.models import Researcher, Role
from tests.conftest import seed_demo

SENIOR_ROLES = [Role.PI, Role.FACULTY, Role.POSTDOC]


def paper(key):
    return Publication.objects.get(bibtex_key=key)


def snapshot():
    """Everything the publication seed writes, counted."""
    return {
        "publications": Publication.objects.count(),
        "venues": Venue.objects.count(),
        "authorships": Authorship.objects.count(),
        **{state: Authorship.objects.filter(link_state=state).count() for state in LinkState.values},
        "selected": list(
            Authorship.objects.filter(selected=True).values_list("researcher__slug", "publication_id", "selected_order")
        ),
        "themes": ResearchTheme.objects.count(),
        "theme papers": ResearchTheme.publications.through.objects.count(),
        "featured": Publication.objects.filter(featured=True).count(),
        "stars": sorted(Publication.objects.exclude(stars=None).values_list("pk", "stars")),
    }


def test_every_demo_bibliography_parses_without_errors_or_warnings():
    for slug, text in BIBLIOGRAPHIES.items():
        entries, errors = parse_bibtex(text)
        assert not errors, slug
        assert not [warning for entry in entries for warning in entry.warnings], slug


def test_the_demo_lab_has_at_least_sixty_papers_spread_over_eight_years(demo_output):
    assert Publication.objects.count() >= 60
    years = set(Publication.objects.values_list("year", flat=True))
    assert len(years) >= 8
    assert None not in years


def test_every_member_except_staff_is_a_confirmed_author_of_a_demo_paper(demo_output):
    for member in Researcher.objects.exclude(role=Role.STAFF):
        assert Publication.objects.for_member(member).exists(), member.slug


def test_senior_members_have_many_papers(demo_output):
    for member in Researcher.objects.filter(role__in=SENIOR_ROLES):
        assert Publication.objects.for_member(member).count() >= 5, member.slug


def test_some_papers_are_shared_by_three_or_more_lab_members(demo_output):
    shared = Publication.objects.annotate(
        members=Count("authorships", filter=Q(authorships__link_state=LinkState.CONFIRMED))
    ).filter(members__gte=3)
    assert shared.count() >= 5
    assert paper("lindqvist2023lablogs").authorships.confirmed().count() == 6


def test_equal_contribution_and_corresponding_marks_are_read_from_the_author_list(demo_output):
    authors = {author.researcher.slug: author for author in paper("chen2023hierarchical").authorships.confirmed()}
    assert authors["yutong-chen"].equal_contribution and authors["amara-nwosu"].equal_contribution
    assert authors["elena-marchetti"].corresponding and not authors["elena-marchetti"].equal_contribution
    assert Authorship.objects.filter(publication__bibtex_key="wierzba2025eventtouch", corresponding=True).exists()
    assert Authorship.objects.filter(equal_contribution=True).count() >= 6
    assert Authorship.objects.filter(corresponding=True).count() >= 5


def test_names_printed_with_initials_or_accents_link_through_registered_variants(demo_output):
    linked = {
        ("dubois2020teleop", "E. R. Marchetti"): "elena-marchetti",
        ("wierzba2020slip", "T. Wierzba"): "tomasz-wierzba",
        ("szabo2021videogait", "Dániel Szabó"): "daniel-szabo",
        ("novakova2019allocation", "Hana Nováková"): "hana-novak",
        ("lindqvist2024fleet", "S. Lindqvist"): "sofia-lindqvist",
        ("chen2025openworld", "Lucas Ferreira Duarte"): "lucas-ferreira-duarte",
        ("wierzba2025eventtouch", "K. Arakawa"): "kenji-arakawa",
    }
    for (key, name), slug in linked.items():
        author = Authorship.objects.get(publication__bibtex_key=key, name=name)
        assert author.member is not None and author.member.slug == slug, (key, name)


def test_loosely_written_lab_names_wait_in_the_suggestion_queue(demo_output):
    suggestions = {
        (author.publication.bibtex_key, author.name): author.researcher.slug
        for author in Authorship.objects.suggested().select_related("publication", "researcher")
    }
    assert suggestions == {
        ("wierzba2024tactilepolicies", "P. Raghunathan"): "priya-raghunathan",
        ("chen2023videoplanners", "Y.-T. Chen"): "yutong-chen",
        ("ruiz2023shelves", "M. Ruiz"): "mateo-ruiz",
        # In Elena's own bibliography, but not written exactly as any of her names: hers to confirm.
        ("marchetti2024guide", "Elena R. Marchetti"): "elena-marchetti",
    }


def test_external_co_authors_stay_unlinked_even_when_they_share_a_family_name_with_a_member(demo_output):
    unlinked = Authorship.objects.filter(link_state=LinkState.UNLINKED, researcher=None)
    assert unlinked.values("name").distinct().count() >= 20
    assert unlinked.filter(name="Wei Chen").count() == 3  # not Yutong Chen


def test_a_paper_in_two_members_bibliographies_is_stored_once_with_what_each_added(demo_output):
    hierarchical = Publication.objects.get(title="Long-Horizon World Models with Hierarchical Latent Dynamics")
    assert hierarchical.venue.short_name == "NeurIPS"
    assert hierarchical.doi == "10.5555/labfolio-demo.chen2023hierarchical"
    assert hierarchical.arxiv_id == "2306.92517"  # from Yutong's preprint entry
    recovery = paper("nwosu2022recovery")
    assert recovery.slides_url.startswith("https://daniel-szabo.example.org/")  # from Daniel's copy
    assert paper("lindqvist2023lablogs").poster_url  # from Tomasz's copy


def test_statuses_notes_and_awards_come_from_the_bibtex(demo_output):
    assert paper("chen2025openworld").status == Status.UNDER_REVIEW
    assert paper("duarte2025distill").status == Status.ACCEPTED
    assert paper("romano2019play").note == "Best Paper"
    assert Publication.objects.filter(note="Oral").count() >= 2
    assert Publication.objects.filter(status=Status.PREPRINT).exists()


def test_every_identifier_and_code_link_is_invented(demo_output):
    for publication in Publication.objects.all():
        assert not publication.doi or publication.doi.startswith("10.5555/labfolio-demo."), publication.doi
        assert not publication.arxiv_id or int(publication.arxiv_id.split(".")[1]) >= 90000, publication.arxiv_id
        assert not publication.code_url or publication.code_url.startswith("https://github.com/labfolio-demo/")
    assert Publication.objects.exclude(arxiv_id="").count() >= 10
    assert Publication.objects.exclude(doi="").count() >= 55


def test_each_senior_member_has_three_to_five_selected_papers_in_their_chosen_order(demo_output):
    for slug, keys in SELECTED.items():
        member = Researcher.objects.get(slug=slug)
        chosen = Authorship.objects.filter(researcher=member, selected=True).order_by("selected_order")
        assert [author.publication.bibtex_key for author in chosen] == keys, slug
        assert [author.selected_order for author in chosen] == list(range(1, len(keys) + 1))
        assert all(author.link_state == LinkState.CONFIRMED for author in chosen)
    for member in Researcher.objects.filter(role__in=SENIOR_ROLES).current():
        assert 3 <= member.authorships.filter(selected=True).count() <= 5, member.slug


def test_papers_with_code_have_stars_and_some_have_dated_citation_counts(demo_output):
    with_code = Publication.objects.exclude(code_repository="")
    assert with_code.count() >= 15
    assert not with_code.filter(stars=None).exists()
    cited = Publication.objects.exclude(citation_count=None)
    assert cited.count() >= 10
    assert not cited.exclude(citation_source="Google Scholar").exists()
    assert not cited.filter(citation_date=None).exists()
    assert sorted(Publication.objects.filter(featured=True).values_list("bibtex_key", flat=True)) == sorted(FEATURED)


def test_the_pi_has_nested_research_themes_with_representative_papers(demo_output):
    pi = Researcher.objects.get(role=Role.PI)
    top = ResearchTheme.objects.filter(researcher=pi, parent=None)
    assert 2 <= top.count() <= 3
    for theme in top:
        assert 1 <= theme.children.count() <= 2, theme.title
        for sub_theme in theme.children.all():
            assert sub_theme.researcher == pi
            assert 1 <= sub_theme.publications.count() <= 3, sub_theme.title
    assert "<strong>" in top.get(title="Generalisable manipulation").description_html


def test_every_theme_has_one_to_three_papers_its_owner_wrote(demo_output):
    for theme in ResearchTheme.objects.all():
        assert 1 <= theme.publications.count() <= 3, theme.title
        if theme.researcher:
            assert not theme.publications.exclude(pk__in=Publication.objects.for_member(theme.researcher)).exists()


def test_the_lab_and_another_member_have_themes_too(demo_output):
    assert ResearchTheme.objects.filter(researcher=None, parent=None).count() >= 1
    owners = set(ResearchTheme.objects.exclude(researcher=None).values_list("researcher__role", flat=True))
    assert {Role.PI, Role.FACULTY} <= owners


def test_the_summary_line_counts_publications_and_themes(demo_output):
    assert demo_output.count("\n") == 1
    assert f"{Publication.objects.count()} publications" in demo_output
    assert f"{ResearchTheme.objects.count()} research themes" in demo_output
    assert f"{Authorship.objects.suggested().count()} suggestions" in demo_output


def test_running_seed_demo_twice_leaves_every_publication_count_unchanged(demo_output):
    before = snapshot()

    output = seed_demo()

    assert snapshot() == before
    assert "0 new, 0 merged" in output


def test_if_empty_loads_publications_into_an_empty_database(db):
    seed_demo("--if-empty")

    assert Publication.objects.count() >= 60


def test_if_empty_loads_no_publications_when_a_member_already_exists(alice):
    output = seed_demo("--if-empty")

    assert "not loaded" in output
    assert not Publication.objects.exists()
    assert not ResearchTheme.objects.exists()
