"""Dates of candidates: the date phrase of the candidate's own clause; else the lead story's date
when the candidate continues it; else, for a reported event, the month of publication.

A date is not the candidate's when it dates the report ("kata Beijing, Senin (12/9)"), follows
"sejak"/"since", lies in another clause far from the trigger, or contradicts the offices the
sentence gives its people ("Presiden Tokayev" in 1992).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

from app.extract.candidates import Candidate
from app.extract.document import Document, Sentence
from app.extract.entities import actors, name_stops
from app.extract.people import settle
from app.extract.tokens import Match
from app.extract.triggers import cue_specs
from app.extract.types import PartialDate, ResolvedDate

LEAD_SENTENCES = 6
"""How many body sentences from the top may give the article's lead date."""
NEWS_SENTENCE_WORDS = 8
"""Words a lead sentence that names nobody needs (to tell it from a date line)."""
OLD_DAYS = 62
"""A date this long before publication is history, not the article's news."""
REPORT_GAP = 4
"""Tokens between a reporting verb and a date that dates the report ("kata Beijing, Senin (12/9)")."""
REPORT_GAP_AFTER_TRIGGER = 7
"""The same when the reporting verb follows the trigger and names a longer source."""
MAX_DATE_DISTANCE = 40
"""Clause distance (see ``_clause_distance``) beyond which a date of a body sentence is not the
trigger's own."""
SHARED_DATE_DISTANCE = 8
"""A date nearer another trigger is shared with this one when they stand in one clause."""
CLAUSE_PENALTY = 10
"""What crossing a comma, bracket, quote or reporting verb adds to the distance of a date."""
CLAUSE_MARKS = frozenset(',;:()"–—.!?')
APPROX_TERM_SLACK = dt.timedelta(days=183)
"""A term known only roughly (``approx``) vetoes no date within this margin of its ends."""
PLANNED_DATE_WINDOW = 10
"""Tokens between a planned cue and a date in the same clause that make the date lie ahead."""
LIST_PENALTY = 2
"""What a comma between two names adds (an enumeration or an apposition, not a clause boundary)."""
SHORT_ASIDE = 3
"""Tokens a bracketed aside may hold and still not count as a clause boundary."""


def _reporting_positions(doc: Document, sentence: Sentence) -> list[Match]:
    specs = cue_specs()
    return [m for m in doc.cues if sentence.tok_start <= m.start < sentence.tok_end
            and specs[int(m.label.split("|")[1])].kind == "reporting"]


def _orig(doc: Document, tok: int) -> int:
    return doc.tok_orig[min(tok, len(doc.tok_orig) - 1)]


def _tokens_between(doc: Document, start: int, end: int) -> int:
    """How many tokens start strictly between two original offsets."""
    return max(0, bisect_left(doc.tok_orig, end) - bisect_right(doc.tok_orig, start))


def _is_report_date(doc: Document, date: ResolvedDate, cand: Candidate, reporting: list[Match]) -> bool:
    """A date that dates the report, not the event: right after a reporting verb ("Dilansir dari
    Bloomberg pada Senin (12/9)"), or after a reporting verb that follows the trigger ("..., kata
    Kementerian Luar Negeri Tiongkok pada hari Kamis (4/7)")."""
    trig_start, trig_end = _orig(doc, cand.start), _orig(doc, cand.end - 1)
    for cue in reporting:
        cue_start, cue_end = _orig(doc, cue.start), _orig(doc, cue.end - 1)
        if date.span.start <= cue_end:
            continue
        gap = _tokens_between(doc, cue_end, date.span.start)
        if cue_start > trig_end and gap <= REPORT_GAP_AFTER_TRIGGER:
            return True
        if cue_end <= trig_start and gap <= REPORT_GAP:
            return True
    return False


def _after_cue(doc: Document, sentence: Sentence, date: ResolvedDate, kind: str) -> bool:
    """The date follows a cue of ``kind`` within that cue's window ("sejak 3 Januari 1992")."""
    specs = cue_specs()
    for match in doc.cues:
        if not (sentence.tok_start <= match.start < sentence.tok_end):
            continue
        spec = specs[int(match.label.split("|")[1])]
        if spec.kind != kind:
            continue
        end = _orig(doc, match.end - 1)
        if end < date.span.start and _tokens_between(doc, end, date.span.start) <= spec.window:
            return True
    return False


