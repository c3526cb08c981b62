"""The introduction of a homepage: who the member is, where, with whom, and how to reach them.

Homepages state these facts in prose ("I am currently a master's student at
[ADMIS Lab](…), under the supervision of [Prof. X](…)"), so the readers here
look for the sentence shapes such pages use. Everything read stays in the bio
as written too; the structured copies are what profile fields, supervisors
and CV entries are made of.
"""

import re

from researchers.common.text import repair_text
from researchers.models import CVEntry, NameVariant

from .inline import (
    LINK,
    capitalize,
    emails_in,
    find_date_range,
    links,
    plain,
    sentences,
    split_outside_links,
    web_url,
)
from .mapping import CVData, InterestData, SupervisorData

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LEAD_NAME = re.compile(
    r"^\*\*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*(?:\((?P<alternatives>[^)]*)\))?\s*\*\*"
)
# Only a sentence that says who the page's owner is: 'I am …', 'I'm …', or the page's opening '**Name** is …'.
POSITION = re.compile(
    r"^[\W_]*(?:(?:currently|now|today|presently),?\s+)?"
    r"(?:I\s+am|I['’]m|\*\*[^*]{2,60}\*\*\s+is|(?:[A-Z][\w.'’-]*\s+){1,3}\(?[^)]{0,30}\)?\s*is)\s+"
    r"(?:currently\s+|now\s+|presently\s+)?(?:working\s+as\s+)?(?P<rest>.+)$"
)
APPOSITION = re.compile(
    r"^(?:\*\*)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*(?:\((?P<native>[^)]*)\))?(?:\*\*)?,\s+(?P<rest>.+)$"
)
ROLE_WORDS = re.compile(
    r"\b(?:student|candidate|professor|lecturer|researcher|scientist|post-?doc\w*|engineer|fellow|director|staff|"
    r"intern|principal|founder|head|lead|manager|scholar|investigator|chair|developer|faculty|ph\.?\s?d|"
    r"undergraduate|graduate|master['’]?s?|bachelor['’]?s?|member|assistant|associate|visitor|visiting)\b",
    re.I,
)
ORG_CLAUSE_END = re.compile(
    r",|;|\s+(?:under|supervised|advised|where|working|focusing|since|and I|and my|mentored|with)\b|\.\s*$"
)
SUPERVISION = re.compile(
    r"(?:under the (?:co-)?(?:supervision|guidance) of|(?:co-)?supervised by|(?:co-)?advised by|"
    r"(?:my|his|her|their) (?:advisor|supervisor)s? (?:is|are)|mentored by)\s+(?P<who>.+)$",
    re.I,
)
PERSON_TITLE = r"(?:(?:Associate|Assistant|Full|Distinguished)\s+)?(?:Prof(?:essor)?\.?|Dr\.?)"
PERSON = re.compile(
    rf"^(?P<title>{PERSON_TITLE})?\s*(?:\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]*)\)|(?P<plain>(?<=\.|\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+))"
)
DEGREE = (
    r"Ph\.\s?D\.?|PhD|[Dd]octorate|[Dd]octoral degree|B\.\s?S\.?c?|BSc|B\.\s?Eng?\.?|B\.\s?A\.?|M\.\s?S\.?c?|MSc|"
    r"M\.\s?Eng?\.?|M\.\s?A\.?|M\.\s?Phil\.?|MPhil|[Bb]achelor(?:['’]s)?|[Mm]aster(?:['’]s)?|BS|MS|BA|MA|BEng|MEng"
)
EDUCATION = re.compile(
    rf"\b(?:completed|received|obtained|earned|got|finished|holds?)\s+(?:my|his|her|their|a|an|the)\s+"
    rf"(?P<degree>{DEGREE})(?P<rest>.*)$"
)
EXPERIENCE_ROLE = re.compile(r"\bas\s+(?:an?\s+|the\s+)?(?P<role>.+?)\s+(?:in|at)\s+(?P<org>.+?)\s*\.?$")
SERVICE = re.compile(
    r"\b(?:reviewer|sub-reviewer|PC member|program committee|area chair|associate editor|editorial board)\b", re.I
)
INTERESTS_PROSE = re.compile(r"research interests?|research (?:focus|focuses|centers)|interested in", re.I)
AVAILABILITY = re.compile(
    r"\b(?:seeking|looking for|recruiting|hiring|open positions?|openings?|open to (?:future )?collaborat\w*|"
    r"prospective students?|feel free to (?:reach out|contact))",
    re.I,
)
CV_LINK = re.compile(r"\b(?:CV|curriculum vitae|r[ée]sum[ée])\b", re.I)


