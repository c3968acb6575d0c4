"""One article's frames → its events: frames that tell the same event become one ``Event``.

* ``split_pairs``: one person meeting several named people of the other side, listed together,
  meets each of them (one frame per pair, as the gold convention counts meetings);
* ``merge`` (input: the judged frames in article order; output: the events, each with the frames
  that state or support it): frames of the same event (same type and family, a shared person,
  compatible dates; for a visit, reports a few days apart) become one event with every passage;
  one-sided or back-referring frames ("pembicaraan tersebut") only attach to an event already
  stated; an onward leg of a trip ("melanjutkan perjalanan ke Xi'an") joins the visit already told;
* ``derive_visits``: a meeting in one of the two countries implies a visit of the other side when the
  article states none;
* ``places_from_visits``: a meeting or signing that names no place, held during a visit, was where
  the visit went.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from app.extract.frames import Frame
from app.extract.document import Document
from app.extract.entities import CHINA, KAZAKHSTAN, SIDES, reference_words
from app.extract.people import Person, posted_in
from app.extract.triggers import most_specific
from app.extract.types import Place, ResolvedDate


@dataclass
class Event:
    type: str
    family: str
    members: list[Frame]
    derived: bool = False
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def _memoised(self, name: str, compute):
        """A value derived from the members, kept until a member is added (frames are not changed once
        merged, so a long text's events are not re-read for every frame compared with them)."""
        key = (name, len(self.members))
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def statements(self) -> list[Frame]:
        return [c for c in self.members if c.sentence.kind != "caption"]

    @property
    def persons(self) -> list[Person]:
        """People of the members that state the event (a sentence only attached to it may name others)."""
        return self._memoised("persons", self._persons)

    def _persons(self) -> list[Person]:
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
        the Akorda") is not made a call by a remote passage joined to it ("joined a forum by video
        call as well")."""
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
        return self._memoised("dated", self._dated)

    def _dated(self) -> tuple[ResolvedDate | None, str | None]:
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
        stating = [c for c in self.statements if c.verdict != "referenced"]  # "dalam kunjungan ini" places nothing
        for group in (stating, self.statements, self.members):
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


def _days_after(a: ResolvedDate | None, b: ResolvedDate | None) -> int:
    """Days from the first day of ``a`` to the first day of ``b`` (both to the day), else -1."""
    if a is None or b is None or a.start.precision != "day" or b.start.precision != "day":
        return -1
    return (b.start.first_day() - a.start.first_day()).days


def _shares_person(event: Event, frame: Frame) -> bool:
    keys = {p.key for p in event.persons}
    if keys & {p.key for p in frame.persons if p.country in SIDES}:
        return True
    if event.type == "agreement" and ("states_only" in frame.signals or
                                       any("states_only" in c.signals for c in event.members)):
        return True
    return False


GENERIC_DOCUMENTS = frozenset({"cooperation_documents"})
"""Document kinds that may name any signed text ("documents", "deals"): never another agreement's."""


def _another_document(event: Event, frame: Frame) -> bool:
    """ "They also signed a joint declaration" after a treaty: a document of another kind, signed in
    addition, is an agreement of its own."""
    if "additive" not in frame.signals:
        return False
    mine = set(frame.documents) - GENERIC_DOCUMENTS
    theirs = {d for c in event.members for d in c.documents} - GENERIC_DOCUMENTS
    return bool(mine and theirs and not mine & theirs)


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
    if not attach and event.type == "agreement" and _another_document(event, frame):
        return False
    if event.type == "meeting" and (not attach or _names_both_sides(frame)):
        for country in SIDES:
            mine = {p.key for p in frame.side(country)}
            theirs = {p.key for p in event.persons if p.country == country}
            if mine and theirs and not mine & theirs:
                return False  # X–Y and X–Z are two meetings, even when "the meeting between X and Z" points back
    return _shares_person(event, frame)


NAMING = frozenset({"named", "family_name"})


def _names_both_sides(frame: Frame) -> bool:
    """The frame's own sentence names a person of each side (not a pronoun nor "the two leaders")."""
    return all(any(p.via in NAMING for p in frame.side(country)) for country in SIDES)


def split_pairs(doc: Document, frames: list[Frame]) -> list[Frame]:
    """ "X bertemu Presiden Y dan Menlu Z", "X is to meet Premier Y and Speaker Z": one person meeting
    several named people of the other side, listed together in one sentence, meets each of them (one
    meeting per pair, as the gold convention counts them); so does a person named after a further
    meeting word of the clause ("met A and B, and held talks with C")."""
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
                _listed(doc, a, b, joiners) or _another_meeting_between(frame, a, b)
                for a, b in zip(sides[many[0]], sides[many[0]][1:])):
            out.append(frame)
            continue
        for person in sides[many[0]]:
            keep = {person.key, sides[one[0]][0].key}
            out.append(replace(frame, persons=[p for p in frame.persons if p.country not in SIDES or p.key in keep],
                               signals=frame.signals + ["one_meeting_per_pair"]))
    return out


