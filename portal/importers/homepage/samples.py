"""The themes' own sample content, which a site keeps until its owner replaces it.

academicpages ships sample talks, publications, teaching and posts; al-folio
sample announcements, posts and projects; AcadHomepage a sample person. They
say nothing about the member, so they are recognised and skipped with a note.
"""

import re

SAMPLES = re.compile(
    r"^(?:"
    r"paper title number \d+|talk \d+ on relevant topic|tutorial \d+ on relevant topic|"
    r"conference proceeding talk \d+ on relevant topic|teaching experience \d+|portfolio item number \d+|"
    r"blog post number \d+|future blog post|sample blog post|"
    r"a simple inline announcement|a long announcement with details|"
    r"a post with .*|project \d+|"
    r"your name|your sidebar name|short biography for the left-hand sidebar"
    r")\b",
    re.I,
)
SAMPLE_PHRASES = re.compile(
    r"this is a description of your (?:talk|tutorial|conference proceedings talk)|"
    r"this paper is about the number \d|"
    r"a simple inline announcement|announcements and news can be much longer than just quick inline posts|"
    r"replace this text with your description|this page is assumed to be a static description of your courses|"
    r"version control theory|github university|academic pages collaborator|currently signed in to \d+ different slack|"
    r"^skill \d|sub-skill \d|"
    r"supported by the national science foundation and the national endowment|"
    r"lorem ipsum|powered by the \[?academic ?pages template|more info about configuring academicpages|"
    r"guides for the minimal mistakes theme|this template was forked from the \[?minimal mistakes|"
    r"^for more info about the template$|^for more info$|"
    r"affiliations\. address\. contacts\. moto\. etc|write your biography here|tell the world about yourself|"
    r"put your address / p\.o\. box|link to your social media connections, too|"
    r"555 your office number|123 your address street|your city, state 12345|"
    r"albert einstein|university of zurich, zurich, switzerland|ecole polytechnique f[ée]d[ée]rale de zurich|"
    r"institute for advanced study, princeton|nobel prize in physics|^hobby \d|^you r\. name$",
    re.I,
)


def template_sample(text):
    """True when the title or text is one of the themes' own samples rather than the member's."""
    text = " ".join(str(text or "").split()).strip(" *_\"'.")
    return bool(SAMPLES.match(text) or SAMPLE_PHRASES.search(text))


def sample_bibtex_entry(entry):
    """al-folio ships a bibliography of Albert Einstein's papers as its sample."""
    author = re.search(r"(?im)^\s*author\s*=\s*[{\"](?P<author>[^\n]*)", entry)
    year = re.search(r"(?im)^\s*year\s*=\s*[{\"]?(?P<year>\d{4})", entry)
    return bool(
        author
        and re.search(r"\bEinstein\b", author.group("author"))
        and (year is None or int(year.group("year")) < 1960)
    )
