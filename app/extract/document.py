"""One article read once: normalised text, tokens, lexicon matches, cues, sentences, dates.

Everything downstream (events, explain) works on this ``Document``, which is built once by
``read_document`` and never changed afterwards: what several passes ask of it (the cues of a
sentence, the mentions of a sentence) is indexed here, not cached by the passes. Offsets: tokens and
sentence spans are in the normalised text; ``Sentence.orig_start/orig_end`` and
``Document.orig_span`` map back to the stored original, which is what passages and the date resolver
use.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property

from app.extract.dates import DateResolver
from app.extract.entities import entity_phrases, organization_phrases
from app.extract.normalize import NormalizedText, normalize
from app.extract.places import place_phrases
from app.extract.sentences import split_sentences
from app.extract.tokens import Match, PhraseIndex, Token, longest_first, make_doc, tokenize
from app.extract.topics import topic_index, topics_in
from app.extract.triggers import cue_phrases, cue_specs, trigger_phrases
from app.extract.types import ParsedArticle

# On equal spans: a place beats a person ("Nazarbayev University"), a person beats a title.
PRIORITY = {"org": 0, "place": 0, "actor": 1, "short": 2, "office": 3, "country": 4, "ref": 5, "trigger": 6}


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # normalised text
    end: int
    tok_start: int
    tok_end: int
    orig_start: int
    orig_end: int
    kind: str  # body | caption | title


@dataclass(frozen=True)
class Cue:
    """A cue phrase of the text (token span) with what ``cues.yaml`` says of its entry: the kind
    ("planned", "since", "reporting", ...) and how many tokens it reaches before (``window``) and
    after (``after``) it."""

    start: int
    end: int
    kind: str
    window: int
    after: int


@dataclass
class Document:
    article: ParsedArticle
    norm: NormalizedText
    tokens: list[Token]
    mentions: list[Match]  # persons, titles, states, places, triggers, references (non-overlapping, by start)
    cues: list[Cue]  # in the order the matcher gives them (cues may overlap)
    topics: list[Match]  # by start
    sentences: list[Sentence]
    dates: DateResolver
    dateline: str | None  # place label value of the dateline place
    tok_orig: list[int]  # original-text offset of each token's start
    sentence_cues: list[list[Cue]]  # by sentence index, in ``cues`` order
    cues_by_kind: dict[str, list[Cue]]  # in ``cues`` order
    sentence_mentions: list[list[Match]]  # by sentence index

    @cached_property
    def topic_starts(self) -> list[int]:
        return [m.start for m in self.topics]

    def topics_within(self, spans: list[tuple[int, int]]) -> tuple[str, ...]:
        """Topic slugs whose keywords fall inside the token spans, most mentioned first."""
        return topics_in(self.topics, spans, self.topic_starts)

    def cues_in(self, sentence: Sentence, *kinds: str) -> list[Cue]:
        """The sentence's cues; with ``kinds``, those of each kind in turn."""
        found = self.sentence_cues[sentence.index]
        if not kinds:
            return found
        return [cue for kind in kinds for cue in found if cue.kind == kind]

    def has_cue(self, kind: str, start: int, end: int) -> bool:
        """Whether a cue of ``kind`` starts in the token range [start, end)."""
        return any(start <= cue.start < end for cue in self.cues_by_kind.get(kind, ()))

    def mentions_in(self, sentence: Sentence) -> list[Match]:
        """The mentions that start in the sentence."""
        return self.sentence_mentions[sentence.index]

    def orig_offset(self, tok: int) -> int:
        """Original-text offset of token ``tok``'s start (the last token's for one past the end)."""
        return self.tok_orig[min(tok, len(self.tok_orig) - 1)]

    def token_at(self, offset: int) -> int:
        """Index of the first token that starts at or after original offset ``offset``."""
        return bisect_left(self.tok_orig, offset)

    def tokens_between(self, start: int, end: int) -> int:
        """How many tokens start strictly between two original offsets."""
        return max(0, bisect_left(self.tok_orig, end) - bisect_right(self.tok_orig, start))

    def in_dateline(self, tok: int) -> bool:
        """Whether token ``tok`` is part of the dateline ("BEIJING, Sept. 3 (Agency) --"): where the
        report was filed, not where anything it tells happened."""
        span = self.article.dateline
        return span is not None and span.start <= self.orig_offset(tok) < span.end

    def orig_span(self, tok_start: int, tok_end: int) -> tuple[int, int]:
        start = self.tokens[tok_start].start
        end = self.tokens[tok_end - 1].end
        return self.norm.span_to_original(start, end)

    def text_of(self, tok_start: int, tok_end: int) -> str:
        return self.norm.text[self.tokens[tok_start].start:self.tokens[tok_end - 1].end]


@cache
def mention_index(language: str) -> PhraseIndex:
    phrases = list(entity_phrases()) + list(organization_phrases()) + list(place_phrases()) + list(trigger_phrases())
    return PhraseIndex(phrases, language)


@cache
def cue_index(language: str) -> PhraseIndex:
    return PhraseIndex(cue_phrases(), language)


def warm_up(language: str = "id") -> None:
    """Build the matchers (the first article otherwise pays for it)."""
    mention_index(language)
    cue_index(language)
    topic_index(language)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < span.end and span.start < end for span in spans)


def _title_key(text: str) -> str:
    return " ".join(text.split()).strip(" .").lower()


