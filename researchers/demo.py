"""A fictional demo lab: every person, place and identifier here is invented.

Links point at example.org / example.com or at handles prefixed ``labfolio-demo-``,
and ORCID iDs come from the 0009-99xx block, which ORCID has not allocated, so no
demo page can lead a visitor to a real person.
"""

import colorsys
import hashlib
import io
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from .models import CVEntry, Lab, Link, NameVariant, Researcher, ResearchInterest, Status, Supervisor, Visibility

AFFILIATION = "Department of Computer Science, Example University"
OFFICE = "{room}, Robotics Building\nExample University\n1 Example Way\nExample City, EX 12345"

LINK_URLS = {
    "scholar": "https://scholar.google.com/citations?user=labfolio-demo-{slug}",
    "dblp": "https://dblp.org/pid/labfolio-demo/{slug}",
    "semantic_scholar": "https://www.semanticscholar.org/author/labfolio-demo-{slug}",
    "github": "https://github.com/labfolio-demo-{slug}",
    "linkedin": "https://www.linkedin.com/in/labfolio-demo-{slug}",
    "x": "https://x.com/labfolio-demo-{slug}",
    "bluesky": "https://bsky.app/profile/{slug}.example.org",
    "website": "https://{slug}.example.org/",
}

# Fields a re-seed resets when a member's entry leaves them out.
DEFAULTS = {
    "native_name": "",
    "status": Status.CURRENT,
    "joined_on": None,
    "left_on": None,
    "destination": "",
    "affiliation": AFFILIATION,
    "availability": "",
    "address": "",
    "orcid": "",
    "visibility": Visibility.PUBLIC,
}
ROW_KEYS = {"avatar", "links", "interests", "supervisors", "variants", "cv"}
ROW_MODELS = {
    "CV entries": CVEntry,
    "links": Link,
    "research interests": ResearchInterest,
    "supervisors": Supervisor,
    "name variants": NameVariant,
}

