"""Dates of candidates: the date phrase of the candidate's own clause; else the date of the clause it
is joined to ("held talks on Monday and witnessed the signing", "visited Beijing in April, where he
met Xi", "pada Mei 2004, saat kedua negara meneken"); else the lead story's date when the candidate
continues it; else, for a reported event, the month of publication.

A date is not the candidate's when it dates the report ("kata Beijing, Senin (12/9)"), follows
"sejak"/"since" (unless an event noun stands between: "sejak kunjungan kenegaraannya pada September
2022"; or a when-clause follows it: "sejak bulan lalu, ketika Menlu Wang Yi berkunjung"), lies in
another clause far from the trigger, or contradicts the offices the sentence gives its people
("Presiden Tokayev" in 1992). A date after publication, or a phrase pointing ahead ("pekan depan"),
makes the event planned; "the same day"/"keesokan harinya" lean on the day of the event told before
(``anchor_on_events``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

from dataclasses import dataclass, replace

from app.extract.clauses import relative_clauses, since_clauses
from app.extract.frames import Frame
from app.extract.document import Cue, Document, Sentence
from app.extract.entities import SIDES, actors, name_stops
from app.extract.people import Person, settle
from app.extract.dates import points_ahead, reanchored
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
STORY_DAYS = 7
"""A candidate dated more than this before the story's day (the lead, else publication) is an earlier
event: "the two sides"/"kedua negara" there are not the story's principals."""


def _reporting_positions(doc: Document, sentence: Sentence) -> list[Cue]:
    return doc.cues_in(sentence, "reporting")


def _orig(doc: Document, tok: int) -> int:
    return doc.tok_orig[min(tok, len(doc.tok_orig) - 1)]


def _tokens_between(doc: Document, start: int, end: int) -> int:
    """How many tokens start strictly between two original offsets."""
    return max(0, bisect_left(doc.tok_orig, end) - bisect_right(doc.tok_orig, start))


def _is_report_date(doc: Document, date: ResolvedDate, frame: Frame, reporting: list[Cue]) -> bool:
    """A date that dates the report, not the event: right after a reporting verb ("Dilansir dari
    Bloomberg pada Senin (12/9)"), or after a reporting verb that follows the trigger ("..., kata
    Kementerian Luar Negeri Tiongkok pada hari Kamis (4/7)")."""
    trig_start, trig_end = _orig(doc, frame.start), _orig(doc, frame.end - 1)
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
    """The date follows a cue of ``kind`` within that cue's window ("sejak 3 Januari 1992"), with no
    event noun between them ("sejak kunjungan kenegaraannya pada September 2022" dates the visit)."""
    for match in doc.cues_in(sentence, kind):
        end = _orig(doc, match.end - 1)
        if end < date.span.start and _tokens_between(doc, end, date.span.start) <= match.window:
            last = bisect_left(doc.tok_orig, date.span.start)
            if not any(m.label.startswith("trigger|") and match.end <= m.start < last for m in doc.mentions):
                return True
    return False


def _since_between(doc: Document, frame: Frame, date: ResolvedDate) -> bool:
    """ "lawatan pertama Xi sejak kunjungan kenegaraannya pada September 2022": a date after "since" and
    another event noun belongs to that earlier event, not to the trigger before "since"."""
    first = bisect_left(doc.tok_orig, date.span.start)
    if first <= frame.end:
        return False
    for cue in doc.cues_in(frame.sentence, "since"):
        if frame.end <= cue.start < first and any(
                m.label.startswith("trigger|") and cue.end <= m.start < first for m in doc.mentions):
            return True
    return False


