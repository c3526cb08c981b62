"""Every vector of the corpus, written into a homepage, imported, and rendered on every page it reaches."""

import pytest
from django.urls import reverse

from portal.importers.homepage.services import homepage_import
from publications.models import Publication
from researchers.models import Researcher
from tests.security.active_content import active_content, load_vectors, sample_vectors


def one_line(vectors):
    return [" ".join(vector.split()) for vector in vectors]


VECTORS = one_line(load_vectors())
CHUNK = 400
# By default a sample with every class of vector; the whole corpus, chunk by chunk, under -m xss_full.
CHUNKS = [
    pytest.param(one_line(sample_vectors()), id="sample"),
    *(
        pytest.param(VECTORS[start : start + CHUNK], id=f"corpus-{start}", marks=pytest.mark.xss_full)
        for start in range(0, len(VECTORS), CHUNK)
    ),
]


def homepage(vectors):
    """An al-folio-style about page with the vectors in its prose, interests, news, awards and papers."""
    lines = [
        "---",
        "layout: about",
        "title: about",
        "---",
        "",
        "**Paper Owner** is a PhD student at Example University.",
        "",
    ]
    lines += [f"{vector}\n" for vector in vectors[:50]]
    lines += ["# Research Interests", ""] + [f"- **Topic {n}** {vector}" for n, vector in enumerate(vectors)]
    lines += ["", "# News", ""] + [f"- *2024.01*: {vector}" for vector in vectors]
    lines += ["", "# Awards", ""] + [f"- *2023* Prize {vector}" for vector in vectors]
    lines += ["", "# Publications", ""]
    lines += [
        f"- **Owner, P.**, Other, O. (2024). Paper {n} {vector}. _ICML'2024_. [PDF]({vector}) [Code]({vector})"
        for n, vector in enumerate(vectors)
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("vectors", CHUNKS)
def test_every_vector_in_an_imported_homepage_stays_inert_on_every_page(db, client, tmp_path, vectors):
    page = tmp_path / "about.md"
    page.write_text(homepage(vectors))

    homepage_import(path=page, member_slug="paper-owner")

    # An unclosed <style> or <!-- in a vector swallows the rest of its page, as in a browser; the
    # importer reports that part as not mapped. What was mapped must be inert wherever it shows.
    owner = Researcher.objects.get(slug="paper-owner")
    assert owner.bio_html
    urls = [
        owner.get_absolute_url(),
        reverse("researchers:cv", args=[owner.slug]),
        reverse("publications:member", args=[owner.slug]),
        "/news/?member=paper-owner",
        "/publications/",
    ]
    urls += [paper.get_absolute_url() for paper in Publication.objects.order_by("pk")[:: CHUNK // 4]]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = active_content(response.content.decode())
        assert not found, (url, found[:5])
