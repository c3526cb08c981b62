"""Site search at /search/?q=: people, publications, news and blog posts.

A query is reduced to words. Each word must appear somewhere; ``-word`` leaves out what contains
it. Quotes, operators and other punctuation are dropped rather than handed to PostgreSQL's query
parser: a phrase makes the index recheck every candidate paper by parsing it again, and ``or``
beside a negation makes it read every paper.

Publications, thousands of them, use full-text search on PostgreSQL. Author names are read with
the 'simple' configuration, which keeps each word as written, so names match exactly (and He, An
or Do stay surnames rather than English stop words); titles, venues and abstracts with 'english',
which stems (models → model). Each query word is looked up in both readings. The filter is the
expression of the GIN index that publications/migrations/0003 creates (0011 adds the title without
accents, so Resume finds Résumé), so the planner answers it from the index; ranking reads the stored
title, authors and venue vector the index is built on, instead of parsing every match again.

People, news and posts, a few hundred rows each, are matched by case-insensitive substring on
both databases: that finds a name from its first letters ("marc" → Marchetti) and inside
native-script names (陈雨桐), with or without accents (Szabo → Szabó, through each name's stored
folded spelling), and costs a few milliseconds where parsing every long post body on
each search would cost tens (they have no index of their own). On SQLite, publications are
matched the same way, ranked by the field each word was found in.
"""

import html
import operator
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, reduce

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import Case, Exists, Expression, IntegerField, OuterRef, Q, Subquery, Value, When
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from news.models import NewsItem, Post
from publications.models import Publication
from researchers.common.text import fold_accents
from researchers.models import NameVariant, Researcher, folded_name

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
PEOPLE_LIMIT = 10
PUBLICATIONS_LIMIT = 20
NEWS_LIMIT = 10
POSTS_LIMIT = 10
SNIPPET_LENGTH = 220

CONFIGS = ("simple", "english")
# A paper's heading, as publications/migrations/0003 stores it: title (A) and venue (C) with English
# stems, authors (B) exactly as written ('simple': He, An or Do are surnames, not stop words).
HEADING_COLUMN = "search_heading"
# Each field with the points a substring match in it scores.
PUBLICATION_FIELDS = [("title", 8), ("title_key", 0), ("authors_text", 4), ("venue_text", 2), ("abstract", 1)]
POST_FIELDS = [("title", 4), ("summary", 2), ("body", 1)]
NEWS_FIELDS = [("body", 1)]
PEOPLE_FIELDS = ("name", "native_name", "position", "focus", "affiliation")

WORD = re.compile(r"[^\W_]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Scripts written without spaces between words: a query word may sit inside a longer run.
SPACELESS = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
ENDINGS = ("ing", "es", "ed", "s")


@dataclass(frozen=True)
class SearchTerms:
    """What to look for: `words` that must all appear and `excluded` words that must not."""

    text: str = ""
    words: tuple = ()
    excluded: tuple = ()

    def __bool__(self):
        return bool(self.words)

    @cached_property
    def pattern(self):
        """A regex finding the words in text as a reader would see them matched, for highlighting."""
        return match_pattern(self.words)


@dataclass
class Hits:
    """The first `items` of a search and how many there are in all."""

    items: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self):
        return self.total > len(self.items)


def clean_query(text):
    """The query as typed, without control characters, trimmed to MAX_QUERY_LENGTH."""
    return CONTROL.sub("", text or "").strip()[:MAX_QUERY_LENGTH].strip()


def parse_query(text):
    """SearchTerms from the text of a query: its words, lower-cased, and the ``-words`` to leave out."""
    text = clean_query(text)
    words, excluded = [], []
    for chunk in text.split():
        found = [word.lower() for word in WORD.findall(chunk)]
        (excluded if chunk.startswith("-") else words).extend(found)
    words = list(dict.fromkeys(words))[:MAX_WORDS]
    excluded = [word for word in dict.fromkeys(excluded) if word not in words][:MAX_WORDS]
    return SearchTerms(text, tuple(words), tuple(excluded))


