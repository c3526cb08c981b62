"""A synthetic bibliography of realistic entries, for benchmarks and scale tests."""

import itertools
import random

FAMILIES = ["Liu", "Zhang", 'M{\\"u}ller', "Garc{\\'\\i}a", "Nguyen", "Smith", "Okafor", "Rossi", "Kowalski", "Sato"]
GIVENS = ["Wei", "Haozhe", 'J{\\"o}rg', "Mar{\\'\\i}a", "Anh", "John", "Chidi", "Giulia", "Piotr", "Yuki"]
VENUES = [
    ("inproceedings", "booktitle", "Advances in Neural Information Processing Systems", "NeurIPS"),
    (
        "inproceedings",
        "booktitle",
        "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
        "CVPR",
    ),  # noqa: E501
    ("article", "journal", "IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI"),
    ("article", "journal", "Transactions on Machine Learning Research", "TMLR"),
    ("article", "journal", "arXiv preprint", "arXiv"),
]
WORDS = "learning robust efficient diffusion graph neural sparse attention models video scalable causal".split()


def synthetic_bibtex(count, seed=7):
    """`count` distinct entries with LaTeX accents, al-folio fields, DOIs and arXiv ids."""
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        entry_type, venue_field, venue, abbr = rng.choice(VENUES)
        authors = " and ".join(
            f"{rng.choice(FAMILIES)}, {rng.choice(GIVENS)}{'*' if position == 0 and number % 5 == 0 else ''}"
            for position in range(rng.randint(2, 10))
        )
        title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
        entries.append(
            f"@{entry_type}{{paper{number},\n"
            f"  title = {{{{{title}}} number {number}}},\n"
            f"  author = {{{authors}}},\n"
            f"  {venue_field} = {{{venue}}},\n"
            f"  year = {{{2000 + number % 25}}},\n"
            f"  month = {rng.choice(['jan', 'jun', 'dec'])},\n"
            f"  pages = {{{number}--{number + 9}}},\n"
            f"  doi = {{10.5555/labfolio.{number}}},\n"
            f"  abstract = {{We study {title.lower()} and show gains of 3\\% on {abbr}.}},\n"
            f"  abbr = {{{abbr}}},\n"
            f"  selected = {{{'true' if number % 10 == 0 else 'false'}}},\n"
            f"  code = {{https://github.com/labfolio-demo/paper{number}}},\n"
            f"}}\n"
        )
    return "\n".join(entries)


# Search benchmarks want a vocabulary with common and rare words, not twelve words that every title shares.
TOPICS = (
    "learning model models neural network networks data training deep robust efficient diffusion graph "
    "representation attention language vision transformer generative optimization reinforcement policy "
    "adversarial generalization inference sparse contrastive supervised federated causal video image "
    "segmentation detection retrieval reasoning benchmark scalable distillation pruning quantization "
    "uncertainty calibration bayesian kernel spectral temporal spatial multimodal embedding alignment "
    "privacy fairness interpretability explanation compression memory agents planning control robotics "
    "grasping navigation manipulation simulation physics molecules protein clinical medical speech audio "
    "translation summarization dialogue tabular time series forecasting anomaly recommendation ranking "
    "hashing clustering manifold topology geometry equivariant symmetry invariance curriculum meta few-shot "
    "zero-shot continual lifelong transfer adaptation domain shift robustness certification verification "
    "theorem provers compilers hardware accelerators energy carbon climate"
).split()
SYLLABLES = "ka lo mi ne su ta ri vo ze pa du gri stel mor fen quo lin bar tis ven".split()
# A long tail of made-up words, as a real field's vocabulary has, then a few real words rarer still.
TAIL = [a + b + c for a in SYLLABLES[:15] for b in SYLLABLES for c in SYLLABLES[5:15]]
VOCABULARY = [*TOPICS, *TAIL, "wildfire", "hydrology", "glaciology"]
# Zipf-like weights with a flat head: the commonest word is in about half the papers, the last in a handful.
VOCABULARY_WEIGHTS = list(itertools.accumulate(1 / (rank + 20) for rank in range(len(VOCABULARY))))
FILLER = "we the of and a to in for on with that this our show propose study which is are by from".split()
FAMILY_NAMES = (
    "Liu Zhang Wang Li Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Müller Schmidt "
    "Schneider Fischer García Martínez López Rossi Russo Bianchi Nguyen Tran Pham Kim Lee Park Sato Suzuki "
    "Takahashi Smith Johnson Williams Brown Jones Okafor Adeyemi Kowalski Nowak Novák Dubois Moreau Silva "
    "Santos Oliveira Ivanov Petrov Cohen Levi Singh Kumar Sharma Patel Gupta"
).split()
GIVEN_NAMES = (
    "Wei Haozhe Yi Jing Xin Hao Yu Lei Min Tao Jörg Anna Lukas Maria María José Giulia Marco Anh Minh "
    "Ji-woo Min-jun Yuki Haruto John Emily Michael Sarah Chidi Amara Piotr Zofia Claire Hugo Ana Pedro "
    "Olga Dmitri Noa Priya Arjun Ravi"
).split()
SEARCH_VENUES = [
    ("Advances in Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Machine Learning", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI"),
    ("Transactions on Machine Learning Research", "TMLR"),
    ("IEEE International Conference on Robotics and Automation", "ICRA"),
    ("Annual Meeting of the Association for Computational Linguistics", "ACL"),
    ("arXiv preprint", "arXiv"),
]


def synthetic_publications(count, seed=7, members=("Elena Marchetti", "Yutong Chen")):
    """`count` unsaved Publication rows with titles, authors_text, venues and abstracts, for bulk_create.

    Words follow a Zipf-like law: the commonest is in about half the papers, tail words in a
    few dozen; each of `members` is an author of one paper in eight, as a lab's PI would be.
    """
    from publications.identifiers import title_key
    from publications.models import Kind, Publication

    rng = random.Random(seed)
    publications = []
    for number in range(count):
        venue, abbr = rng.choice(SEARCH_VENUES)
        authors = [f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}" for _ in range(rng.randint(2, 8))]
        for member in members:
            if rng.random() < 0.125:
                authors.insert(rng.randrange(len(authors) + 1), member)
        title = " ".join(rng.choices(VOCABULARY, cum_weights=VOCABULARY_WEIGHTS, k=rng.randint(5, 10)))
        words = rng.choices(VOCABULARY, cum_weights=VOCABULARY_WEIGHTS, k=rng.randint(80, 160))
        words[1::2] = rng.choices(FILLER, k=len(words[1::2]))
        publications.append(
            Publication(
                title=f"{title.capitalize()} {number}",
                title_key=title_key(f"{title} {number}"),
                kind=Kind.ARTICLE if abbr in {"TPAMI", "TMLR"} else Kind.CONFERENCE,
                venue_text=venue,
                year=2000 + number % 26,
                abstract=" ".join(words).capitalize() + ".",
                authors_text=", ".join(authors),
                extra={"abbr": abbr},
            )
        )
    return publications
