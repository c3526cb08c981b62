"""The demo lab's news and blog: invented events of the invented members of ``researchers.demo``.

Dates count back from the day the demo is loaded, so a fresh demo always
shows the last two years of a living lab. News items are matched by their text
and posts by their slug, so running the seed again moves the dates along and
changes no counts.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from publications.models import Publication
from researchers.models import Researcher

from .models import NewsItem, Post, Tag
from .services import news_item_save

# days_ago, body, owner (None: the whole lab), mentioned members, mentioned papers (BibTeX keys), pinned
NEWS = [
    {
        "days_ago": 9,
        "body": (
            "🎓 **We are hiring!** Two fully funded PhD positions in robot learning start in fall 2027. "
            "Read [how to apply](https://lab.example.org/join/) and write to @elena-marchetti."
        ),
        "mentions": ["elena-marchetti"],
        "pinned": True,
    },
    {
        "days_ago": 16,
        "body": (
            "📄 *World Models That Know What They Do Not Know* by @yutong-chen and @elena-marchetti was accepted "
            "at NeurIPS. See you in the poster hall!"
        ),
        "mentions": ["yutong-chen", "elena-marchetti"],
        "papers": ["chen2025calibrated"],
    },
    {
        "days_ago": 38,
        "body": (
            "🎤 I gave a talk on *planning with imperfect world models* at the Example Symposium on Model-Based RL. "
            "The [slides](https://yutong-chen.example.org/talks/) are online."
        ),
        "owner": "yutong-chen",
    },
    {
        "days_ago": 64,
        "body": "👋 Welcome to our visiting PhD student Kenji Arakawa, here for a year to work on event cameras.",
        "mentions": ["kenji-arakawa"],
    },
    {
        "days_ago": 90,
        "body": (
            "🏆 Our paper on safe reinforcement learning **without a simulator** was accepted at T-RO. "
            "Videos of the robot learning to walk are on [my website](https://amara-nwosu.example.org/)."
        ),
        "owner": "amara-nwosu",
        "papers": ["nwosu2025simfree"],
    },
    {
        "days_ago": 118,
        "body": (
            "🤖 The lab's robot fleet passed **100,000 hours** of logged operation. Thanks to @sofia-lindqvist for "
            "keeping twelve robots running, and to everyone who filed a bug report at 2 a.m."
        ),
        "mentions": ["sofia-lindqvist"],
        "papers": ["lindqvist2023lablogs"],
    },
    {
        "days_ago": 147,
        "body": (
            "🖐️ *Vision-Based Tactile Sensing with Event Cameras* was accepted at RA-L, together with "
            "@kenji-arakawa. The sensor [build guide](https://tomasz-wierzba.example.org/sensors/) is updated."
        ),
        "owner": "tomasz-wierzba",
        "mentions": ["kenji-arakawa"],
        "papers": ["wierzba2025eventtouch"],
    },
    {
        "days_ago": 175,
        "body": "🎉 Our former postdoc @hana-novak received an Early Career Award for her work on multi-robot teams.",
        "mentions": ["hana-novak"],
    },
    {
        "days_ago": 204,
        "body": "🎤 Presenting our system identification paper at RSS this week: come to poster 42!",
        "owner": "priya-raghunathan",
        "papers": ["raghunathan2025sysid"],
    },
    {
        "days_ago": 233,
        "body": (
            "📢 **ShelfGrasp** is out: @noor-haddad's benchmark of grasp detectors on cluttered shelves, "
            "with code and all 1,200 test scenes."
        ),
        "mentions": ["noor-haddad"],
        "papers": ["haddad2025shelfgrasp"],
    },
    {
        "days_ago": 262,
        "body": (
            "🎙️ Keynote at the Example Workshop on Embodied AI: *Robots that learn from their own mistakes*. "
            "Thanks to the organisers for a lively discussion."
        ),
        "owner": "elena-marchetti",
    },
    {
        "days_ago": 291,
        "body": "🏅 @amara-nwosu won the Best Student Paper Award at the Example Robotics Conference. Congratulations!",
        "mentions": ["amara-nwosu"],
    },
    {
        "days_ago": 322,
        "body": "☀️ Our summer interns have arrived. Welcome @ines-castillo, who will make teleoperation less tedious!",
        "mentions": ["ines-castillo"],
    },
    {
        "days_ago": 355,
        "body": "📦 My master's thesis on distilling visuomotor policies for on-board compute will appear in RA-L.",
        "owner": "lucas-ferreira-duarte",
        "papers": ["duarte2025distill"],
    },
    {
        "days_ago": 398,
        "body": (
            "🧪 We released **tabletop-bench**, a benchmark for language-conditioned tabletop manipulation, "
            "led by @jonas-feldkamp. Pull requests welcome!"
        ),
        "mentions": ["jonas-feldkamp"],
        "papers": ["feldkamp2025tabletop"],
    },
    {
        "days_ago": 446,
        "body": "📷 New preprint: visual servoing at a thousand hertz with an event camera.",
        "owner": "kenji-arakawa",
        "papers": ["arakawa2025events"],
    },
    {
        "days_ago": 497,
        "body": "🏛️ We moved into the new Robotics Building. Come and visit us in Room 4.12!",
    },
    {
        "days_ago": 561,
        "body": "✨ Our cross-embodiment paper was selected as a **spotlight** at CoRL.",
        "owner": "yutong-chen",
        "papers": ["chen2024tokens"],
    },
    {
        "days_ago": 618,
        "body": (
            "💰 The lab received a five-year Career grant from the Example Science Foundation to study "
            "generalist manipulation from cheap data."
        ),
        "mentions": ["elena-marchetti"],
    },
    {
        "days_ago": 689,
        "body": "👋 Welcome to Martin Okello, our new lab manager. Visitors, he is the one with the keys.",
        "mentions": ["martin-okello"],
    },
]

POSTS = [
    {
        "slug": "running-a-robot-fleet-with-three-people",
        "title": "How we run a twelve-robot fleet with three people",
        "days_ago": 30,
        "authors": ["sofia-lindqvist", "elena-marchetti"],
        "tags": ["Infrastructure", "Datasets"],
        "summary": "Scheduling, remote resets and one shared log: what keeps twelve robots busy every day.",
        "body": """\