def _gap_tokens(doc: Document, cand: Candidate, date: ResolvedDate) -> range:
    """Token indices strictly between the candidate's triggers and the date."""
    first = bisect_left(doc.tok_orig, date.span.start)
    last = bisect_left(doc.tok_orig, date.span.end) - 1
    if first >= cand.end:
        return range(cand.end, first)
    return range(last + 1, cand.start) if last < cand.start else range(0)


def _clause_distance(doc: Document, cand: Candidate, date: ResolvedDate, reporting: list[Match]) -> int:
    """Tokens between trigger and date, with clause boundaries (punctuation) and reporting verbs
    counting extra: a date belongs to the trigger of its own clause."""
    gap = _gap_tokens(doc, cand, date)
    cue_tokens = {i for m in reporting for i in range(m.start, m.end)}
    beside_date = gap.stop - 1 if gap and gap.start >= cand.end else -1  # "met ..., Sept. 23" is apposition
    distance = 0
    for i in gap:
        text = doc.tokens[i].text
        distance += 1
        if text in CLAUSE_MARKS and not (text == "," and i == beside_date):
            distance += _mark_penalty(doc, i)
        if i in cue_tokens:
            distance += CLAUSE_PENALTY
    return distance


def _is_name_word(doc: Document, i: int) -> bool:
    """A capitalised word that may be part of a name (not a weekday, a month or a function word)."""
    if not 0 <= i < len(doc.tokens):
        return False
    token = doc.tokens[i]
    return token.is_capitalised and token.text[:1].isalpha() and token.lower not in name_stops()


def _mark_penalty(doc: Document, i: int) -> int:
    """A comma between two names ("di Bishkek, Kirgistan", "Cina, Rusia, Kazakhstan") lists or
    qualifies names and a bracket round a short aside ("(SCO)", "(Mazhilis)") holds no clause:
    neither separates the trigger from its date the way a clause boundary does."""
    text = doc.tokens[i].text
    if text == "," and _is_name_word(doc, i - 1) and _is_name_word(doc, i + 1):
        return LIST_PENALTY
    if text == "(" and any(doc.tokens[j].text == ")" for j in range(i + 1, min(i + 2 + SHORT_ASIDE, len(doc.tokens)))):
        return 0
    if text == ")" and any(doc.tokens[j].text == "(" for j in range(max(0, i - 1 - SHORT_ASIDE), i)):
        return 0
    return CLAUSE_PENALTY


def _terms_allow(cand: Candidate, date: ResolvedDate) -> bool:
    """False when a person is named with an office they did not hold at that date
    ("Presiden Kassym-Jomart Tokayev" cannot be the subject of an event in 1992)."""
    lo, hi = date.start.first_day(), (date.end or date.start).last_day()
    for person in cand.persons:
        if not person.actor_id or not person.offices:
            continue
        terms = [t for t in actors()[person.actor_id].terms if t.office in person.offices]
        if terms and not any(_term_start(t) <= hi and (t.end is None or lo < _term_end(t)) for t in terms):
            return False
    return True


def _term_start(term) -> dt.date:
    return term.start - APPROX_TERM_SLACK if term.approx else term.start


def _term_end(term) -> dt.date:
    return term.end + APPROX_TERM_SLACK if term.approx else term.end


