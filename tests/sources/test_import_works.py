"""Every recorded answer imports through `import_works`: authors in order, identifiers normalised, venues and
years; the owner linked by a verified ORCID iD; a second import changes nothing; error answers are reported."""

import pytest
from django.core.management import CommandError, call_command

from portal.importers.sources.records import WorkAuthor, WorkRecord
from portal.importers.sources.services import works_import
from publications.models import Authorship, LinkMethod, LinkState, Publication, SourceSync
from tests.factories import AuthorshipFactory, PublicationFactory, ResearcherFactory

pytestmark = pytest.mark.django_db


def import_works(path, source, *args):
    call_command("import_works", str(path), "--source", source, *args)


def authors_of(publication):
    return list(publication.authorships.order_by("position").values_list("name", flat=True))


def snapshot():
    papers = sorted(Publication.objects.values_list("id", "title", "doi", "arxiv_id", "year", "citation_count"))
    authors = sorted(
        Authorship.objects.values_list("publication_id", "position", "name", "orcid", "researcher_id", "link_state")
    )
    return papers, authors, Publication.history.count()


def test_crossref_works_import_with_authors_in_order_normalised_doi_venue_and_year(data):
    for name in ["test1.json", "test3.json", "test4.json", "test5.json", "test6.json"]:
        import_works(data / "crossref" / name, "crossref")
    assert Publication.objects.count() == 5
    paper = Publication.objects.get(doi="10.1021/acs.orglett.9b00971")
    assert paper.venue_text == "Organic Letters"
    assert paper.year == 2019 and paper.month == 4
    assert paper.kind == "article"
    assert authors_of(paper)[:2] == ["Steven J. Mansfield", "Russell C. Smith"]
    one_name = Publication.objects.get(doi="10.1038/d41586-020-02761-z")
    assert authors_of(one_name)[:2] == ["Sheherazade", "Ardiantiono"]
    assert Publication.objects.get(doi="10.1126/science.280.5362.421").venue_text == "Science"
    assert Publication.objects.get(doi="10.1007/978-3-319-53923-2").kind == "book"


def test_arxiv_feeds_of_both_formats_import_with_normalised_ids_and_dois(data):
    import_works(data / "arxiv" / "arxiv_query_au_del_maestro.xml", "arxiv")
    import_works(data / "arxiv" / "arxiv_golden_all_testing_m10.json", "arxiv")
    import_works(data / "arxiv" / "arxiv_golden_id_astro-ph_0601001.json", "arxiv")
    assert Publication.objects.count() == 21
    old_style = Publication.objects.get(arxiv_id="astro-ph/0601001")
    assert authors_of(old_style)[:3] == ["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi"]
    assert old_style.year == 2006
    assert not Publication.objects.filter(arxiv_id__contains="v").exclude(arxiv_id__contains="/").exists()
    assert Publication.objects.filter(arxiv_id="cond-mat/0412498").exists()
    # The 2026 format keeps its body as UTF-8 decoded as latin-1: names come back with their accents.
    assert Authorship.objects.filter(name="Aurora Ramírez").exists()
    assert not Publication.objects.exclude(doi="").exclude(doi__startswith="10.").exists()
    # Entries without a journal reference are preprints on arXiv; the others name their journal.
    preprints = Publication.objects.filter(kind="preprint")
    assert preprints.exists() and set(preprints.values_list("venue_text", flat=True)) == {"arXiv"}
    assert Publication.objects.get(doi="10.1103/physrevb.71.184511").venue_text.startswith("Physical Review B")


def test_orcid_works_carry_their_owner_who_is_linked_when_a_lab_admin_verified_the_orcid(data):
    scott = ResearcherFactory(name="S. Chamberlain", orcid="0000-0003-1444-9135", orcid_verified=True)
    import_works(data / "orcid" / "orcid_v3_person_and_works.vcr.yml", "orcid")
    # 111 groups, of which figshare versions and data sets share a title and year: one paper each.
    assert Publication.objects.count() == 70
    paper = Publication.objects.get(doi="10.3897/biss.2.25589")
    assert paper.venue_text == "Biodiversity Information Science and Standards"
    assert paper.year == 2018
    owner = paper.authorships.get()
    assert owner.name == "Scott Chamberlain" and owner.orcid == "0000-0003-1444-9135"
    assert (owner.researcher, owner.link_state, owner.link_method) == (scott, LinkState.CONFIRMED, LinkMethod.ORCID)


