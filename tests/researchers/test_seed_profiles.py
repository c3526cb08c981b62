"""Every fact on the three reference homepages appears on the Labfolio profile built from it."""

import re
from html.parser import HTMLParser

import pytest

from portal.markdown import markdownify
from researchers.common.text import repair_text
from tests.researchers.seed_profiles import BUILDERS, SEEDS, seed_lines

BLOCKS = {
    *("address", "article", "aside", "blockquote", "br", "dd", "div", "dt", "footer", "h1", "h2", "h3", "h4"),
    *("header", "li", "main", "nav", "ol", "p", "pre", "section", "td", "th", "tr", "ul"),
}


class _TextAndLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links, self._skip = [], set(), 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in {"script", "style", "head"}
        if tag == "a":
            self.links.add(dict(attrs).get("href", ""))
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_endtag(self, tag):
        self._skip -= tag in {"script", "style", "head"}
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read_page(content):
    """(visible text with whitespace collapsed, set of link targets) of an HTML page."""
    parser = _TextAndLinks()
    parser.feed(content.decode())
    return squash("".join(parser.text)), parser.links


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def plain(markdown_text):
    """What a reader sees of a markdown line: rendered, tags dropped, mojibake repaired."""
    return read_page(markdownify(repair_text(markdown_text)).encode())[0]


def covered_part(seed):
    """The part of a seed page a profile holds: all but its news and publication lists."""
    text = (SEEDS / seed).read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    sections = re.split(r"^# ", text, flags=re.M)
    return "\n".join(
        section for section in sections if not re.match(r"\S*\s*(News|Publications)", repair_text(section))
    )  # noqa: E501


def seed_items(seed, first, last, pattern):
    """What `pattern` captures on each of lines first..last of a seed page that it matches whole."""
    lines = seed_lines(seed, first, last).splitlines()
    return [match.groups() for line in lines if (match := re.fullmatch(pattern, line.strip()))]


def profile_pages(client, researcher):
    text, links = read_page(client.get(f"/people/{researcher.slug}/").content)
    cv_text, cv_links = read_page(client.get(f"/people/{researcher.slug}/cv/").content)
    return text, links, cv_text, cv_links


@pytest.mark.parametrize("seed", BUILDERS)
def test_every_web_link_on_the_seed_page_is_a_link_on_the_profile(db, client, seed):
    researcher = BUILDERS[seed]()
    _, links, _, cv_links = profile_pages(client, researcher)
    urls = re.findall(r"\]\((https?://[^)\s]+)\)", covered_part(seed))
    assert urls, "the seed page should have links"
    for url in urls:
        assert url in links | cv_links, url


@pytest.mark.parametrize("seed", BUILDERS)
def test_email_addresses_on_the_seed_page_are_shown_but_never_in_clear(db, client, seed):
    researcher = BUILDERS[seed]()
    page = client.get(researcher.get_absolute_url()).content.decode()
    text, *_ = profile_pages(client, researcher)
    for address in researcher.email_list:
        user, domain = address.split("@")
        assert f"{user} [at] {domain.replace('.', ' [dot] ')}" in text
        assert address not in page


def test_yi_liu_profile_shows_every_fact_of_the_al_folio_page(db, client):
    researcher = BUILDERS["alfolio-about-yi-liu.md"]()
    text, links, cv_text, _ = profile_pages(client, researcher)
    assert "Yi Liu 刘毅" in text  # the seed stores the name as mojibake
    assert "åˆ" not in text and "â€" not in text and "ðŸ" not in text
    for line in seed_lines("alfolio-about-yi-liu.md", 30, 44).splitlines():
        if line.strip():
            assert plain(line) in text, line
    for address_line in (
        "Jiading Campus, Tongji University",
        "4800 Cao'an Road, Jiading District",
        "Shanghai 201804, China",
    ):  # noqa: E501
        assert address_line in text
    assert "Supervisors Associate Professor Wengen Li" in text
    assert "https://admis-tongji.github.io/members/03wengen-li.html" in links
    assert "Bachelor’s degree in Computer Science and Technology" in cv_text
    assert "Generative models — With a specialization in diffusion models." in text


def test_academicpages_profile_shows_interests_awards_service_and_the_recruiting_notice(db, client):
    researcher = BUILDERS["academicpages-about-industry.md"]()
    text, _, cv_text, _ = profile_pages(client, researcher)
    for line in seed_lines("academicpages-about-industry.md", 11, 16).splitlines():
        if "<!--" not in line:
            assert plain(line) in text, line
    assert "I am seeking highly motivated full-time employees and research interns." in text
    interests = seed_items("academicpages-about-industry.md", 25, 27, r"<li><strong>(.+)</strong> (.+?)\s*</li>")
    assert len(interests) == 3
    for title, description in interests:
        assert f"{title} — {description}" in text
    for award in (
        "Outstanding Doctoral Dissertation Award of Peking University",
        "Outstanding Ph.D. Graduate of both Beijing and Peking University",
    ):  # noqa: E501
        assert f"Jul 2024 {award}" in text
        assert f"Jul 2024 {award}" in cv_text
    assert "Sub-reviewer, MICRO, PPoPP, MLSys, ICS, ICCAD" in text
    assert "Alumni" in text and "now Research scientist, ByteDance" in text


def test_haozhe_liu_profile_shows_honors_experience_and_reviewing_without_mojibake(db, client):
    researcher = BUILDERS["acadhomepage-haozhe-liu.md"]()
    text, links, cv_text, _ = profile_pages(client, researcher)
    assert "multimodal generative models—particularly video and image generation—with" in text
    assert "open to future collaborations—whether" in text
    assert "Juan-Manuel Pérez-Rúa" in text
    assert "‚Äî" not in text and "√" not in text
    assert any(link.endswith(".pdf") and "haozheliu" in link for link in links)
    honors = seed_items("acadhomepage-haozhe-liu.md", 90, 95, r"- \*(\d{4})\* (.+?)(?: \(\*\*(.+)\*\*\))?")
    assert len(honors) == 6
    for year, award, note in honors:  # "- *2022* Outstanding Graduate Award (**Rate<5%**)"
        assert " ".join(filter(None, (year, award, note))) in text
    for organisation in (
        "Meta AI",
        "AI Initiative (KAUST)",
        "Jarvis Lab (Tencent)",
        "Norwegian Biometrics Laboratory (NTNU)",
        "Computer Vision Insitute (SZU)",
    ):  # noqa: E501
        assert organisation in text and organisation in cv_text
    for line in seed_lines("acadhomepage-haozhe-liu.md", 99, 139).splitlines():
        if line.startswith("- ") or "supervised by" in line or "working with" in line:
            assert plain(line) in text, line
    reviewing = seed_items("acadhomepage-haozhe-liu.md", 144, 149, r"- (\w+): (.+)")
    assert len(reviewing) == 6
    for venue, years in reviewing:
        assert f"{years} Conference reviewer, {venue}" in text
