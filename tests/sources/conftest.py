"""Recorded answers of Crossref, arXiv, ORCID and OpenAlex, read where the shared test data lives."""

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture
def data():
    if not DATA.is_dir():
        pytest.fail(f"The recorded answers are missing: {DATA} does not exist.")
    return DATA
