"""import_homepage follows the themes' conventions beyond any one site: includes, CV data files, list shapes."""

import datetime
import io
import json
import textwrap

from django.core.management import call_command

from publications.models import Publication
from researchers.models import CVEntry, Researcher, Role


def run(path, member, *args):
    out = io.StringIO()
    call_command("import_homepage", str(path), "--member", member, *args, stdout=out)
    return out.getvalue()


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip() if isinstance(text, str) else json.dumps(text))
    return root


CONFIG = """
    title: Test
    author:
      name: "Xize Cheng(成曦泽)"
      employer: "Example University"
      location: "Hangzhou, China"
    """


def homepage(root, about, files=None):
    """Xize Cheng's site: the shared _config.yml, this about page and any other files."""
    return write(root, {"_config.yml": CONFIG, "_pages/about.md": about, **(files or {})})


def test_includes_from_the_page_folder_and_from_includes_are_followed_but_not_commented_ones(db, tmp_path):
    site = homepage(
        tmp_path,
        """
                ---
                permalink: /
                ---
                {% include intro.md %}

                <!-- {% include_relative includes/old.md %} -->
                {% include_relative includes/news.md %}
                {% include_relative ../../outside.md %}
                """,
        {
            "_includes/intro.md": "I work on audio-visual speech with $$\\alpha$$ maths.\n",
            "_pages/includes/news.md": "# News\n- *2024.05*: A paper is accepted by ICML 2024!\n",
            "_pages/includes/old.md": "# News\n- *2019.01*: An old item the page comments out.\n",
        },
    )
    (tmp_path.parent / "outside.md").write_text("# News\n- *2020.01*: Not part of the site.\n")
    output = run(site, "xize-cheng")
    member = Researcher.objects.get(slug="xize-cheng")
    assert "I work on audio-visual speech with $$\\alpha$$ maths." in member.bio  # maths kept for the page
    assert list(member.news.values_list("date", "body")) == [
        (datetime.date(2024, 5, 1), "A paper is accepted by ICML 2024!")
    ]
    assert "Liquid template code, not run: {% include_relative ../../outside.md %}" in output


def test_a_name_with_its_native_script_in_brackets_is_split_and_no_role_is_guessed_from_nothing(db, tmp_path):
    site = homepage(tmp_path, "I like sound.\n")
    output = run(site, "xize-cheng")
    member = Researcher.objects.get(slug="xize-cheng")
    assert (member.name, member.native_name) == ("Xize Cheng", "成曦泽")
    assert (member.affiliation, member.address) == ("Example University", "Hangzhou, China")
    assert member.role == Role.STAFF and "role: the page states none" in output


def test_acadhomepage_list_shapes_become_papers_with_self_highlight_marks_and_arxiv_ids(db, tmp_path):
    site = homepage(
        tmp_path,
        r"""
                # Publications

                - ``ICLR 2025`` [Omni Sep: Unified Sound Separation](https://arxiv.org/abs/2410.21269v2), **<u>Xize Cheng</u>**, Zehan Wang (Corresponding Author), Zhou Zhao
                - ``Interspeech 2021`` [An Old Style Identifier Paper](https://arxiv.org/pdf/cond-mat/0412498v1), \textbf{Xize Cheng}, Ann Other
                - [A Paper Kept On The Old Site](files/paper.pdf) Xize Cheng, Bob Jones. **NeurIPS, 2022**
                - **Speech Generation**: GenerSpeech (NeurIPS, 2022), FastDiff (IJCAI, 2022)
                """,  # noqa: E501
    )
    output = run(site, "xize-cheng")
    omni = Publication.objects.get(title="Omni Sep: Unified Sound Separation")
    rows = list(omni.authorships.order_by("position").values_list("name", "corresponding"))
    assert rows == [("Xize Cheng", False), ("Zehan Wang", True), ("Zhou Zhao", False)]
    assert (omni.venue_text, omni.year, omni.arxiv_id) == ("ICLR", 2025, "2410.21269")
    old = Publication.objects.get(title="An Old Style Identifier Paper")
    assert (old.arxiv_id, old.venue_text, old.year) == ("cond-mat/0412498", "Interspeech", 2021)
    kept = Publication.objects.get(title="A Paper Kept On The Old Site")
    assert kept.pdf_url == "" and "link to a file of the old site, not imported" in output
    assert "files/paper.pdf" in output
    assert Publication.objects.count() == 3  # the bold-label bullet is a summary
    assert not Researcher.objects.get().name_variants.filter(name__icontains="Speech").exists()