def _terms(query):
    return query if isinstance(query, SearchTerms) else parse_query(query)


def _root(word):
    """The word without a plural or -ing ending, so 'models' lights up 'model' as the stemmed search found it."""
    if len(word) > 4:
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
    return word


@lru_cache(maxsize=4096)
def _folded_letter(char):
    folded = fold_accents(char)
    return folded if len(folded) == 1 else char


def fold_letters(text):
    """The text with each letter's accents dropped where that leaves one letter ('ﬁ' stays): a match in the
    folded text has the same span in the text, so what search found through folding can be marked."""
    return "".join(map(_folded_letter, text))


class FoldedPattern:
    """A regex of folded words, matched against text folded letter by letter: 'Szabo' marks 'Szabó'."""

    def __init__(self, regex):
        self.regex = regex

    def search(self, text):
        return self.regex.search(fold_letters(text))

    def finditer(self, text):
        return self.regex.finditer(fold_letters(text))


def match_pattern(words):
    """A pattern for the words: from the start of a word in spaced scripts, anywhere in the others."""
    parts = []
    for word in sorted({fold_accents(word) for word in words}, key=len, reverse=True):
        if SPACELESS.search(word):
            parts.append(re.escape(word))
        else:
            parts.append(rf"(?<!\w){re.escape(_root(word))}\w*")
    return FoldedPattern(re.compile("|".join(parts), re.IGNORECASE)) if parts else None


def highlight(text, pattern):
    """The plain text, HTML-escaped, with <mark> around each match of the pattern."""
    text = str(text or "")
    if pattern is None:
        return escape(text)
    pieces, end = [], 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        pieces += [escape(text[end : match.start()]), "<mark>", escape(text[match.start() : match.end()]), "</mark>"]
        end = match.end()
    pieces.append(escape(text[end:]))
    return mark_safe("".join(pieces))


