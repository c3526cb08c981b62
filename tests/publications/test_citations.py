"""Citing a paper: APA, IEEE and Chicago from the CSL styles, BibTeX, copy buttons; preview images;
Altmetric and Dimensions links only when asked; downloads that keep the list's filters."""

import re

import pytest
from PIL import Image

from publications.citations import formatted_citations
from publications.models import Publication
from tests.factories import AuthorshipFactory, PublicationFactory, VenueFactory, image_upload


def journal_paper(**fields):
    values = {
        "title": "Sparse graphs for fast training",
        "kind": "article",
        "venue": VenueFactory(name="Journal of Machine Learning Research", short_name="JMLR", kind="journal"),
        "year": 2023,
        "month": 5,
        "volume": "24",
        "issue": "3",
        "pages": "12--23",
        "doi": "10.5555/jmlr.2023.12",
        **fields,
    }
    paper = PublicationFactory(**values)
    AuthorshipFactory(publication=paper, position=1, name="Ana María Garcia", family="Garcia", given="Ana María")
    AuthorshipFactory(publication=paper, position=2, name="Yi Liu", family="Liu", given="Yi")
    return paper


def test_a_paper_is_cited_in_apa_ieee_and_chicago(db):
    citations = {key: (label, text) for key, label, text in formatted_citations(journal_paper())}

    assert citations["apa"] == (
        "APA",
        "Garcia, A. M., &amp; Liu, Y. (2023). Sparse graphs for fast training. "
        "<i>Journal of Machine Learning Research</i>, <i>24</i>(3), 12–23. https://doi.org/10.5555/jmlr.2023.12",
    )
    label, ieee = citations["ieee"]
    assert label == "IEEE" and ieee.startswith("A. M. Garcia and Y. Liu, “Sparse graphs for fast training”")
    assert "vol. 24, no. 3, pp. 12–23" in ieee and not ieee.startswith("[1]")
    label, chicago = citations["chicago"]
    assert label == "Chicago" and chicago.startswith(
        "Garcia, Ana María, and Yi Liu. 2023. “Sparse Graphs for Fast Training"
    )


def test_markup_in_a_title_is_shown_as_text_never_run(db):
    paper = journal_paper(title='<script>alert(1)</script> <img src=x onerror="alert(2)">')
    for _, _, text in formatted_citations(paper):
        assert "<script" not in text and "<img" not in text
        assert "&lt;script&gt;" in text
    page_text = re.sub(r"\s+", " ", formatted_citations(paper)[0][2])
    assert set(re.findall(r"<(\w+)", page_text)) <= {"i", "b", "span", "sup", "sub"}


def test_paper_page_and_each_list_entry_offer_citations_with_copy_buttons(db, client):
    paper = journal_paper()
    detail = client.get(paper.get_absolute_url()).content.decode()
    for key in ("apa", "ieee", "chicago", "bibtex"):
        assert f'data-copy="cite-{key}"' in detail and f'id="cite-{key}"' in detail
    assert "Garcia, A. M., &amp; Liu, Y. (2023)." in detail

    # A list's Cite panel has the BibTeX at once, and fetches the formatted citations when it opens.
    listing = client.get("/publications/").content.decode()
    prefix = f"paper-{paper.pk}-cite"
    assert ">Cite</summary>" in listing and f'id="{prefix}-bibtex"' in listing
    assert f'data-cite-url="/publications/{paper.pk}/cite/?id={prefix}"' in listing
    assert f'href="{paper.get_absolute_url()}#cite-heading"' in listing  # without the script
    fragment = client.get(f"/publications/{paper.pk}/cite/", {"id": prefix}).content.decode()
    for key in ("apa", "ieee", "chicago"):
        assert f'data-copy="{prefix}-{key}"' in fragment and f'id="{prefix}-{key}"' in fragment
    assert "Garcia, A. M., &amp; Liu, Y. (2023)." in fragment


def test_the_citation_fragment_refuses_ids_that_are_not_plain_names(db, client):
    paper = journal_paper()
    response = client.get(f"/publications/{paper.pk}/cite/", {"id": '"><script>alert(1)</script>'})
    assert response.status_code == 400
    assert client.get("/publications/999999/cite/").status_code == 404


