"""Publication pages in real Chromium: layout at phone and desktop widths, light and dark, and the folding panels."""

import datetime

import pytest
from playwright.sync_api import expect

from publications.models import Kind, Status
from tests.factories import AuthorshipFactory, PublicationFactory, ResearchThemeFactory, VenueFactory


@pytest.fixture
def papers(lab):
    """Yi Liu's papers with the PI and outside co-authors, in the shapes the seed homepages show."""
    student, pi = lab["student"], lab["pi"]
    venues = {
        "TMLR": VenueFactory(name="Transactions on Machine Learning Research", short_name="TMLR", kind="journal"),
        "CVPR": VenueFactory(
            name="Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            short_name="CVPR",
            kind="conference",
        ),
        "NeurIPS-W": VenueFactory(
            name="NeurIPS 2023 Workshop on Robustness of Few-shot and Zero-shot Learning in Foundation Models",
            short_name="NeurIPS-W",
            kind="workshop",
        ),
    }
    specs = [
        dict(
            title="Faster Diffusion via Temporal Attention Decomposition",
            kind=Kind.ARTICLE,
            venue=venues["TMLR"],
            year=2025,
            abstract="We explore the role of attention in text-conditional diffusion models and find that "
            "cross-attention outputs converge to a fixed point after a few inference steps.",
            pdf_url="https://arxiv.org/pdf/2404.02747",
            code_url="https://github.com/HaozheLiu-ST/T-GATE",
            stars=312,
            arxiv_id="2404.02747",
            citation_count=120,
            citation_source="Google Scholar",
            citation_date=datetime.date(2026, 11, 1),
        ),
        dict(
            every_link=True,
            title="AdaptiveMix: Improving GAN Training via Feature Space Shrinkage",
            kind=Kind.CONFERENCE,
            venue=venues["CVPR"],
            year=2023,
            note="Highlight",
            abstract="Due to the outstanding capability for data generation, GANs have attracted attention.",
            doi="10.1109/cvpr52729.2023.01234",
        ),
        dict(
            title="Mindstorms in Natural Language-Based Societies of Mind: a Rather Long Title That Wraps "
            "Across Several Lines on a Phone",
            kind=Kind.WORKSHOP,
            venue=venues["NeurIPS-W"],
            year=2023,
            note="Best Paper",
            abstract="Both Minsky's society of mind and Schmidhuber's learning to think inspire diverse societies.",
            arxiv_id="2305.17066",
        ),
        dict(
            title="Lazy Layers to Make Fine-Tuned Diffusion Models More Traceable",
            kind=Kind.PREPRINT,
            venue=None,
            venue_text="Technical report",
            year=2024,
            status=Status.UNDER_REVIEW,
        ),
    ]
    created = []
    for order, spec in enumerate(specs, start=1):
        paper = PublicationFactory(**spec)
        AuthorshipFactory(
            publication=paper,
            position=1,
            researcher=student,
            confirmed=True,
            equal_contribution=order == 3,
            selected=order <= 3,
            selected_order=order,
        )
        AuthorshipFactory(publication=paper, position=2, name="Wentian Zhang", equal_contribution=order == 3)
        AuthorshipFactory(publication=paper, position=3, name="Mingchen Zhuge")
        AuthorshipFactory(publication=paper, position=4, name="Francesco Faccio")
        AuthorshipFactory(publication=paper, position=5, researcher=pi, confirmed=True, corresponding=True)
        created.append(paper)
    efficiency = ResearchThemeFactory(
        researcher=student, title="Efficiency", description="Making generative models *cheaper* to train and run."
    )
    faster = ResearchThemeFactory(researcher=student, parent=efficiency, title="Faster inference")
    faster.publications.add(created[0], created[3])
    ResearchThemeFactory(researcher=student, title="Agents", description="Societies of models.")
    return created


def page_urls(papers):
    return {
        "publications": "/publications/",
        "paper": papers[0].get_absolute_url(),
        "member-with-publications": "/people/yi-liu/",
        "member-publications": "/people/yi-liu/publications/",
    }


@pytest.mark.parametrize("name", ["publications", "paper", "member-with-publications", "member-publications"])
def test_publication_pages_fit_phone_and_desktop_widths_in_light_and_dark(name, papers, server, screenshots):
    def open_an_abstract(page):
        """So the screenshots show an opened panel too."""
        panels = page.locator("details.paper-panel:not(.paper-bibtex) > summary")
        if panels.count():
            panels.first.click()

    screenshots(server + page_urls(papers)[name], name, prepare=open_an_abstract)


def test_abstract_and_bibtex_open_on_click(papers, server, page):
    page.goto(server + "/publications/")
    paper = page.locator(f"#paper-{papers[0].pk}")
    abstract = paper.locator("details.paper-panel", has=page.get_by_text("Abstract", exact=True))
    expect(abstract.get_by_text("cross-attention outputs converge")).to_be_hidden()

    abstract.locator("summary").click()
    expect(abstract).to_have_attribute("open", "")
    expect(abstract.get_by_text("cross-attention outputs converge")).to_be_visible()

    bibtex = paper.locator("details.paper-panel", has=page.get_by_text("BibTeX", exact=True))
    bibtex.locator("summary").click()
    expect(bibtex.locator("pre")).to_contain_text("@article{")


def test_panels_open_without_javascript_and_authors_link_to_members(papers, server, context_factory):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(server + "/people/yi-liu/")
    selected = page.locator("section[aria-labelledby='publications-heading']")
    expect(selected.locator("article.paper")).to_have_count(3)
    expect(selected.locator("strong", has_text="Yi Liu").first).to_be_visible()
    summary = selected.locator("summary", has_text="Abstract").first
    summary.click()
    expect(selected.locator("details[open]")).to_have_count(1)

    selected.get_by_role("link", name="Margaret Hamilton").first.click()
    expect(page.locator("h1")).to_have_text("Margaret Hamilton")


def test_representative_works_fold_under_their_theme(papers, server, page):
    page.goto(server + "/people/yi-liu/")
    works = page.locator("details.theme-works")
    expect(works.locator(":scope > summary")).to_have_text("Representative works (2)")
    expect(works.locator("article.paper").first).to_be_hidden()
    works.locator(":scope > summary").click()
    expect(works.locator("article.paper")).to_have_count(2)
    expect(works.locator("article.paper").first).to_be_visible()