def test_an_unverified_orcid_links_nobody(data):
    ResearcherFactory(name="Someone Else", orcid="0000-0003-1444-9135", orcid_verified=False)
    import_works(data / "orcid" / "orcid_v3_person_and_works.vcr.yml", "orcid")
    assert not Authorship.objects.filter(link_state=LinkState.CONFIRMED).exists()
    assert Authorship.objects.filter(orcid="0000-0003-1444-9135").exists()


def test_orcid_samples_in_json_and_xml_import(data):
    import_works(data / "orcid" / "work-full-3.0.json", "orcid")
    import_works(data / "orcid" / "record-full-3.0.json", "orcid")
    import_works(data / "orcid" / "works-3.0.xml", "orcid")
    import_works(data / "orcid" / "work-3.0.xml", "orcid")
    work = Publication.objects.get(title="Work Title", year=2022)
    assert authors_of(work)[:2] == ["Jordan", "Fran"]
    assert work.authorships.get(position=1).orcid == "0000-0002-5391-5437"
    assert work.doi == ""  # the sample's "work:doi" is not a DOI
    assert Publication.objects.filter(title__startswith="Work # ").count() == 3


def test_openalex_works_import_with_orcids_citations_and_the_verified_owner_linked(data):
    priem = ResearcherFactory(name="J. Priem", orcid="0000-0001-6187-6610", orcid_verified=True)
    import_works(data / "openalex" / "openalex_work_W2741809807.json", "openalex")
    paper = Publication.objects.get(doi="10.7717/peerj.4375")
    assert paper.venue_text == "PeerJ" and paper.year == 2018 and paper.volume == "6"
    assert authors_of(paper)[:2] == ["Heather Piwowar", "Jason Priem"]
    assert paper.authorships.exclude(orcid="").count() == 9
    second = paper.authorships.get(position=2)
    assert (second.researcher, second.link_state, second.link_method) == (priem, LinkState.CONFIRMED, "orcid")
    assert (paper.citation_count, paper.citation_source) == (962, "OpenAlex")
    assert paper.citation_url == "https://openalex.org/W2741809807"
    assert paper.citations_by_year["2024"] == 118
    assert paper.citation_date is not None


def test_openalex_lists_and_the_2026_schema_import(data):
    import_works(data / "openalex" / "openalex_works_by_author_A5068835581.json", "openalex")
    import_works(data / "openalex" / "openalex_works_list_cursor_page1.json", "openalex")
    assert Publication.objects.count() == 6
    hotspots_file = data / "openalex" / "openalex_work_W2162348455_2026.vcr.yml"
    import_works(hotspots_file, "openalex")
    hotspots = Publication.objects.get(doi="10.1038/35002501")
    assert hotspots.venue_text == "Nature" and hotspots.year == 2000
    assert len(authors_of(hotspots)) == 5
    assert hotspots.citation_count == 30625


def test_a_recorded_error_answer_is_reported_for_the_member_and_changes_nothing(data, capsys):
    member = ResearcherFactory(name="Norman Myers")
    hotspots_file = data / "openalex" / "openalex_work_W2162348455_2026.vcr.yml"
    import_works(hotspots_file, "openalex", "--member", member.slug)
    assert "HTTP 400" in capsys.readouterr().err
    failed = SourceSync.objects.get(researcher=member)
    assert not failed.ok and "DOESNTEXIST is not a valid select field" in failed.error
    assert Publication.objects.count() == 1  # the good answer in the same file still imported


def test_an_answer_that_is_only_an_error_imports_nothing(tmp_path):
    answer = tmp_path / "error.json"
    answer.write_text('{"error": "Invalid query parameters error.", "message": "bad select"}')
    with pytest.raises(CommandError, match="Nothing was imported"):
        import_works(answer, "openalex")
    broken = tmp_path / "broken.json"
    broken.write_text('{"message": {"title": ["unterminated')
    with pytest.raises(CommandError):
        import_works(broken, "crossref")
    assert not Publication.objects.exists()


@pytest.mark.parametrize(
    ("source", "name"),  # each source's recorded answers sit in a folder named after it
    [
        ("crossref", "test1.json"),
        ("arxiv", "arxiv_query_au_del_maestro.xml"),
        ("arxiv", "arxiv_golden_all_testing_m10.json"),
        ("orcid", "orcid_v3_person_and_works.vcr.yml"),
        ("openalex", "openalex_works_list_cursor_page1.json"),
        ("openalex", "openalex_work_W2741809807.json"),
    ],
)
def test_importing_the_same_file_again_changes_nothing(data, source, name):
    ResearcherFactory(name="Jason Priem", orcid="0000-0001-6187-6610", orcid_verified=True)
    member = ResearcherFactory(name="Scott Chamberlain", orcid="0000-0003-1444-9135", orcid_verified=True)
    args = ["--member", member.slug] if source == "orcid" else []
    import_works(data / source / name, source, *args)
    before = snapshot()
    import_works(data / source / name, source, *args)
    assert snapshot() == before