def _in_other_clause(doc: Document, asides: list[tuple[int, int]], frame: Frame, date: ResolvedDate,
                     relative: bool = True) -> bool:
    """The date lies in a relative or since-clause that the candidate's triggers are not in ("Mr X, who
    arrived on Sunday for a state visit, is expected to meet Y"; "his second trip since he took office in
    March 2003"): it dates what that clause tells."""
    first = bisect_left(doc.tok_orig, date.span.start)
    return any(lo <= first < hi and not any(lo <= t.match.start < hi for t in frame.triggers)
               and not (relative and _describes(doc, frame, lo))
               # "sejak bulan lalu, ketika Menlu Wang Yi berkunjung": a when-clause after a since-date is its day
               and not (not relative and frame.start >= hi and _cues_between(doc, hi, frame.start, "simultaneous"))
               for lo, hi in asides)


DESCRIBED_GAP = 4
"""Tokens between an event noun and a relative clause that describes it ("Jiang's state visit to
Kazakhstan, which began Thursday")."""


def _describes(doc: Document, frame: Frame, clause_start: int) -> bool:
    """The relative clause opening at ``clause_start`` describes one of the candidate's event nouns."""
    return any(t.match.end <= clause_start <= t.match.end + DESCRIBED_GAP
               and not any(doc.tokens[i].text in CLAUSE_MARKS for i in range(t.match.end, clause_start))
               and not any(t.match.end <= p.pos < clause_start for p in frame.persons)  # "... to meet Mr Hu, who"
               for t in frame.triggers)


def _cues_between(doc: Document, start: int, end: int, kind: str) -> bool:
    """A cue of ``kind`` starts in the token range [start, end)."""
    return doc.has_cue(kind, start, end)


def _bridged(doc: Document, told: Frame, frame: Frame) -> bool:
    """``frame`` continues the clause of ``told``, which the sentence dates: coordinated with it ("held
    talks and witnessed the signing"), joined by a word of simultaneity ("visited Beijing in April, where
    he met Xi"; "pada Mei 2004, saat kedua negara meneken"; "..., yang menghasilkan 30 dokumen"), or a
    meeting on the sidelines of the summit it dates."""
    if told.planned != frame.planned:
        return False
    if frame.subtype == "meeting_on_sidelines" and told.family == "summit":
        return True
    # the trigger of ``told`` that stands before ``frame`` ("paid a working visit to Beijing, where he held
    # talks on preparations for the premier's visit": the working visit, not the later visit noun)
    told_end = max((t.match.end for t in told.triggers if t.match.end <= frame.start), default=None)
    if told_end is None:
        return _framed_by(doc, frame, told)
    told_start = min(t.match.start for t in told.triggers)
    if frame.family == "summit" and _cues_between(doc, told_end, frame.start, "purpose"):
        return False  # "tiba di Astana pada 2 Juli untuk menghadiri KTT": the summit lies ahead
    between = [doc.tokens[i].text for i in range(told_end, frame.start)]
    if not any(t in CLAUSE_MARKS for t in between):
        return True
    # across a clause boundary only an event told anew ("saat kedua negara meneken"), not a noun the
    # clause refers to ("..., during which they agreed to cooperate in the ratification of agreements")
    if frame.anaphoric:
        return False
    if _cues_between(doc, told_end, frame.start, "simultaneous"):
        return True
    if sum(t in CLAUSE_MARKS for t in between) == 1 and _cues_between(doc, told_end, frame.start, "coordination"):
        return True  # "held talks ... on Wednesday, and the two sides signed ...": one time for both clauses
    # "When Xi visited Astana in September 2013, the two presidents signed ...": the dated clause is
    # the when-clause that opens the sentence
    opening = [doc.tokens[i].text for i in range(frame.sentence.tok_start, told_start)]
    return not any(t in CLAUSE_MARKS for t in opening) and \
        _cues_between(doc, frame.sentence.tok_start, frame.sentence.tok_start + 2, "simultaneous")


def _framed_by(doc: Document, frame: Frame, told: Frame) -> bool:
    """ "held the ninth meeting ... with Vice Premier Han Zheng during his visit to Beijing last month": an
    event told before a frame ("during", "dalam") that names a dated event within the same clause happened
    at that event's time."""
    head = min(t.match.start for t in told.triggers)
    if head < frame.end or any(doc.tokens[i].text in CLAUSE_MARKS for i in range(frame.end, head)):
        return False
    for match in doc.cues_by_kind.get("during", ()):
        if frame.end <= match.start and match.end <= head <= match.end + match.window:
            return True
    return False