MEMBERS = [
    {
        "slug": "elena-marchetti",
        "name": "Elena Marchetti",
        "role": "pi",
        "position": "Associate Professor of Computer Science",
        "focus": "Robot learning that generalises beyond the lab",
        "joined_on": date(2016, 9, 1),
        "orcid": "0009-9931-4159-265X",
        "emails": "elena.marchetti@example.org\nrobot-learning@example.org",
        "address": OFFICE.format(room="Room 4.12"),
        "bio": (
            "I lead the Robot Learning Group at Example University. We study how robots can learn manipulation "
            "skills that keep working outside the lab: new objects, new rooms, new people. Before that I was a "
            "postdoc at the [Example Robotics Institute](https://www.example.org/robotics/).\n\n"
            "Our recent work covers world models for planning, safe reinforcement learning on legged robots and "
            "cheap ways to collect demonstrations. Code and datasets are on the "
            "[group website](https://lab.example.org/)."
        ),
        "availability": (
            "**We are recruiting.** I am looking for PhD students to start in fall 2027 and for research interns "
            "for summer 2027. Please read [how to apply](https://lab.example.org/join/) before writing to me."
        ),
        "links": ["scholar", "dblp", "semantic_scholar", "github", "x", "bluesky", "website"],
        "interests": [
            ("Generalisable manipulation", "Policies that keep working on objects and scenes never seen in training."),
            ("World models for planning", "Learned dynamics that support *long-horizon*, multi-step tasks."),
            ("Learning from cheap data", "Play data, videos and low-cost teleoperation instead of curated demos."),
            ("Safe learning on real hardware", ""),
        ],
        "variants": [("Marchetti, E.", "initials"), ("E. R. Marchetti", "initials")],
        "cv": [
            {
                "section": "education",
                "title": "PhD in Computer Science",
                "organisation": "Example Institute of Technology",
                "start_date": date(2008, 9, 1),
                "end_date": date(2013, 6, 30),
                "description": "Thesis: *Learning to grasp from a few demonstrations*. Advisor: Prof. Rafael Orsini.",
            },
            {
                "section": "education",
                "title": "MSc in Mechanical Engineering",
                "organisation": "Example Polytechnic",
                "start_date": date(2006, 9, 1),
                "end_date": date(2008, 7, 31),
            },
            {
                "section": "education",
                "title": "BSc in Physics",
                "organisation": "Example University",
                "start_date": date(2003, 9, 1),
                "end_date": date(2006, 6, 30),
            },
            {
                "section": "experience",
                "title": "Associate Professor",
                "organisation": "Example University",
                "start_date": date(2022, 7, 1),
            },
            {
                "section": "experience",
                "title": "Assistant Professor",
                "organisation": "Example University",
                "start_date": date(2016, 9, 1),
                "end_date": date(2022, 6, 30),
            },
            {
                "section": "experience",
                "title": "Postdoctoral Researcher",
                "organisation": "Example Robotics Institute",
                "start_date": date(2013, 9, 1),
                "end_date": date(2016, 8, 31),
                "description": (
                    "Mentor: [Prof. Mirela Stanescu](https://www.example.org/~stanescu/)\n\n"
                    "- Led the institute's entry to the Example Grasping Challenge (first place)\n"
                    "- Released an open dataset of 40,000 annotated grasps"
                ),
            },
            {
                "section": "award",
                "title": "Early Career Award",
                "organisation": "Example Science Foundation",
                "start_date": date(2021, 5, 1),
            },
            {
                "section": "award",
                "title": "Best Paper Award",
                "organisation": "Conference on Robot Learning (CoRL)",
                "start_date": date(2019, 11, 1),
            },
            {
                "section": "award",
                "title": "Teaching Excellence Award",
                "organisation": "Example University",
                "start_date": date(2020, 6, 1),
            },
            {
                "section": "grant",
                "title": "Generalist manipulation from cheap data",
                "organisation": "Example Science Foundation, Career grant",
                "date_text": "2022–2027",
                "description": "Principal investigator; funds three PhD students and one engineer.",
            },
            {
                "section": "grant",
                "title": "Safe learning for legged robots in the field",
                "organisation": "Example Research Council",
                "date_text": "2020–2023",
            },
            {"section": "service", "title": "Area Chair", "organisation": "NeurIPS", "date_text": "2022, 2023, 2024"},
            {
                "section": "service",
                "title": "Associate Editor",
                "organisation": "IEEE Robotics and Automation Letters",
                "date_text": "2021–present",
            },
            {"section": "service", "title": "Reviewer", "organisation": "CVPR", "date_text": "2023, 2024"},
            {
                "section": "talk",
                "title": "Robots that learn from their own mistakes",
                "organisation": "Keynote, Example Workshop on Embodied AI",
                "place": "Vienna",
                "date_text": "July 2024",
            },
            {
                "section": "talk",
                "title": "Why generalisation is a data problem",
                "organisation": "Robotics Seminar, Example Institute of Technology",
                "date_text": "March 2023",
            },
            {
                "section": "teaching",
                "title": "CS 4610 Robot Learning",
                "organisation": "Example University",
                "date_text": "Fall 2019–present",
            },
            {
                "section": "teaching",
                "title": "CS 2200 Introduction to Machine Learning",
                "organisation": "Example University",
                "date_text": "Spring 2017, 2018, 2020",
            },
            {
                "section": "competition",
                "title": "First place, Example Grasping Challenge",
                "organisation": "ICRA 2015",
                "place": "Seattle",
            },
        ],
    },
    {
        "slug": "tomasz-wierzba",
        "name": "Tomasz Wierzba",
        "role": "faculty",
        "position": "Assistant Professor",
        "focus": "Tactile sensing and dexterous manipulation",
        "joined_on": date(2021, 1, 15),
        "orcid": "0009-9927-1828-1828",
        "address": OFFICE.format(room="Room 4.07"),
        "bio": (
            "I work on touch: how robots can feel contact, slip and texture, and use it to handle objects the way "
            "people do. I joined Example University in 2021 after a postdoc at the "
            "[Example Haptics Lab](https://haptics.example.com/).\n\n"
            "My group builds low-cost tactile sensors and learns manipulation policies on top of them. All sensor "
            "designs are open hardware; see the [build guide](https://tomasz-wierzba.example.org/sensors/)."
        ),
        "links": ["scholar", "dblp", "github", "linkedin", "website"],
        "interests": [
            ("Tactile sensing", "Cheap, robust skins and fingertips that survive months of use."),
            ("Dexterous in-hand manipulation", ""),
            ("Sim-to-real transfer for contact", "Simulating touch well enough to train in simulation."),
        ],
        "variants": [("Wierzba, T.", "initials")],
        "cv": [
            {
                "section": "education",
                "title": "PhD in Robotics",
                "organisation": "Example Technical University",
                "start_date": date(2012, 10, 1),
                "end_date": date(2017, 3, 31),
            },
            {
                "section": "experience",
                "title": "Postdoctoral Researcher",
                "organisation": "Example Haptics Lab",
                "start_date": date(2017, 4, 1),
                "end_date": date(2020, 12, 31),
                "description": (
                    "Mentor: Dr. Ingrid Solberg\n\n"
                    "- Designed the *FingerSkin* tactile sensor\n"
                    "- Co-organised the first workshop on tactile learning"
                ),
            },
            {
                "section": "award",
                "title": "Young Investigator Award",
                "organisation": "Example Robotics Society",
                "start_date": date(2023, 10, 1),
            },
            {"section": "service", "title": "Reviewer", "organisation": "ICRA, IROS, RSS", "date_text": "2019–2024"},
            {
                "section": "teaching",
                "title": "CS 3620 Robot Manipulation",
                "organisation": "Example University",
                "date_text": "Spring 2022–present",
            },
        ],
    },
    {
        "slug": "yutong-chen",
        "name": "Yutong Chen",
        "native_name": "陈雨桐",
        "role": "postdoc",
        "position": "Postdoctoral Researcher",
        "focus": "World models for long-horizon planning",
        "joined_on": date(2023, 3, 1),
        "orcid": "0009-9914-1421-3565",
        "bio": (
            "I am a postdoc working with [Elena Marchetti](/people/elena-marchetti/) on world models that let "
            "robots plan over minutes rather than seconds. I received my PhD from Example University of Science "
            "and Technology, where I studied model-based reinforcement learning.\n\n"
            "I am on the academic job market in 2025–26; my "
            "[research statement](https://yutong-chen.example.org/statement/) sums up what I want to build next."
        ),
        "links": ["scholar", "semantic_scholar", "github", "x", "website"],
        "interests": [
            ("World models", "Latent dynamics that stay accurate over hundreds of steps."),
            ("Model-based reinforcement learning", ""),
        ],
        "variants": [("Chen, Y.", "initials"), ("Chen Yutong", "transliteration"), ("陈雨桐", "native")],
        "supervisors": [{"member": "elena-marchetti", "note": "host"}],
        "cv": [
            {
                "section": "education",
                "title": "PhD in Computer Science",
                "organisation": "Example University of Science and Technology",
                "start_date": date(2017, 9, 1),
                "end_date": date(2022, 12, 31),
            },
            {
                "section": "experience",
                "title": "Research Intern",
                "organisation": "Example AI Research",
                "start_date": date(2021, 6, 1),
                "end_date": date(2021, 9, 30),
                "description": (
                    "Mentors: Dr. Paul Ferrand and Dr. Mei Tanaka\n\n"
                    "- Scaled a latent world model to 1,000 Atari-style tasks\n"
                    "- Paper accepted at ICLR 2022"
                ),
            },
            {
                "section": "award",
                "title": "Outstanding Doctoral Dissertation Award",
                "organisation": "Example University of Science and Technology",
                "start_date": date(2023, 6, 1),
            },
            {
                "section": "talk",
                "title": "Planning with imperfect world models",
                "organisation": "Example Symposium on Model-Based RL",
                "date_text": "November 2024",
            },
        ],
    },
    {
        "slug": "amara-nwosu",
        "name": "Amara Nwosu",
        "role": "phd",
        "position": "PhD student",
        "focus": "Safe reinforcement learning for legged robots",
        "joined_on": date(2021, 9, 1),
        "orcid": "0009-9916-1803-3988",
        "bio": (
            "I am a fourth-year PhD student. I work on reinforcement learning that respects safety constraints "
            "while a legged robot is still learning, so that training can happen on real hardware and not only "
            "in simulation.\n\n"
            "In summer 2024 I interned at [Example Robotics](https://robotics.example.com/). Videos of our robots "
            "falling over safely are on [my website](https://amara-nwosu.example.org/)."
        ),
        "links": ["scholar", "github", "linkedin", "bluesky", "website"],
        "interests": [
            ("Safe reinforcement learning", "Constraint satisfaction *during* training, not only after it."),
            ("Legged locomotion", ""),
        ],
        "variants": [("Nwosu, A.", "initials")],
        "supervisors": [{"member": "elena-marchetti"}, {"member": "tomasz-wierzba", "note": "co-advisor"}],
        "cv": [
            {
                "section": "education",
                "title": "PhD in Computer Science",
                "organisation": "Example University",
                "start_date": date(2021, 9, 1),
            },
            {
                "section": "education",
                "title": "BEng in Electrical Engineering",
                "organisation": "Example Technical University",
                "start_date": date(2016, 9, 1),
                "end_date": date(2021, 6, 30),
            },
            {
                "section": "experience",
                "title": "Research Intern",
                "organisation": "Example Robotics",
                "start_date": date(2024, 6, 1),
                "end_date": date(2024, 9, 30),
                "description": (
                    "Mentor: [Dr. Ines Valverde](https://robotics.example.com/people/valverde/)\n\n"
                    "- Trained a quadruped to recover from pushes with zero falls on hardware\n"
                    "- Open-sourced the safety layer used by the locomotion team"
                ),
            },
            {
                "section": "award",
                "title": "Graduate Research Fellowship",
                "organisation": "Example Science Foundation",
                "start_date": date(2022, 4, 1),
            },
            {"section": "service", "title": "Reviewer", "organisation": "CoRL", "date_text": "2023, 2024"},
            {
                "section": "teaching",
                "title": "Teaching Assistant, CS 4610 Robot Learning",
                "organisation": "Example University",
                "date_text": "Fall 2022",
            },
        ],
    },
    {
        "slug": "jonas-feldkamp",
        "name": "Jonas Feldkamp",
        "role": "phd",
        "position": "PhD student",
        "focus": "Grounding language instructions in robot perception",
        "joined_on": date(2022, 9, 1),
        "bio": (
            "I am a PhD student interested in how robots can follow instructions like *put the mug that is not "
            "chipped on the top shelf*. I combine vision-language models with 3D scene representations.\n\n"
            "I maintain [tabletop-bench](https://code.example.org/tabletop-bench/), a small benchmark of "
            "language-conditioned tabletop tasks."
        ),
        "links": ["github", "scholar", "website"],
        "interests": [("Vision-language models for robotics", ""), ("3D scene representations", "")],
        "variants": [("Feldkamp, J.", "initials")],
        "supervisors": [{"member": "elena-marchetti"}],
        "cv": [
            {
                "section": "education",
                "title": "MSc in Informatics",
                "organisation": "Example Technical University",
                "start_date": date(2020, 10, 1),
                "end_date": date(2022, 7, 31),
            },
            {
                "section": "competition",
                "title": "Second place, Example Household Robot Challenge",
                "organisation": "RoboCup@Home Example Open",
                "date_text": "2023",
            },
        ],
    },
    {
        "slug": "priya-raghunathan",
        "name": "Priya Raghunathan",
        "role": "phd",
        "position": "PhD student",
        "focus": "Sim-to-real transfer for contact-rich manipulation",
        "joined_on": date(2023, 9, 1),
        "bio": (
            "I am a second-year PhD student in Tomasz Wierzba's group. I study how to transfer contact-rich "
            "manipulation policies from simulation to real robots without hand-tuning physics parameters.\n\n"
            "Previously I was a research assistant at the "
            "[Example Institute of Science](https://www.example.org/eis/), working on differentiable simulation."
        ),
        "links": ["github", "linkedin", "scholar"],
        "interests": [("Differentiable simulation", ""), ("System identification", "")],
        "supervisors": [{"member": "tomasz-wierzba"}],
        "cv": [
            {
                "section": "education",
                "title": "BTech in Mechanical Engineering",
                "organisation": "Example Institute of Science",
                "start_date": date(2017, 7, 1),
                "end_date": date(2021, 5, 31),
            },
            {
                "section": "award",
                "title": "Department Fellowship",
                "organisation": "Example University",
                "start_date": date(2023, 9, 1),
            },
        ],
    },
    {
        "slug": "lucas-ferreira-duarte",
        "name": "Lucas Ferreira Duarte",
        "role": "master",
        "position": "Master's student",
        "focus": "Distilling large policies for on-board compute",
        "joined_on": date(2024, 9, 1),
        "bio": (
            "I am a master's student working on distilling large visuomotor policies into networks small enough "
            "to run on a robot's own computer.\n\n"
            "Before joining the lab I spent two years as a software engineer at "
            "[Example Logistics](https://logistics.example.com/)."
        ),
        "links": ["github", "linkedin"],
        "interests": [("Policy distillation", ""), ("Efficient inference", "Quantisation and pruning on robots.")],
        # A compound family name: "Ferreira Duarte, Lucas" is how BibTeX files print it.
        "variants": [("Duarte, L. F.", "initials"), ("Lucas F. Duarte", "other"), ("Ferreira Duarte, Lucas", "other")],
        "supervisors": [{"member": "tomasz-wierzba"}, {"member": "yutong-chen", "note": "daily mentor"}],
        "cv": [
            {
                "section": "education",
                "title": "BSc in Computer Engineering",
                "organisation": "Example Federal University",
                "start_date": date(2018, 3, 1),
                "end_date": date(2022, 2, 28),
            },
            {
                "section": "experience",
                "title": "Software Engineer",
                "organisation": "Example Logistics",
                "start_date": date(2022, 3, 1),
                "end_date": date(2024, 8, 31),
            },
        ],
    },
    {
        "slug": "noor-haddad",
        "name": "Noor Haddad",
        "role": "undergraduate",
        "position": "Undergraduate researcher",
        "focus": "Benchmarking grasp detectors in clutter",
        "joined_on": date(2025, 1, 15),
        "avatar": False,
        "bio": (
            "I am a third-year Computer Science student doing research through the "
            "[undergraduate research programme](https://www.example.org/urop/). I am building a benchmark for "
            "grasp detectors on cluttered shelves.\n\n"
            "Outside the lab I coach the university robotics club's outreach team for high-school students."
        ),
        "links": ["github"],
        "interests": [("Grasp detection", "")],
        "supervisors": [{"member": "tomasz-wierzba"}],
        "cv": [
            {
                "section": "award",
                "title": "Dean's List",
                "organisation": "Example University",
                "date_text": "2023, 2024",
            }
        ],
    },
    {
        "slug": "kenji-arakawa",
        "name": "Kenji Arakawa",
        "native_name": "荒川健司",
        "role": "visiting",
        "position": "Visiting PhD student",
        "affiliation": "Graduate School of Informatics, Example Institute of Technology",
        "focus": "Event cameras for fast visual servoing",
        "joined_on": date(2025, 4, 1),
        "bio": (
            "I am a visiting PhD student from the Example Institute of Technology, advised there by "
            "[Prof. Haruka Tanabe](https://www.example.org/~tanabe/). During my visit I work on fast visual "
            "servoing with event cameras.\n\n"
            "My home lab builds neuromorphic vision sensors; see our [dataset page](https://events.example.org/)."
        ),
        "links": ["scholar", "github"],
        "interests": [("Event-based vision", ""), ("Visual servoing", "")],
        "variants": [("Arakawa, K.", "initials"), ("荒川健司", "native")],
        "supervisors": [
            {"name": "Prof. Haruka Tanabe", "url": "https://www.example.org/~tanabe/", "note": "home advisor"},
            {"member": "elena-marchetti", "note": "host"},
        ],
        "cv": [
            {
                "section": "education",
                "title": "PhD in Informatics",
                "organisation": "Example Institute of Technology",
                "start_date": date(2022, 4, 1),
            },
        ],
    },
    {
        "slug": "sofia-lindqvist",
        "name": "Sofia Lindqvist",
        "role": "engineer",
        "position": "Research Engineer",
        "focus": "Robot fleet infrastructure and open datasets",
        "joined_on": date(2022, 2, 1),
        "orcid": "0009-9957-7215-6642",
        "bio": (
            "I am the lab's research engineer. I look after our robot fleet, the shared training cluster and the "
            "tools that turn raw robot logs into datasets others can use.\n\n"
            "I maintain the lab's [open datasets](https://lab.example.org/datasets/) and its "
            "[robot software stack](https://code.example.org/lab-stack/)."
        ),
        "links": ["github", "linkedin", "website"],
        "interests": [("Research infrastructure", ""), ("Dataset tooling", "Reproducible pipelines from logs.")],
        "variants": [("Lindqvist, S.", "initials")],
        "cv": [
            {
                "section": "experience",
                "title": "Perception Engineer",
                "organisation": "Example Autonomy",
                "start_date": date(2018, 8, 1),
                "end_date": date(2022, 1, 31),
            },
            {
                "section": "education",
                "title": "MSc in Computer Science",
                "organisation": "Example University",
                "start_date": date(2016, 9, 1),
                "end_date": date(2018, 6, 30),
            },
            {
                "section": "talk",
                "title": "Running a robot fleet with three people",
                "organisation": "Example Robotics Software Meetup",
                "date_text": "May 2024",
            },
        ],
    },
    {
        "slug": "martin-okello",
        "name": "Martin Okello",
        "role": "staff",
        "position": "Lab Manager",
        "focus": "Operations, purchasing and visitor onboarding",
        "joined_on": date(2019, 6, 1),
        "avatar": False,
        "emails": "lab-office@example.org",
        "address": OFFICE.format(room="Room 4.01"),
        "bio": (
            "I am the lab manager. I handle purchasing, travel, visitor onboarding and the lab's safety "
            "training.\n\n"
            "If you are visiting, please read the [visitor guide](https://lab.example.org/visit/) before you "
            "arrive."
        ),
        "links": ["linkedin"],
    },
    {
        "slug": "daniel-szabo",
        "name": "Daniel Szabo",
        "role": "phd",
        "status": "alumni",
        "position": "PhD student",
        "focus": "Learning legged locomotion from demonstrations",
        "joined_on": date(2017, 9, 1),
        "left_on": date(2023, 6, 30),
        "destination": "Research Scientist, Example Robotics",
        "orcid": "0009-9923-0258-5094",
        "bio": (
            "I did my PhD in the lab from 2017 to 2023 on learning legged locomotion from a handful of "
            "demonstrations. My thesis is [available online](https://www.example.org/theses/szabo-2023/).\n\n"
            "I am now a Research Scientist at [Example Robotics](https://robotics.example.com/), working on "
            "whole-body control for humanoids."
        ),
        "links": ["scholar", "github", "website"],
        "interests": [("Imitation learning", ""), ("Whole-body control", "")],
        "variants": [("Szabo, D.", "initials"), ("Dániel Szabó", "other")],
        "supervisors": [{"member": "elena-marchetti"}],
        "cv": [
            {
                "section": "education",
                "title": "PhD in Computer Science",
                "organisation": "Example University",
                "start_date": date(2017, 9, 1),
                "end_date": date(2023, 6, 30),
            },
            {
                "section": "experience",
                "title": "Research Intern",
                "organisation": "Example AI Research",
                "start_date": date(2021, 6, 1),
                "end_date": date(2021, 9, 30),
                "description": (
                    "Mentor: Dr. Ravi Subramanian\n\n"
                    "- Learned quadruped gaits from 10 minutes of video\n"
                    "- Work became the core of my thesis"
                ),
            },
            {
                "section": "award",
                "title": "Best Student Paper Award",
                "organisation": "Example Robotics Conference",
                "start_date": date(2022, 10, 1),
            },
        ],
    },
    {
        "slug": "hana-novak",
        "name": "Hana Novak",
        "role": "postdoc",
        "status": "alumni",
        "position": "Postdoctoral Researcher",
        "focus": "Multi-robot coordination under uncertainty",
        "joined_on": date(2020, 1, 1),
        "left_on": date(2023, 8, 31),
        "destination": "Assistant Professor, Example Institute of Technology",
        "orcid": "0009-9966-9201-6097",
        "bio": (
            "I was a postdoc in the lab from 2020 to 2023, working on coordinating teams of robots when "
            "communication is unreliable.\n\n"
            "I now lead the Multi-Robot Systems group at the "
            "[Example Institute of Technology](https://www.example.org/eit/), and I am recruiting PhD students."
        ),
        "links": ["scholar", "dblp", "website"],
        "interests": [("Multi-robot systems", ""), ("Planning under uncertainty", "")],
        "variants": [("Novak, H.", "initials"), ("Hana Nováková", "former")],
        "supervisors": [{"member": "elena-marchetti", "note": "host"}],
        "cv": [
            {
                "section": "grant",
                "title": "Postdoctoral Fellowship",
                "organisation": "Example Research Council",
                "date_text": "2020–2022",
            },
            {
                "section": "experience",
                "title": "Postdoctoral Researcher",
                "organisation": "Example University",
                "start_date": date(2020, 1, 1),
                "end_date": date(2023, 8, 31),
            },
        ],
    },
    {
        "slug": "mateo-ruiz",
        "name": "Mateo Ruiz",
        "role": "master",
        "status": "alumni",
        "position": "Master's student",
        "focus": "Grasp quality from synthetic depth images",
        "joined_on": date(2021, 9, 1),
        "left_on": date(2023, 7, 31),
        "destination": "Machine Learning Engineer, Example Health",
        "bio": (
            "I did my master's thesis in the lab on learning grasp quality from synthetic depth images.\n\n"
            "I now build machine learning systems for medical imaging at "
            "[Example Health](https://health.example.com/)."
        ),
        "links": ["github", "linkedin"],
        "supervisors": [{"member": "tomasz-wierzba"}],
        "cv": [
            {
                "section": "education",
                "title": "MSc in Robotics",
                "organisation": "Example University",
                "start_date": date(2021, 9, 1),
                "end_date": date(2023, 7, 31),
            },
            {
                "section": "competition",
                "title": "Finalist, Example Warehouse Picking Challenge",
                "organisation": "IROS 2022",
                "place": "Kyoto",
            },
        ],
    },
    {
        "slug": "ines-castillo",
        "name": "Ines Castillo",
        "role": "undergraduate",
        "visibility": "unlisted",
        "position": "Summer research intern",
        "focus": "Tools for collecting teleoperation data",
        "joined_on": date(2025, 6, 1),
        "bio": (
            "I am a summer research intern from the Example University of Applied Sciences, building tools that "
            "make collecting teleoperation data less tedious.\n\n"
            "My project notes are on [my page](https://ines-castillo.example.org/)."
        ),
        "links": ["github"],
        "supervisors": [{"member": "elena-marchetti"}],
    },
]


