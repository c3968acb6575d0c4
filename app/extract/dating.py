"""Dating frames: each frame's date, and where it comes from (``date_source``).

``date_frames`` (input: the document, every frame, and the Chinese and Kazakh people of each
sentence; output: each frame's ``date``, ``date_source`` and ``planned``) runs four steps:

1. ``sentence_dates.date_sentence``, per sentence: the date phrases of the sentence go to its frames
   (source "sentence" or "caption"; "shared" for a visit under way on the day of another event);
2. ``read_lead``: the lead story, from the first body sentences that carry a recent date, with its
   people;
3. ``date_from_sentence_before``: an undated frame whose pronoun ("they", "him") points to the people
   of the sentence before's dated event takes that date ("sequel"); ``date_from_story``: an undated frame that continues the lead
   story takes the lead's date ("lead"; only its month when the frame is announced after a reported
   lead or the lead spans days); else a reported frame takes the month of publication
   ("publication"); else it stays undated;
4. ``check_against_story``: a frame dated well before the story tells an earlier event (its "the two
   sides" are not the story's principals); one dated after publication, or by a phrase pointing
   ahead ("pekan depan"), is planned.

After judging, ``antecedents`` dates the frames that lean on an event told before them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.extract.dates import points_ahead
from app.extract.document import Document, Sentence
from app.extract.entities import SIDES
from app.extract.frames import Frame
from app.extract.people import Person, settle
from app.extract.sentence_dates import REPORT_GAP, date_sentence
from app.extract.types import PartialDate, ResolvedDate

LEAD_SENTENCES = 6
"""How many body sentences from the top may give the article's lead date."""
NEWS_SENTENCE_WORDS = 8
"""Words a lead sentence that names nobody needs (to tell it from a date line)."""
OLD_DAYS = 62
"""A date this long before publication is history, not the article's news."""
STORY_DAYS = 7
"""A frame dated more than this before the story's day (the lead, else publication) is an earlier
event: "the two sides"/"kedua negara" there are not the story's principals."""


def date_frames(doc: Document, frames: list[Frame], sentence_people: dict[int, set[str]]) -> None:
    """Date every frame: by its sentence, else by the lead story or the publication month."""
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(frame.sentence.index, []).append(frame)
    for group in by_sentence.values():
        date_sentence(doc, group)
    lead = read_lead(doc, frames, sentence_people)
    publication = publication_date(doc)
    for frame in frames:
        date_from_sentence_before(frame, by_sentence)
        date_from_eventless_sentence_before(doc, frame, by_sentence, sentence_people)
        date_from_that_time(doc, frame)
        date_from_story(doc, frame, lead, publication)
    story = lead.date if lead is not None else publication
    for frame in frames:
        check_against_story(doc, frame, story)


# --------------------------------------------------------------------------- the lead story


@dataclass
class Lead:
    date: ResolvedDate
    keys: set[str]  # the Chinese and Kazakh people of the lead sentence
    planned: bool
    persons: list[Person]  # those people as the frames name them (when any does)


def read_lead(doc: Document, frames: list[Frame], sentence_people: dict[int, set[str]]) -> Lead | None:
    """The lead story's date and people: from the first body sentences that carry a date (a frame's,
    else the sentence's own when it has no frame)."""
    found = _lead_date(doc, frames, sentence_people)
    if found is None:
        return None
    date, keys, planned = found
    persons: dict[str, Person] = {}
    for frame in frames:
        for person in frame.persons:
            if person.key in keys and person.country in SIDES:
                persons.setdefault(person.key, person)
    return Lead(date, keys, planned, list(persons.values()))


def _lead_date(doc: Document, frames: list[Frame],
               sentence_people: dict[int, set[str]]) -> tuple[ResolvedDate, set[str], bool] | None:
    published = doc.article.reference_date
    body_start = doc.article.extra.get("body_start", 0)
    body = [s for s in doc.sentences if s.kind == "body" and s.orig_end > body_start][:LEAD_SENTENCES]
    story_told = False  # a sentence before told an event without a date: the story is of the day
    for sentence in body:
        own = [f for f in frames if f.sentence.index == sentence.index and f.date and not f.background]
        for frame in own:
            if not _is_old(frame.date, published) and frame.date.start.precision != "year" \
                    and not (story_told and _before_the_news(frame.date, published)):
                return frame.date, sentence_people.get(sentence.index, set()), frame.planned
        if any(f.sentence.index == sentence.index for f in frames):
            story_told = story_told or any(f.sentence.index == sentence.index and f.date is None and not f.background
                                           and not f.planned for f in frames)
            continue
        anonymous = not sentence_people.get(sentence.index)
        if anonymous and (sentence is not body[0] or not _is_news_sentence(doc, sentence)):
            continue  # a lead naming nobody must be the opening sentence of the story
        reporting = doc.cues_in(sentence, "reporting")
        for date in doc.dates.dates_in(sentence.orig_start, sentence.orig_end):
            if date.span is None or _is_old(date, published) or date.start.precision == "year":
                continue  # a bare year ("pada 2013") is background, not the day of the story
            if any(doc.orig_offset(cue.end - 1) <= date.span.start and
                   doc.tokens_between(doc.orig_offset(cue.end - 1), date.span.start) <= REPORT_GAP
                   for cue in reporting):
                continue  # the report's date
            return date, sentence_people.get(sentence.index, set()), False
    return None


