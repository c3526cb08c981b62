"""Reading real-world BibTeX: accents, names, macros, months, encodings, broken entries."""

from pathlib import Path

import pytest

from publications.bibtex import decode_file, parse_bibtex
from publications.latex import latex_to_text
from publications.models import Kind, Status
from publications.names import parse_name, split_authors

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def read(name):
    return decode_file((DATA / name).read_bytes())


def only_entry(text):
    entries, errors = parse_bibtex(text)
    assert not errors, errors
    assert len(entries) == 1
    return entries[0]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("Jean Laid{\\'e}", "Jean Laidé"),
        ('{\\"U}bersicht \\"uber M\\"{u}ller', "Übersicht über Müller"),
        ("Erd\\H{o}s, Pau\\v{c}ek, Fran\\c cois, Gau\\ss", "Erdős, Pauček, François, Gauß"),
        ("Tom \\& Jerry --- 50\\% off \\$5", "Tom & Jerry — 50% off $5"),
        ("{An} amazing {title}", "An amazing title"),
        ("\\emph{Deep} \\textbf{Nets}", "Deep Nets"),
        ("$\\alpha$-divergence", "α-divergence"),
        ("pages 12--23", "pages 12–23"),
    ],
)
def test_latex_accents_escapes_and_braces_are_decoded(latex, text):
    assert latex_to_text(latex) == text


def test_plain_text_keeps_its_characters_and_loses_its_line_wrapping():
    assert latex_to_text("A plain title: 3.14 and ümlauts") == "A plain title: 3.14 and ümlauts"
    assert latex_to_text("A title that is long\n           and wrapped") == "A title that is long and wrapped"


def test_workshop_papers_are_workshop_papers():
    entry = only_entry(
        "@inproceedings{a, title={T}, author={D, J}, booktitle={ICML Workshop on Robustness}, year=2023}"
    )
    assert entry.values["kind"] == Kind.WORKSHOP


@pytest.mark.parametrize(
    ("raw", "family", "given"),
    [
        ("Liu, Haozhe", "Liu", "Haozhe"),
        ("Haozhe Liu", "Liu", "Haozhe"),
        ("P{\\'e}rez-R{\\'u}a, Juan-Manuel", "Pérez-Rúa", "Juan-Manuel"),
        ("Ludwig van Beethoven", "van Beethoven", "Ludwig"),
        ("van Beethoven, Jr., Ludwig", "van Beethoven", "Ludwig"),
        ("Jean-Pierre Van Damme", "Van Damme", "Jean-Pierre"),
        ("Van Damme, Jean-Pierre", "Van Damme", "Jean-Pierre"),
        ("Maria De Souza", "De Souza", "Maria"),
        ("jean pierre dupont", "dupont", "jean pierre"),
        ("Juan carlos Perez Lopez", "Lopez", "Juan carlos Perez"),
        ("Jean de la Fontaine", "de la Fontaine", "Jean"),
        ("{Barnes and Noble}", "Barnes and Noble", ""),
        ("Викторов, Михаил Маркович", "Викторов", "Михаил Маркович"),
        ("Plato", "Plato", ""),
    ],
)
def test_names_split_in_both_orders(raw, family, given):
    name = parse_name(raw)
    assert (name.family, name.given) == (family, given)


def test_author_marks_become_flags_and_others_is_noted():
    authors, more = split_authors('Zhang*, Wei and Liu*, Haozhe and Schmidhuber#, J{\\"u}rgen and others')
    assert [author.name for author in authors] == ["Wei Zhang", "Haozhe Liu", "Jürgen Schmidhuber"]
    assert [author.equal_contribution for author in authors] == [True, True, False]
    assert [author.corresponding for author in authors] == [False, False, True]
    assert more


def test_a_corporate_author_in_braces_is_not_split_on_and():
    authors, _ = split_authors("{Barnes and Noble} and Smith, Jo")
    assert [author.name for author in authors] == ["Barnes and Noble", "Jo Smith"]


def test_and_in_capitals_separates_authors_as_in_bibtex():
    authors, _ = split_authors("Smith, Jo AND Jones, Al And Lee, Kim")
    assert [author.name for author in authors] == ["Jo Smith", "Al Jones", "Kim Lee"]


def test_string_macros_and_month_names_are_resolved():
    entry = only_entry(
        '@string{nips = "Advances in Neural Information Processing Systems"}\n'
        "@inproceedings{a, title={T}, author={A, B}, booktitle=nips, year=2023, month=dec}"
    )
    assert entry.values["venue_text"] == "Advances in Neural Information Processing Systems"
    assert (entry.values["year"], entry.values["month"], entry.values["kind"]) == (2023, 12, Kind.CONFERENCE)