def avatar_png(*, name, slug):
    """A 400×400 placeholder portrait: the initials, large, on a soft colour derived from the slug."""
    hue = int(hashlib.sha256(slug.encode()).hexdigest()[:4], 16) / 0xFFFF
    background, ink = (
        tuple(round(channel * 255) for channel in colorsys.hls_to_rgb(hue, lightness, 0.45))
        for lightness in (0.86, 0.32)
    )
    words = name.split()
    initials = (words[0][0] + words[-1][0]).upper()
    image = Image.new("RGB", (400, 400), background)
    font = ImageFont.load_default(size=160)
    ImageDraw.Draw(image).text((200, 200), initials, fill=ink, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


LAB = {
    "tagline": "Robot learning that keeps working outside the lab · Department of Computer Science, Example University",
    "intro": (
        "We are a robot learning group at [Example University](https://www.example.org/). We study how robots can "
        "learn manipulation and locomotion skills that keep working outside the lab: on new objects, in new rooms "
        "and next to new people. Our work spans **world models** for long-horizon planning, **tactile sensing** "
        "for dexterous hands, **safe reinforcement learning** on real hardware and cheap ways to collect data.\n\n"
        "We run a fleet of twelve robots every day and publish what we learn from it: code, hardware designs and "
        "open datasets go with every paper. Browse our [publications](/publications/), read the [blog](/blog/) "
        "for tutorials and lessons learned, or meet the [people](/people/) behind the robots."
    ),
    "recruiting": (
        "**Join us.** We have two fully funded PhD positions starting in fall 2027 and take research interns "
        "every summer. Read [how to apply](https://lab.example.org/join/) before you write to us."
    ),
    "email": "robot-learning@example.org",
    "address": OFFICE.format(room="Room 4.12"),
}


def logo_png():
    """A 512×512 lab logo drawn with Pillow: a robot arm, white on a rounded blue square."""
    size, blue, white = 512, (10, 88, 168, 255), (255, 255, 255, 255)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=96, fill=blue)
    draw.rounded_rectangle((136, 392, 296, 428), radius=12, fill=white)  # base
    shoulder, elbow, wrist = (216, 372), (176, 220), (340, 150)
    draw.line((shoulder, elbow, wrist), fill=white, width=34, joint="curve")
    for x, y in (shoulder, elbow, wrist):
        draw.ellipse((x - 30, y - 30, x + 30, y + 30), fill=white)
        draw.ellipse((x - 12, y - 12, x + 12, y + 12), fill=blue)
    draw.line(((366, 126), (406, 94)), fill=white, width=18)  # gripper fingers
    draw.line(((374, 170), (416, 184)), fill=white, width=18)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _save_lab():
    lab = Lab.objects.filter(pk=1).first() or Lab()
    lab.name = settings.LAB_NAME
    for field, value in LAB.items():
        setattr(lab, field, value)
    # Like member photos, a logo already there is kept, so re-seeding leaves no orphaned files.
    if not lab.logo:
        lab.logo = ContentFile(logo_png(), name="logo.png")
    lab.full_clean()
    lab.save()
    return lab