def _sentence_dates(doc: Document, cands: list[Candidate]) -> None:
    """Each date of a sentence goes to the nearest candidate; each candidate takes its nearest date.
    A candidate left without one shares the nearest date of its sentence."""
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_sentence.setdefault(cand.sentence.index, []).append(cand)
    for group in by_sentence.values():
        sentence = group[0].sentence
        reporting = _reporting_positions(doc, sentence)
        claims: dict[int, list[tuple[int, ResolvedDate]]] = {}
        forward: set[int] = set()
        usable_for: dict[int, list[tuple[int, ResolvedDate]]] = {}

        def distance(c: Candidate, date: ResolvedDate) -> int:
            return _clause_distance(doc, c, date, reporting)

        ahead = {(d.span.start, d.span.end): d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end,
                                                                           planned=True) if d.span is not None}
        for planned in (False, True):
            members = [c for c in group if c.planned == planned]
            if not members:
                continue
            for date in doc.dates.dates_in(sentence.orig_start, sentence.orig_end, planned=planned):
                if date.span is None or _after_cue(doc, sentence, date, "since"):
                    continue
                if not planned and _in_planned_clause(doc, sentence, date):
                    # "will join ... on Tuesday", "to be held on Wednesday": the date lies ahead
                    date = ahead.get((date.span.start, date.span.end), date)
                    forward.add(id(date))
                usable = [c for c in members if not _is_report_date(doc, date, c, reporting)
                          and _terms_allow(c, date) and (sentence.kind == "caption" or
                                                         distance(c, date) <= MAX_DATE_DISTANCE)]
                if not usable:
                    continue
                for c in usable:
                    usable_for.setdefault(id(c), []).append((distance(c, date), date))
                nearest = min(usable, key=lambda c: distance(c, date))
                claims.setdefault(id(nearest), []).append((distance(nearest, date), date))
        for cand in group:
            mine = claims.get(id(cand))
            if mine:
                cand.date = min(mine, key=lambda x: x[0])[1]
                cand.date_source = "caption" if sentence.kind == "caption" else "sentence"
                cand.planned = cand.planned or id(cand.date) in forward
            elif usable_for.get(id(cand)) and min(usable_for[id(cand)], key=lambda x: x[0])[0] <= SHARED_DATE_DISTANCE:
                # "held talks on Tuesday and signed a joint declaration": one clause, one day
                cand.date = min(usable_for[id(cand)], key=lambda x: x[0])[1]
                cand.date_source = "caption" if sentence.kind == "caption" else "sentence"
            elif claims and cand.type == "visit" and not cand.anaphoric and usable_for.get(id(cand)):
                # "talks on May 20 in Astana, where the minister arrived to ...": the visit was under
                # way on the day of the event its sentence dates (known to the month: it may have begun before)
                cand.date = min(usable_for[id(cand)], key=lambda x: x[0])[1]
                cand.date_source = "shared"
            elif claims:
                cand.date_source = "taken"  # the sentence's date belongs to another event in it


def _in_planned_clause(doc: Document, sentence: Sentence, date: ResolvedDate) -> bool:
    """A planned cue stands before the date in its clause ("will join ... on Tuesday", "to be held
    on Wednesday", "yang dijadwalkan berlangsung Kamis")."""
    specs = cue_specs()
    for match in doc.cues:
        spec = specs[int(match.label.split("|")[1])]
        if not (sentence.tok_start <= match.start < sentence.tok_end) or spec.kind != "planned" or spec.after:
            continue  # an adjective ("upcoming visit") qualifies its noun, not the clause
        end = _orig(doc, match.end - 1)
        if end >= date.span.start:
            continue
        first, last = bisect_right(doc.tok_orig, end), bisect_left(doc.tok_orig, date.span.start)
        between = [doc.tokens[i].text for i in range(first, last)]
        if len(between) <= PLANNED_DATE_WINDOW and not any(t in CLAUSE_MARKS for t in between):
            return True
    return False


def _is_old(date: ResolvedDate, published: PartialDate | None) -> bool:
    if published is None:
        return False
    return date.start.last_day() < published.first_day() - dt.timedelta(days=OLD_DAYS)


