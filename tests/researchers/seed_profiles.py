"""The three reference homepages in shared/seeds/, entered as Labfolio profiles.

Long prose is taken from the seed files verbatim (by line range, mojibake and
all); everything else is typed in as a member would type it in the admin,
copied from the page as it stands. The importer that reads these pages by
itself is tested separately.
"""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile

from researchers.models import CVEntry, Link, Researcher, ResearchInterest, Role, Supervisor

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
AWARD, EDUCATION, EXPERIENCE, SERVICE = (
    CVEntry.Section.AWARD,
    CVEntry.Section.EDUCATION,
    CVEntry.Section.EXPERIENCE,
    CVEntry.Section.SERVICE,
)


def seed_lines(name, first, last):
    """Lines first..last (1-based, inclusive) of a seed page, exactly as stored."""
    return "\n".join((SEEDS / name).read_text(encoding="utf-8").splitlines()[first - 1 : last])


def _add(researcher, model, rows, **common):
    for order, row in enumerate(rows):
        model.objects.create(researcher=researcher, order=order, **common, **row)


def build_alfolio_yi_liu():
    """al-folio's about page: bio with numbered goals, address block, contact, supervisor."""
    researcher = Researcher.objects.create(
        slug="yi-liu",
        name="Yi Liu",
        native_name="åˆ˜æ¯…",  # as the seed stores it: UTF-8 read as cp1252
        role=Role.MASTER,
        position="First-year master's student in Computer Science and Technology",
        affiliation="ADMIS Lab, College of Computer Science and Technology, Tongji University",
        focus="Efficient generative models, diffusion models",
        address="Jiading Campus, Tongji University\n4800 Cao'an Road, Jiading District\nShanghai 201804, China",
        bio=seed_lines("alfolio-about-yi-liu.md", 30, 44),
        emails="liuyi2052697@foxmail.com\nliuyi61@tongji.edu.cn",
    )
    _add(
        researcher,
        ResearchInterest,
        [
            {"title": "Generative models", "description": "With a specialization in **diffusion models**."},
            {"title": "Low-level vision", "description": "Image restoration, e.g. cloud removal in remote sensing."},
            {
                "title": "Efficient generative models",
                "description": "Hardware-aware optimisation with Triton, CUDA and CuTe.",
            },
        ],
    )
    Supervisor.objects.create(
        researcher=researcher,
        name="Associate Professor Wengen Li",
        url="https://admis-tongji.github.io/members/03wengen-li.html",
    )
    _add(
        researcher,
        CVEntry,
        [
            {
                "title": "Master's student, Computer Science and Technology",
                "organisation": "College of Computer Science and Technology, Tongji University",
                "start_date": datetime.date(2024, 9, 1),
                "url": "https://cs.tongji.edu.cn/",
            },
            {
                "title": "Bachelorâ€™s degree in Computer Science and Technology",
                "organisation": "College of Electronic and Information Engineering, Tongji University",
                "date_text": "2024",
                "url": "https://see-en.tongji.edu.cn/",
            },
        ],
        section=EDUCATION,
    )
    Link.objects.create(
        researcher=researcher, kind=Link.Kind.WEBSITE, label="ADMIS Lab", url="https://admis-tongji.github.io/"
    )
    return researcher


def build_academicpages_industry():
    """academicpages' about page: raw-HTML lists of interests and awards, a red recruiting notice."""
    researcher = Researcher.objects.create(
        slug="academicpages-author",
        name="Academicpages Author",  # the page names its author only in _config.yml
        role=Role.ENGINEER,
        status="alumni",
        position="Machine learning system research scientist",
        affiliation="ByteDance (TopSeed program)",
        destination="Research scientist, ByteDance",
        focus="LLM inference systems and AI compilers",
        bio="\n".join(
            line for line in seed_lines("academicpages-about-industry.md", 11, 16).splitlines() if "<!--" not in line
        ),
        availability="**I am seeking highly motivated full-time employees and research interns. "
        "If interested, please contact me directly!**",
    )
    _add(
        researcher,
        ResearchInterest,
        [
            {
                "title": "High-performance Inference System",
                "description": "System design for large language and vision models",
            },
            {"title": "AI Compiler", "description": "Compiler Design for the next generation of accelerators"},
            {"title": "Distributed Systems", "description": "Computation-communication co-optimization and automation"},
        ],
    )
    Supervisor.objects.create(
        researcher=researcher, name="Prof. Yun Liang", url="https://ericlyun.github.io/", note="Ph.D. advisor"
    )
    _add(
        researcher,
        CVEntry,
        [
            {"title": "Outstanding Doctoral Dissertation Award of Peking University", "date_text": "July 2024"},
            {"title": "Outstanding Ph.D. Graduate of both Beijing and Peking University", "date_text": "July 2024"},
        ],
        section=AWARD,
    )
    _add(
        researcher,
        CVEntry,
        [
            {"title": "Ph.D.", "organisation": "School of CS, Peking University", "date_text": "2024"},
            {"title": "B.S.", "organisation": "Department of Computer Intelligence Science, Peking University"},
        ],
        section=EDUCATION,
    )
    _add(
        researcher,
        CVEntry,
        [
            {
                "title": "Visiting Ph.D.",
                "organisation": "SAMPL, University of Washington",
                "url": "https://sampl.cs.washington.edu/",
                "start_date": datetime.date(2023, 9, 1),
                "end_date": datetime.date(2024, 1, 31),
                "description": "Worked with Professor [Luis Ceze](https://homes.cs.washington.edu/~luisceze/) "
                "on LLM serving and optimization.",
            },
        ],
        section=EXPERIENCE,
    )
    _add(
        researcher,
        CVEntry,
        [
            {"title": "PC member", "organisation": "ChinaSys"},
            {"title": "Reviewer", "organisation": "TPDS, TACO"},
            {"title": "Sub-reviewer", "organisation": "MICRO, PPoPP, MLSys, ICS, ICCAD"},
        ],
        section=SERVICE,
    )
    return researcher