def test_json_resume_and_rendercv_files_become_cv_entries_with_dates(db, tmp_path):
    site = homepage(
        tmp_path,
        "Hello.\n",
        {
            "_data/cv.json": {
                "basics": {"name": "Xize Cheng"},
                "education": [
                    {
                        "institution": "Zhejiang University",
                        "area": "Computer Science",
                        "studyType": "PhD",
                        "startDate": "2021-09",
                        "endDate": "2026-06",
                    }
                ],
                "work": [
                    {
                        "name": "Meta",
                        "position": "Research Intern",
                        "startDate": "2024-05",
                        "endDate": "2024-08",
                        "highlights": ["Audio LLMs"],
                    }
                ],
                "awards": [{"title": "National Scholarship", "date": "2023-10", "awarder": "Ministry of Education"}],
            },  # fmt: skip
            "_data/cv.yml": """
                cv:
                  name: Xize Cheng
                  social_networks:
                    - network: GitHub
                      username: xizecheng
                  sections:
                    my_talks_section:
                      - name: Sound separation at scale
                        date: 2024-11
                        location: Hangzhou
                """,
        },
    )
    run(site, "xize-cheng")
    member = Researcher.objects.get()
    rows = member.cv_entries.order_by("section", "order").values_list(
        "section", "title", "organisation", "start_date", "end_date"
    )
    assert list(rows) == [
        (CVEntry.Section.AWARD, "National Scholarship", "Ministry of Education", datetime.date(2023, 10, 1), None),
        (CVEntry.Section.EDUCATION, "PhD in Computer Science", "Zhejiang University", datetime.date(2021, 9, 1),
         datetime.date(2026, 6, 1)),
        (CVEntry.Section.EXPERIENCE, "Research Intern", "Meta", datetime.date(2024, 5, 1), datetime.date(2024, 8, 1)),
        (CVEntry.Section.TALK, "Sound separation at scale", "", datetime.date(2024, 11, 1), None),
    ]  # fmt: skip
    assert list(member.links.values_list("url", flat=True)) == ["https://github.com/xizecheng"]


def test_al_folio_cv_yml_lists_and_hidden_or_media_text_stay_out(db, tmp_path):
    site = homepage(
        tmp_path,
        """
                ---
                layout: about
                ---
                Hello.

                <video controls><source src="x.mp4">Your browser does not support the video tag.</video>
                <div style="display: none">An error in Calling Github Figure Displaying API</div>
                """,
        {
            "_data/cv.yml": """
                - title: Academic Service
                  type: nested_list
                  contents:
                    - title: Reviewer
                      items:
                        - NeurIPS 2023
                - title: Honors
                  type: list
                  contents:
                    - Best Paper Award
                """,
        },
    )
    output = run(site, "xize-cheng")
    member = Researcher.objects.get()
    assert list(member.cv_entries.values_list("section", "title", "description")) == [
        (CVEntry.Section.SERVICE, "NeurIPS 2023", "Reviewer"),
        (CVEntry.Section.AWARD, "Best Paper Award", ""),
    ]
    assert "does not support" not in member.bio and "Calling Github" not in member.bio
    assert "hidden on the page (display: none)" in output


def test_a_bad_file_is_reported_and_the_rest_of_the_site_lands(db, tmp_path):
    site = homepage(
        tmp_path,
        "# News\n- *2024.05*: Hello!\n",
        {
            "_talks/2024-01-01-talk.md": "---\ntitle: [broken\n---\n",
            "_data/cv.json": "{not json",
            "_bibliography/papers.bib": "",
        },
    )
    output = run(site, "xize-cheng")
    assert "_talks/2024-01-01-talk.md: file not imported" in output
    assert "_data/cv.json: file not imported" in output
    assert "_bibliography/papers.bib: empty file" in output
    assert Researcher.objects.get().news.count() == 1


ACADEMICPAGES_CV = """
    ---
    layout: archive
    title: "CV"
    permalink: /cv/
    author_profile: true
    ---

    {% include base_path %}

    Education
    ======
    * Ph.D. in Computer Science, Zhejiang University, 2026
    * M.S. in Jekyll, GitHub University, 2014

    Work experience
    ======
    * Spring 2024: Academic Pages Collaborator
      * GitHub University
      * Duties includes: Updates and improvements to template

    Publications
    ======
      <ul>{% for post in site.publications reversed %}
        {% include archive-single-cv.html %}
      {% endfor %}</ul>

    Service and leadership
    ======
    * Currently signed in to 43 different slack teams
    """