def _another_meeting_between(frame: Frame, a: Person, b: Person) -> bool:
    """A meeting word of the clause stands between a and b: b is met in a meeting of its own."""
    return any(a.end <= t.match.start and t.match.end <= b.pos for t in frame.triggers)


def _listed(doc: Document, a: Person, b: Person, joiners: frozenset[str]) -> bool:
    """b follows a in one list: joiners between them, and perhaps b's capitalised title ("Menteri Luar
    Negeri X dan Wakil Ketua Parlemen Y") or the preposition repeated ("with A and with B")."""
    gap = [doc.tokens[i] for i in range(a.end, b.pos)]
    if not gap or not any(t.lower in joiners for t in gap):
        return False
    repeated = reference_words("object_preposition")  # "met with A and with B"
    return all(t.lower in joiners or t.lower in repeated or t.text[:1].isupper() for t in gap)


MERGE_REACH = 60
"""How many of the latest events a frame is compared with when looking for the event it reports:
far more than a news article tells, and a bound on the work for a text of thousands of reports."""


def merge(frames: list[Frame]) -> list[Event]:
    events = _merge_statements(frames)
    _attach_mentions(events, frames)
    return [e for e in events if e.statements]


def _merge_statements(frames: list[Frame]) -> list[Event]:
    """The complete frames, in article order, each joined to the latest compatible event or made a new one."""
    events: list[Event] = []
    event_of: dict[int, Event] = {}  # id of a frame → the event it joined

    def recent() -> list[Event]:
        return events[:-MERGE_REACH - 1:-1]

    for frame in frames:
        if frame.verdict != "complete":
            continue
        if frame.onward:  # a further leg of a trip already told: part of that visit, whatever its day
            leg = next((e for e in recent() if e.type == "visit" and e.destination == frame.destination
                        and compatible(e, replace(frame, date=None), attach=True)), None)
            if leg is not None:
                leg.members.append(frame)
                event_of[id(frame)] = leg
                frame.date, frame.date_source = None, None
                frame.verdict, frame.reason = "referenced", "an onward leg of a visit already told"
                continue
        if frame.anaphoric == "sequel" and frame.antecedent is not None:  # "usai pertemuan": the talks told
            target = event_of.get(id(frame.antecedent))
        elif frame.anaphoric in ("demonstrative", "sequel"):  # "pembicaraan tersebut": the event just told
            target = next((e for e in recent() if e.type == frame.type and e.family == frame.family), None)
        elif frame.anaphoric:
            target = next((e for e in recent() if compatible(e, frame, attach=True)), None)
        else:
            target = next((e for e in recent() if compatible(e, frame)), None)
        if target is None:
            target = Event(frame.type, frame.family, [frame])
            events.append(target)
        else:
            target.members.append(frame)
            frame.signals.append("merged")
            if frame.anaphoric == "demonstrative":
                frame.verdict, frame.reason = "referenced", "refers back to a stated event"
        event_of[id(frame)] = target
    return events


def _attach_mentions(events: list[Event], frames: list[Frame]) -> None:
    """Each incomplete frame joins the latest compatible event told before it (or one only a caption
    states), of its own tense: a reported "negotiations" does not date or confirm a meeting only
    announced ("is expected to meet")."""
    firsts = [e.members[0].sentence.index for e in events]
    caption_only = [e for e in events if not e.statements]

    def told_before(frame: Frame) -> list[Event]:
        k = bisect_right(firsts, frame.sentence.index)
        later_captions = [e for e in caption_only if e.members[0].sentence.index > frame.sentence.index]
        return later_captions[::-1] + events[max(0, k - MERGE_REACH):k][::-1]

    for frame in frames:
        if frame.verdict != "incomplete":
            continue
        target = next((e for e in told_before(frame) if compatible(e, frame, attach=True)
                       and e.planned == frame.planned), None)
        if target is not None:
            target.members.append(frame)
            if frame.anaphoric == "demonstrative":
                frame.verdict, frame.reason = "referenced", "refers back to a stated event"
            else:
                frame.verdict, frame.reason = "attached", "attached to a stated event"


def places_from_visits(events: list[Event]) -> None:
    """An in-person meeting (or a signing) that names no place, held while a visit it shares a person
    with was under way (from its first day to a few days after), took place where that visit went
    ("X arrived in Astana on Monday ... X met Y on Tuesday")."""
    visits = [e for e in events if e.type == "visit" and not e.derived and e.place is not None]
    for event in events:
        if event.type not in ("meeting", "agreement") or event.place is not None \
                or any(c.remote for c in event.members):
            continue
        if event.family == "message" or event.planned:
            continue
        keys = {p.key for p in event.persons}
        visit = next((v for v in visits if (dates_compatible(v.date, event.date) or 0 <= _days_after(v.date, event.date)
                                            <= VISIT_DAYS) and v.planned == event.planned
                      and keys & {p.key for p in v.persons}), None)
        if visit is None:
            continue
        for frame in event.members:
            frame.place = visit.place
            frame.signals.append("place_of_visit")


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
        guests = [p for p in event.persons if p.country == guest_country and not posted_in(p, place.country, day)]
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