# (role, organisation, the seed's line naming the mentors, its first and last highlight lines)
HAOZHE_EXPERIENCE = [
    ("Research Scientist Internship", "Meta AI", 100, 102, 105),
    ("PhD Candidate", "AI Initiative (KAUST)", 108, 110, 113),
    ("Internship", "Jarvis Lab (Tencent)", 118, 120, 123),
    ("Visiting student", "Norwegian Biometrics Laboratory (NTNU)", 128, 130, 131),
    ("M.S.", "Computer Vision Insitute (SZU)", 136, 137, 139),
]

HAOZHE_HONORS = [
    (
        "2023",
        "Best Paper Award at NeuralIPS Workshop in Robustness of Few-shot/Zero-shot Learning in Foundation Models",
        "",
    ),
    ("2022", "Outstanding Graduate Award", "**Rate<5%**"),
    ("2021", "China National Scholarship", "**Rate<0.02%**"),
    ("2020", "Excellent Academic Scholarship, First Class", ""),
    ("2019", "Excellent Academic Scholarship, Second Class", ""),
    ("2018", "National University Big Data Application Innovation Competition in Northwest, First Place", ""),
]

HAOZHE_REVIEWING = [
    ("CVPR", "2022, 2023"),
    ("ECCV", "2022, 2024"),
    ("ICCV", "2023"),
    ("AAAI", "2024"),
    ("ICML", "2022"),
    ("MICCAI", "2022"),
]


def build_acadhomepage_haozhe_liu():
    """AcadHomepage: Mac Roman mojibake, honors by year, research experience with mentors, reviewing."""
    researcher = Researcher.objects.create(
        slug="haozhe-liu",
        name="Haozhe Liu",
        role=Role.PHD,
        position="Ph.D. candidate",
        affiliation="AI Initiative, KAUST",
        focus="Multimodal generative models: video and image generation",
        bio=seed_lines("acadhomepage-haozhe-liu.md", 20, 22),
        emails="haozhe.liu@kaust.edu.sa",
        cv_file=ContentFile(
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="haozheliu.pdf"
        ),
    )
    Supervisor.objects.create(
        researcher=researcher,
        name="Prof. Juergen Schmidhuber",
        url="https://scholar.google.com/citations?user=gLnCTgIAAAAJ&hl=en",
    )
    for order, (title, organisation, mentors, first, last) in enumerate(HAOZHE_EXPERIENCE):
        mentors = seed_lines("acadhomepage-haozhe-liu.md", mentors, mentors).strip()
        highlights = seed_lines("acadhomepage-haozhe-liu.md", first, last)
        CVEntry.objects.create(
            researcher=researcher,
            section=EXPERIENCE,
            order=order,
            title=title,
            organisation=organisation,
            description=f"{mentors}\n\n{highlights}",
        )
    _add(
        researcher,
        CVEntry,
        [{"date_text": year, "title": title, "description": note} for year, title, note in HAOZHE_HONORS],
        section=AWARD,
    )
    _add(
        researcher,
        CVEntry,
        [
            {"title": "Conference reviewer", "organisation": venue, "date_text": years}
            for venue, years in HAOZHE_REVIEWING
        ],
        section=SERVICE,
    )
    return researcher


BUILDERS = {
    "alfolio-about-yi-liu.md": build_alfolio_yi_liu,
    "academicpages-about-industry.md": build_academicpages_industry,
    "acadhomepage-haozhe-liu.md": build_acadhomepage_haozhe_liu,
}