def test_academicpages_cv_page_keeps_the_owners_lines_and_skips_the_themes_samples(db, tmp_path):
    site = homepage(
        tmp_path,
        "Hello.\n",
        {
            "_pages/cv.md": ACADEMICPAGES_CV,
            "_publications/2009-10-01-paper-title-number-1.md": """
                ---
                title: "Paper Title Number 1"
                collection: publications
                date: 2009-10-01
                venue: 'Journal 1'
                citation: 'Your Name, You. (2009). &quot;Paper Title Number 1.&quot; <i>Journal 1</i>. 1(1).'
                ---
                This paper is about the number 1.
                """,
            "_publications/2024-01-01-real.md": """
                ---
                title: "A Real Paper on Sound"
                date: 2024-01-01
                venue: 'Journal of Sound'
                paperurl: '/files/real.pdf'
                citation: 'Cheng X, Wang Z. A Real Paper on Sound. Journal of Sound. 2024; 1:1. https://doi.org/10.1234/sound.1'
                ---
                """,
        },
    )
    output = run(site, "xize-cheng")
    member = Researcher.objects.get()
    assert list(member.cv_entries.values_list("section", "title", "organisation", "date_text")) == [
        (CVEntry.Section.EDUCATION, "Ph.D. in Computer Science", "Zhejiang University", "2026"),
    ]
    assert "_pages/cv.md: 3 of the theme's sample CV lines skipped" in output
    assert "_publications/2009-10-01-paper-title-number-1.md: the theme's sample publication, skipped" in output
    real = Publication.objects.get()
    assert (real.title, real.doi, real.pdf_url) == ("A Real Paper on Sound", "10.1234/sound.1", "")
    assert list(real.authorships.values_list("name", flat=True)) == ["X Cheng", "Z Wang"]
    assert "paperurl → /files/real.pdf" in output


def test_paper_boxes_written_as_paragraphs_or_line_breaks_become_papers(db, tmp_path):
    site = homepage(
        tmp_path,
        r"""
                <h2 class="section-heading">📝 Selected Publications</h2>

                <div class='paper-box'><div class='paper-box-image'><div><div class="badge">NeurIPS 2026</div><img src='images/a.png' alt="sym" width="100%"></div></div>
                <div class='paper-box-text' markdown="1">

                [Sound Worlds: Benchmarking Agents on Listening Tasks](https://arxiv.org/abs/2605.00001)

                [**Xize Cheng**](https://example.org/), Ann Other\*, Bo Third†

                *The 40th Annual Conference on Neural Information Processing Systems*

                We propose a benchmark that is described at some length here, which is not part of the citation.

                </div>
                </div>

                <div class='paper-box'><div class='paper-box-image'><div><div class="badge">Preprint</div></div></div>
                <div class='paper-box-text' markdown="1">
                **Listening Agents Need Memory Too**.<br>
                Ann Other, [**Xize Cheng**](https://example.org/)<sup>†</sup>.<br>
                [[**PDF**]](https://example.org/memory.pdf)
                </div>
                </div>
                """,  # noqa: E501
    )
    output = run(site, "xize-cheng")
    worlds = Publication.objects.get(title="Sound Worlds: Benchmarking Agents on Listening Tasks")
    rows = list(worlds.authorships.order_by("position").values_list("name", "equal_contribution", "corresponding"))
    assert rows == [("Xize Cheng", False, False), ("Ann Other", True, False), ("Bo Third", False, True)]
    assert (worlds.arxiv_id, worlds.year) == ("2605.00001", 2026)
    assert worlds.venue_text == "The 40th Annual Conference on Neural Information Processing Systems"
    memory = Publication.objects.get(title="Listening Agents Need Memory Too")
    rows = list(memory.authorships.order_by("position").values_list("name", "corresponding"))
    assert rows == [("Ann Other", False), ("Xize Cheng", True)]
    assert memory.pdf_url == "https://example.org/memory.pdf"
    assert "We propose a benchmark" in output  # the description is reported, not taken for a paper
    assert Publication.objects.count() == 2