def _before_the_news(date: ResolvedDate, published: dt.date | None) -> bool:
    """A month named without a day, before the month of publication ("this September" in a November
    article): the time of something recalled, not of the story an undated opening tells."""
    if published is None or date.start.precision != "month":
        return False
    return (date.start.year, date.start.month) < (published.year, published.month)


def _is_news_sentence(doc: Document, sentence: Sentence) -> bool:
    """A real sentence about the two states (not a date line or a byline): it names a state or a
    place and has at least ``NEWS_SENTENCE_WORDS`` words."""
    words = [t for t in doc.tokens[sentence.tok_start:sentence.tok_end] if t.text[:1].isalpha()]
    names = any(m.label.startswith(("country|", "place|")) for m in doc.mentions_in(sentence))
    return names and len(words) >= NEWS_SENTENCE_WORDS


def publication_date(doc: Document) -> ResolvedDate | None:
    """The month of publication (or its year), as the date of a reported event told without one."""
    published = doc.article.reference_date
    if published is None:
        return None
    start = PartialDate(published.year, published.month) if published.month else PartialDate(published.year)
    return ResolvedDate(start, None, doc.article.published_phrase or published.iso(), None, "publication")


# --------------------------------------------------------------------------- frames without a date of their own


POINTING_RULES = frozenset({"ref:pronoun_plural", "ref:pronoun_third"})
"""How a person is found through a pronoun ("they", "he", "him", "mereka", "ia")."""


def date_from_sentence_before(frame: Frame, by_sentence: dict[int, list[Frame]]) -> None:
    """An undated frame whose people a pronoun points to in the dated event of the sentence before ("X
    and Y signed a treaty on Tuesday. They also signed ..."; "X flew to Beijing in May. Y hosted him
    ...") happened when that event did."""
    if frame.date is not None or frame.date_source == "taken":
        return
    pointed = {p.key for p in frame.persons if p.rule in POINTING_RULES}
    if not pointed:
        return
    told = next((f for f in by_sentence.get(frame.sentence.index - 1, []) if f.date is not None
                 and f.planned == frame.planned and pointed <= {p.key for p in f.persons}), None)
    if told is not None:
        frame.date, frame.date_source = told.date, "sequel"


PAIR_RULES = frozenset({"ref:pair_persons"})


def date_from_eventless_sentence_before(doc: Document, frame: Frame, by_sentence: dict[int, list[Frame]],
                                        sentence_people: dict[int, set[str]]) -> None:
    """An undated frame whose "the two presidents" or "they" points to the people of the sentence before,
    a sentence that tells no event but gives one day ("The two presidents spent Thursday together. After
    long talks, the leaders signed ..."), happened on that day."""
    if frame.date is not None or frame.date_source == "taken" or frame.planned or frame.sentence.kind != "body":
        return
    before = frame.sentence.index - 1
    pointed = {p.key for p in frame.persons if p.rule in POINTING_RULES | PAIR_RULES}
    if before < 0 or by_sentence.get(before) or not pointed or not pointed <= sentence_people.get(before, set()):
        return
    sentence = doc.sentences[before]
    if sentence.kind != "body":
        return
    days = [d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end, planned=False)
            if d.span is not None and d.start.precision == "day" and d.end is None]
    if len(days) == 1:
        frame.date, frame.date_source = days[0], "sequel"
        frame.signals.append("date_of_sentence_before")


def date_from_that_time(doc: Document, frame: Frame) -> None:
    """An undated frame of a sentence that points back in time ("At that time X visited ...", "Saat itu
    ...") happened when the sentence before says, if it gives one date."""
    if frame.date is not None or frame.date_source == "taken" or frame.sentence.index == 0 \
            or not doc.cues_in(frame.sentence, "at_that_time"):
        return
    sentence = doc.sentences[frame.sentence.index - 1]
    dates = [d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end, planned=frame.planned)
             if d.span is not None]
    if len(dates) == 1:
        frame.date, frame.date_source = dates[0], "sequel"
        frame.signals.append("date_of_sentence_before")