def _save_member(person, order):
    researcher = Researcher.objects.filter(slug=person["slug"]).first() or Researcher()
    fields = {
        **DEFAULTS,
        "emails": f"{person['slug'].replace('-', '.')}@example.org",
        "order": order,
        **{key: value for key, value in person.items() if key not in ROW_KEYS},
    }
    for field, value in fields.items():
        setattr(researcher, field, value)
    # A photo already there is kept, so re-seeding leaves no orphaned files behind.
    if person.get("avatar", True) and not researcher.photo:
        researcher.photo = ContentFile(avatar_png(name=person["name"], slug=person["slug"]), name="avatar.png")
    researcher.full_clean()
    researcher.save()
    return researcher


def _member_rows(person, members):
    slug = person["slug"]
    yield from (
        Link(kind=kind, url=LINK_URLS[kind].format(slug=slug), order=order)
        for order, kind in enumerate(person.get("links", []))
    )
    yield from (
        ResearchInterest(title=title, description=description, order=order)
        for order, (title, description) in enumerate(person.get("interests", []))
    )
    for order, supervisor in enumerate(person.get("supervisors", [])):
        member = members.get(supervisor.get("member"))
        yield Supervisor(**{**supervisor, "member": member, "order": order})
    yield from (NameVariant(name=name, kind=kind) for name, kind in person.get("variants", []))
    yield from (CVEntry(order=order, **entry) for order, entry in enumerate(person.get("cv", [])))


@transaction.atomic
def demo_lab_seed(*, if_empty=False):
    """Create or refresh the fictional demo lab and its members; return counts of what it holds, by kind.

    Members are matched by slug and updated in place; their links, interests,
    supervisors, name variants and CV entries are replaced, so running it again
    never duplicates anything. With ``if_empty`` nothing happens (and None is
    returned) when any researcher exists.
    """
    if if_empty and Researcher.objects.exists():
        return None
    _save_lab()
    members = {person["slug"]: _save_member(person, order) for order, person in enumerate(MEMBERS)}
    for person in MEMBERS:
        researcher = members[person["slug"]]
        for related in ("links", "interests", "supervisors", "name_variants", "cv_entries"):
            getattr(researcher, related).all().delete()
        for row in _member_rows(person, members):
            row.researcher = researcher
            row.full_clean()
            row.save()
    seeded = Researcher.objects.filter(slug__in=members)
    return {
        "members": seeded.count(),
        "alumni": seeded.alumni().count(),
        "photos": seeded.exclude(photo="").count(),
        **{label: model.objects.filter(researcher__in=seeded).count() for label, model in ROW_MODELS.items()},
    }