Two years ago our robots spent more time waiting for a person than learning. Today twelve of them run every
day, and three of us look after them. This post is what changed.

## One queue for every experiment

Every experiment is a job in one queue. A job names the robot type it needs, the policy checkpoint and how
many episodes to run; the scheduler hands it to the next free robot.

- Nobody books a robot by the hour any more.
- Failed jobs go back to the queue with the robot's log attached.
- The queue is a plain PostgreSQL table; we tried two job systems before that and removed both.

## Resets without people

Most of a person's time went into resetting scenes. Each cell now has a *reset policy* trained on the cell's
own data, and a person only comes when it fails three times in a row.

## One log for everything

Each episode writes one record: camera frames, joint states, the policy's version and who started it.

```python
episode = fleet.run(job, robot="ur5-07")
episode.save(to="s3://labfolio-demo-fleet/episodes/")
```

Those records became our [LabLogs dataset](/publications/), which other labs now use to study long-term
robot operation.
""",
    },
    {
        "slug": "a-gentle-introduction-to-world-models",
        "title": "A gentle introduction to world models",
        "days_ago": 85,
        "authors": ["yutong-chen"],
        "tags": ["World models", "Tutorial"],
        "summary": "What a world model is, why robots want one, and how to train a small one in an afternoon.",
        "body": """\
A **world model** predicts what happens next: given what the robot sees and what it does, what will it see
after that? With such a model a robot can try plans in its head before it tries them on the table.

## Three parts

1. An *encoder* that turns camera images into a small latent state.
2. A *dynamics model* that predicts the next latent state from the current one and an action.
3. A *decoder* or reward head, so that predictions can be checked and plans scored.

## Training a small one

```python
for images, actions in loader:
    states = encoder(images)
    predicted = dynamics(states[:, :-1], actions[:, :-1])
    loss = (predicted - states[:, 1:].detach()).pow(2).mean()
    loss.backward()
```

## Where they fail

World models are confident where they should not be. Our NeurIPS paper on calibrated world models is about
exactly that; the next post in this series will show how to measure it.
""",
    },
    {
        "slug": "safe-rl-on-real-hardware-five-lessons",
        "title": "Safe reinforcement learning on real hardware: five lessons",
        "days_ago": 160,
        "authors": ["amara-nwosu", "elena-marchetti"],
        "tags": ["Reinforcement learning", "Safety", "Tutorial"],
        "summary": "Our quadruped learned to walk without a simulator, and without breaking. Here is what mattered.",
        "body": """\
Training a legged robot from scratch on real hardware sounds like a way to buy a lot of spare parts. It does
not have to be.

## The five lessons

1. **Start with a safety filter, not a reward.** The filter decides what the robot may never do; the reward
   only decides what it wants.
