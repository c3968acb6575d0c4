"""From one article's sentences to its events.

1. ``frames.read_frames``: each sentence's clauses become frames (one per event family per clause)
   with the people the sentence names, the references it makes ("kedua presiden", "he"), its place,
   and its cues (planned, background, negated).
2. ``dating.date_frames``: the date of each frame is the date phrase of its own sentence nearest to
   its trigger (not one that dates a report: "kata Beijing, Senin (12/9)"); else the date of the
   article's lead when the candidate continues the lead story; else, for a reported (not planned,
   not background) event, the month of publication; else none.
3. ``judge``: an event needs a Chinese and a Kazakh side (for an agreement, one side's official
   signing in the other state has that state as the other party). Unnamed office holders ("Presiden
   Kazakhstan") are resolved on the event's date.
4. ``follow_sequels``: "Usai pertemuan, ..." / "Following the talks, ..." names the meeting already
   told; what else the sentence tells without its own date happened on that meeting's day.
   ``follow_frames``: "Dalam lawatan itu, ..." / "During the visit, ..." places the sentence's other
   events within the visit (or meeting) last told: its day, or its month when it spans days.
   ``split_pairs``: one person meeting several named people of the other side, listed together, meets
   each of them (one meeting per pair).
5. ``merge``: candidates of one article about the same event (same type and family, shared person,
   compatible dates; for a visit, reports a few days apart) become one event with every passage;
   one-sided or back-referring mentions ("pembicaraan tersebut") only attach to an event already
   stated; an onward leg of a trip ("melanjutkan perjalanan ke Shanghai") joins the visit already
   told; a meeting in one of the two countries implies a visit of the other side when the article
   states none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.extract.frames import Frame
from app.extract.document import Document, Sentence
from app.extract.entities import CHINA, KAZAKHSTAN, SIDES, actors, reference_words
from app.extract.people import Person, settle
from app.extract.triggers import most_specific
from app.extract.types import PartialDate, Place, ResolvedDate


# --------------------------------------------------------------------------- sides


def _has_cue(doc: Document, sentence: Sentence, kind: str) -> bool:
    return bool(doc.cues_in(sentence, kind))


def judge(doc: Document, frame: Frame) -> None:
    """complete (both sides), incomplete (may attach to a stated event) or dropped, with a reason."""
    if frame.verdict == "dropped":
        return
    if frame.negated:
        frame.verdict, frame.reason = "dropped", "negated"
        return
    if frame.background and frame.date is None:
        frame.verdict, frame.reason = "dropped", "background without a date"
        return
    if frame.invitation:
        frame.verdict, frame.reason = "dropped", "an invitation, not an event"
        return
    if frame.family == "summit" and frame.date is None:
        frame.verdict, frame.reason = "dropped", "summit without a date of its own"
        return
    settled = []
    for person in frame.persons:
        resolved = settle(person, frame.date, doc.article.reference_date, frame.persons, frame.sentence_people.known)
        if resolved is not None and resolved.key not in {p.key for p in settled}:
            settled.append(resolved)
    frame.persons = settled
    cn, kz = frame.side(CHINA), frame.side(KAZAKHSTAN)
    named = [p for p in frame.persons if p.via in ("named", "family_name", "office", "pronoun", "speaker", "pair")]
    if frame.type == "visit":
        if frame.destination is None:
            frame.verdict, frame.reason = "incomplete", "no destination in China or Kazakhstan"
            return
        guests = frame.side(frame.guest_country)
        if not guests:
            frame.verdict, frame.reason = "incomplete", f"no visitor from {frame.guest_country}"
            return
        frame.verdict = "complete"
        return
    if frame.type == "agreement":
        own_date = frame.date_source in ("sentence", "caption")
        if not (cn and kz) and not own_date and _has_cue(doc, frame.sentence, "since"):
            frame.verdict, frame.reason = "dropped", "a running total since some date, not a signing"
            return
        if cn and kz or {CHINA, KAZAKHSTAN} <= set(frame.states):
            frame.verdict = "complete"
            if not (cn and kz):
                frame.signals.append("states_only")
            return
        host = frame.place.country if frame.place else None
        if (cn or kz) and host in SIDES and not (cn if host == CHINA else kz) \
                and not any(p.country not in SIDES for p in frame.persons) and not frame.planned \
                and not any(state not in SIDES for state in frame.states):
            # "diteken saat Presiden Nazarbayev berkunjung ke Beijing": one side's official signing in
            # the other state, which is the counterpart
            frame.verdict = "complete"
            frame.signals.append("host_state_as_party")
            return
        frame.verdict, frame.reason = "incomplete", "no Chinese and Kazakh party"
        return
    if frame.family == "summit":
        host = frame.place.country if frame.place else None
        cn = [p for p in cn if p.via not in ("pair", "pair_states")]
        kz = [p for p in kz if p.via not in ("pair", "pair_states")]
        if cn and (kz or host == KAZAKHSTAN) or kz and host == CHINA:
            frame.verdict = "complete"
            return
        frame.verdict, frame.reason = "incomplete", "summit without both sides"
        return
    if frame.weak and not ({p.country for p in named} >= {CHINA, KAZAKHSTAN}):
        frame.verdict, frame.reason = "incomplete", "weak trigger needs named people of both sides"
        return
    if cn and kz:
        frame.verdict = "complete"
        return
    if any(p.country not in SIDES for p in frame.persons):
        frame.verdict, frame.reason = "dropped", "with a third country's official"
        return
    frame.verdict, frame.reason = "incomplete", "one side only"


# --------------------------------------------------------------------------- merging


@dataclass
class Event:
    type: str
    family: str
    members: list[Frame]
    derived: bool = False

    @property
    def statements(self) -> list[Frame]:
        return [c for c in self.members if c.sentence.kind != "caption"]

    @property
    def persons(self) -> list[Person]:
        """People of the members that state the event (a sentence only attached to it may name others)."""
        seen: dict[str, Person] = {}
        for frame in [c for c in self.members if c.verdict != "referenced"] or self.members:
            for person in frame.persons:
                if person.country in SIDES and person.participates:
                    seen.setdefault(person.key, person)
        return list(seen.values())

    @property
    def core(self) -> list[Frame]:
        """Members that state the event with both sides (not merely attached mentions)."""
        return [c for c in self.members if c.verdict not in ("attached", "referenced")] or self.members

    @property
    def subtype(self) -> str:
        """The most specific subtype its statements give; a meeting told in person ("held talks at
        the Akorda") is not made a call by a remote passage joined to it ("also took part via video
        link in a ceremony")."""
        core = self.core
        in_person = [c for c in core if not c.remote]
        subtypes = [c.subtype for c in (in_person if self.type == "meeting" and in_person else core)]
        if self.type == "agreement":
            documents = [d for c in self.members for d in c.documents]
            subtypes = documents or subtypes
        return most_specific(subtypes)

    @property
    def date(self) -> ResolvedDate | None:
        return self.dated()[0]

    def dated(self) -> tuple[ResolvedDate | None, str | None]:
        order = {"sentence": 0, "caption": 1, "sequel": 1, "shared": 2, "lead": 2, "publication": 3}
        dated = [c for c in self.members if c.date is not None]
        if not dated:
            return None, None
        best = min(dated, key=lambda c: (-_precision(c.date), order.get(c.date_source, 9), c.sentence.index))
        if self.type == "visit":  # a visit began on the earliest day its reports give ("arrived Sunday")
            peers = [c for c in dated if _precision(c.date) == _precision(best.date)
                     and order.get(c.date_source, 9) == order.get(best.date_source, 9)]
            best = min(peers, key=lambda c: (c.date.start.first_day(), c.sentence.index))
        return best.date, best.date_source

    @property
    def destination(self) -> str | None:
        return next((c.destination for c in self.members if c.destination), None)

    @property
    def place(self) -> Place | None:
        destination = self.destination
        for group in (self.statements, self.members):
            for frame in group:
                if frame.place is not None and (destination is None or frame.place.country == destination):
                    return frame.place
        return None

    @property
    def planned(self) -> bool:
        # a headline's tense says little ("Xi Mampir di Astana" over "Xi dijadwalkan singgah ..."): the
        # body decides when it states the event
        statements = self.statements or self.members
        body = [c for c in statements if c.sentence.kind != "title"]
        return all(c.planned for c in body or statements)


def _precision(date: ResolvedDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[date.start.precision]


def dates_compatible(a: ResolvedDate | None, b: ResolvedDate | None) -> bool:
    if a is None or b is None:
        return True
    a_lo, a_hi = a.start.first_day(), (a.end or a.start).last_day()
    b_lo, b_hi = b.start.first_day(), (b.end or b.start).last_day()
    return a_lo <= b_hi and b_lo <= a_hi


VISIT_DAYS = 3
"""Days between two dates one article gives for one visit's reports ("arrived Sunday", "the
visiting president signed on Monday")."""


def _days_apart(a: ResolvedDate | None, b: ResolvedDate | None) -> int:
    if a is None or b is None or a.start.precision != "day" or b.start.precision != "day":
        return 10 ** 6
    a_lo, a_hi = a.start.first_day(), (a.end or a.start).last_day()
    b_lo, b_hi = b.start.first_day(), (b.end or b.start).last_day()
    return max((b_lo - a_hi).days, (a_lo - b_hi).days, 0)


def _shares_person(event: Event, frame: Frame) -> bool:
    keys = {p.key for p in event.persons}
    if keys & {p.key for p in frame.persons if p.country in SIDES}:
        return True
    if event.type == "agreement" and ("states_only" in frame.signals or
                                       any("states_only" in c.signals for c in event.members)):
        return True
    return False


def compatible(event: Event, frame: Frame, *, attach: bool = False) -> bool:
    if event.type != frame.type or event.family != frame.family:
        return False
    if (frame.date is None or event.date is None) and frame.planned != event.planned:
        return False  # an undated announcement is not a report of another time, nor the other way round
    if not dates_compatible(event.date, frame.date) and not (event.type == "visit" and _days_apart(
            event.date, frame.date) <= VISIT_DAYS):
        return False
    if event.type == "visit":
        if frame.destination and event.destination and frame.destination != event.destination:
            return False
        if not frame.persons and attach:
            return True
        guests = {p.key for c in event.members for p in c.side(c.guest_country or "")}
        return bool(guests & {p.key for p in frame.side(frame.guest_country or "")}) or \
            (attach and _shares_person(event, frame))
    if not frame.persons and attach:
        return True
    if not attach and event.type == "meeting":
        for country in SIDES:
            mine = {p.key for p in frame.side(country)}
            theirs = {p.key for p in event.persons if p.country == country}
            if mine and theirs and not mine & theirs:
                return False  # Li–Masimov and Li–Nazarbayev are two meetings
    return _shares_person(event, frame)


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


def follow_frames(doc: Document, frames: list[Frame]) -> None:
    """ "Dalam lawatan itu, Wang bertemu Tokayev", "During the visit, X met Y": a visit or meeting noun
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


def split_pairs(doc: Document, frames: list[Frame]) -> list[Frame]:
    """ "Wang bertemu Tokayev dan Menlu Nurtleu", "X is to meet Wen Jiabao and Wu Bangguo": one person
    meeting several named people of the other side, listed together in one sentence, meets each of them
    (one meeting per pair, as the gold convention counts them)."""
    joiners = reference_words("conjunction")
    out: list[Frame] = []
    for frame in frames:
        if frame.type != "meeting" or frame.family != "meeting" or frame.verdict != "complete":
            out.append(frame)
            continue
        sides = {c: sorted((p for p in frame.persons if p.country == c), key=lambda p: p.pos) for c in SIDES}
        named = all(p.via in ("named", "family_name", "office") and p.end is not None
                    for p in frame.persons if p.country in SIDES)
        one = [c for c in SIDES if len(sides[c]) == 1]
        many = [c for c in SIDES if len(sides[c]) >= 2]
        if not named or len(one) != 1 or len(many) != 1 or not all(
                _listed(doc, a, b, joiners) for a, b in zip(sides[many[0]], sides[many[0]][1:])):
            out.append(frame)
            continue
        for person in sides[many[0]]:
            keep = {person.key, sides[one[0]][0].key}
            out.append(replace(frame, persons=[p for p in frame.persons if p.country not in SIDES or p.key in keep],
                               signals=frame.signals + ["one_meeting_per_pair"]))
    return out


def _listed(doc: Document, a: Person, b: Person, joiners: frozenset[str]) -> bool:
    """b follows a in one list: joiners between them, and perhaps b's capitalised title ("Perdana
    Menteri Zhu Rongji dan Sekretaris Jenderal Partai Komunis Cina Hu Jintao")."""
    gap = [doc.tokens[i] for i in range(a.end, b.pos)]
    if not gap or not any(t.lower in joiners for t in gap):
        return False
    return all(t.lower in joiners or t.text[:1].isupper() for t in gap)


def merge(frames: list[Frame]) -> list[Event]:
    events: list[Event] = []
    for frame in frames:
        if frame.verdict != "complete":
            continue
        if frame.onward:  # a further leg of a trip already told: part of that visit, whatever its day
            leg = next((e for e in reversed(events) if e.type == "visit" and e.destination == frame.destination
                        and compatible(e, replace(frame, date=None), attach=True)), None)
            if leg is not None:
                leg.members.append(frame)
                frame.date, frame.date_source = None, None
                frame.verdict, frame.reason = "referenced", "an onward leg of a visit already told"
                continue
        if frame.anaphoric == "sequel" and frame.antecedent is not None:  # "usai pertemuan": the talks told
            target = next((e for e in events if any(m is frame.antecedent for m in e.members)), None)
        elif frame.anaphoric in ("demonstrative", "sequel"):  # "pembicaraan tersebut": the event just told
            target = next((e for e in reversed(events) if e.type == frame.type and e.family == frame.family), None)
        elif frame.anaphoric:
            target = next((e for e in reversed(events) if compatible(e, frame, attach=True)), None)
        else:
            target = next((e for e in reversed(events) if compatible(e, frame)), None)
        if target is None:
            events.append(Event(frame.type, frame.family, [frame]))
        else:
            target.members.append(frame)
            frame.signals.append("merged")
            if frame.anaphoric == "demonstrative":
                frame.verdict, frame.reason = "referenced", "refers back to a stated event"
    for frame in frames:
        if frame.verdict != "incomplete":
            continue
        # a mention attaches to an event of its own tense: a reported "negotiations" does not date or
        # confirm a meeting only announced ("is expected to meet")
        target = next((e for e in reversed(events) if compatible(e, frame, attach=True) and e.planned == frame.planned
                       and (e.members[0].sentence.index <= frame.sentence.index or not e.statements)), None)
        if target is not None:
            target.members.append(frame)
            if frame.anaphoric == "demonstrative":
                frame.verdict, frame.reason = "referenced", "refers back to a stated event"
            else:
                frame.verdict, frame.reason = "attached", "attached to a stated event"
    return [e for e in events if e.statements]


def _resident(person: Person, country: str, day: dt.date) -> bool:
    """An ambassador in the country of accreditation is not visiting it."""
    if "ambassador" in person.offices:
        return True
    if person.actor_id:
        return any(t.office == "ambassador" and t.to == country and t.covers(day)
                   for t in actors()[person.actor_id].terms)
    return False


def derive_visits(events: list[Event]) -> list[Event]:
    """A dated in-person meeting or a summit in China or Kazakhstan implies the other side's visit
    there, when the article states no visit of that side to that country."""
    out: list[Event] = []
    for event in events:
        if event.type != "meeting" or event.family not in ("meeting", "summit") or event.date is None:
            continue
        if any(c.background for c in event.members) or event.date.start.precision == "year":
            continue
        if event.family == "meeting" and event.planned or any(c.remote for c in event.members):
            continue
        place = event.place
        if place is None or place.country not in SIDES:
            continue
        guest_country = KAZAKHSTAN if place.country == CHINA else CHINA
        day = event.date.start.first_day()
        guests = [p for p in event.persons if p.country == guest_country and not _resident(p, place.country, day)]
        hosts = [p for p in event.persons if p.country == place.country]
        if not guests or event.family == "meeting" and not hosts:
            continue
        if any(e.type == "visit" and e.destination == place.country for e in events + out):
            continue
        members = []
        for frame in event.members:
            copy = replace(frame, type="visit", family="visit", subtype="visit", destination=place.country,
                           guest_country=guest_country, place=place, signals=frame.signals + ["derived_from_meeting"])
            members.append(copy)
        out.append(Event("visit", "visit", members, derived=True))
    return out