def split_native_name(name):
    """'Xize Cheng(成曦泽)' → ('Xize Cheng', '成曦泽'); a name without a native-script part is left whole."""
    name = " ".join(repair_text(str(name or "")).split())
    match = re.fullmatch(r"(?P<name>[^(（]+?)\s*[(（](?P<native>[^)）]+)[)）]", name)
    if match and HAN.search(match.group("native")):
        return match.group("name").strip(), match.group("native").strip()
    han = re.fullmatch(r"(?P<name>[^\u3400-\u9fff]+?)\s+(?P<native>[\u3400-\u9fff]{2,6})", name)
    if han:
        return han.group("name").strip(), han.group("native")
    return name, ""


def read_lead_name(text):
    """('Yi Liu', 'or Liu Yi，刘毅') from a page that opens with '**Yi Liu (or Liu Yi，刘毅)** is …'."""
    match = LEAD_NAME.match(text.strip())
    if not match:
        return "", ""
    return match.group("name").strip(), (match.group("alternatives") or "").strip()


def read_alternative_names(alternatives):
    """'or Liu Yi，刘毅' → ('刘毅', [('Liu Yi', transliteration)])."""
    native, variants = "", []
    alternatives = re.sub(r"^(?:or|aka|a\.k\.a\.|also|also known as)\s+", "", alternatives.strip(), flags=re.I)
    for part in re.split(r"[，,;；、/]|\s+or\s+", alternatives):
        part = part.strip()
        if not part:
            continue
        if HAN.search(part):
            native = native or part
        else:
            variants.append((part, NameVariant.Kind.TRANSLITERATION))
    return native, variants


def read_intro(blocks, homepage):
    """Map the blocks before the first heading (or an 'About' section) onto the homepage's profile facts.

    Returns the blocks that stay in the bio.
    """
    bio_blocks = []
    for block in blocks:
        text = block.text
        if block.kind == "paragraph" and emails_in(text):
            _read_contact(block, homepage)
            continue
        if block.kind == "paragraph" and AVAILABILITY.search(sentences(text)[0] if sentences(text) else ""):
            homepage.availability = _join(homepage.availability, block.markdown)
            continue
        bio_blocks.append(block)
    for block in bio_blocks:
        if block.kind != "paragraph":
            continue
        paragraph = " ".join(block.text.split())
        if not homepage.name and block is bio_blocks[0]:
            name, alternatives = read_lead_name(paragraph)
            homepage.lead_name = name
        _, alternatives = read_lead_name(paragraph)
        if alternatives:
            native, variants = read_alternative_names(alternatives)
            homepage.native_name = homepage.native_name or native
            homepage.name_variants.extend(variant for variant in variants if variant not in homepage.name_variants)
        for sentence in sentences(paragraph):
            _read_sentence(sentence, homepage)
        if INTERESTS_PROSE.search(paragraph):
            homepage.prose_interests.extend(_interests_in_prose(paragraph))
    return bio_blocks


def _join(first, second):
    return f"{first}\n\n{second}".strip() if first else second


def _read_contact(block, homepage):
    """A paragraph giving e-mail addresses: the addresses are kept (obfuscated on the page), the rest is the
    availability note when it reads as one. '(preferred)' after an address puts it first."""
    text = " ".join(block.text.split())
    found = emails_in(text)
    preferred = re.search(r"([\w.+-]+@[\w.-]+\w)[^@]{0,12}\(preferred\)", plain(text), re.I)
    if preferred and preferred.group(1).lower() in found:
        found.remove(preferred.group(1).lower())
        found.insert(0, preferred.group(1).lower())
    for address in found:
        homepage.add_email(address)
    rest = [sentence for sentence in sentences(text) if not emails_in(sentence)]
    if rest and AVAILABILITY.search(" ".join(rest)):
        homepage.availability = _join(homepage.availability, " ".join(rest))