def _gap_tokens(doc: Document, frame: Frame, date: ResolvedDate) -> range:
    """Token indices strictly between the candidate's triggers and the date."""
    first = bisect_left(doc.tok_orig, date.span.start)
    last = bisect_left(doc.tok_orig, date.span.end) - 1
    if first >= frame.end:
        return range(frame.end, first)
    return range(last + 1, frame.start) if last < frame.start else range(0)


def _clause_distance(doc: Document, frame: Frame, date: ResolvedDate, reporting: list[Cue]) -> int:
    """Tokens between trigger and date, with clause boundaries (punctuation) and reporting verbs
    counting extra: a date belongs to the trigger of its own clause."""
    gap = _gap_tokens(doc, frame, date)
    cue_tokens = {i for m in reporting for i in range(m.start, m.end)}
    beside_date = gap.stop - 1 if gap and gap.start >= frame.end else -1  # "met ..., Sept. 23" is apposition
    # a relative clause between them is an aside ("On the same day, Tang, who is accompanying Zhu, met ...")
    aside = {i for lo, hi in relative_clauses(doc, frame.sentence) if not lo <= frame.start <= hi
             for i in range(lo, hi + 1)}
    distance = 0
    for i in gap:
        if i in aside:
            continue
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


def _terms_allow(frame: Frame, date: ResolvedDate) -> bool:
    """False when a person is named with an office they did not hold at that date
    ("Presiden Kassym-Jomart Tokayev" cannot be the subject of an event in 1992)."""
    lo, hi = date.start.first_day(), (date.end or date.start).last_day()
    for person in frame.persons:
        # only offices this sentence gives ("Presiden Tokayev"), not those carried by "kedua pemimpin"
        if not person.actor_id or not person.offices or person.via not in ("named", "family_name", "office"):
            continue
        terms = [t for t in actors()[person.actor_id].terms if t.office in person.offices]
        if terms and not any(_term_start(t) <= hi and (t.end is None or lo < _term_end(t)) for t in terms):
            return False
    return True


def _term_start(term) -> dt.date:
    return term.start - APPROX_TERM_SLACK if term.approx else term.start


def _term_end(term) -> dt.date:
    return term.end + APPROX_TERM_SLACK if term.approx else term.end