def _inside_flags(tok_orig: list[int], spans) -> list[bool]:
    """For each token, whether its start lies inside one of ``spans`` (one pass over sorted spans)."""
    flags = [False] * len(tok_orig)
    for span in spans:
        for i in range(bisect_left(tok_orig, span.start), bisect_left(tok_orig, span.end)):
            flags[i] = True
    return flags


def _runs_outside(inside_flags: list[bool], tok_start: int, tok_end: int) -> list[tuple[int, int]]:
    """Maximal token runs of [tok_start, tok_end) whose tokens are not flagged as inside."""
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(tok_start, tok_end):
        inside = inside_flags[i]
        if not inside and start is None:
            start = i
        if inside and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, tok_end))
    return runs


def _token_bounds(tokens: list[Token], start: int, end: int, cursor: int) -> tuple[int, int]:
    i = cursor
    while i < len(tokens) and tokens[i].end <= start:
        i += 1
    j = i
    while j < len(tokens) and tokens[j].start < end:
        j += 1
    return i, j


def _join_captions(sentences: list[Sentence], article: ParsedArticle, norm: NormalizedText,
                   tokens: list[Token]) -> list[Sentence]:
    """A photo caption is read as one unit: its date usually ends it, after the sentence that names
    the event ("Foto bertanggal 4 Maret 2021. Kedua menteri berjabat tangan sebelum rapat di sini.")."""
    out: list[Sentence] = []
    for sentence in sentences:
        prev = out[-1] if out else None
        same = prev is not None and prev.kind == sentence.kind == "caption" and any(
            span.start <= prev.orig_start < span.end and span.start <= sentence.orig_start < span.end
            for span in article.captions)
        if same:
            out[-1] = Sentence(prev.index, prev.start, sentence.end, prev.tok_start, sentence.tok_end,
                               prev.orig_start, sentence.orig_end, "caption")
        else:
            out.append(sentence)
    return [Sentence(i, s.start, s.end, s.tok_start, s.tok_end, s.orig_start, s.orig_end, s.kind)
            for i, s in enumerate(out)]


def read_document(article: ParsedArticle) -> Document:
    language = article.language if article.language in ("id", "en") else "en"
    norm = normalize(article.text)
    text = norm.text
    tokens = tokenize(text)
    doc = make_doc(tokens, language)
    raw = mention_index(language).find(doc)
    mentions = longest_first(raw, PRIORITY)
    cues = _cues(cue_index(language).find(doc))
    topics = sorted(topic_index(language).find(doc), key=lambda m: m.start)
    # a sentence is the title only when the header printed one; a title taken from the body's first
    # sentence (no headline on the page) leaves that sentence in the body, where it is the lead
    title_key = _title_key(article.title) if article.title and "title_span" in article.extra else None
    tok_orig = [norm.to_original(token.start) for token in tokens]
    sentences: list[Sentence] = []
    cursor = 0
    boiler = _inside_flags(tok_orig, article.boilerplate)
    for start, end in split_sentences(text):
        tok_start, tok_end = _token_bounds(tokens, start, end, cursor)
        cursor = tok_end
        # boilerplate glued to a sentence ("date 2022-09 Presiden ...") is cut off, never read
        for run_start, run_end in _runs_outside(boiler, tok_start, tok_end):
            if run_end - run_start < 2 and (run_start, run_end) != (tok_start, tok_end):
                continue
            s_start, s_end = tokens[run_start].start, tokens[run_end - 1].end
            orig = norm.span_to_original(s_start, s_end)
            if _overlaps(*orig, article.captions):
                kind = "caption"
            elif title_key and _title_key(text[s_start:s_end]) == title_key:
                kind = "title"
            else:
                kind = "body"
            sentences.append(Sentence(len(sentences), s_start, s_end, run_start, run_end, orig[0], orig[1], kind))
    sentences = _join_captions(sentences, article, norm, tokens)
    skip = tuple(article.boilerplate)
    dates = DateResolver(article.text, language=language, published=article.reference_date, skip=skip,
                         numeric_order=article.extra.get("numeric_order", "dmy"))
    dateline = None
    if article.dateline is not None:
        for match in mentions:
            if not match.label.startswith("place|"):
                continue
            orig = norm.span_to_original(tokens[match.start].start, tokens[match.end - 1].end)
            if _overlaps(*orig, [article.dateline]):
                dateline = match.label.split("|", 1)[1]
                break
    return Document(article, norm, tokens, mentions, cues, topics, sentences, dates, dateline, tok_orig,
                    sentence_cues=_by_sentence(cues, sentences), cues_by_kind=_by_kind(cues),
                    sentence_mentions=_by_sentence(mentions, sentences))


def _cues(matches: list[Match]) -> list[Cue]:
    specs = cue_specs()
    out = []
    for match in matches:
        spec = specs[int(match.label.split("|")[1])]
        out.append(Cue(match.start, match.end, spec.kind, spec.window, spec.after))
    return out


def _by_sentence(spans: list, sentences: list[Sentence]) -> list[list]:
    """Each sentence's spans (those starting inside it), in the order of ``spans``."""
    out: list[list] = [[] for _ in sentences]
    starts = [s.tok_start for s in sentences]
    for span in spans:
        k = bisect_right(starts, span.start) - 1
        if k >= 0 and span.start < sentences[k].tok_end:
            out[k].append(span)
    return out


def _by_kind(cues: list[Cue]) -> dict[str, list[Cue]]:
    out: dict[str, list[Cue]] = {}
    for cue in cues:
        out.setdefault(cue.kind, []).append(cue)
    return out

