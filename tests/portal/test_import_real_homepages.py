"""import_homepage on five real personal homepages, read in place: what a reader sees lands, leftovers do not.

The sites (al-folio, academicpages, AcadHomepage; see the shared data's SOURCES.md) are not copied into the
repository; a missing folder fails these tests rather than skipping them.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from news.models import NewsItem
from publications.models import Authorship, LinkState, Publication
from researchers.models import CVEntry, NameVariant, Researcher, Role

from .test_import_homepage import everything

SITES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "homepages"
AWARD, EDUCATION, EXPERIENCE, SERVICE, TALK, TEACHING = (
    CVEntry.Section.AWARD,
    CVEntry.Section.EDUCATION,
    CVEntry.Section.EXPERIENCE,
    CVEntry.Section.SERVICE,
    CVEntry.Section.TALK,
    CVEntry.Section.TEACHING,
)


def site(name):
    path = SITES / name
    assert path.is_dir(), f"the real homepage {path} is missing; these tests read it in place"
    return path


def run(name, member, *args):
    out = io.StringIO()
    call_command("import_homepage", str(site(name)), "--member", member, *args, stdout=out)
    return out.getvalue()


def imported(name, member):
    """The site imported for the member: (the member's record, what the command printed)."""
    output = run(name, member)
    return Researcher.objects.get(slug=member), output


def paper(title):
    return Publication.objects.get(title=title)


def authors(publication):
    return [row.name for row in publication.authorships.order_by("position")]


def marks(publication):
    return [
        (row.name, row.equal_contribution, row.corresponding) for row in publication.authorships.order_by("position")
    ]


def entries(member, section):
    return list(
        member.cv_entries.filter(section=section)
        .order_by("order")
        .values_list("title", "organisation", "start_date", "end_date", "date_text")
    )


def owner_confirmed_on_every_paper_with_authors(member):
    with_authors = Publication.objects.filter(authorships__isnull=False).distinct()
    confirmed = Publication.objects.filter(
        authorships__researcher=member, authorships__link_state=LinkState.CONFIRMED
    ).distinct()
    return set(with_authors) == set(confirmed)


def stored_text():
    """Every text a reader could see after the import, to check leftovers did not land anywhere."""
    texts = [member.bio + member.position + member.affiliation for member in Researcher.objects.all()]
    texts += [paper.title + paper.venue_text + paper.note for paper in Publication.objects.all()]
    texts += list(Authorship.objects.values_list("name", flat=True))
    texts += list(NewsItem.objects.values_list("body", flat=True))
    texts += [entry.title + entry.organisation + entry.description for entry in CVEntry.objects.all()]
    texts += list(NameVariant.objects.values_list("name", flat=True))
    return "\n".join(texts)


# al-folio: yang-song


def test_yang_song_al_folio_site_lands_profile_bibliography_and_cv_data(db):
    member, output = imported("yang-song", "yang-song")
    assert member.name == "Yang Song"
    # The about page's subtitle gives the position and the affiliation.
    assert (member.position, member.affiliation) == ("Research Principal", "Meta Superintelligence Labs (MSL)")
    assert Publication.objects.count() == 43  # every entry of papers.bib, the repeated key included
    assert "the key gao2020learning is used twice" in output
    assert {"Learning Energy-Based Models by Diffusion Recovery Likelihood", "Anytime Sampling for Autoregressive "
            "Models via Ordered Autoencoding"} <= set(Publication.objects.values_list("title", flat=True))  # fmt: skip
    consistency = paper("Consistency Models")
    assert authors(consistency) == ["Yang Song", "Prafulla Dhariwal", "Mark Chen", "Ilya Sutskever"]
    assert (consistency.year, consistency.arxiv_id) == (2023, "2303.01469")
    assert consistency.poster_url == "https://yang-song.net/assets/pdf/ICML2023/consistency.pdf"
    scaled = paper("Simplifying, Stabilizing and Scaling Continuous-Time Consistency Models")
    assert (scaled.note, scaled.year, scaled.arxiv_id) == ("Oral Presentation [Top 1.8%]", 2025, "2410.11081")
    assert owner_confirmed_on_every_paper_with_authors(member)

    assert entries(member, EDUCATION) == [
        ("Ph.D. in Computer Science", "Stanford University, California, United States", None,
         datetime.date(2022, 1, 1), "2022"),
        ("B.S. in Mathematics and Physics", "Tsinghua University, Beijing, China", None,
         datetime.date(2016, 1, 1), "2016"),
    ]  # fmt: skip
    assert entries(member, EXPERIENCE)[0] == (
        "Member of Technical Staff", "OpenAI, San Francisco, California", datetime.date(2022, 8, 1), None,
        "August 2022 —",
    )  # fmt: skip
    awards = entries(member, AWARD)
    assert len(awards) == 11
    assert ("ICLR Outstanding Paper Award", "", datetime.date(2021, 1, 1), None, "2021") in awards
    assert [title for title, *_ in entries(member, TEACHING)] == [
        "Co-Instructor",
        "Teaching Assistant",
        "Head Teaching Assistant",
    ]
    assert len(entries(member, SERVICE)) == 4


def test_yang_song_drafts_stay_drafts_and_the_sample_teaching_page_is_skipped(db, client):
    output = run("yang-song", "yang-song")
    # All three announcements say `published: false`: they land as drafts, which no visitor sees.
    assert NewsItem.objects.filter(draft=True).count() == 3 and not NewsItem.objects.public().exists()
    assert output.count("not published on the site, kept as a draft") == 3
    pages = client.get("/news/").content.decode() + client.get("/people/yang-song/").content.decode()
    assert not any(item.body_html[:60] in pages for item in NewsItem.objects.all())
    assert "_pages/teaching.md: the theme's sample teaching page, skipped" in output
    assert "Replace this text" not in stored_text()


# academicpages: AdrianForsythe, muellerjohannes


def test_adrian_forsythe_citations_split_into_authors_and_keep_dois(db):
    member, output = imported("AdrianForsythe", "adrian-forsythe")
    assert (member.name, member.affiliation, member.address) == (
        "Adrian Forsythe",
        "Uppsala University",
        "Uppsala, Sweden",
    )  # _config.yml's author block
    landscape = paper(
        "Landscape Genetic Connectivity and Evidence for Recombination in the North American Population of the "
        "White-Nose Syndrome Pathogen, Pseudogymnoascus destructans"
    )
    assert authors(landscape) == ["A Forsythe", "KJ Vanderwolf", "J Xu"]  # 'Forsythe A, Vanderwolf KJ, Xu J.'
    assert (landscape.doi, landscape.year, landscape.venue_text) == ("10.3390/jof7030182", 2021, "Journal of Fungi")
    dental = paper(
        "Dental calculus metagenomics suggest that ecology, not host phylogeny, shapes the oral microbiome in "
        "closely related species"
    )  # a 'TBD' stub and the full citation: one paper, the authors kept
    assert authors(dental)[:2] == ["M. Moraitou", "A. Forsythe"] and len(authors(dental)) == 6
    review = paper(
        "The evolution of peer review as a basis for scientific publication: directional selection towards a "
        "robust discipline?"
    )  # '… et al.': the printed authors stay
    assert len(authors(review)) == 6 and authors(review)[0] == "C. Ferreira"
    assert "the page leaves some authors out" in output
    assert owner_confirmed_on_every_paper_with_authors(member) is False  # papers he co-wrote without his name
    assert Publication.objects.filter(authorships__researcher=member).count() == 11


def test_adrian_forsythe_talks_land_with_dates_and_places_and_sample_courses_do_not(db):
    member, output = imported("AdrianForsythe", "adrian-forsythe")
    talks = member.cv_entries.filter(section=TALK).order_by("start_date")
    assert talks.count() == 6
    first = talks.first()
    assert (first.organisation, first.place, first.start_date) == (
        "Candian Society for Microbiology Annual Meeting",
        "University of Waterloo",
        datetime.date(2017, 7, 15),
    )
    assert not member.cv_entries.filter(section=TEACHING).exists()
    assert "_teaching/2014-spring-teaching-1.md: the theme's sample course, skipped" in output


def test_mueller_site_lands_despite_an_empty_file_and_skips_the_theme_samples(db):
    member, output = imported("muellerjohannes", "johannes-mueller")
    assert "_publications/2009-10-01-paper-title-number-1.md: file not imported" in output
    assert (member.name, member.position, member.affiliation, member.role) == (
        "Johannes Müller",
        "PostDoc",
        "TU Berlin",
        Role.POSTDOC,
    )
    assert "Paper Title Number" not in stored_text() and "Relevant Topic" not in stored_text()
    assert "the theme's sample row 'Talk 1 on Relevant Topic in Your Field', skipped" in output
    assert Publication.objects.count() == 9
    algebraic = paper("Algebraic Optimization of Sequential Decision Problems")  # the second link is the preprint
    assert (algebraic.venue_text, algebraic.year, algebraic.arxiv_id) == (
        "Journal of Symbolic Computation",
        2022,
        "2211.09439",
    )
    assert authors(algebraic) == [
        "Mareike Dressler", "Marina Garotte-Lopéz", "Guido Montúfar", "Johannes Müller", "Kemal Rose",
    ]  # fmt: skip
    invariance = paper("Invariance properties of the natural gradient in overparametrised systems")
    assert [name for name in authors(invariance) if name != "Johannes Müller"] == ["Jesse van Oostrum", "Nihat Ay"]
    assert "authors placed in alphabetical order, the page says only 'joint work with'" in output
    assert owner_confirmed_on_every_paper_with_authors(member)


def test_mueller_cv_talks_and_reviewing_land_with_their_dates(db):
    member, _ = imported("muellerjohannes", "johannes-mueller")
    assert entries(member, EDUCATION)[1] == ("MSc in Mathematics", "University of Freiburg", datetime.date(2019, 1, 1),
                                             None, "2019")  # fmt: skip
    assert entries(member, EXPERIENCE)[0][2:] == (datetime.date(2023, 9, 1), None, "Since 09/2023")
    talk = member.cv_entries.filter(section=TALK).first()
    assert (talk.title, talk.date_text, talk.start_date) == (
        "Geometry and Convergence of Natural Policy Gradient Methods",
        "June 2024",
        datetime.date(2024, 6, 1),
    )
    assert talk.organisation.startswith("Seminar on Learning Theory and Statistical Optimization")
    reviewing = member.cv_entries.filter(section=SERVICE, title="Reviewer")
    assert list(reviewing.values_list("organisation", flat=True))[:2] == [
        "International Conference on Machine Learning",
        "International Conference on Learning Representations",
    ]
    assert reviewing.count() == 7


# AcadHomepage: Rongjiehuang (about page built from includes), weizeming (one page)


def test_rongjie_huang_includes_are_followed_and_every_listed_paper_lands(db):
    member, output = imported("Rongjiehuang", "rongjie-huang")
    news = NewsItem.objects.filter(owner=member).order_by("-date", "pk")
    assert news.count() == 20
    assert (news[0].date, news[0].body) == (
        datetime.date(2025, 4, 1),
        "I am awarded the Best Thesis Award by the Electrical Engineering Association!",
    )
    assert Publication.objects.count() == 49
    audio_gpt = paper("AudioGPT: Understanding and Generating Speech, Music, Sound, and Talking Head")
    assert authors(audio_gpt)[:3] == ["Rongjie Huang", "Mingze Li", "Dongchao Yang"]
    assert authors(audio_gpt)[-1] == "Shinji Watanabe" and len(authors(audio_gpt)) == 13
    assert (audio_gpt.venue_text, audio_gpt.year, audio_gpt.arxiv_id) == ("AAAI", 2024, "2304.12995")
    lumina = paper("Lumina-Next: Making Lumina-T2X Stronger and Faster with Next-DiT")
    assert marks(lumina)[:4] == [
        ("Le Zhuo", True, False),
        ("Ruoyi Du", True, False),
        ("Dongyang Liu", True, False),
        ("Rongjie Huang", False, False),
    ]
    assert (lumina.venue_text, lumina.year) == ("ICLR", 2025)
    fastdiff = paper("FastDiff: A Fast Conditional Diffusion Model for High-Quality Speech Synthesis")
    assert (fastdiff.venue_text, fastdiff.year, fastdiff.note) == ("IJCAI", 2022, "oral")
    instruct_tts = paper(
        "InstructTTS: Modelling Expressive TTS in Discrete Latent Space with Natural Language Style Prompt"
    )
    assert instruct_tts.year == 2024  # printed under '# 2024'
    assert "Seamless Interaction: Dyadic Audiovisual Motion Modeling and Large-Scale Dataset" in output
    assert owner_confirmed_on_every_paper_with_authors(member)
    assert member.cv_entries.filter(section=AWARD).count() == 9


def test_rongjie_huang_summary_bullets_hidden_text_and_commented_includes_stay_out(db):
    output = run("Rongjiehuang", "rongjie-huang")
    text = stored_text()
    assert "Speech Generation" not in Publication.objects.values_list("title", flat=True)
    assert not NameVariant.objects.filter(name__icontains="Speech").exists()
    assert "a summary line (bold label), not a publication" in output
    assert "An error in Calling Github" not in text and "Reload" not in text
    assert "hidden on the page (display: none)" in output
    assert not Researcher.objects.get().cv_entries.filter(section=EDUCATION).exists()  # edu.md is commented out


def test_zeming_wei_acadhomepage_papers_keep_marks_links_and_venues_without_markup(db):
    member, output = imported("weizeming", "zeming-wei")
    assert (member.name, member.native_name, member.role) == ("Zeming Wei", "魏泽明", Role.PHD)
    assert member.position == "First-year Ph.D. student"
    assert "position 'First-year Ph.D. student' read from the sentence" in output
    assert Publication.objects.count() == 12
    momentum = paper("Boosting Jailbreak Attack with Momentum")
    assert marks(momentum) == [("Yihao Zhang", True, False), ("Zeming Wei", True, True)]
    assert (momentum.venue_text, momentum.year, momentum.note) == ("ICASSP", 2025, "Oral")
    assert (momentum.arxiv_id, momentum.code_url) == ("2405.01229", "https://github.com/weizeming/momentum-attack-llm")
    rega = paper("ReGA: Model-Based Safeguard for LLMs via Representation-Guided Abstraction")
    assert (rega.venue_text, rega.year, rega.arxiv_id) == ("FSE", 2026, "2506.01770")  # arxiv.org/pdf/… link
    text = stored_text()
    assert "<u>" not in text and "<font" not in text and "boldsymbol" not in text and "Cited" not in text
    assert owner_confirmed_on_every_paper_with_authors(member)
    news = NewsItem.objects.order_by("-date", "pk")
    assert news.count() == 24 and news[0].date == datetime.date(2026, 7, 1)
    assert [row[:2] for row in entries(member, EDUCATION)] == [
        ("Ph.D. Candidate", "School of Mathematical Sciences, Peking University"),
        ("Visiting Student", "University of California Berkeley"),
        ("Undergraduate Student", "School of Mathematical Sciences, Peking University"),
    ]  # the page's list, not the sentence of the bio that also says 'Ph.D. student'
    assert entries(member, EDUCATION)[0][2:4] == (datetime.date(2025, 9, 1), None)


# every site


@pytest.mark.parametrize("name", ["yang-song", "AdrianForsythe", "muellerjohannes", "Rongjiehuang", "weizeming"])
def test_a_second_import_changes_nothing_and_a_dry_run_writes_nothing(db, name):
    dry = run(name, "owner", "--dry-run")
    assert not Researcher.objects.exists() and not Publication.objects.exists()
    first = run(name, "owner")
    assert dry.replace("Dry run, nothing written. ", "").replace("(would be created)", "(created)") == first
    before = everything()
    again = run(name, "owner")
    assert everything() == before
    assert "created" not in again.split("Mapped:")[1].split("\n")[0].replace("0 created", "")
    assert first.rstrip().splitlines()[-1] and "Mapped:" in first and "Guessed" in first


def test_each_owner_is_confirmed_on_their_own_papers_and_on_no_one_elses(db, alice):
    run("weizeming", "zeming-wei")
    run("Rongjiehuang", "rongjie-huang")
    zeming, rongjie = Researcher.objects.get(slug="zeming-wei"), Researcher.objects.get(slug="rongjie-huang")
    confirmed = Authorship.objects.filter(link_state=LinkState.CONFIRMED)
    assert confirmed.filter(researcher=zeming).count() == 12
    assert confirmed.filter(researcher=rongjie).count() == 48
    assert not confirmed.filter(researcher=zeming, publication__authorships__researcher=rongjie).exists()
    assert not Authorship.objects.filter(researcher=alice).exists()