def date_from_story(doc: Document, frame: Frame, lead: Lead | None, publication: ResolvedDate | None) -> None:
    """An undated frame continuing the lead story (sharing a person with it, or pointing to its pair)
    takes the lead's date; a reported one that does not takes the publication month. Background, a
    caption, a summit (dated by its own sentence or not at all) and a frame whose sentence's dates are
    another frame's take none."""
    if frame.date is not None:
        return
    keys = {p.key for p in frame.persons}
    if frame.date_source == "taken":
        frame.date_source = None
        return
    if frame.background or frame.sentence.kind == "caption" or frame.family == "summit":
        return
    if lead is not None:
        for person in frame.persons:  # an unnamed office holder counts as the holder at the lead's date
            if person.pending:
                settled = settle(person, lead.date, doc.article.reference_date, frame.persons,
                                 frame.sentence_people.known)
                keys.add(settled.key if settled else person.key)
    # an announced event joins a reported lead story only through a person the sentence names ("kedua
    # menteri menyiapkan naskah yang akan diteken saat kunjungan Presiden X": a later visit)
    named = {p.key for p in frame.persons if p.via not in ("pair", "pair_states")}
    joins = lead is not None and (keys & lead.keys or not lead.keys or "reference_resolved" in frame.signals)
    if joins and (not frame.planned or lead.planned or named & lead.keys):
        frame.date, frame.date_source = _inherited(lead.date, frame, lead.planned), "lead"
        _talks_of_the_lead(frame, lead)
    elif publication is not None and not frame.planned:
        frame.date, frame.date_source = publication, "publication"


def _inherited(date: ResolvedDate, frame: Frame, lead_planned: bool) -> ResolvedDate:
    """A planned event told after a reported lead happens during that story, on a day not stated,
    and so does an event within a lead that spans several days ("from 4 to 6 May ... the ministers
    later held talks"): they keep the lead's month only. "On the first day" / "on the last day" of a
    lead that spans days is that day."""
    spans_days = date.end is not None and date.end != date.start
    if spans_days and frame.day_of_lead and date.start.precision == "day" and date.end.precision == "day":
        day = date.start if frame.day_of_lead == "first_day" else date.end
        return ResolvedDate(day, None, date.phrase, date.span, date.rule + f";{frame.day_of_lead}_of_lead")
    if date.start.precision == "day" and (frame.planned and not lead_planned or spans_days and frame.type != "visit"):
        start = PartialDate(date.start.year, date.start.month)
        return ResolvedDate(start, None, date.phrase, date.span, date.rule + ";month_of_lead")
    return date


def _talks_of_the_lead(frame: Frame, lead: Lead) -> None:
    """ "After the talks, X said ...", "During the talks, Y said ...": talks referred to as known, with
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


# --------------------------------------------------------------------------- dated frames against the story


def check_against_story(doc: Document, frame: Frame, story: ResolvedDate | None) -> None:
    """A frame its sentence dates well before the story tells an earlier event; a frame dated after
    publication ("pekan depan") is announced, not reported (not a visit under way on the day of another
    event: "is in Astana to attend the forum on Friday")."""
    if frame.date is None:
        return
    published = doc.article.reference_date
    if story is not None and frame.date_source in ("sentence", "caption") and \
            (frame.date.end or frame.date.start).last_day() < story.start.first_day() - dt.timedelta(days=STORY_DAYS):
        _earlier_event(frame)
    if frame.type == "visit" and frame.date_source == "shared":
        return
    if published is not None and frame.date.start.first_day() > published.last_day() \
            or frame.date_source in ("sentence", "caption") and points_ahead(frame.date):
        frame.planned = True


def _earlier_event(frame: Frame) -> None:
    """An event dated well before the story: "the two sides"/"kedua negara" name the story's principals,
    not the parties of that earlier event ("the accord ..., signed in Almaty in March"; "the transit
    accord of the two states, concluded in 2004 while the premier was visiting")."""
    if any(p.via == "pair_states" for p in frame.persons):
        frame.persons = [p for p in frame.persons if p.via != "pair_states"]
        frame.states = list(frame.sentence_people.named_states)


def _is_old(date: ResolvedDate, published: PartialDate | None) -> bool:
    if published is None:
        return False
    return date.start.last_day() < published.first_day() - dt.timedelta(days=OLD_DAYS)


def event_day(date: ResolvedDate | None, published: PartialDate | None) -> dt.date | None:
    """The day an event's titles are read on: its day; for a month or a year, the day of that period
    nearest to publication ("earlier this year" in November 2019: a president's title, not January's)."""
    if date is not None:
        first = date.start.first_day()
        if date.start.precision == "day" or published is None or published.precision != "day":
            return first
        return min(max(published.first_day(), first), (date.end or date.start).last_day())
    return published.first_day() if published is not None else None
