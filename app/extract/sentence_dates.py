"""Which date of a sentence is which frame's: the first step of dating.

``date_sentence`` (input: the frames of one sentence, in order; output: their ``date`` and
``date_source``, and ``planned`` for a date that a planned clause puts ahead) runs two steps:

1. ``claim_dates``: each date phrase of the sentence may be taken by the frames ``may_take`` allows
   (it does not date the report, an earlier event after "since", or what a relative or since-clause
   the frame is not in tells; the offices of the frame's people were held then; it is near enough),
   and is claimed by the nearest of them (``clause_distance``: tokens, with clause boundaries and
   reporting verbs counting extra);
2. ``take_date``: each frame then takes, by the first rule that gives one: the nearest date it
   claimed; a date it may take within one clause; the date of the dated clause it continues
   (``bridged``); for a visit, the day of the event its sentence dates. A frame of a sentence whose
   dates all went to other frames is marked "taken": it gets no date from the lead either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.extract.clauses import CLAUSE_MARKS, relative_clauses, since_clauses
from app.extract.document import Cue, Document, Sentence
from app.extract.entities import actors, name_stops, offices, reference_words
from app.extract.frames import Frame
from app.extract.types import ResolvedDate

REPORT_GAP = 4
"""Tokens between a reporting verb and a date that dates the report ("kata juru bicara, Selasa (5/3)")."""
REPORT_GAP_AFTER_TRIGGER = 7
"""The same when the reporting verb follows the trigger and names a longer source."""
MAX_DATE_DISTANCE = 40
"""Clause distance (see ``clause_distance``) beyond which a date of a body sentence is not the
trigger's own."""
SHARED_DATE_DISTANCE = 8
"""A date nearer another trigger is shared with this one when they stand in one clause."""
CLAUSE_PENALTY = 10
"""What crossing a comma, bracket, quote or reporting verb adds to the distance of a date."""
BOUNDARY_MARKS = CLAUSE_MARKS | frozenset(".!?")
PART_MARKS = frozenset({":", ";", "—"})
"""Marks after which a sentence starts anew ("It took a year: when X visited Astana, they signed ...")."""
"""Clause marks, and the sentence marks that stand inside a sentence ("Oct.", "Mr.", a quoted "!")."""
APPROX_TERM_SLACK = dt.timedelta(days=183)
"""A term known only roughly (``approx``) vetoes no date within this margin of its ends."""
PLANNED_DATE_WINDOW = 10
"""Tokens between a planned cue and a date in the same clause that make the date lie ahead."""
LIST_PENALTY = 2
"""What a comma between two names adds (an enumeration or an apposition, not a clause boundary)."""
SHORT_ASIDE = 3
"""Tokens a bracketed aside may hold and still not count as a clause boundary."""
DESCRIBED_GAP = 4
"""Tokens between an event noun and a relative clause that describes it ("the minister's visit to
Astana, which ended on Friday")."""


@dataclass(frozen=True)
class Claim:
    """A date a frame may take, and how far it stands from the frame's triggers."""

    distance: int
    date: ResolvedDate
    ahead: bool = False  # a planned clause puts it ahead ("will meet ... on Tuesday")


@dataclass
class SentenceDates:
    """The dates of one sentence as its frames (by position) may take them."""

    sentence: Sentence
    reporting: list[Cue]  # the sentence's reporting verbs
    asides: list[tuple[int, int]]  # its relative clauses
    claimed: list[list[Claim]]  # dates each frame is the nearest frame to
    usable: list[list[Claim]]  # dates each frame may take

    def distance(self, doc: Document, frame: Frame, date: ResolvedDate) -> int:
        return clause_distance(doc, frame, date, self.reporting, self.asides)


# --------------------------------------------------------------------------- the pass


def date_sentence(doc: Document, frames: list[Frame]) -> None:
    """Give the frames of one sentence the dates the sentence states for them."""
    dates = claim_dates(doc, frames)
    for k in range(len(frames)):
        take_date(doc, frames, k, dates)


