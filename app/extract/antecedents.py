"""Frames that lean on an event told before them: three passes that run after judging.

* ``anchor_on_events``: a date told relative to the one before ("the same day", "keesokan harinya")
  is counted from the last event told, not from the date the text named last;
* ``follow_sequels``: "Usai pertemuan, ..." / "Following the talks, ..." names the meeting already
  told (the frame's ``antecedent``); what else the sentence tells without a date of its own happened on
  that meeting's day;
* ``follow_enclosing``: "Dalam lawatan itu, ..." / "During the visit, ..." places the sentence's other
  events within the visit (or meeting) last told: on its day, or in its month when it spans days.

Each takes every frame of the article, in order, and changes only ``date``, ``date_source``,
``place`` (taken from the antecedent when a frame has none), ``anaphoric`` and ``antecedent``.
"""

from __future__ import annotations

from app.extract.dates import reanchored
from app.extract.document import Document
from app.extract.frames import Frame
from app.extract.types import PartialDate, ResolvedDate


def anchor_on_events(frames: list[Frame]) -> None:
    """ "On the same day, ...", "Keesokan harinya, ...": a date told relative to the one before leans on
    the day of the last event told (both sides, not a recollection; a summit only when its own sentence
    dates it: "... yang digelar di Bishkek pada Jumat (3/5). Pada hari yang sama, ..."), not on whatever
    date the text named last ("over Monday's storm")."""
    last: ResolvedDate | None = None
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(frame.sentence.index, []).append(frame)
    for frame in frames:
        if frame.date is not None and frame.date_source in ("sentence", "caption") and last is not None \
                and not _leans_within_sentence(frame, by_sentence[frame.sentence.index]):
            moved = reanchored(frame.date, last.start)
            if moved is not None:
                frame.date = moved
        told = frame.verdict == "complete" and not frame.background and not frame.planned and frame.date is not None \
            and frame.date.start.precision == "day" and (frame.family != "summit" or frame.date_source == "sentence")
        if told:
            last = frame.date


def _leans_within_sentence(frame: Frame, sentence_frames: list[Frame]) -> bool:
    """ "visited Beijing in 1993, and a year later signed ...": another frame of the sentence is dated by a
    date told before this one's, which the relative date leans on."""
    span = frame.date.span
    return span is not None and any(
        other is not frame and other.date is not None and other.date.span is not None
        and other.date.span.end <= span.start for other in sentence_frames)


def follow_sequels(frames: list[Frame]) -> None:
    """ "Usai pertemuan, X dan Y menandatangani ...": the meeting is the last one stated before (of
    the same family), and whatever else the sentence tells without a date of its own happened on
    that meeting's day (not on the lead's). When the sentence dates the meeting itself ("Usai
    perundingan, Senin (7/3), ..."), that date is the day of the rest as well."""
    for frame in frames:
        if frame.anaphoric != "sequel":
            continue
        if frame.date_source in ("sentence", "caption"):
            day, place = frame.date, frame.place
        else:
            earlier = [c for c in frames if c.sentence.index < frame.sentence.index and c.type == frame.type
                       and c.family == frame.family and c.verdict == "complete" and not c.planned
                       and not c.background and c.date and c.date.start.precision != "year"]
            if not earlier:
                frame.anaphoric = None
                continue
            same_kind = [c for c in earlier if c.subtype == frame.subtype]  # "usai pembicaraan" → the talks
            told = (same_kind or earlier)[-1]
            frame.antecedent = told
            day, place = told.date, told.place
            frame.date, frame.date_source = day, "sequel"
        for other in frames:
            if other.sentence.index == frame.sentence.index and other is not frame \
                    and other.date_source not in ("sentence", "caption"):
                other.date, other.date_source = day, "sequel"
                other.place = other.place or place


def follow_enclosing(doc: Document, frames: list[Frame]) -> None:
    """ "Dalam lawatan itu, X bertemu Y", "During the visit, X met Y": a visit or meeting noun
    referring back (a demonstrative, "the", "his") right after a word of duration frames the sentence:
    what else it tells without a date of its own happened during the event last told of that type, on
    its day when that was one day, else in its month."""
    for frame in frames:
        if frame.type not in ("visit", "meeting") or frame.date_source in ("sentence", "caption"):
            continue
        head = min(frame.triggers, key=lambda t: t.match.start)
        framed = any(m.end <= head.match.start and head.match.start - m.end <= m.window
                     and m.start >= frame.sentence.tok_start for m in doc.cues_by_kind.get("during", ()))
        referring = frame.anaphoric or any(head.match.start - 1 == pos for pos in frame.sentence_people.pronouns)
        if not framed or not referring:
            continue
        told = [c for c in frames if c.sentence.index < frame.sentence.index and c.type == frame.type
                and c.verdict == "complete" and not c.planned and c.date is not None
                and c.date.start.precision != "year"]
        if not told:
            continue
        enclosing = told[-1]
        date = enclosing.date
        if date.start.precision == "day" and (frame.type == "visit" or date.end not in (None, date.start)):
            date = ResolvedDate(PartialDate(date.start.year, date.start.month), None, date.phrase, date.span,
                                date.rule + ";month_of_frame")
        frame.antecedent = enclosing
        for other in frames:
            if other.sentence.index == frame.sentence.index and other is not frame \
                    and other.date_source not in ("sentence", "caption"):
                other.date, other.date_source = date, "sequel"
                other.place = other.place or enclosing.place