def _sentence_dates(doc: Document, frames: list[Frame]) -> None:
    """Each date of a sentence goes to the nearest candidate; each candidate takes its nearest date.
    A candidate left without one shares the nearest date of its sentence."""
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(frame.sentence.index, []).append(frame)
    for group in by_sentence.values():
        sentence = group[0].sentence
        reporting = _reporting_positions(doc, sentence)
        claims: dict[int, list[tuple[int, ResolvedDate]]] = {}
        forward: set[int] = set()
        usable_for: dict[int, list[tuple[int, ResolvedDate]]] = {}

        def distance(c: Frame, date: ResolvedDate) -> int:
            return _clause_distance(doc, c, date, reporting)

        ahead = {(d.span.start, d.span.end): d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end,
                                                                           planned=True) if d.span is not None}
        asides = relative_clauses(doc, sentence)
        since_spans = since_clauses(doc, sentence)
        for planned in (False, True):
            members = [c for c in group if c.planned == planned]
            if not members:
                continue
            for date in doc.dates.dates_in(sentence.orig_start, sentence.orig_end, planned=planned):
                if date.span is None:
                    continue
                since = _after_cue(doc, sentence, date, "since")
                if since:
                    # "sejak bulan lalu, ketika Menlu Wang Yi berkunjung ke Astana": the since-date is the
                    # day of the when-clause only
                    after = bisect_left(doc.tok_orig, date.span.end)
                    members_now = [c for c in members if c.start >= after and
                                   _cues_between(doc, after, c.start, "simultaneous")]
                    if not members_now:
                        continue
                else:
                    members_now = members
                if not planned and _in_planned_clause(doc, sentence, date):
                    # "will join ... on Tuesday", "to be held on Wednesday": the date lies ahead
                    date = ahead.get((date.span.start, date.span.end), date)
                    forward.add(id(date))
                usable = [c for c in members_now if not _is_report_date(doc, date, c, reporting)
                          and not _since_between(doc, c, date) and not _in_other_clause(doc, asides, c, date)
                          and not _in_other_clause(doc, since_spans, c, date, relative=False)
                          and _terms_allow(c, date) and (sentence.kind == "caption" or
                                                         distance(c, date) <= MAX_DATE_DISTANCE)]
                if not usable:
                    continue
                for c in usable:
                    usable_for.setdefault(id(c), []).append((distance(c, date), date))
                nearest = min(usable, key=lambda c: distance(c, date))
                claims.setdefault(id(nearest), []).append((distance(nearest, date), date))
        for frame in group:
            mine = claims.get(id(frame))
            if mine:
                frame.date = min(mine, key=lambda x: x[0])[1]
                frame.date_source = "caption" if sentence.kind == "caption" else "sentence"
                frame.planned = frame.planned or id(frame.date) in forward
            elif usable_for.get(id(frame)) and min(usable_for[id(frame)], key=lambda x: x[0])[0] <= SHARED_DATE_DISTANCE:
                # "held talks on Tuesday and signed a joint declaration": one clause, one day
                frame.date = min(usable_for[id(frame)], key=lambda x: x[0])[1]
                frame.date_source = "caption" if sentence.kind == "caption" else "sentence"
            elif claims and (told := next((c for c in reversed(group) if claims.get(id(c)) and c is not frame
                                           and _bridged(doc, c, frame)), None)) is not None:
                # of the dates the clause before claims, the one of the clause the bridge opens after ("a
                # visit in May, and in October he attended a forum, where they met": October)
                frame.date = min(claims[id(told)], key=lambda x: distance(frame, x[1]))[1]
                # a visit under way on the day of the event before it is known to the month (see _visit_date)
                frame.date_source = "shared" if frame.type == "visit" else \
                    "caption" if sentence.kind == "caption" else "sentence"
                frame.signals.append("date_of_clause_before")
            elif claims and frame.type == "visit" and not frame.anaphoric and usable_for.get(id(frame)):
                # "talks on May 20 in Astana, where the minister arrived to ...": the visit was under
                # way on the day of the event its sentence dates (known to the month: it may have begun before)
                frame.date = min(usable_for[id(frame)], key=lambda x: x[0])[1]
                frame.date_source = "shared"
            elif claims:
                frame.date_source = "taken"  # the sentence's date belongs to another event in it


def _in_planned_clause(doc: Document, sentence: Sentence, date: ResolvedDate) -> bool:
    """A planned cue stands before the date in its clause ("will join ... on Tuesday", "to be held
    on Wednesday", "yang dijadwalkan berlangsung Kamis")."""
    for match in doc.cues_in(sentence, "planned"):
        if match.after:
            continue  # an adjective ("upcoming visit") qualifies its noun, not the clause
        end = _orig(doc, match.end - 1)
        if end >= date.span.start:
            continue
        first, last = bisect_right(doc.tok_orig, end), bisect_left(doc.tok_orig, date.span.start)
        between = [doc.tokens[i].text for i in range(first, last)]
        if len(between) <= PLANNED_DATE_WINDOW and not any(t in CLAUSE_MARKS for t in between) \
                and not _cues_between(doc, first, last, "since"):  # "... akan menjadi ... sejak ... 2022"
            return True
    return False


def _is_old(date: ResolvedDate, published: PartialDate | None) -> bool:
    if published is None:
        return False
    return date.start.last_day() < published.first_day() - dt.timedelta(days=OLD_DAYS)


