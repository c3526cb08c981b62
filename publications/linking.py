"""Co-author linking: which lab member, if any, is each author of a paper.

Rules, strongest first:
1. the author's ORCID is a member's *verified* ORCID → confirmed;
2. the name as printed is, up to case, dots and spacing, the member's name, native-script name
   or a name variant, as a lab admin entered or approved it (verified), and no other member's
   verified name → confirmed;
3. the same with a name or ORCID the member entered themselves and no admin approved yet, or a
   name that agrees loosely (family names equal apart from accents, hyphens, particles and
   compound parts; given names the same when both are written in full, an initial only its
   letter; either order; pinyin for Chinese) → only a suggestion the member confirms or rejects.
A rejected suggestion stays rejected: linking never revisits decided authorships.
"""

from collections import defaultdict

from django.db.models import Q

from researchers.common.text import name_words
from researchers.models import Researcher

from .models import Authorship, LinkMethod, LinkState
from .names import HAN, exact_key, loose_keys, names_agree, parse_name, romanize

DECIDED = {LinkState.CONFIRMED, LinkState.REJECTED}


class MemberIndex:
    """Every member's ORCID, names and loose keys, each with whether a lab admin vouches for it; two queries."""

    def __init__(self, researchers=None):
        researchers = researchers if researchers is not None else Researcher.objects.all()
        self.by_orcid = {}  # ORCID → (member, verified)
        self.by_name = defaultdict(set)  # exact key → {(member, verified)}
        self.by_loose_key = defaultdict(set)
        self.own_keys = defaultdict(set)  # member pk → exact keys of every name they use, verified or not
        self.spellings = defaultdict(list)  # member pk → [(family, given)] that loose candidates must agree with
        self._matches = {}  # authors repeat across a bibliography; match each spelling once
        for member in researchers.prefetch_related("name_variants"):
            if member.orcid:
                self.by_orcid[member.orcid] = (member, member.orcid_verified)
            names = [(member.name, member.name_verified), (member.native_name, member.name_verified)]
            names += [(variant.name, variant.verified) for variant in member.name_variants.all()]
            for name, verified in names:
                if not name:
                    continue
                parsed = parse_name(name)
                key = exact_key(parsed.family, parsed.given)
                self.by_name[key].add((member, verified))
                self.own_keys[member.pk].add(key)
                if name != member.native_name:
                    self._add_loose(member, parsed.family, parsed.given)
            if member.native_name and _romanizes_like(member.native_name, member.name):
                self._add_loose(member, member.native_name, "")

    def _add_loose(self, member, family, given):
        for key in loose_keys(family, given):
            self.by_loose_key[key].add(member)
        self.spellings[member.pk].append((family, given))

    def candidates(self, family, given):
        """Members whose names agree loosely with this one."""
        found = {member for key in loose_keys(family, given) for member in self.by_loose_key.get(key, ())}
        return {member for member in found if self.agrees(member, family, given)}

    def agrees(self, member, family, given):
        return any(names_agree(family, given, *spelling) for spelling in self.spellings[member.pk])

    def is_own_name(self, member, family, given):
        """Whether the name is exactly one the member uses, approved or not: how an importer finds its owner."""
        return exact_key(family, given) in self.own_keys[member.pk]

    def match(self, *, name, family, given, orcid="", prefer=None):
        """(member, link state, method) for one author; (None, unlinked, '') when nobody fits."""
        key = (name, family, given, orcid, prefer)
        if key not in self._matches:
            self._matches[key] = self._match(family, given, orcid, prefer)
        return self._matches[key]

    def match_author(self, authorship, *, prefer=None):
        """match() for an author as a paper lists them: their printed name, its parts and their ORCID iD."""
        name, family, given, orcid = authorship.name, authorship.family, authorship.given, authorship.orcid
        return self.match(name=name, family=family, given=given, orcid=orcid, prefer=prefer)

    def _match(self, family, given, orcid, prefer):
        if orcid and orcid in self.by_orcid:
            member, verified = self.by_orcid[orcid]
            return member, LinkState.CONFIRMED if verified else LinkState.SUGGESTED, LinkMethod.ORCID
        exact = self.by_name.get(exact_key(family, given), set())
        verified = {member for member, is_verified in exact if is_verified}
        if len(verified) == 1:  # a member's unapproved spelling never outvotes another's approved name
            return next(iter(verified)), LinkState.CONFIRMED, LinkMethod.NAME
        if exact:
            return _pick({member for member, _ in exact}, prefer), LinkState.SUGGESTED, LinkMethod.NAME
        loose = self.candidates(family, given)
        if loose:
            return _pick(loose, prefer), LinkState.SUGGESTED, LinkMethod.LOOSE
        return None, LinkState.UNLINKED, ""