def _read_sentence(sentence, homepage):
    if not homepage.position:
        _read_position(sentence, homepage)
    education = _read_education(sentence)
    if education:
        education.from_prose = True
        homepage.cv_entries.append(education)
    supervisors = _read_supervisors(sentence)
    for supervisor in supervisors:
        if education and not supervisor.note:
            supervisor.note = f"{education.title.split(' degree')[0]} advisor"
        if all(known.name != supervisor.name for known in homepage.supervisors):
            homepage.supervisors.append(supervisor)
    experience = _read_experience(sentence)
    if experience:
        experience.from_prose = True
        homepage.cv_entries.append(experience)
    if SERVICE.search(sentence):
        homepage.cv_entries.extend(_read_service(sentence))
    for _, url in links(sentence):
        if url.lower().endswith(".pdf") and CV_LINK.search(sentence) and not homepage.cv_path:
            homepage.cv_path = url


def _read_position(sentence, homepage):
    if SERVICE.search(sentence):
        return
    match = POSITION.search(sentence)
    if not match:
        return
    rest = match.group("rest")
    apposition = APPOSITION.match(plain(rest)) if not re.match(r"^(?:an?|the)\b", rest, re.I) else None
    if apposition:  # "I'm Zeming Wei (魏泽明), a first-year Ph.D. student at …"
        homepage.lead_name = homepage.lead_name or apposition.group("name")
        native = apposition.group("native") or ""
        if HAN.search(native):
            homepage.native_name = homepage.native_name or native.strip()
        rest = apposition.group("rest")
    parts = split_outside_links(rest, r"\s+at\s+")
    if len(parts) < 2:
        parts = split_outside_links(rest, r"\s+in\s+(?=the\b|\[|[A-Z])")
    if len(parts) < 2:
        return
    position, clause = parts[0], " at ".join(parts[1:])
    position = re.sub(r"^(?:an?|the)\s+", "", plain(position).strip(), flags=re.I)
    pursuing = re.match(r"^pursuing\s+(?:an?\s+|the\s+|my\s+)?(?P<degree>.+?)(?:\s+degree)?$", position, re.I)
    if pursuing:
        position = f"{pursuing.group('degree')} student"
    if not position or len(position.split()) > 12 or re.match(r"^(?:in|interested|open|seeking)\b", position):
        return
    if not ROLE_WORDS.search(position):
        return
    homepage.position = capitalize(position)
    affiliation, url = organisations(clause)
    homepage.affiliation = homepage.affiliation or affiliation
    homepage.guesses.append(f"position '{homepage.position}' read from the sentence: {plain(sentence)[:120]}")
    if affiliation and homepage.affiliation == affiliation:
        homepage.guesses.append(f"affiliation '{affiliation}' read from the same sentence")
    if re.search(r"\b(?:student|candidate)\b", position, re.I):
        homepage.cv_entries.append(
            CVData(
                CVEntry.Section.EDUCATION,
                homepage.position,
                organisation=homepage.affiliation,
                url=url,
                from_prose=True,
            )
        )


def organisations(clause):
    """(names, URL of the first) of the organisations a clause names, up to where it turns to something else.

    'the [ADMIS Lab](…) in the [College …](…) of [Tongji University](…), under …' gives
    'ADMIS Lab, College …, Tongji University'; plain text is split at ' at '.
    """
    masked = clause
    end = ORG_CLAUSE_END.search(_mask(masked))
    if end:
        masked = masked[: end.start()]
    found = links(masked)
    if found:
        names = [plain(label) for label, _ in found]
        return ", ".join(names), web_url(found[0][1])
    parts = [re.sub(r"^(?:the)\s+", "", part.strip(), flags=re.I) for part in re.split(r"\s+at\s+", plain(masked))]
    return ", ".join(capitalize(part) for part in parts if part), ""


def _mask(text):
    """Links replaced by same-length placeholders, so searches never look inside them."""
    return LINK.sub(lambda match: "L" * len(match.group()), text)