def test_a_dry_run_writes_nothing(data):
    import_works(data / "openalex" / "openalex_work_W2741809807.json", "openalex", "--dry-run")
    assert not Publication.objects.exists()
    assert not Authorship.objects.exists()


def test_a_member_importing_their_orcid_works_becomes_their_confirmed_author(data):
    scott = ResearcherFactory(name="Scott Chamberlain", orcid="0000-0003-1444-9135")
    import_works(data / "orcid" / "orcid_v3_person_and_works.vcr.yml", "orcid", "--member", scott.slug)
    mine = Publication.objects.for_member(scott)
    assert mine.count() == Publication.objects.count() == 70


def test_semantic_scholar_batches_and_author_papers_import(data):
    import_works(data / "s2" / "s2_paper_batch.vcr.yaml", "s2")
    assert Publication.objects.count() == 3  # the batch answered null for one of its four ids
    did = Publication.objects.get(doi="10.2139/ssrn.288970")
    assert authors_of(did) == ["Marianne Bertrand", "E. Duflo", "S. Mullainathan"]
    assert did.year == 2001 and did.venue_text == "Experimental & Empirical Studies eJournal"
    import_works(data / "s2" / "s2_author_2262347.json", "s2")
    machines = Publication.objects.get(doi="10.1049/pbpc026e_ch8")
    assert authors_of(machines)[:2] == ["D. Hilbert", "A. Turing"]
    before = snapshot()
    import_works(data / "s2" / "s2_author_2262347.json", "s2")
    assert snapshot() == before


def shared_record(**overrides):
    """What a source says about a paper the lab already has: more citations, and its authors' ORCID iDs."""
    values = {
        "source": "openalex",
        "title": "A Shared Result",
        "year": 2020,
        "doi": "10.5555/shared.1",
        "authors": [WorkAuthor(name="Zed Quux", orcid="0000-0002-1825-0097"), WorkAuthor(name="Alice Moreau")],
        "cited_by_count": 50,
        "source_url": "https://openalex.org/W1",
    }
    return WorkRecord(**{**values, **overrides})


def stored_shared_paper(*, confirmed_member=None):
    paper = PublicationFactory(
        title="A Shared Result", year=2020, doi="10.5555/shared.1", citation_count=3, citation_source="OpenAlex"
    )
    AuthorshipFactory(publication=paper, position=0, name="Zed Quux")
    state = LinkState.CONFIRMED if confirmed_member else LinkState.UNLINKED
    AuthorshipFactory(publication=paper, position=1, name="Alice Moreau", researcher=confirmed_member, link_state=state)
    return paper


def test_a_members_add_leaves_the_figures_and_orcid_ids_of_a_paper_they_are_not_confirmed_on(alice):
    paper = stored_shared_paper()
    works_import(records=[shared_record()], member=alice, by=alice.user)
    paper.refresh_from_db()
    assert paper.citation_count == 3
    assert not paper.authorships.exclude(orcid="").exists()


def test_a_members_add_of_a_paper_they_are_not_confirmed_on_only_suggests_it(alice):
    paper = stored_shared_paper()
    works_import(records=[shared_record(venue="A Venue the Member Sent", volume="99")], member=alice, by=alice.user)
    paper.refresh_from_db()
    assert (paper.volume, paper.authorships.count()) == ("", 2)
    assert paper.authorships.get(position=1).link_state == LinkState.SUGGESTED
    assert not paper.authorships.filter(researcher=alice, link_state=LinkState.CONFIRMED).exists()


def test_a_members_add_renews_the_figures_of_their_own_paper(alice):
    paper = stored_shared_paper(confirmed_member=alice)
    works_import(records=[shared_record()], member=alice, by=alice.user)
    paper.refresh_from_db()
    assert paper.citation_count == 50
    assert paper.authorships.get(position=0).orcid == "0000-0002-1825-0097"


def test_a_lab_admin_or_the_command_line_adds_to_any_stored_paper(alice, lab_admin):
    paper = stored_shared_paper()
    works_import(records=[shared_record(cited_by_count=40)], by=lab_admin)
    paper.refresh_from_db()
    assert paper.citation_count == 40
    works_import(records=[shared_record(cited_by_count=45)])
    paper.refresh_from_db()
    assert paper.citation_count == 45