def test_a_cv_table_becomes_entries_by_column_and_the_themes_front_page_text_stays_out_of_the_bio(db, tmp_path):
    site = homepage(
        tmp_path,
        """
                I build listening robots.

                This is the front page of a website that is powered by the [academicpages template](https://github.com/academicpages/academicpages.github.io) and hosted on GitHub pages.
                """,  # noqa: E501
        {
            "_pages/cv.md": """
                ---
                title: "CV"
                ---
                ## Education

                | Time             | University            | Major                 |
                | ---------------- | --------------------- | --------------------- |
                | 2023.9 ~ 2024.12 | University Of Glasgow | Robotics              |

                ## Work experience

                * Summer 2014: Field engineer
                  * Duties included: keeping the grid up
                """,
        },
    )
    output = run(site, "xize-cheng")
    member = Researcher.objects.get()
    assert member.bio == "I build listening robots."
    assert "paragraphs of the theme's sample text left out of the bio" in output
    rows = member.cv_entries.order_by("section").values_list(
        "section", "title", "organisation", "start_date", "end_date"
    )
    assert list(rows) == [
        (CVEntry.Section.EDUCATION, "Robotics", "University Of Glasgow", datetime.date(2023, 9, 1),
         datetime.date(2024, 12, 1)),
        (CVEntry.Section.EXPERIENCE, "Field engineer", "", datetime.date(2014, 6, 1), None),
    ]  # fmt: skip


def test_al_folio_subtitle_gives_position_and_affiliation_and_the_themes_sample_text_is_skipped(db, tmp_path):
    page = write(
        tmp_path,
        {
            "about.md": """
                ---
                layout: about
                title: about
                permalink: /
                subtitle: PhD Student at <a href='https://lab.example.org/'>Sound Lab</a>, Example University.
                profile:
                  align: right
                  image: prof_pic.jpg
                  address: >
                    <p>555 your office number</p>
                    <p>123 your address street</p>
                news: true
                selected_papers: true
                social: true
                ---

                Write your biography here. Tell the world about yourself. Link to your favorite [subreddit](http://reddit.com).

                I study how machines listen.
                """,  # noqa: E501
        },
    )
    output = run(page / "about.md", "xize-cheng", "--name", "Xize Cheng")
    member = Researcher.objects.get()
    assert (member.position, member.affiliation, member.role) == (
        "PhD Student",
        "Sound Lab, Example University",
        Role.PHD,
    )
    assert (member.bio, member.address) == ("I study how machines listen.", "")
    assert "the theme's sample address in the front matter, skipped" in output


def test_al_folio_sample_bibliography_cv_and_name_are_skipped_and_the_owners_entries_land(db, tmp_path):
    site = write(
        tmp_path,
        {
            "_config.yml": "title: blank\nfirst_name: You\nmiddle_name: R.\nlast_name: Name\nurl: https://me.example.org\n",
            "_pages/about.md": "---\nlayout: about\n---\nI listen.\n",
            "_bibliography/papers.bib": """
                @article{einstein1905movement,
                  abbr={Ann. Phys.},
                  title={Un the movement of small particles suspended in stationary liquids required by the molecular-kinetic theory 0f heat},
                  author={Einstein, A.},
                  journal={Ann. Phys.},
                  year={1905},
                }

                @inproceedings{cheng2025sound,
                  title={Sound Separation at Scale},
                  author={Cheng, Xize and Wang, Zehan},
                  booktitle={ICLR},
                  year={2025},
                  pdf={cheng2025.pdf},
                  html={https://arxiv.org/abs/2501.00001},
                }
                """,  # noqa: E501
            "_data/cv.yml": """
                - title: Education
                  type: time_table
                  contents:
                    - title: PhD
                      institution: University of Zurich, Zurich, Switzerland
                      year: 1905
                    - title: PhD in Computer Science
                      institution: Zhejiang University
                      year: 2026
                """,
        },
    )
    output = run(site, "xize-cheng", "--name", "Xize Cheng")
    paper = Publication.objects.get()
    assert (paper.title, paper.arxiv_id) == ("Sound Separation at Scale", "2501.00001")
    assert paper.pdf_url == "https://me.example.org/assets/pdf/cheng2025.pdf"
    assert "1 entries of al-folio's sample bibliography skipped" in output
    member = Researcher.objects.get()
    assert member.name == "Xize Cheng" and "names the theme's sample person 'You R. Name'" in output
    assert list(member.cv_entries.values_list("title", flat=True)) == ["PhD in Computer Science"]
