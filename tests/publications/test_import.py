"""Importing BibTeX: merging instead of duplicating, linking co-authors, atomic and honest reporting."""

import pytest
from django.core.management import CommandError, call_command

from publications.models import Authorship, LinkMethod, LinkState, Publication, Venue
from publications.services import authorship_confirm, authorship_link, authorship_reject, publication_import
from tests.factories import NameVariantFactory, ResearcherFactory

PAPER = """@inproceedings{moreau2024,
  title = {Robust {Learning} under Shift},
  author = {Moreau*, Alice and Okafor*, Bob and Stranger, Sam},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2024},
  doi = {10.5555/robust.2024},
  abbr = {NeurIPS},
  selected = {true},
}
"""


def counts():
    return Publication.objects.count(), Authorship.objects.count(), Venue.objects.count()


def test_import_creates_the_paper_its_venue_and_ordered_authors(alice, bob):
    report = publication_import(text=PAPER)
    assert report.created == ["moreau2024"]
    paper = Publication.objects.get()
    assert paper.title == "Robust Learning under Shift"
    assert (paper.venue.name, paper.venue.short_name, paper.badge) == (
        "Advances in Neural Information Processing Systems", "NeurIPS", "NeurIPS"
    )  # fmt: skip
    authors = list(paper.authorships.order_by("position"))
    assert [(author.position, author.name) for author in authors] == [
        (1, "Alice Moreau"), (2, "Bob Okafor"), (3, "Sam Stranger")
    ]  # fmt: skip
    assert [author.equal_contribution for author in authors] == [True, True, False]


def test_importing_the_same_file_twice_changes_nothing(alice, bob):
    publication_import(text=PAPER)
    before = counts()
    report = publication_import(text=PAPER)
    assert (report.created, report.merged, report.unchanged) == ([], [], ["moreau2024"])
    assert counts() == before


@pytest.mark.parametrize(
    "duplicate",
    [
        "@article{x, title={Another Title Entirely}, author={Moreau, A.}, year={2023}, doi={https://doi.org/10.5555/ROBUST.2024}}",
        "@article{x, title={ROBUST learning, under shift!}, author={Moreau, A.}, year={2024}}",
    ],
)
def test_same_doi_or_same_title_and_year_merges_and_fills_empty_fields(alice, duplicate):
    publication_import(text=PAPER)
    report = publication_import(text=duplicate.replace("}}", "}, pages={1--10}, abstract={Filled in.}}"))
    assert report.merged == ["x"] and report.created == []
    paper = Publication.objects.get()
    assert paper.title == "Robust Learning under Shift"  # what was there is kept
    assert (paper.pages, paper.abstract) == ("1–10", "Filled in.")  # what was missing is filled


def test_same_arxiv_id_merges(db):
    publication_import(
        text="@misc{a, title={One}, author={A, B}, year={2023}, eprint={2305.17066}, archiveprefix={arXiv}}"
    )
    journal_version = (
        "@article{b, title={One, journal version}, author={A, B}, year={2024}, journal={TMLR}, arxiv={2305.17066v3}}"
    )
    report = publication_import(text=journal_version)
    assert report.merged == ["b"] and Publication.objects.count() == 1


def test_duplicates_inside_one_file_become_one_paper(db):
    report = publication_import(
        text="@article{a, title={Same}, author={A, B}, year=2020, doi={10.1/x}}\n"
        "@inproceedings{b, title={Same}, author={A, B}, year=2020, pages={5--9}}"
    )
    assert (report.created, report.merged) == (["a"], ["b"])
    assert Publication.objects.get().pages == "5–9"


def test_a_bad_entry_is_reported_and_never_half_written(alice):
    report = publication_import(
        text=PAPER + "@article{bad, author={Moreau, Alice}, year={2020}}\n@article{broken, title={x"
    )
    assert report.created == ["moreau2024"]
    assert {error.key for error in report.errors} == {"bad", "broken"}
    assert Publication.objects.count() == 1
    assert "1 created, 0 merged, 0 unchanged, 2 skipped" in report.summary()


def test_dry_run_writes_nothing_but_reports_what_would_happen(alice):
    report = publication_import(text=PAPER, member=alice, dry_run=True)
    assert report.created == ["moreau2024"] and report.summary().startswith("Dry run")
    assert counts() == (0, 0, 0)


def test_registered_names_link_automatically_in_either_bibtex_order_and_strangers_stay_unlinked(alice, bob):
    publication_import(text=PAPER.replace("Okafor*, Bob", "Bob Okafor*"))
    authors = {author.name: author for author in Authorship.objects.all()}
    assert authors["Alice Moreau"].researcher == alice
    assert (authors["Alice Moreau"].link_state, authors["Alice Moreau"].link_method) == (
        LinkState.CONFIRMED,
        LinkMethod.NAME,
    )  # noqa: E501
    assert authors["Bob Okafor"].member == bob
    assert authors["Sam Stranger"].researcher is None and authors["Sam Stranger"].link_state == LinkState.UNLINKED