2. **Log every fall.** Falls are rare and precious data.
3. **Reset automatically.** A robot that cannot stand up by itself wastes a person's afternoon.
4. **Limit torque, then relax the limit.** A curriculum on torque limits kept our motors cool.
5. **Measure wall-clock time.** Sample efficiency means little if every sample takes a minute.

## Our setup

| Part | Choice |
| --- | --- |
| Robot | a 12 kg quadruped |
| Policy | a small MLP at 50 Hz |
| Filter | control barrier function |

The full story is in our T-RO paper; the code is on GitHub.
""",
    },
    {
        "slug": "a-tactile-fingertip-for-under-fifty-dollars",
        "title": "Building a tactile fingertip for under fifty dollars",
        "days_ago": 260,
        "authors": ["tomasz-wierzba", "priya-raghunathan"],
        "tags": ["Hardware", "Tactile sensing", "Tutorial"],
        "summary": "A camera, a silicone skin and a 3D-printed shell: our open fingertip sensor, step by step.",
        "body": """\
Vision-based tactile sensors look at the inside of a soft skin with a small camera. When the skin touches
something, the camera sees it deform.

## What you need

- a USB endoscope camera (about $15)
- two-part silicone and a little pigment
- a 3D-printed shell ([files](https://tomasz-wierzba.example.org/sensors/))
- three LEDs and a resistor

## Casting the skin

Mix the silicone, pour it into the printed mould and leave it for a night. A thin coat of pigment on the
outside keeps outside light away from the camera.

## Reading it

```bash
labfolio-demo-tactile capture --device /dev/video2 --out frames/
```

Our sensors have now survived six months of daily grasping; see the
[ICRA paper](/publications/) for the numbers.
""",
    },
    {
        "slug": "what-we-learned-from-our-first-open-dataset",
        "title": "What we learned from releasing our first open dataset",
        "days_ago": 410,
        "authors": ["sofia-lindqvist", "yutong-chen"],
        "tags": ["Datasets", "Infrastructure"],
        "summary": "Licences, file formats and the questions people actually asked after we released LabLogs.",
        "body": """\
Releasing a dataset is the start of the work, not the end.

## What people asked for

- **A small sample first.** Most people want to look before they download two terabytes.
- **Plain formats.** We replaced our custom format with folders of PNG and Parquet files.
- **A licence on every file,** not only on the website.

## What we would do again

Write the data card before recording the first episode. It made us decide early what to log and why.
""",
    },
    {
        "slug": "notes-from-corl",
        "title": "Notes from CoRL",
        "days_ago": 5,
        "authors": ["jonas-feldkamp"],
        "tags": ["Conferences"],
        "summary": "Talks and posters we keep talking about. (Draft.)",
        "status": Post.Status.DRAFT,
        "body": """\
## Talks

- *to do*

## Posters

- *to do*
""",
    },
]


@transaction.atomic
def demo_news_seed():
    """Create or refresh the demo lab's news items and blog posts; return counts of what they hold.

    Needs the demo members (``researchers.demo``) and papers (``publications.demo``) to exist.
    """
    today = timezone.localdate()
    members = {member.slug: member for member in Researcher.objects.all()}
    papers = {paper.bibtex_key: paper for paper in Publication.objects.exclude(bibtex_key="")}
    items = []
    for spec in NEWS:
        item = NewsItem.objects.filter(body=spec["body"]).first() or NewsItem(body=spec["body"])
        item.date = today - timedelta(days=spec["days_ago"])
        item.owner = members.get(spec.get("owner"))
        item.pinned = spec.get("pinned", False)
        news_item_save(item=item)
        item.mentioned_members.set([members[slug] for slug in spec.get("mentions", [])])
        item.mentioned_publications.set([papers[key] for key in spec.get("papers", [])])
        items.append(item)

    posts = []
    for spec in POSTS:
        post = Post.objects.filter(slug=spec["slug"]).first() or Post(slug=spec["slug"])
        post.title, post.summary, post.body = spec["title"], spec["summary"], spec["body"]
        post.date = today - timedelta(days=spec["days_ago"])
        post.status = spec.get("status", Post.Status.PUBLISHED)
        post.full_clean()
        post.save()
        post.authors.set([members[slug] for slug in spec["authors"]])
        post.tags.set(
            [Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in spec["tags"]]
        )
        posts.append(post)

    return {
        "news items": len(items),
        "pinned": sum(item.pinned for item in items),
        "posts": sum(post.status == Post.Status.PUBLISHED for post in posts),
        "drafts": sum(post.status == Post.Status.DRAFT for post in posts),
        "tags": Tag.objects.filter(posts__in=posts).distinct().count(),
    }