def claim_dates(doc: Document, frames: list[Frame]) -> SentenceDates:
    """Each date of the sentence: the frames that may take it, and the nearest of them, which claims
    it. Reported frames read the dates as reported, planned ones as planned ("Kamis" ahead, not back);
    a date in a planned clause is read ahead for a reported frame too."""
    sentence = frames[0].sentence
    dates = SentenceDates(sentence, doc.cues_in(sentence, "reporting"), relative_clauses(doc, sentence),
                          [[] for _ in frames], [[] for _ in frames])
    ahead = {(d.span.start, d.span.end): d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end,
                                                                       planned=True) if d.span is not None}
    since_spans = since_clauses(doc, sentence)
    for planned in (False, True):
        members = [k for k, frame in enumerate(frames) if frame.planned == planned]
        if not members:
            continue
        for date in doc.dates.dates_in(sentence.orig_start, sentence.orig_end, planned=planned):
            if date.span is None:
                continue
            if _after_cue(doc, sentence, date, "since"):
                # "sejak bulan lalu, ketika Menlu X berkunjung ke Astana": the since-date is the day of
                # the when-clause only
                after = doc.token_at(date.span.end)
                takers = [k for k in members if frames[k].start >= after
                          and doc.has_cue("simultaneous", after, frames[k].start)]
                if not takers:
                    continue
            else:
                takers = members
            forward = not planned and in_planned_clause(doc, sentence, date)
            if forward:  # "will join ... on Tuesday", "to be held on Wednesday": the date lies ahead
                date = ahead.get((date.span.start, date.span.end), date)
            usable = [k for k in takers if may_take(doc, frames[k], date, dates, since_spans)]
            if not usable:
                continue
            for k in usable:
                dates.usable[k].append(Claim(dates.distance(doc, frames[k], date), date))
            nearest = min(usable, key=lambda k: dates.distance(doc, frames[k], date))
            dates.claimed[nearest].append(Claim(dates.distance(doc, frames[nearest], date), date, forward))
    return dates


def may_take(doc: Document, frame: Frame, date: ResolvedDate, dates: SentenceDates,
             since_spans: list[tuple[int, int]]) -> bool:
    """Whether ``date`` may be the frame's: each rule that says it is another's is a function."""
    return not is_report_date(doc, date, frame, dates.reporting) \
        and not _since_between(doc, frame, date) \
        and not _in_other_clause(doc, dates.asides, frame, date) \
        and not _in_other_clause(doc, since_spans, frame, date, relative=False) \
        and terms_allow(frame, date) \
        and (dates.sentence.kind == "caption" or dates.distance(doc, frame, date) <= MAX_DATE_DISTANCE)


def take_date(doc: Document, frames: list[Frame], k: int, dates: SentenceDates) -> None:
    """The date frame ``k`` takes of those its sentence gives, by the first rule that gives one."""
    frame = frames[k]
    own_source = "caption" if dates.sentence.kind == "caption" else "sentence"
    claimed, usable = dates.claimed[k], dates.usable[k]
    any_claims = any(dates.claimed)
    if claimed:
        nearest = min(claimed, key=lambda c: c.distance)
        frame.date, frame.date_source = nearest.date, own_source
        frame.planned = frame.planned or nearest.ahead
    elif usable and min(usable, key=lambda c: c.distance).distance <= SHARED_DATE_DISTANCE:
        # "held talks on Tuesday and signed a joint declaration": one clause, one day
        frame.date, frame.date_source = min(usable, key=lambda c: c.distance).date, own_source
    elif any_claims and (told := next((j for j in reversed(range(len(frames))) if dates.claimed[j] and j != k
                                       and bridged(doc, frames[j], frame)), None)) is not None:
        # of the dates the clause before claims, the one of the clause the bridge opens after ("a
        # visit in May, and in October he attended a forum, where they met": October)
        frame.date = min(dates.claimed[told], key=lambda c: dates.distance(doc, frame, c.date)).date
        # a visit under way on the day of the event before it is known to the month (see pipeline._visit_date)
        frame.date_source = "shared" if frame.type == "visit" else own_source
        frame.signals.append("date_of_clause_before")
    elif any_claims and frame.type == "visit" and not frame.anaphoric and usable:
        # "talks on 20 May in Astana, where the minister arrived to ...": the visit was under way on the
        # day of the event its sentence dates (known to the month: it may have begun before)
        frame.date, frame.date_source = min(usable, key=lambda c: c.distance).date, "shared"
    elif any_claims:
        frame.date_source = "taken"  # the sentence's date belongs to another event in it


# --------------------------------------------------------------------------- dates that are another's


def is_report_date(doc: Document, date: ResolvedDate, frame: Frame, reporting: list[Cue]) -> bool:
    """A date that dates the report, not the event: right after a reporting verb ("Dikutip dari
    kantor berita itu pada Senin (3/6)"), or after a reporting verb that follows the trigger ("..., kata
    juru bicara kementerian itu pada hari Rabu (5/6)")."""
    trig_start, trig_end = doc.orig_offset(frame.start), doc.orig_offset(frame.end - 1)
    for cue in reporting:
        cue_start, cue_end = doc.orig_offset(cue.start), doc.orig_offset(cue.end - 1)
        if date.span.start <= cue_end:
            continue
        gap = doc.tokens_between(cue_end, date.span.start)
        if cue_start > trig_end and gap <= REPORT_GAP_AFTER_TRIGGER:
            return True
        if cue_end <= trig_start and gap <= REPORT_GAP:
            return True
    return False