def test_citations_are_formatted_once_until_the_paper_changes(db, django_assert_max_num_queries, monkeypatch):
    from publications import citations

    paper = journal_paper()
    calls = []
    original = citations.format_citation
    monkeypatch.setattr(citations, "format_citation", lambda *args: calls.append(args) or original(*args))
    citations.formatted_citations(paper)
    citations.formatted_citations(paper)
    assert len(calls) == 3
    paper.title = "A new title"
    assert "A new title" in citations.formatted_citations(paper)[0][2]
    assert len(calls) == 6


def test_copy_buttons_need_no_inline_script(db, client):
    page = client.get(journal_paper().get_absolute_url())
    html = page.content.decode()
    assert "onclick" not in html
    # Every script is a file of ours or JSON-LD data, which browsers never run.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_a_preview_image_is_re_encoded_resized_and_shown_lazily_with_its_description(db, client):
    paper = journal_paper()
    paper.preview = image_upload("teaser.png", size=(2400, 1200))
    paper.preview_alt = "Two graphs side by side"
    paper.save()
    paper.refresh_from_db()

    assert paper.preview.name.startswith("papers/") and "teaser" not in paper.preview.name
    with Image.open(paper.preview.path) as stored:
        assert max(stored.size) == 720
    assert (paper.preview_width, paper.preview_height) == (720, 360)
    for url in (paper.get_absolute_url(), "/publications/"):
        page = client.get(url).content.decode()
        assert (
            f'src="{paper.preview.url}" alt="Two graphs side by side" width="720" height="360" loading="lazy"' in page
        )


def test_an_imported_preview_keeps_its_file_name_until_the_image_is_uploaded(db):
    paper = journal_paper(extra={"preview": "sparse.gif"})
    assert paper.preview_name == "sparse.gif"
    paper.preview = image_upload("sparse.png")
    paper.save()
    assert paper.preview_name == ""


def test_a_preview_that_is_not_an_image_is_refused(db):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    paper = journal_paper()
    paper.preview = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    with pytest.raises(ValidationError):
        paper.full_clean()


def test_altmetric_and_dimensions_links_show_only_when_the_paper_asks(db, client):
    plain = journal_paper(title="Plain paper")
    asking = journal_paper(title="Asking paper", doi="10.5555/asks", extra={"altmetric": "true", "dimensions": "true"})
    by_id = journal_paper(title="By id", doi="10.5555/byid", extra={"altmetric": "248", "dimensions": "false"})

    page = client.get(asking.get_absolute_url()).content.decode()
    assert 'href="https://www.altmetric.com/details/doi/10.5555/asks"' in page
    assert 'href="https://badge.dimensions.ai/details/doi/10.5555/asks"' in page
    assert "altmetric" not in client.get(plain.get_absolute_url()).content.decode().lower()
    page = client.get(by_id.get_absolute_url()).content.decode()
    assert 'href="https://www.altmetric.com/details/248"' in page and "dimensions.ai" not in page
    # Links only: no third-party script enters the page.
    assert "embed.js" not in page and "altmetric.com/embed" not in page


def test_download_links_of_a_filtered_list_carry_its_filters_and_the_download_honours_them(db, client):
    journal_paper(title="From 2023", year=2023)
    journal_paper(title="From 2021", year=2021, doi="10.5555/other")

    page = client.get("/publications/?year=2023&page=1").content.decode()
    assert 'href="/publications.bib?year=2023"' in page
    assert "Download the matching papers" in page

    exported = b"".join(client.get("/publications.bib?year=2023").streaming_content).decode()
    assert "From 2023" in exported and "From 2021" not in exported
    assert "From 2021" in b"".join(client.get("/publications.bib").streaming_content).decode()


def test_publication_list_and_paper_page_stay_within_their_query_budgets_with_citations(
    db, client, django_assert_max_num_queries
):
    for number in range(12):
        journal_paper(title=f"Paper {number}", doi=f"10.5555/{number}")
    with django_assert_max_num_queries(8):
        assert client.get("/publications/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(Publication.objects.first().get_absolute_url()).status_code == 200