@dataclass
class Lead:
    date: ResolvedDate
    keys: set[str]  # the Chinese and Kazakh people of the lead sentence
    planned: bool
    persons: list[Person]  # those people as the lead sentence's candidates name them (when it has any)


def _lead(doc: Document, frames: list[Frame], ctx_people: dict[int, set[str]]) -> Lead | None:
    lead = _lead_of(doc, frames, ctx_people)
    if lead is None:
        return None
    date, keys, planned = lead
    persons: dict[str, Person] = {}
    for frame in frames:
        for person in frame.persons:
            if person.key in keys and person.country in SIDES:
                persons.setdefault(person.key, person)
    return Lead(date, keys, planned, list(persons.values()))


def _lead_of(doc: Document, frames: list[Frame],
             ctx_people: dict[int, set[str]]) -> tuple[ResolvedDate, set[str], bool] | None:
    """The lead story's date and people: from the first body sentences that carry a date."""
    published = doc.article.reference_date
    body_start = doc.article.extra.get("body_start", 0)
    body = [s for s in doc.sentences if s.kind == "body" and s.orig_end > body_start][:LEAD_SENTENCES]
    for sentence in body:
        own = [c for c in frames if c.sentence.index == sentence.index and c.date and not c.background]
        for frame in own:
            if not _is_old(frame.date, published) and frame.date.start.precision != "year":
                return frame.date, ctx_people.get(sentence.index, set()), frame.planned
        if any(c.sentence.index == sentence.index for c in frames):
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
    names = any(m.label.startswith(("country|", "place|")) for m in doc.mentions_in(sentence))
    return names and len(words) >= NEWS_SENTENCE_WORDS


def _publication_date(doc: Document) -> ResolvedDate | None:
    published = doc.article.reference_date
    if published is None:
        return None
    start = PartialDate(published.year, published.month) if published.month else PartialDate(published.year)
    return ResolvedDate(start, None, doc.article.published_phrase or published.iso(), None, "publication")


def _inherited(date: ResolvedDate, frame: Frame, lead_planned: bool) -> ResolvedDate:
    """A planned event told after a reported lead happens during that story, on a day not stated,
    and so does an event within a lead that spans several days ("from 2 to 3 July ... the two
    presidents then held talks"): they keep the lead's month only."""
    spans_days = date.end is not None and date.end != date.start
    if spans_days and frame.day_of_lead and date.start.precision == "day" and date.end.precision == "day":
        day = date.start if frame.day_of_lead == "first_day" else date.end
        return ResolvedDate(day, None, date.phrase, date.span, date.rule + f";{frame.day_of_lead}_of_lead")
    if date.start.precision == "day" and (frame.planned and not lead_planned or spans_days and frame.type != "visit"):
        start = PartialDate(date.start.year, date.start.month)
        return ResolvedDate(start, None, date.phrase, date.span, date.rule + ";month_of_lead")
    return date


