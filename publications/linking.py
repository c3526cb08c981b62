"""Co-author linking: which lab member, if any, is each author of a paper.

Rules, strongest first:
1. the author's ORCID is a member's ORCID → confirmed;
2. the name as printed is, up to case, dots and spacing, the member's name,
   native-script name or a name variant they registered → confirmed;
3. the family name and first initial match ignoring accents, hyphens and script
   (pinyin for Chinese), or with given and family swapped → only a suggestion
   the member confirms or rejects.
A rejected suggestion stays rejected: relinking never revisits decided authorships.
"""

from collections import defaultdict

from researchers.common.text import name_words
from researchers.models import Researcher

from .models import LinkMethod, LinkState
from .names import exact_key, loose_keys, parse_name, romanize


class MemberIndex:
    """Every member's ORCID, registered names and loose keys, built in two queries."""

    def __init__(self, researchers=None):
        researchers = researchers if researchers is not None else Researcher.objects.all()
        self.by_orcid = {}
        self.by_name = defaultdict(set)
        self.by_loose_key = defaultdict(set)
        self._matches = {}  # authors repeat across a bibliography; match each spelling once
        for member in researchers.prefetch_related("name_variants"):
            if member.orcid:
                self.by_orcid[member.orcid] = member
            names = [member.name, *(variant.name for variant in member.name_variants.all())]
            for name in filter(None, [*names, member.native_name]):
                parsed = parse_name(name)
                self.by_name[exact_key(parsed.family, parsed.given)].add(member)
                if name != member.native_name:
                    for key in loose_keys(parsed.family, parsed.given):
                        self.by_loose_key[key].add(member)
            if member.native_name and _romanizes_like(member.native_name, member.name):
                for key in loose_keys(member.native_name, ""):
                    self.by_loose_key[key].add(member)

    def candidates(self, family, given):
        return {member for key in loose_keys(family, given) for member in self.by_loose_key.get(key, ())}

    def match(self, *, name, family, given, orcid="", prefer=None):
        """(member, link state, method) for one author; (None, unlinked, '') when nobody fits."""
        key = (name, family, given, orcid, prefer)
        if key not in self._matches:
            self._matches[key] = self._match(name, family, given, orcid, prefer)
        return self._matches[key]

    def _match(self, name, family, given, orcid, prefer):
        if orcid and orcid in self.by_orcid:
            return self.by_orcid[orcid], LinkState.CONFIRMED, LinkMethod.ORCID
        exact = self.by_name.get(exact_key(family, given), set())
        if len(exact) == 1:
            return next(iter(exact)), LinkState.CONFIRMED, LinkMethod.NAME
        loose = exact or self.candidates(family, given)
        if loose:
            member = prefer if prefer in loose else min(loose, key=lambda candidate: candidate.pk)
            return member, LinkState.SUGGESTED, LinkMethod.LOOSE
        return None, LinkState.UNLINKED, ""


def _romanizes_like(native_name, name):
    """Whether pinyin of the native name shares a word with the display name.

    陈雨桐 → 'chen yu tong' fits Yutong Chen; 荒川健司, read as Chinese, does not fit
    Kenji Arakawa, so a Japanese name never produces pinyin suggestions.
    """
    return bool(set(name_words(romanize(native_name))) & set(name_words(name)))


def link_authorships(authorships, index, *, member=None):
    """Set researcher, state and method on unsaved or undecided authorships of one paper.

    `member` is the lab member who imports the paper as their own: a loose match
    to them becomes confirmed. Returns False when `member` is not among the authors.
    """
    for authorship in authorships:
        if authorship.link_state in {LinkState.CONFIRMED, LinkState.REJECTED}:
            continue
        found, state, method = index.match(
            name=authorship.name,
            family=authorship.family,
            given=authorship.given,
            orcid=authorship.orcid,
            prefer=member,
        )
        if found is not None or authorship.researcher_id is not None:  # most authors are strangers: skip the setter
            authorship.researcher = found
        authorship.link_state, authorship.link_method = state, method
    if member is None:
        return True
    mine = [authorship for authorship in authorships if authorship.researcher_id == member.pk]
    confirmed = [authorship for authorship in mine if authorship.link_state == LinkState.CONFIRMED]
    if not confirmed:
        suggested = [authorship for authorship in mine if authorship.link_state == LinkState.SUGGESTED]
        if not suggested:
            return False
        suggested[0].link_state, suggested[0].link_method = LinkState.CONFIRMED, LinkMethod.MANUAL
    return True
