"""Judging a dated frame: is it an event of China and Kazakhstan?

``judge`` (input: one frame, dated; output: its ``verdict`` and ``reason``, and its people settled on
the event's date) gives each frame one of: complete (both sides: it states an event), incomplete (it
may attach to an event stated elsewhere in the article) or dropped. The rules that drop any frame come
first (``dropped_whatever_the_type``); then the unnamed office holders ("Presiden Kazakhstan") are
resolved on the event's date; then one rule per kind of event: ``judge_visit``, ``judge_agreement``,
``judge_summit``, ``judge_meeting``.
"""

from __future__ import annotations

from dataclasses import replace

from app.extract.document import Document
from app.extract.entities import CHINA, KAZAKHSTAN, SIDES
from app.extract.frames import Frame
from app.extract.people import posted_in, settle

SAID_PEOPLE = ("named", "family_name", "office", "pronoun", "speaker", "pair")
"""How a person is in a frame when the frame's own words point to them (not a pair of states)."""


def judge(doc: Document, frame: Frame) -> None:
    """complete (both sides), incomplete (may attach to a stated event) or dropped, with a reason."""
    if frame.verdict == "dropped":
        return
    reason = dropped_whatever_the_type(frame)
    if reason:
        frame.verdict, frame.reason = "dropped", reason
        return
    settle_people(doc, frame)
    if frame.type == "visit":
        verdict, reason = judge_visit(frame)
    elif frame.type == "agreement":
        verdict, reason = judge_agreement(doc, frame)
    elif frame.family == "summit":
        verdict, reason = judge_summit(frame)
    else:
        verdict, reason = judge_meeting(frame)
    frame.verdict, frame.reason = verdict, reason


def dropped_whatever_the_type(frame: Frame) -> str | None:
    """Why a frame is no event, whoever takes part: negated, background without a date, an invitation,
    a summit its own sentence does not date."""
    if frame.negated:
        return "negated"
    if frame.background and frame.date is None:
        return "background without a date"
    if frame.invitation:
        return "an invitation, not an event"
    if frame.family == "summit" and frame.date is None:
        return "summit without a date of its own"
    return None


def settle_people(doc: Document, frame: Frame) -> None:
    """Unnamed office holders become the people who held the office on the frame's date; those that
    cannot be resolved leave, and so does a second mention of one person."""
    settled = []
    for person in frame.persons:
        resolved = settle(person, frame.date, doc.article.reference_date, frame.persons, frame.sentence_people.known)
        if resolved is not None and resolved.key not in {p.key for p in settled}:
            settled.append(resolved)
    frame.persons = settled


def judge_visit(frame: Frame) -> tuple[str, str]:
    """A visit needs a destination in China or Kazakhstan and a visitor from the other side."""
    if frame.destination is None:
        return "incomplete", "no destination in China or Kazakhstan"
    if not frame.side(frame.guest_country):
        return "incomplete", f"no visitor from {frame.guest_country}"
    if frame.date is not None and all(posted_in(p, frame.destination, frame.date.start.first_day())
                                      for p in frame.side(frame.guest_country)):
        return "dropped", f"an ambassador to {frame.destination} travels within it"
    return "complete", ""


def judge_agreement(doc: Document, frame: Frame) -> tuple[str, str]:
    """An agreement needs both sides, as people or as states ("China and Kazakhstan signed"); one
    side's official signing in the other state has that state as the other party ("diteken saat
    Presiden X berkunjung ke Astana"). A running total since some date is no signing."""
    cn, kz = frame.side(CHINA), frame.side(KAZAKHSTAN)
    own_date = frame.date_source in ("sentence", "caption")
    if not (cn and kz) and not own_date and doc.cues_in(frame.sentence, "since"):
        return "dropped", "a running total since some date, not a signing"
    if cn and kz or {CHINA, KAZAKHSTAN} <= set(frame.states):
        if not (cn and kz):
            frame.signals.append("states_only")
        return "complete", ""
    host = frame.place.country if frame.place else None
    if (cn or kz) and host in SIDES and not (cn if host == CHINA else kz) \
            and not any(p.country not in SIDES for p in frame.persons) and not frame.planned \
            and not any(state not in SIDES for state in frame.states):
        frame.signals.append("host_state_as_party")
        return "complete", ""
    return "incomplete", "no Chinese and Kazakh party"


def judge_summit(frame: Frame) -> tuple[str, str]:
    """A summit needs a leader of each side named in its sentence (not through "the two leaders"), or
    one side's leader at a summit the other side hosts."""
    host = frame.place.country if frame.place else None
    cn = [p for p in frame.side(CHINA) if p.via not in ("pair", "pair_states")]
    kz = [p for p in frame.side(KAZAKHSTAN) if p.via not in ("pair", "pair_states")]
    if cn and (kz or host == KAZAKHSTAN) or kz and host == CHINA:
        return "complete", ""
    return "incomplete", "summit without both sides"


def judge_meeting(frame: Frame) -> tuple[str, str]:
    """A meeting (or call, or message) needs a person of each side; a weak trigger ("bertemu",
    "received") needs them named by the sentence itself. With a third country's official it is another
    story's meeting."""
    counterpart_of_previous_sentence(frame)
    cn, kz = frame.side(CHINA), frame.side(KAZAKHSTAN)
    said = [p for p in frame.persons if p.via in SAID_PEOPLE]
    if frame.weak and not ({p.country for p in said} >= {CHINA, KAZAKHSTAN}):
        return "incomplete", "weak trigger needs named people of both sides"
    if cn and kz:
        return "complete", ""
    if any(p.country not in SIDES for p in frame.persons):
        return "dropped", "with a third country's official"
    return "incomplete", "one side only"


def counterpart_of_previous_sentence(frame: Frame) -> None:
    """ "X sent his counterpart Y a message of support. X said in a phone call that ...": a call whose
    sentence names one side only, someone the sentence before named together with a person of the other
    side, is with that person (not when its sentence names a third country's official). Only a call or a
    video link: an in-person meeting told so is as often with someone else the story has not named."""
    sides = {p.country for p in frame.persons if p.country in SIDES}
    if not frame.remote or len(sides) != 1 or frame.background or any(p.country not in SIDES for p in frame.persons):
        return
    previous = frame.sentence_people.previous
    if {p.country for p in previous} != set(SIDES) or not {p.key for p in previous} & {p.key for p in frame.persons}:
        return
    others = [replace(p, pos=frame.start, via="pair", rule="counterpart_of_previous_sentence")
              for p in previous if p.country not in sides]
    frame.persons = frame.persons + others
    frame.signals.append("reference_resolved")