def _read_supervisors(sentence):
    match = SUPERVISION.search(sentence)
    if not match:
        return []
    found = []
    for part in split_outside_links(match.group("who"), r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*"):
        person = PERSON.match(" " + part.strip())  # the space lets a plain name follow directly
        person = person or PERSON.match(part.strip())
        if not person or not (person.group("title") or person.group("label")):
            break
        title = (person.group("title") or "").strip()
        name = plain(person.group("label") or person.group("plain") or "")
        url = web_url(person.group("url") or "")
        full = f"{title} {name}".strip() if title and not name.lower().startswith(title.lower()[:4]) else name
        found.append(SupervisorData(name=full.rstrip("."), url=url))
    return found


def _read_education(sentence):
    match = EDUCATION.search(sentence)
    if not match:
        return None
    degree, rest = match.group("degree"), match.group("rest")
    printed_degree = re.match(r"^\s+degree\b", rest)
    rest = re.sub(r"^\s+degree\b", "", rest)
    field = re.match(r"^\s+in\s+(?!the\b)(?P<field>[^,\[]+?)\s+(?=from\b|at\b|in the\b|in \[)", rest)
    if field:
        rest = rest[field.end() :]
    where = re.match(r"^\s*(?:from|at|in)\s+(?P<clause>.+)$", rest)
    organisation, url, year = "", "", ""
    if where:
        clause = where.group("clause")
        year_match = re.search(r"\s+in\s+(?P<year>(?:19|20)\d{2})\b", clause)
        if year_match:
            year = year_match.group("year")
            clause = clause[: year_match.start()]
        organisation, url = organisations(clause)
    title = degree
    if field:
        title = f"{degree}{' degree' if printed_degree else ''} in {field.group('field').strip()}"
    return CVData(CVEntry.Section.EDUCATION, capitalize(title), organisation=organisation, date_text=year, url=url)


def _read_experience(sentence):
    dates = find_date_range(sentence)
    if not dates:
        return None
    start, end, printed = dates
    rest = sentence.replace(printed, " ")
    role = EXPERIENCE_ROLE.search(" ".join(rest.split()))
    if not role:
        return None
    description = " ".join(rest.split())[: role.start()].strip(" ,")
    description = re.sub(r"^(?:I|He|She|They)\s+(?:also\s+)?", "", description)
    description = re.sub(r"^(?:Previously|Before that|Prior to this),?\s+", "", description)
    pieces = split_outside_links(role.group("org"), r"\s+at\s+")
    url = next((web_url(url) for piece in pieces for _, url in links(piece) if web_url(url)), "")
    organisation = ", ".join(part for part in (_org_part(piece) for piece in pieces) if part)
    return CVData(
        CVEntry.Section.EXPERIENCE,
        capitalize(plain(role.group("role"))),
        organisation=organisation,
        start_date=start,
        end_date=end,
        description=capitalize(description) + "." if description else "",
        url=url,
    )


def _org_part(text):
    found = links(text)
    if found:
        return plain(found[0][0])
    return capitalize(re.sub(r"^the\s+", "", plain(text).strip(" ."), flags=re.I))


def _read_service(sentence):
    entries = []
    for part in split_outside_links(sentence, r";"):
        part = re.sub(r"^\s*(?:and\s+)?(?:I am|I'm|I serve as|I served as|I have served as)?\s*(?:also\s+)?", "", part)
        match = re.match(r"^(?:an?\s+|the\s+)?(?P<role>.+?)\s+(?:of|for|at)\s+(?P<venues>.+?)\s*\.?$", part.strip())
        if not match or not SERVICE.search(match.group("role")):
            continue
        venues = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", plain(match.group("venues")))
        for venue in venues:
            if venue.strip():
                entries.append(
                    CVData(CVEntry.Section.SERVICE, capitalize(match.group("role")), organisation=venue.strip())
                )
    return entries


def _interests_in_prose(paragraph):
    """Each bold phrase of the paragraph naming the research interests is one interest."""
    found = []
    for phrase in re.findall(r"\*\*(.+?)\*\*", paragraph):
        phrase = plain(phrase).strip(" .")
        if (
            LEAD_NAME.match(f"**{phrase}**")
            and read_lead_name(paragraph)[0]
            and phrase.startswith(read_lead_name(paragraph)[0])
        ):
            continue  # the name at the start of the page, not an interest
        title, _, description = phrase.partition(", ")
        found.append(InterestData(capitalize(title), capitalize(description)))
    return found
