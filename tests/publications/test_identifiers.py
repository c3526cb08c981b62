"""DOIs and arXiv ids live in one normal form, in the model, and make a paper unique."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from publications.models import Authorship, LinkState, Publication, ResearchTheme
from tests.factories import PublicationFactory

migration = importlib.import_module("publications.migrations.0008_merge_duplicate_identifiers")


def test_saving_a_paper_stores_its_doi_and_arxiv_id_in_normal_form(db):
    paper = PublicationFactory(doi="https://doi.org/10.1/ABC", arxiv_id="arXiv:2305.17066v2")
    paper.refresh_from_db()
    assert (paper.doi, paper.arxiv_id) == ("10.1/abc", "2305.17066")


def test_the_same_doi_written_two_ways_cannot_be_two_papers(db):
    PublicationFactory(doi="https://doi.org/10.1/ABC")
    with pytest.raises(IntegrityError):
        PublicationFactory(doi="10.1/abc")


def test_clean_normalises_and_refuses_what_is_not_an_identifier(db):
    paper = PublicationFactory.build(doi="doi:10.1/XYZ", arxiv_id="https://arxiv.org/abs/2101.00001")
    paper.clean()
    assert (paper.doi, paper.arxiv_id) == ("10.1/xyz", "2101.00001")
    paper.doi = "not a doi"
    with pytest.raises(ValidationError) as error:
        paper.clean()
    assert "doi" in error.value.message_dict


def test_the_migration_merges_papers_stored_twice_under_one_doi(db, alice):
    first = PublicationFactory(title="One", authors=["Alice Moreau", "Sam Stranger"])
    second = PublicationFactory(title="One again", code_url="https://github.com/lab/one", authors=["Alice Moreau"])
    third = PublicationFactory(title="Other", doi="10.2/other")
    # Rows written before identifiers were normalised in the model.
    Publication.objects.filter(pk=first.pk).update(doi="https://doi.org/10.1/ABC")
    Publication.objects.filter(pk=second.pk).update(doi="10.1/abc")
    Authorship.objects.filter(publication=second, position=1).update(researcher=alice, link_state=LinkState.CONFIRMED)
    theme = ResearchTheme.objects.create(title="Robustness", researcher=alice)
    theme.publications.add(second)

    migration.merge_duplicates(apps, None)

    assert set(Publication.objects.values_list("pk", "doi")) == {(first.pk, "10.1/abc"), (third.pk, "10.2/other")}
    first.refresh_from_db()
    assert first.code_url == "https://github.com/lab/one"
    assert Publication.objects.for_member(alice).get() == first
    assert list(theme.publications.all()) == [first]


def test_an_imported_doi_url_finds_the_stored_paper(db):
    from publications.services import publication_import

    PublicationFactory(title="Stored", doi="10.1/abc", year=2020)
    report = publication_import(
        text="@article{a, title={Else}, author={X, Y}, year={2020}, doi={https://doi.org/10.1/ABC}}"
    )
    assert report.created == [] and Publication.objects.count() == 1