def test_al_folio_fields_are_understood_and_kept():
    entry = only_entry(
        "@article{a, title={T}, author={Doe, Jane}, journal={TMLR}, year={2024}, abbr={TMLR}, selected={true},"
        " pdf={paper.pdf}, code={https://github.com/lab/repo}, html={https://lab.example.org/p},"
        " slides={https://example.org/s.pdf}, poster={https://example.org/p.pdf}, video={https://youtu.be/x},"
        " award={Best Paper}, bibtex_show={true}, preview={p.gif}, google_scholar_id={abc},"
        " altmetric={true}, dimensions={true}, additional_info={. *Oral*}}"
    )
    values = entry.values
    assert entry.selected
    assert values["code_url"] == "https://github.com/lab/repo" and values["code_repository"] == "lab/repo"
    assert values["project_url"] == "https://lab.example.org/p"
    assert (values["slides_url"], values["poster_url"]) == ("https://example.org/s.pdf", "https://example.org/p.pdf")
    assert values["video_url"] == "https://youtu.be/x" and values["note"] == "Best Paper"
    assert values["pdf_url"] == ""  # a site-relative path is not a URL we can serve; it stays in extra
    assert "selected" not in values["extra"]  # selection belongs to each member's authorship
    for name in ("abbr", "pdf", "bibtex_show", "preview", "google_scholar_id", "altmetric", "dimensions"):
        assert name in values["extra"], name


def test_doi_arxiv_and_preprint_status_are_recognised():
    entry = only_entry(
        "@article{a, title={T}, author={Doe, Jane}, journal={arXiv preprint arXiv:2305.17066}, year={2023},"
        " doi={https://doi.org/10.48550/ARXIV.2305.17066}}"
    )
    assert entry.values["arxiv_id"] == "2305.17066"
    assert entry.values["doi"] == "10.48550/arxiv.2305.17066"
    assert (entry.values["kind"], entry.values["status"]) == (Kind.PREPRINT, Status.PREPRINT)
    assert entry.values["pdf_url"] == "https://arxiv.org/pdf/2305.17066"


def test_under_review_and_accepted_notes_set_the_status():
    under_review = only_entry("@misc{a, title={T}, author={D, J}, year={2025}, note={Under review}}")
    accepted = only_entry("@article{b, title={T2}, author={D, J}, year={2025}, note={To appear}}")
    assert (under_review.values["status"], accepted.values["status"]) == (Status.UNDER_REVIEW, Status.ACCEPTED)


def test_the_original_entry_is_kept_verbatim():
    raw = "@article{keep,\n  title = {Kept {As} Is},\n  author = {Doe, Jane},\n  year = 2020\n}"
    assert only_entry(raw).values["bibtex"] == raw


def test_bad_entries_are_reported_by_key_and_the_good_ones_survive():
    entries, errors = parse_bibtex(
        "@article{good, title={Fine}, author={A, B}, year=2020}\n"
        "@article{notitle, author={A, B}, year=2020}\n"
        "@article{good, title={Again}, author={A, B}, year=2021}\n"
        "@article{broken, title={Unclosed, author={A, B}, year=2020\n"
    )
    assert [entry.key for entry in entries] == ["good"]
    reasons = {error.key: error.reason for error in errors}
    assert reasons["notitle"] == "it has no title"
    assert "earlier in the file" in reasons["good"]
    assert len(errors) == 3


@pytest.mark.parametrize(
    ("name", "title", "authors"),
    [
        ("bib/bibtexparser-traps.bib", "An amazing title", ["Ben Loaeb Jean Laidé"]),
        ("bib/bibtexparser-article_with_special_characters.bib", "An amazing title", ["Jean Césarü"]),
        ("bib/bibtexparser-encoding.bib", "An amazing title: à", ["Jean César"]),
        ("bib/bibtexparser-gbk_test.bib", "Test Title", ["凯撒"]),
        ("bib/afc-article.bib", "The title of the article", ["Nelson Bigetti"]),
    ],
)
def test_shared_tricky_files_parse(name, title, authors):
    entries, errors = parse_bibtex(read(name))
    assert not errors
    assert entries[0].values["title"] == title
    assert [author.name for author in entries[0].authors] == authors


def test_cyrillic_and_von_names_from_pybtex_parse():
    entries, errors = parse_bibtex(read("bib/pybtex-cyrillic.bib"))
    assert not errors
    by_key = {entry.key: entry for entry in entries}
    assert by_key["viktorov-metodoj"].authors[0].family == "Викторов"
    assert by_key["viktorov-metodoj"].values["title"].startswith("Методы вычисления")
    assert by_key["test-booklet"].authors[0].family == "de Last"


def test_windows_1252_files_are_read():
    assert decode_file("@misc{a, title={Caf\u00e9}}".encode("cp1252")) == "@misc{a, title={Café}}"