def test_a_name_variant_links_automatically(alice):
    NameVariantFactory(researcher=alice, name="A. Moreau-Dubois")
    publication_import(text="@article{a, title={T}, author={Moreau-Dubois, A.}, year={2020}}")
    assert Authorship.objects.get().member == alice


def test_orcid_links_even_when_the_name_differs(db):
    member = ResearcherFactory(name="Josiah Carberry", orcid="0000-0002-1825-0097", orcid_verified=True)
    from publications.linking import MemberIndex

    found, state, method = MemberIndex().match(
        name="J. S. Carberry-Smith", family="Carberry-Smith", given="J. S.", orcid="0000-0002-1825-0097"
    )  # noqa: E501
    assert (found, state, method) == (member, LinkState.CONFIRMED, LinkMethod.ORCID)


@pytest.mark.parametrize(
    "printed",
    ["Moreau, A.", "A. Moreau", "Moreau, Alicé", "MOREAU, Alice-Marie", "Alice Moréau"],
)
def test_loose_matches_become_suggestions_never_links(alice, printed):
    alice.name = "Alice Moreau"
    alice.save()
    publication_import(text=f"@article{{a, title={{T}}, author={{{printed}}}, year={{2020}}}}")
    authorship = Authorship.objects.get()
    assert (authorship.researcher, authorship.link_state) == (alice, LinkState.SUGGESTED)
    assert authorship.member is None


def test_pinyin_and_chinese_characters_match_loosely(db):
    member = ResearcherFactory(name="Yutong Chen", native_name="陈雨桐")
    publication_import(text="@article{a, title={T}, author={陈雨桐 and Chen, Y. and Liu, Yi}, year={2020}}")
    by_name = {author.name: author for author in Authorship.objects.all()}
    assert by_name["陈雨桐"].member == member  # the native-script name as registered
    assert (by_name["Y. Chen"].researcher, by_name["Y. Chen"].link_state) == (member, LinkState.SUGGESTED)
    assert by_name["Yi Liu"].researcher is None


def test_reversed_order_chinese_name_is_a_suggestion(db):
    member = ResearcherFactory(name="Haozhe Liu")
    publication_import(text="@article{a, title={T}, author={Liu Haozhe}, year={2020}}")
    authorship = Authorship.objects.get()
    assert (authorship.researcher, authorship.link_state) == (member, LinkState.SUGGESTED)


def test_two_members_with_the_same_name_are_never_linked_automatically(db):
    first, second = ResearcherFactory(name="Wei Zhang"), ResearcherFactory(name="Wei Zhang")
    publication_import(text="@article{a, title={T}, author={Zhang, Wei}, year={2020}}")
    authorship = Authorship.objects.get()
    assert authorship.link_state == LinkState.SUGGESTED and authorship.researcher in {first, second}


@pytest.mark.parametrize(
    "highlighted", ["{<u>Alice Moreau</u>}*", "<b>Moreau, Alice</b>*", "\\textbf{Alice Moreau}*", "**Alice Moreau***"]
)
def test_importing_member_is_found_through_self_highlighting_and_gets_the_selected_flag(alice, highlighted):
    publication_import(text=PAPER.replace("Moreau*, Alice", highlighted), member=alice)
    mine = Authorship.objects.get(position=1)
    assert (mine.name, mine.member, mine.selected, mine.equal_contribution) == ("Alice Moreau", alice, True, True)


def test_importing_member_written_only_loosely_is_suggested_not_confirmed_and_told(alice):
    report = publication_import(text=PAPER.replace("Moreau*, Alice", "Moreau*, A."), member=alice)
    mine = Authorship.objects.get(position=1)
    assert (mine.researcher, mine.link_state) == (alice, LinkState.SUGGESTED)
    assert any("not among its authors" in warning for warning in report.warnings)


def test_an_advisor_with_a_similar_name_is_never_confirmed_as_the_importing_member(db):
    student = ResearcherFactory(name="Yifei Wang")
    advisor = ResearcherFactory(name="Yisen Wang")
    text = "@article{a, title={T}, author={Wang, Y. (Corresponding Author) and Wang, Yisen}, year={2020}}"
    publication_import(text=text, member=student)
    first, second = Authorship.objects.order_by("position")
    assert first.corresponding and first.link_state == LinkState.SUGGESTED
    assert second.member == advisor and not Publication.objects.for_member(student).exists()


def test_importing_member_not_among_authors_is_warned(alice, bob):
    report = publication_import(text="@article{a, title={T}, author={Other, Person}, year={2020}}", member=bob)
    assert any("not among its authors" in warning for warning in report.warnings)
    assert not Authorship.objects.filter(researcher=bob).exists()


def test_rejected_suggestions_are_remembered_across_reimports(alice, lab_admin):
    publication_import(text="@article{a, title={T}, author={Moreau, A.}, year={2020}}")
    authorship = Authorship.objects.get()
    authorship_reject(authorship=authorship, by=alice.user)
    publication_import(text="@article{a, title={T}, author={Moreau, A.}, year={2020}, pages={1--2}}")
    authorship.refresh_from_db()
    assert authorship.link_state == LinkState.REJECTED and authorship.decided_by == alice.user
    assert not Publication.objects.for_member(alice).exists()


