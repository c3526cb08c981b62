"""A synthetic bibliography of realistic entries, for benchmarks and scale tests."""

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