def _pick(members, prefer):
    return prefer if prefer in members else min(members, key=lambda candidate: candidate.pk)


def _romanizes_like(native_name, name):
    """Whether pinyin of the native name shares a word with the display name.

    陈雨桐 → 'chen yu tong' fits Yutong Chen; 荒川健司, read as Chinese, does not fit
    Kenji Arakawa, so a Japanese name never produces pinyin suggestions.
    """
    return bool(set(name_words(romanize(native_name))) & set(name_words(name)))


def link_authorships(authorships, index, *, member=None):
    """Set researcher, state and method on unsaved or undecided authorships of one paper.

    `member` is the lab member who imports the paper as their own. They are confirmed on the
    author whose name is exactly one of theirs (self-highlighting stripped), and on no other:
    a loose match stays a suggestion, so an advisor with a similar name is never taken for them.
    Returns False when `member` is not found exactly among the authors.
    """
    for authorship in authorships:
        if authorship.link_state in DECIDED:
            continue
        found, state, method = index.match_author(authorship, prefer=member)
        if found is not None or authorship.researcher_id is not None:  # most authors are strangers: skip the setter
            authorship.researcher = found
        authorship.link_state, authorship.link_method = state, method
        # Confirmed for someone other than the importer: it shows on their page as new, to keep or remove.
        authorship.new_on_page = state == LinkState.CONFIRMED and (member is None or found != member)
    if member is None:
        return True
    if any(row.researcher_id == member.pk and row.link_state == LinkState.CONFIRMED for row in authorships):
        return True
    for authorship in authorships:
        if authorship.link_state in DECIDED or not index.is_own_name(member, authorship.family, authorship.given):
            continue
        authorship.researcher = member
        authorship.link_state, authorship.link_method = LinkState.CONFIRMED, LinkMethod.MANUAL
        authorship.new_on_page = False
        return True
    return False


def name_candidates(names, orcid=""):
    """A filter for the authors any of these names or this ORCID could be: same family (or, swapped, given) name."""
    words = set()
    for name in filter(None, names):
        parsed = parse_name(name)
        words.update({parsed.family, romanize(parsed.family), romanize(parsed.family[:1]) if HAN.match(name) else ""})
    query = Q()
    for word in filter(None, words):
        query |= Q(family__iexact=word) | Q(given__iexact=word)
    if orcid:
        query |= Q(orcid=orcid)
    return query


def identity_would_confirm(*, researcher, names=(), orcid=""):
    """The undecided authorships that approving these names or this ORCID of the member would confirm.

    What a lab admin sees before they approve an identity a member entered.
    """
    query = name_candidates(names, orcid)
    if not query:
        return []
    index = MemberIndex()
    for name in names:
        parsed = parse_name(name)
        key = exact_key(parsed.family, parsed.given)
        index.by_name[key] = {entry for entry in index.by_name[key] if entry[0] != researcher} | {(researcher, True)}
    if orcid:
        index.by_orcid[orcid] = (researcher, True)
    undecided = Authorship.objects.filter(query, link_state__in=[LinkState.UNLINKED, LinkState.SUGGESTED])
    found = []
    for authorship in undecided.select_related("publication"):
        member, state, _ = index.match_author(authorship)
        if member == researcher and state == LinkState.CONFIRMED:
            found.append(authorship)
    return found