def test_confirming_a_suggestion_links_the_member(alice):
    publication_import(text="@article{a, title={T}, author={Moreau, A.}, year={2020}}")
    authorship = Authorship.objects.get()
    authorship_confirm(authorship=authorship, by=alice.user)
    assert Publication.objects.for_member(alice).count() == 1
    assert authorship.decided_at is not None


def test_a_member_cannot_be_two_authors_of_one_paper(alice):
    publication_import(text="@article{a, title={T}, author={Moreau, Alice and Moreau, A.}, year={2020}}")
    second = Authorship.objects.get(position=2)
    with pytest.raises(ValueError, match="already an author"):
        authorship_link(authorship=second, researcher=alice, by=None)


def test_the_command_prints_a_summary_and_each_bad_entry(alice, tmp_path, capsys):
    bib = tmp_path / "mine.bib"
    bib.write_text(PAPER + "@article{nameless, year={2020}}\n", encoding="utf-8")
    call_command("import_bibtex", str(bib), "--member", "alice-moreau")
    output = capsys.readouterr()
    assert "1 created" in output.out and "1 skipped" in output.out
    assert "nameless (line 10): it has no title" in output.err


def test_the_command_dry_run_writes_nothing(alice, tmp_path):
    bib = tmp_path / "mine.bib"
    bib.write_text(PAPER, encoding="utf-8")
    call_command("import_bibtex", str(bib), "--dry-run")
    assert counts() == (0, 0, 0)


def test_the_command_explains_a_missing_file_or_member(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_bibtex", str(tmp_path / "missing.bib"))
    (tmp_path / "x.bib").write_text(PAPER)
    with pytest.raises(CommandError, match="No member has the slug 'nobody'"):
        call_command("import_bibtex", str(tmp_path / "x.bib"), "--member", "nobody")


def test_a_member_added_after_their_papers_gets_linked(db):
    publication_import(text="@article{a, title={T}, author={Haddad, Noor and Chen, Y.}, year={2020}}")
    noor = ResearcherFactory(name="Noor Haddad")
    yutong = ResearcherFactory(name="Yutong Chen")
    by_name = {author.name: author for author in Authorship.objects.all()}
    assert by_name["Noor Haddad"].member == noor
    assert (by_name["Y. Chen"].researcher, by_name["Y. Chen"].link_state) == (yutong, LinkState.SUGGESTED)


def test_registering_a_name_variant_links_existing_papers_but_not_rejected_ones(alice):
    publication_import(text="@article{a, title={T}, author={Moreau-Dubois, A.}, year={2020}}")
    publication_import(text="@article{b, title={U}, author={Moreau-Dubois, A.}, year={2021}}")
    first, second = Authorship.objects.order_by("publication__title")
    first.researcher = alice
    authorship_reject(authorship=first, by=alice.user)
    NameVariantFactory(researcher=alice, name="Moreau-Dubois, A.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.link_state == LinkState.REJECTED
    assert second.member == alice


def test_a_co_author_already_linked_can_still_select_the_paper(alice, bob):
    publication_import(text=PAPER.replace("selected = {true},\n", ""), member=alice)
    report = publication_import(text=PAPER, member=bob)
    assert report.merged == ["moreau2024"]
    assert Authorship.objects.get(researcher=bob).selected
    assert not Authorship.objects.get(researcher=alice).selected


def test_compound_family_names_are_suggested(db):
    member = ResearcherFactory(name="Lucas Ferreira Duarte")
    publication_import(text="@article{a, title={T}, author={Ferreira Duarte, Lucas}, year={2020}}")
    assert Authorship.objects.get().researcher == member


def test_a_japanese_native_name_does_not_make_pinyin_suggestions(db):
    ResearcherFactory(name="Kenji Arakawa", native_name="荒川健司")
    publication_import(text="@article{a, title={T}, author={Huang, Chao and 荒川健司}, year={2020}}")
    by_name = {author.name: author for author in Authorship.objects.all()}
    assert by_name["Chao Huang"].researcher is None
    assert by_name["荒川健司"].member is not None


def test_imported_papers_take_fresh_keys_that_later_papers_never_reuse(db):
    from publications.models import Publication
    from publications.services import publication_import
    from tests.factories import PublicationFactory

    first = PublicationFactory(title="Typed in by hand")
    publication_import(text="@article{a, title={One}, year={2024}}\n@article{b, title={Two}, year={2024}}\n")
    imported = list(Publication.objects.exclude(pk=first.pk).order_by("pk"))
    assert [paper.pk for paper in imported] == [first.pk + 1, first.pk + 2]
    deleted = imported[-1].pk
    imported[-1].delete()

    later = PublicationFactory(title="Typed in later")
    publication_import(text="@article{c, title={Three}, year={2025}}\n")

    assert later.pk > deleted
    assert Publication.objects.get(title="Three").pk > later.pk
