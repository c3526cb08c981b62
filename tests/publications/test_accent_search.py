"""Searching a name or title finds it with or without its accents, on both databases."""

import pytest

from portal.pages.search import search_publications
from publications.services import publication_import

PAPERS = """
@article{one, title={Caféine and sleep}, author={Szabó, Dániel and Moreau, Alice}, year={2020}}
@article{two, title={Plain title}, author={Szabo, Daniel}, year={2021}}
@article{three, title={Unrelated}, author={Okafor, Bob}, year={2022}}
"""


@pytest.fixture
def papers(db):
    publication_import(text=PAPERS)


@pytest.mark.parametrize("query", ["Szabo", "szabó", "Dániel", "daniel"])
def test_the_publication_list_finds_a_name_with_or_without_accents(client, papers, query):
    page = client.get("/publications/", {"q": query}).content.decode()
    assert "Caféine and sleep" in page and "Plain title" in page and "Unrelated" not in page


def test_the_publication_list_finds_an_accented_title_typed_without_accents(client, papers):
    page = client.get("/publications/", {"q": "cafeine"}).content.decode()
    assert "Caféine and sleep" in page and "Plain title" not in page


@pytest.mark.parametrize("query", ["Szabo", "Szabó"])
def test_site_search_finds_a_name_with_or_without_accents(papers, query):
    titles = {paper.title for paper in search_publications(query).items}
    assert titles == {"Caféine and sleep", "Plain title"}