def _lead(doc: Document, cands: list[Candidate],
          ctx_people: dict[int, set[str]]) -> tuple[ResolvedDate, set[str], bool] | None:
    """The lead story's date and people: from the first body sentences that carry a date."""
    published = doc.article.reference_date
    body = [s for s in doc.sentences if s.kind == "body"][:LEAD_SENTENCES]
    for sentence in body:
        own = [c for c in cands if c.sentence.index == sentence.index and c.date and not c.background]
        for cand in own:
            if not _is_old(cand.date, published) and cand.date.start.precision != "year":
                return cand.date, ctx_people.get(sentence.index, set()), cand.planned
        if any(c.sentence.index == sentence.index for c in cands):
            continue
        anonymous = not ctx_people.get(sentence.index)
        if anonymous and (sentence is not body[0] or not _is_news_sentence(doc, sentence)):
            continue  # a lead naming nobody must be the opening sentence of the story
        reporting = _reporting_positions(doc, sentence)
        for date in doc.dates.dates_in(sentence.orig_start, sentence.orig_end):
            if date.span is None or _is_old(date, published) or date.start.precision == "year":
                continue  # a bare year ("pada 2013") is background, not the day of the story
            if any(_orig(doc, cue.end - 1) <= date.span.start and
                   _tokens_between(doc, _orig(doc, cue.end - 1), date.span.start) <= REPORT_GAP
                   for cue in reporting):
                continue
            return date, ctx_people.get(sentence.index, set()), False
    return None


def _is_news_sentence(doc: Document, sentence: Sentence) -> bool:
    """A real sentence about the two states (not a date line or a byline): it names a state or a
    place and has at least ``NEWS_SENTENCE_WORDS`` words."""
    words = [t for t in doc.tokens[sentence.tok_start:sentence.tok_end] if t.text[:1].isalpha()]
    names = any(m.label.startswith(("country|", "place|")) for m in doc.mentions
                if sentence.tok_start <= m.start < sentence.tok_end)
    return names and len(words) >= NEWS_SENTENCE_WORDS


def _publication_date(doc: Document) -> ResolvedDate | None:
    published = doc.article.reference_date
    if published is None:
        return None
    start = PartialDate(published.year, published.month) if published.month else PartialDate(published.year)
    return ResolvedDate(start, None, doc.article.published_phrase or published.iso(), None, "publication")


def _inherited(date: ResolvedDate, cand: Candidate, lead_planned: bool) -> ResolvedDate:
    """A planned event told after a reported lead happens during that story, on a day not stated,
    and so does an event within a lead that spans several days ("from 2 to 3 July ... the two
    presidents then held talks"): they keep the lead's month only."""
    spans_days = date.end is not None and date.end != date.start
    if spans_days and cand.day_of_lead and date.start.precision == "day" and date.end.precision == "day":
        day = date.start if cand.day_of_lead == "first_day" else date.end
        return ResolvedDate(day, None, date.phrase, date.span, date.rule + f";{cand.day_of_lead}_of_lead")
    if date.start.precision == "day" and (cand.planned and not lead_planned or spans_days and cand.type != "visit"):
        start = PartialDate(date.start.year, date.start.month)
        return ResolvedDate(start, None, date.phrase, date.span, date.rule + ";month_of_lead")
    return date


def date_candidates(doc: Document, cands: list[Candidate], sentence_people: dict[int, set[str]]) -> None:
    _sentence_dates(doc, cands)
    lead = _lead(doc, cands, sentence_people)
    publication = _publication_date(doc)
    for cand in cands:
        if cand.date is not None:
            continue
        keys = {p.key for p in cand.persons}
        if cand.date_source == "taken":
            cand.date_source = None
            continue
        if cand.background or cand.sentence.kind == "caption" or cand.family == "summit":
            continue  # a summit is dated by its own sentence or not at all: it is rarely the lead story
        if lead is not None:
            for person in cand.persons:  # an unnamed office holder counts as the holder at the lead's date
                if person.pending:
                    settled = settle(person, lead[0], doc.article.reference_date, cand.persons, cand.known)
                    keys.add(settled.key if settled else person.key)
        if lead is not None and (keys & lead[1] or not lead[1] or "reference_resolved" in cand.signals):
            cand.date, cand.date_source = _inherited(lead[0], cand, lead[2]), "lead"
        elif publication is not None and not cand.planned:
            cand.date, cand.date_source = publication, "publication"


def event_day(date: ResolvedDate | None, published: PartialDate | None) -> dt.date | None:
    if date is not None:
        return date.start.first_day()
    return published.first_day() if published is not None else None