def _after_cue(doc: Document, sentence: Sentence, date: ResolvedDate, kind: str) -> bool:
    """The date follows a cue of ``kind`` within that cue's window ("sejak 3 Januari 1992"), with no
    event noun between them ("sejak kunjungannya pada Mei 2019" dates the visit)."""
    for match in doc.cues_in(sentence, kind):
        end = doc.orig_offset(match.end - 1)
        if end < date.span.start and doc.tokens_between(end, date.span.start) <= match.window:
            last = doc.token_at(date.span.start)
            if not any(m.label.startswith("trigger|") and match.end <= m.start < last for m in doc.mentions):
                return True
    return False


def _since_between(doc: Document, frame: Frame, date: ResolvedDate) -> bool:
    """ "lawatan pertama X sejak kunjungannya pada Mei 2019": a date after "since" and another event
    noun belongs to that earlier event, not to the trigger before "since"."""
    first = doc.token_at(date.span.start)
    if first <= frame.end:
        return False
    for cue in doc.cues_in(frame.sentence, "since"):
        if frame.end <= cue.start < first and any(
                m.label.startswith("trigger|") and cue.end <= m.start < first for m in doc.mentions):
            return True
    return False


def _in_other_clause(doc: Document, asides: list[tuple[int, int]], frame: Frame, date: ResolvedDate,
                     relative: bool = True) -> bool:
    """The date lies in a relative or since-clause that the frame's triggers are not in ("Mr X, who
    arrived on Friday for talks, is expected to meet Y"; "his third trip since he took office in May
    2011"): it dates what that clause tells."""
    first = doc.token_at(date.span.start)
    return any(lo <= first < hi and not any(lo <= t.match.start < hi for t in frame.triggers)
               and not (relative and _describes(doc, frame, lo))
               # "sejak bulan lalu, ketika Menlu X berkunjung": a when-clause after a since-date is its day
               and not (not relative and frame.start >= hi and doc.has_cue("simultaneous", hi, frame.start))
               for lo, hi in asides)


def _describes(doc: Document, frame: Frame, clause_start: int) -> bool:
    """The relative clause opening at ``clause_start`` describes one of the frame's event nouns."""
    linking = reference_words("destination_preposition") | reference_words("place_descriptor")
    return any(t.match.end <= clause_start <= t.match.end + DESCRIBED_GAP
               and not any(doc.tokens[i].text in BOUNDARY_MARKS for i in range(t.match.end, clause_start))
               # "visit to Astana, which": a place between; not "discussed trade, which" (the clause is trade's)
               and all(doc.tokens[i].is_capitalised or doc.tokens[i].lower in linking
                       for i in range(t.match.end, clause_start) if doc.tokens[i].text != ",")
               and not any(t.match.end <= p.pos < clause_start for p in frame.persons)  # "... to meet Mr X, who"
               for t in frame.triggers)


def terms_allow(frame: Frame, date: ResolvedDate) -> bool:
    """False when a person is named with an office they did not hold at that date
    ("Presiden Kassym-Jomart Tokayev" cannot be the subject of an event in 1992)."""
    lo, hi = date.start.first_day(), (date.end or date.start).last_day()
    for person in frame.persons:
        # only offices this sentence gives ("Presiden Tokayev"), not those carried by "kedua pemimpin"
        if not person.actor_id or not person.offices or person.via not in ("named", "family_name", "office"):
            continue
        specs = offices()
        terms = [t for t in actors()[person.actor_id].terms if t.office in person.offices
                 and not (t.office in specs and specs[t.office].retrospective)]
        if terms and not any(_term_start(t) <= hi and (t.end is None or lo < _term_end(t)) for t in terms):
            return False
    return True


def _term_start(term) -> dt.date:
    return term.start - APPROX_TERM_SLACK if term.approx else term.start


def _term_end(term) -> dt.date:
    return term.end + APPROX_TERM_SLACK if term.approx else term.end


def in_planned_clause(doc: Document, sentence: Sentence, date: ResolvedDate) -> bool:
    """A planned cue stands before the date in its clause ("will join ... on Tuesday", "to be held
    on Wednesday", "yang dijadwalkan berlangsung Kamis")."""
    for match in doc.cues_in(sentence, "planned"):
        if match.after:
            continue  # an adjective ("upcoming visit") qualifies its noun, not the clause
        end = doc.orig_offset(match.end - 1)
        if end >= date.span.start:
            continue
        first, last = doc.token_at(end + 1), doc.token_at(date.span.start)
        between = [doc.tokens[i].text for i in range(first, last)]
        if len(between) <= PLANNED_DATE_WINDOW and not any(t in BOUNDARY_MARKS for t in between) \
                and not doc.has_cue("since", first, last):  # "... akan menjadi ... sejak ... 2022"
            return True
    return False


# --------------------------------------------------------------------------- a clause joined to a dated one