def date_candidates(doc: Document, frames: list[Frame], sentence_people: dict[int, set[str]]) -> None:
    _sentence_dates(doc, frames)
    lead = _lead(doc, frames, sentence_people)
    publication = _publication_date(doc)
    for frame in frames:
        if frame.date is not None:
            continue
        keys = {p.key for p in frame.persons}
        if frame.date_source == "taken":
            frame.date_source = None
            continue
        if frame.background or frame.sentence.kind == "caption" or frame.family == "summit":
            continue  # a summit is dated by its own sentence or not at all: it is rarely the lead story
        if lead is not None:
            for person in frame.persons:  # an unnamed office holder counts as the holder at the lead's date
                if person.pending:
                    settled = settle(person, lead.date, doc.article.reference_date, frame.persons, frame.sentence_people.known)
                    keys.add(settled.key if settled else person.key)
        # an announced event joins a reported lead story only through a person the sentence names ("kedua
        # menteri menyepakati dokumen yang akan ditandatangani dalam kunjungan Presiden Xi": a later visit)
        named = {p.key for p in frame.persons if p.via not in ("pair", "pair_states")}
        joins = lead is not None and (keys & lead.keys or not lead.keys or "reference_resolved" in frame.signals)
        if joins and (not frame.planned or lead.planned or named & lead.keys):
            frame.date, frame.date_source = _inherited(lead.date, frame, lead.planned), "lead"
            _talks_of_the_lead(frame, lead)
        elif publication is not None and not frame.planned:
            frame.date, frame.date_source = publication, "publication"
    story = lead.date if lead is not None else publication
    published = doc.article.reference_date
    for frame in frames:
        if frame.date is None:
            continue
        if story is not None and frame.date_source in ("sentence", "caption") and \
                (frame.date.end or frame.date.start).last_day() < story.start.first_day() - dt.timedelta(days=STORY_DAYS):
            _earlier_event(frame)
        if frame.type == "visit" and frame.date_source == "shared":
            continue  # under way on the day of another event ("is in Beijing to attend the meeting on Wednesday")
        if published is not None and frame.date.start.first_day() > published.last_day() \
                or frame.date_source in ("sentence", "caption") and points_ahead(frame.date):
            frame.planned = True  # dated after publication ("pekan depan"): announced, not reported


def anchor_on_events(frames: list[Frame]) -> None:
    """ "On the same day, ...", "Keesokan harinya, ...": a date told relative to the one before leans
    on the day of the last event told (both sides, not a recollection, a summit only when its own sentence
    dates it), not on whatever
    date the text named last ("over Tuesday's attacks")."""
    last: ResolvedDate | None = None
    for frame in frames:
        if frame.date is not None and frame.date_source in ("sentence", "caption") and last is not None:
            moved = reanchored(frame.date, last.start)
            if moved is not None:
                frame.date = moved
        # a summit counts when its own sentence dates it ("... yang digelar di Almaty pada Sabtu (26/4). Pada
        # hari yang sama, Presiden Tokayev menerima Wang")
        told = frame.verdict == "complete" and not frame.background and not frame.planned and frame.date is not None \
            and frame.date.start.precision == "day" and (frame.family != "summit" or frame.date_source == "sentence")
        if told:
            last = frame.date


def _earlier_event(frame: Frame) -> None:
    """An event dated well before the story: "the two sides"/"kedua negara" name the story's principals,
    not the parties of that earlier event ("the plan ..., signed in Hangzhou in September"; "the border
    agreement between the two countries signed in April 1994 during Premier Li Peng's visit")."""
    if any(p.via == "pair_states" for p in frame.persons):
        frame.persons = [p for p in frame.persons if p.via != "pair_states"]
        frame.states = list(frame.sentence_people.named_states)


def _talks_of_the_lead(frame: Frame, lead: Lead) -> None:
    """ "After the talks, Xi said ...", "During the talks, Hu said ...": talks referred to as known, with
    one side named, on the lead's day, are the lead story's talks between its two principals."""
    if frame.type != "meeting" or frame.family != "meeting" or not frame.anaphoric or frame.planned or frame.remote:
        return
    sides = {p.country for p in frame.persons if p.country in SIDES}
    if len(sides) != 1 or not {p.key for p in frame.persons} <= lead.keys:
        return
    others = [p for p in lead.persons if p.country in SIDES and p.country not in sides]
    if others and {p.country for p in lead.persons} >= set(SIDES):
        frame.persons = frame.persons + [replace(p, pos=frame.start, via="pair", rule="lead_principals") for p in others]
        frame.signals.append("reference_resolved")


def event_day(date: ResolvedDate | None, published: PartialDate | None) -> dt.date | None:
    """The day an event's titles are read on: its day; for a month or a year, the day of that period
    nearest to publication ("earlier this year" in November 2019: a president's title, not January's)."""
    if date is not None:
        first = date.start.first_day()
        if date.start.precision == "day" or published is None or published.precision != "day":
            return first
        return min(max(published.first_day(), first), (date.end or date.start).last_day())
    return published.first_day() if published is not None else None
