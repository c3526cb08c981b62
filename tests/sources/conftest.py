"""Recorded answers of Crossref, arXiv, ORCID and OpenAlex, read where the shared test data lives."""

from pathlib import Path

import pytest

from portal.importers.sources.http import Payload
from portal.importers.sources.recordings import read_recording
from tests.factories import ResearcherFactory

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture
def data():
    if not DATA.is_dir():
        pytest.fail(f"The recorded answers are missing: {DATA} does not exist.")
    return DATA


WANG_ORCID = "0000-0002-3651-7517"
SCOTT_ORCID = "0000-0003-1444-9135"


@pytest.fixture
def scott(db):
    return ResearcherFactory(name="Scott Chamberlain", slug="scott", orcid=SCOTT_ORCID, orcid_verified=True)


@pytest.fixture
def wang(db):
    return ResearcherFactory(name="Yang Wang", orcid=WANG_ORCID, orcid_verified=True)


@pytest.fixture
def recorded(data):
    """Every recorded ORCID and OpenAlex answer a sync of Scott Chamberlain or Yang Wang asks for."""
    openalex = data / "openalex"
    return [
        *read_recording(data / "orcid" / "orcid_v3_person_and_works.vcr.yml"),
        Payload(
            body=(openalex / "openalex_authors_list_A5068835581.json").read_bytes(),
            url="https://api.openalex.org/authors",
        ),
        Payload(
            body=(openalex / "openalex_works_by_author_A5068835581.json").read_bytes(),
            url="https://api.openalex.org/works",
        ),
    ]
