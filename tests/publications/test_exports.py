"""BibTeX, CSL-JSON and RIS exports of one paper, one member's papers and the whole lab."""

import json

import pytest

from publications.bibtex import parse_bibtex
from publications.exports import citation_key, csl_item, latex_escape, page_range, write_csl_json
from publications.models import Authorship, Kind, LinkState, Publication
from publications.services import publication_import
from tests.factories import AuthorshipFactory, PublicationFactory, VenueFactory

LAB_BIBTEX = r"""
@inproceedings{liu2023adaptivemix,
  title = {{AdaptiveMix}: Improving {GAN} Training via Feature Space Shrinkage},
  author = {Liu, Haozhe and Zhang, Wenqing* and Li, Bing and Ghanem, Bernard and Zheng, Yefeng},
  booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition},
  year = {2023},
  month = jun,
  pages = {16169--16178},
  abbr = {CVPR},
  selected = {true},
  code = {https://github.com/WentianZhang-ML/AdaptiveMix},
}

@article{zhuge2023mindstorms,
  title = {Mindstorms in Natural Language-Based Societies of Mind},
  author = {Zhuge, Mingchen and Liu, Haozhe and Faccio, Francesco and
            Cs{\'o}rd{\'a}s, R{\'o}bert and Schmidhuber, J{\"u}rgen},
  journal = {arXiv preprint arXiv:2305.17066},
  year = {2023},
  note = {Best Paper at the NeurIPS 2023 R0-FoMo workshop},
}

@article{liu2021fingerprint,
  title = {Fingerprint Presentation Attack Detector Using Global-Local Model},
  author = {Liu, Haozhe and Zhang, Wentian and Liu, Feng and Wu, Haoqian and Shen, Linlin},
  journal = {IEEE Transactions on Cybernetics},
  volume = {52},
  number = {11},
  pages = {12315--12328},
  year = {2021},
  doi = {10.1109/TCYB.2021.3081764},
  abstract = {Costs dropped by 50\% \& errors by half; see \url{https://example.org/~liu}.},
}

@misc{liu2021fingerprint_dup,
  title = {P\'erez's \{braces\} \$5 \#1 under\_score},
  author = {P{\'e}rez-R{\'u}a, Juan-Manuel and {The Labfolio Consortium}},
  howpublished = {Technical report},
  year = {2024},
}
"""


def import_lab(text=LAB_BIBTEX):
    report = publication_import(text=text)
    assert not report.errors, report.errors
    return report