def bridged(doc: Document, told: Frame, frame: Frame) -> bool:
    """``frame`` continues the clause of ``told``, which the sentence dates: coordinated with it ("met the
    envoy and attended the signing"), joined by a word of simultaneity ("visited Almaty in June, where
    she met X"; "pada Maret 2010, saat kedua negara meneken"; "..., yang menghasilkan 12 dokumen"), or a
    meeting on the sidelines of the summit it dates."""
    if told.planned != frame.planned:
        return False
    if frame.subtype == "meeting_on_sidelines" and told.family == "summit":
        return True
    # the trigger of ``told`` that stands before ``frame`` ("made a working visit to Astana, where she
    # discussed the agenda of the minister's visit": the working visit, not the later visit noun)
    told_end = max((t.match.end for t in told.triggers if t.match.end <= frame.start), default=None)
    if told_end is None:
        return _told_during(doc, frame, told)
    told_start = min(t.match.start for t in told.triggers)
    if frame.family == "summit" and doc.has_cue("purpose", told_end, frame.start):
        return False  # "tiba di Astana pada 2 Juli untuk menghadiri KTT": the summit lies ahead
    between = [doc.tokens[i].text for i in range(told_end, frame.start)]
    if not any(t in BOUNDARY_MARKS for t in between):
        return True
    # across a clause boundary only an event told anew ("saat kedua negara meneken"), not a noun the
    # clause refers to ("..., during which they discussed renewing the accords")
    if frame.anaphoric:
        return False
    if doc.has_cue("simultaneous", told_end, frame.start):
        return True
    if sum(t in BOUNDARY_MARKS for t in between) == 1 and doc.has_cue("coordination", told_end, frame.start):
        return True  # "met ... on Friday, and the two ministers signed ...": one time for both clauses
    # "When X visited Astana in May 2011, the two presidents signed ...": the dated clause is the
    # when-clause that opens the sentence
    # when-clause that opens the sentence, or the part after a colon ("It took a year: when X visited ...")
    opens = max((i + 1 for i in range(frame.sentence.tok_start, told_start) if doc.tokens[i].text in PART_MARKS),
                default=frame.sentence.tok_start)
    opening = [doc.tokens[i].text for i in range(opens, told_start)]
    return not any(t in BOUNDARY_MARKS for t in opening) and doc.has_cue("simultaneous", opens, opens + 2)


def _told_during(doc: Document, frame: Frame, told: Frame) -> bool:
    """ "held the third round of consultations with Vice Minister X during her visit to Astana in May":
    an event told before a frame word ("during", "dalam") that names a dated event within the same clause
    happened at that event's time."""
    head = min(t.match.start for t in told.triggers)
    if head < frame.end or any(doc.tokens[i].text in BOUNDARY_MARKS for i in range(frame.end, head)):
        return False
    for match in doc.cues_by_kind.get("during", ()):
        if frame.end <= match.start and match.end <= head <= match.end + match.window:
            return True
    return False


# --------------------------------------------------------------------------- distance


def clause_distance(doc: Document, frame: Frame, date: ResolvedDate, reporting: list[Cue],
                    asides: list[tuple[int, int]]) -> int:
    """Tokens between trigger and date, with clause boundaries (punctuation) and reporting verbs
    counting extra: a date belongs to the trigger of its own clause. A relative clause between them
    (one of ``asides``) is not counted ("On the same day, X, who is travelling with him, met ...")."""
    gap = _gap_tokens(doc, frame, date)
    cue_tokens = {i for m in reporting for i in range(m.start, m.end)}
    beside_date = gap.stop - 1 if gap and gap.start >= frame.end else -1  # "met ..., Sept. 23" is apposition
    aside = {i for lo, hi in asides if not lo <= frame.start <= hi for i in range(lo, hi + 1)}
    distance = 0
    for i in gap:
        if i in aside:
            continue
        text = doc.tokens[i].text
        distance += 1
        if text in BOUNDARY_MARKS and not (text == "," and i == beside_date):
            distance += _mark_penalty(doc, i)
        if i in cue_tokens:
            distance += CLAUSE_PENALTY
    return distance


def _gap_tokens(doc: Document, frame: Frame, date: ResolvedDate) -> range:
    """Token indices strictly between the frame's triggers and the date."""
    first = doc.token_at(date.span.start)
    last = doc.token_at(date.span.end) - 1
    if first >= frame.end:
        return range(frame.end, first)
    return range(last + 1, frame.start) if last < frame.start else range(0)


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


def _is_name_word(doc: Document, i: int) -> bool:
    """A capitalised word that may be part of a name (not a weekday, a month or a function word)."""
    if not 0 <= i < len(doc.tokens):
        return False
    token = doc.tokens[i]
    return token.is_capitalised and token.text[:1].isalpha() and token.lower not in name_stops()