def snippet(text, pattern, length=SNIPPET_LENGTH):
    """About `length` characters of plain text around the first match, highlighted; the start when none matches."""
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return highlight(text, pattern)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.end() > length * 2 // 3:
        start = max(0, min(match.start() - length // 3, len(text) - length))
        # Begin at a word boundary, never after the match itself.
        space = text.find(" ", start, match.start())
        start = space + 1 if space >= 0 else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start + length // 2, end)
        end = space if space > 0 else end
    cut = end < len(text)
    excerpt = highlight(text[start:end].rstrip(".,;:") if cut else text[start:end], pattern)
    return mark_safe(f"{'…' if start else ''}{excerpt}{'…' if cut else ''}")


def plain_text(html_text):
    """Rendered, sanitised HTML back to the text a reader sees, for snippets."""
    return html.unescape(strip_tags(html_text or ""))


# Full-text search of publications (PostgreSQL)


class PublicationHeading(SearchVectorCombinable, Expression):
    """The stored tsvector of a paper's title, authors and venue: a column of PostgreSQL's table, not a model field."""

    config = None
    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        return f"{quote(Publication._meta.db_table)}.{quote(HEADING_COLUMN)}", []


def abstract_vector():
    """The abstract's English words, weighted D, as the publications index reads them."""
    return SearchVector("abstract", config="english", weight="D")


def folded_title_vector():
    """The title without accents (its stored key), as the index reads it after the abstract: Resume finds Résumé."""
    return SearchVector("title_key", config="english", weight="A")


def _either_reading(word, invert=False):
    """The word as written or as stemmed, with or without its accents; inverted, a word found in no reading."""
    readings = [
        SearchQuery(spelling, config=config, search_type="plain", invert=invert)
        for spelling in dict.fromkeys([word, fold_accents(word)])
        for config in CONFIGS
    ]
    return reduce(operator.and_ if invert else operator.or_, readings)


def all_words_query(terms):
    """A tsquery every word must match, in either reading, and no excluded word may."""
    query = None
    for word in terms.words:
        either = _either_reading(word)
        query = either if query is None else query & either
    for word in terms.excluded:
        query &= _either_reading(word, invert=True)
    return query


def any_word_query(terms):
    """A tsquery matching any word: ranks by how many words, and where, a document holds."""
    query = None
    for word in terms.words:
        either = _either_reading(word)
        query = either if query is None else query | either
    return query


def fulltext_publications(papers, terms):
    """The papers matching every word, found with the index, and their rank, read from the stored heading.

    The filter is the index's own expression (the heading joined to the abstract's words and the title
    without accents), so the planner answers it from the index; ranking reads the stored heading
    instead of parsing every match again, so a title, author or venue match ranks above a match in
    the abstract only.
    """
    document = PublicationHeading() + abstract_vector() + folded_title_vector()
    matched = papers.alias(document=document).filter(document=all_words_query(terms))
    return matched, SearchRank(PublicationHeading(), any_word_query(terms))


# Substring search (people, news and posts; publications on SQLite)


def _contains_any(fields, *words):
    """Any of the fields holds any of the words."""
    condition = Q()
    for name in fields:
        for word in words:
            condition |= Q(**{f"{name}__icontains": word})
    return condition


def _substring(queryset, fields, terms):
    """The rows holding every word in one of the fields, and a score for where each word was found."""
    names = [name for name, _ in fields]
    for word in terms.words:
        # Accents do not matter: the author list and title key also hold their text without them.
        queryset = queryset.filter(_contains_any(names, *dict.fromkeys([word, fold_accents(word)])))
    for word in terms.excluded:
        queryset = queryset.exclude(_contains_any(names, word))
    score = Value(0)
    for word in terms.words:
        for name, points in fields:
            found = When(**{f"{name}__icontains": word}, then=Value(points))
            score += Case(found, default=Value(0), output_field=IntegerField())
    return queryset, score


def _first(queryset, limit):
    items = list(queryset[:limit])
    # Fewer than asked for means that was all of them; only a full page needs counting.
    return Hits(items, len(items) if len(items) < limit else queryset.count())


# What the page shows


def search_people(query, limit=PEOPLE_LIMIT):
    """Listed members (unlisted ones are reached by their address only) whose name, native name,
    name variant, position, focus or affiliation
    holds every word, best first, in one query; each has `matched_variant`, a spelling of their name that
    matched, if one did."""
    terms = _terms(query)
    if not terms:
        return Hits()
    people = Researcher.objects.listed()
    for word in terms.words:
        people = people.filter(_person_matches(word))
    for word in terms.excluded:
        people = people.exclude(_person_matches(word))
    variants = NameVariant.objects.filter(researcher=OuterRef("pk")).filter(
        _contains_any(["name"], *terms.words) | _contains_any(["key"], *map(folded_name, terms.words))
    )
    variants = variants.order_by("pk")
    shown = ("slug", "name", "native_name", "role", "status", "position", "affiliation", "focus", "order")
    people = list(people.only(*shown).annotate(matched_variant=Subquery(variants.values("name")[:1])))
    people.sort(key=lambda person: (-_person_score(person, terms.words), person.order, person.name))
    return Hits(people[:limit], len(people))


def _person_matches(word):
    """The word in a name, name variant or the rest, with or without accents on either side.

    A word typed with accents is also looked for without them (Dániel finds Daniel); one typed
    without them is looked for in the stored folded name and in each variant's key (Daniel finds Dániel).
    """
    folded = folded_name(word)
    variants = NameVariant.objects.filter(researcher=OuterRef("pk")).filter(
        Q(name__icontains=word) | Q(key__contains=folded)
    )
    fields = _contains_any(PEOPLE_FIELDS, *dict.fromkeys([word, folded]))
    return fields | Q(name_folded__contains=folded) | Exists(variants)


def _person_score(person, words):
    """Whole name words first, then names beginning with the word, then anywhere in a name, then the rest."""
    # Compared without accents, so Daniel ranks Dániel as a whole name word.
    name = folded_name(f"{person.name} {person.native_name}")
    name_words = WORD.findall(name)
    variant_words = WORD.findall(folded_name(person.matched_variant or ""))
    other = folded_name(f"{person.position} {person.focus} {person.affiliation}")
    score = 0
    for word in map(folded_name, words):
        if word in name_words:
            score += 12
        elif any(name_word.startswith(word) for name_word in name_words):
            score += 10
        elif word in name:
            score += 6
        elif any(variant_word.startswith(word) for variant_word in variant_words):
            score += 5
        elif word in other:
            score += 1
    return score


def search_publications(query, limit=PUBLICATIONS_LIMIT):
    """Papers whose title, authors, venue or abstract hold every word, best first, with their authors."""
    terms = _terms(query)
    if not terms:
        return Hits()
    papers = Publication.objects.public()
    if connection.vendor == "postgresql":
        matched, rank = fulltext_publications(papers, terms)
    else:
        matched, rank = _substring(papers, PUBLICATION_FIELDS, terms)
    ids, total = _best_ids_and_count(matched, rank, limit)
    shown = Publication.objects.with_authors().in_bulk(ids)
    return Hits([shown[pk] for pk in ids], total)


def _best_ids_and_count(matched, rank, limit):
    """The ids of the best `limit` papers, then the newest, and how many match, in one pass over the matches.

    Ids alone, and the papers shown loaded after: sorting thousands of whole rows costs more. A count
    of its own would read every match again (20 ms for a word in 30,000 papers). On PostgreSQL the
    ranks are computed in a subquery kept apart by OFFSET 0, so the window count and the sort see
    narrow (id, rank, year, month) rows.
    """
    sql, params = ranked_sql(matched, rank, limit)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The planner prices parsing an abstract far below its cost: for a word in most papers it
            # would rather read the whole table and parse every abstract (2.4 s for 50,000 papers)
            # than use the index (0.05 s). For this transaction only, it may not.
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [pk for pk, _ in rows], rows[0][1] if rows else 0


def ranked_sql(matched, rank, limit):
    """SQL and parameters for the best `limit` ids of the matched rows, each with the number of matches."""
    ranked = matched.annotate(rank=rank).order_by().values_list("id", "rank", "year", "month")
    sql, params = ranked.query.sql_with_params()
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    return (
        f"SELECT id, COUNT(*) OVER () FROM ({sql}{fence}) AS matched "
        "ORDER BY rank DESC, year IS NULL, year DESC, month IS NULL, month DESC, id DESC LIMIT %s",
        (*params, limit),
    )


def search_news(query, limit=NEWS_LIMIT):
    """News items whose text holds every word, newest first."""
    terms = _terms(query)
    if not terms:
        return Hits()
    matched, _ = _substring(NewsItem.objects.public(), NEWS_FIELDS, terms)
    return _first(matched.order_by("-date", "-id"), limit)


def search_posts(query, limit=POSTS_LIMIT):
    """Published blog posts whose title, summary or text hold every word; title matches first, then newest."""
    terms = _terms(query)
    if not terms:
        return Hits()
    matched, rank = _substring(Post.objects.published(), POST_FIELDS, terms)
    return _first(matched.annotate(rank=rank).order_by("-rank", "-date", "-id"), limit)


def search_results(query):
    """Every kind of result for the query, as the search page shows them."""
    terms = _terms(query)
    return {
        "people": search_people(terms),
        "publications": search_publications(terms),
        "news": search_news(terms),
        "posts": search_posts(terms),
    }


def search(request):
    """The search page: a form and, for a query with words in it, the results grouped by kind."""
    terms = parse_query(request.GET.get("q", ""))
    context = {"query": terms.text, "terms": terms}
    if terms:
        results = search_results(terms)
        context.update(results, total=sum(hits.total for hits in results.values()))
    return render(request, "portal/search.html", context)