def export(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


# ---------------------------------------------------------------- responses


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [
        ("bib", "text/x-bibtex; charset=utf-8"),
        ("json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
        ("ris", "application/x-research-info-systems; charset=utf-8"),
    ],
)
def test_exports_have_their_content_type_and_a_file_name(db, client, alice, extension, content_type):
    paper = PublicationFactory(bibtex_key="moreau2024robust", authors=["Wei Zhang"])
    AuthorshipFactory(publication=paper, position=2, researcher=alice, link_state=LinkState.CONFIRMED)
    for url, filename in [
        (f"/publications.{extension}", f"labfolio-demo-lab-publications.{extension}"),
        (f"/people/alice-moreau/publications.{extension}", f"alice-moreau-publications.{extension}"),
        (f"/publications/{paper.pk}.{extension}", f"moreau2024robust.{extension}"),
    ]:
        response = export(client, url)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert "Zhang" in response.getvalue().decode("utf-8")


def test_unknown_export_formats_and_papers_are_404s(db, client):
    paper = PublicationFactory()
    assert client.get("/publications.xml").status_code == 404
    assert client.get(f"/publications/{paper.pk}.pdf").status_code == 404
    assert client.get("/publications/99999.bib").status_code == 404


def test_member_export_holds_only_their_confirmed_papers(db, client, alice):
    mine = PublicationFactory(title="Hers")
    AuthorshipFactory(publication=mine, researcher=alice, link_state=LinkState.CONFIRMED)
    maybe = PublicationFactory(title="Perhaps hers")
    AuthorshipFactory(publication=maybe, researcher=alice, link_state=LinkState.SUGGESTED)
    items = json.loads(export(client, "/people/alice-moreau/publications.json").getvalue())
    assert [item["title"] for item in items] == ["Hers"]


# ---------------------------------------------------------------- BibTeX


def test_lab_bibtex_reimports_as_the_same_papers_unchanged(db, client):
    import_lab()
    # A second member's file brings another paper under a key the lab already uses.
    import_lab("@article{liu2023adaptivemix, title={A different paper}, author={Doe, Jane}, journal={J}, year={2020}}")
    counts = Publication.objects.count(), Authorship.objects.count()
    exported = export(client, "/publications.bib").getvalue().decode()

    entries, errors = parse_bibtex(exported)
    assert not errors and len(entries) == counts[0] == 5
    report = publication_import(text=exported)
    assert not report.errors and not report.created and not report.merged
    assert len(report.unchanged) == 5
    assert (Publication.objects.count(), Authorship.objects.count()) == counts


def test_bibtex_is_written_from_the_record_so_edits_show_and_al_folio_settings_stay_home(db, client):
    import_lab()
    paper = Publication.objects.get(bibtex_key="liu2023adaptivemix")
    paper.title = "An edited title"
    paper.save()
    exported = export(client, f"/publications/{paper.pk}.bib").getvalue().decode()
    assert exported.startswith("@inproceedings{liu2023adaptivemix,") or exported.startswith(
        "@article{liu2023adaptivemix,"
    )
    assert "title = {An edited title}" in exported
    for internal in ("abbr", "selected", "bibtex_show", "preview"):
        assert f"{internal} = " not in exported


def test_the_same_record_is_always_written_the_same_way(db, client):
    import_lab()
    first = export(client, "/publications.bib").getvalue()
    assert export(client, "/publications.bib").getvalue() == first


def test_generated_bibtex_reimports_into_the_same_paper(db, client):
    venue = VenueFactory(name="Transactions on Machine Learning Research", short_name="TMLR", kind="journal")
    paper = PublicationFactory(
        complete=True,
        title="Sets {a, b} & 50% of $x$ #1 under_score -- with Über and 刘毅",
        kind=Kind.ARTICLE,
        venue=venue,
        pages="12–23",
        abstract="Faster diffusion & 20% less compute.",
    )
    names = [("Haozhe", "Liu"), ("José", "Pérez-Rúa"), ("", "Labfolio Consortium"), ("Jürgen", "Schmidhuber")]
    for position, (given, family) in enumerate(names, start=1):
        AuthorshipFactory(
            publication=paper, position=position, name=f"{given} {family}".strip(), given=given, family=family
        )
    exported = export(client, f"/publications/{paper.pk}.bib").getvalue().decode()
    assert exported.startswith("@article{liu2024sets,")
    assert r"Sets \{a, b\} \& 50\% of \$x\$ \#1 under\_score" in exported
    assert "Über and 刘毅" in exported  # UTF-8, not LaTeX accents

    fields = [
        "title", "kind", "venue_id", "year", "month", "volume", "issue", "pages", "doi", "arxiv_id", "status",
        "note", "abstract", "pdf_url", "code_url", "project_url", "video_url", "slides_url", "poster_url",
    ]  # fmt: skip
    before = {name: getattr(paper, name) for name in fields}
    authors_before = list(paper.authorships.values_list("position", "name", "family", "given"))
    paper.delete()

    report = publication_import(text=exported)
    assert len(report.created) == 1 and not report.errors
    again = Publication.objects.get()
    assert {name: getattr(again, name) for name in fields} == before
    assert list(again.authorships.values_list("position", "name", "family", "given")) == authors_before


def test_generated_key_is_first_author_year_and_first_real_title_word(db):
    paper = PublicationFactory(title="The Ünreasonable effectiveness of data", year=2009, authors=["Alon Halévy"])
    assert citation_key(Publication.objects.with_authors().get(pk=paper.pk)) == "halevy2009unreasonable"
    paper.bibtex_key = "halevy09"
    assert citation_key(paper) == "halevy09"


def test_keys_are_unique_within_an_exported_file(db, client):
    for _ in range(3):
        PublicationFactory(title="Attention is all you need", year=2017, authors=["Ashish Vaswani"])
    entries, errors = parse_bibtex(export(client, "/publications.bib").getvalue().decode())
    assert not errors
    assert sorted(entry.key for entry in entries) == [
        "vaswani2017attention",
        "vaswani2017attention-2",
        "vaswani2017attention-3",
    ]


def test_latex_specials_are_escaped():
    assert latex_escape("R&D 100% $5 #1 a_b {c}") == r"R\&D 100\% \$5 \#1 a\_b \{c\}"
    assert latex_escape("pages 1--2") == "pages 1-{}-2"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("12--23", ("12", "23")),
        ("12–23", ("12", "23")),
        ("12-23", ("12", "23")),
        ("e1234", ("e1234", "")),
        ("", ("", "")),
    ],
)
def test_page_ranges_split_on_any_dash(pages, expected):
    assert page_range(pages) == expected


# ---------------------------------------------------------------- CSL-JSON and RIS


def test_csl_json_items_follow_the_csl_schema(db, client):
    import_lab()
    items = json.loads(export(client, "/publications.json").getvalue())
    by_title = {item["title"]: item for item in items}
    assert len(items) == 4

    article = by_title["Fingerprint Presentation Attack Detector Using Global-Local Model"]
    assert article["type"] == "article-journal"
    assert article["author"][0] == {"family": "Liu", "given": "Haozhe"}
    assert article["issued"] == {"date-parts": [[2021]]}
    assert article["container-title"] == "IEEE Transactions on Cybernetics"
    assert (article["volume"], article["issue"], article["page"]) == ("52", "11", "12315-12328")
    assert article["DOI"] == "10.1109/tcyb.2021.3081764"
    assert article["abstract"].startswith("Costs dropped by 50% & errors")

    conference = by_title["AdaptiveMix: Improving GAN Training via Feature Space Shrinkage"]
    assert conference["type"] == "paper-conference"
    assert conference["issued"] == {"date-parts": [[2023, 6]]}
    preprint = by_title["Mindstorms in Natural Language-Based Societies of Mind"]
    assert preprint["type"] == "article"
    assert preprint["URL"] == "https://arxiv.org/pdf/2305.17066"
    assert {"literal": "The Labfolio Consortium"} in by_title["Pérez's {braces} $5 #1 under_score"]["author"]
    for item in items:
        assert {"id", "type", "title", "author", "issued"} <= item.keys()


def test_ris_records_run_from_ty_to_er_with_one_au_per_author(db, client):
    import_lab()
    text = export(client, "/publications.ris").getvalue().decode()
    records = [record for record in text.split("\n\n") if record.strip()]
    assert len(records) == 4
    for record in records:
        lines = record.strip("\n").split("\n")
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        assert all(line[2:6] == "  - " for line in lines)
        title = next(line[6:] for line in lines if line.startswith("TI  - "))
        paper = Publication.objects.get(title=title)
        authors = [line[6:] for line in lines if line.startswith("AU  - ")]
        assert len(authors) == paper.authorships.count()
    fingerprint = next(record for record in records if "Fingerprint" in record)
    for line in (
        "TY  - JOUR",
        "AU  - Liu, Haozhe",
        "JO  - IEEE Transactions on Cybernetics",
        "PY  - 2021",
        "DA  - 2021///",
        "VL  - 52",
        "IS  - 11",
        "SP  - 12315",
        "EP  - 12328",
        "DO  - 10.1109/tcyb.2021.3081764",
    ):
        assert line in fingerprint.split("\n")
    adaptivemix = next(record for record in records if "AdaptiveMix" in record)
    assert "TY  - CPAPER" in adaptivemix and "T2  - Proceedings of the IEEE/CVF" in adaptivemix


# ---------------------------------------------------------------- streaming and caching


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_streamed_csl_json_is_laid_out_as_one_json_document(db, count):
    papers = [PublicationFactory(title=f"Paper {number}") for number in range(count)]
    expected = json.dumps([csl_item(paper) for paper in papers], ensure_ascii=False, indent=2) + "\n"
    assert write_csl_json(papers) == expected


def test_the_lab_export_is_streamed_then_served_from_the_page_cache_until_a_paper_changes(
    db, client, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    import_lab()

    first = client.get("/publications.bib")
    assert first.streaming
    body = first.getvalue()
    with django_assert_num_queries(0):
        second = client.get("/publications.bib")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == body
    assert second["Content-Disposition"] == first["Content-Disposition"]

    with django_capture_on_commit_callbacks(execute=True):
        Publication.objects.filter(bibtex_key="zhuge2023mindstorms").get().delete()
    third = client.get("/publications.bib")
    assert third["X-Page-Cache"] == "miss"
    assert b"zhuge2023mindstorms" in body and b"zhuge2023mindstorms" not in third.getvalue()


def test_an_export_too_large_to_keep_is_still_streamed_whole(db, client, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr("portal.caching.pages.MAX_STREAMED_BYTES", 100)
    import_lab()

    first = client.get("/publications.bib").getvalue()
    second = client.get("/publications.bib")
    assert second["X-Page-Cache"] == "miss"
    assert second.getvalue() == first
    assert len(parse_bibtex(first.decode())[0]) == 4
