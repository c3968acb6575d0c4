"""From one article's sentences to its events.

1. ``candidates.read_sentences``: each sentence's triggers become candidates (one per event family per sentence)
   with the people the sentence names, the references it makes ("kedua presiden", "he"), its place,
   and its cues (planned, background, negated).
2. ``dating.date_candidates``: the date of each candidate is the date phrase of its own sentence nearest to
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

from app.extract.candidates import Candidate
from app.extract.document import Document, Sentence
from app.extract.entities import CHINA, KAZAKHSTAN, SIDES, actors, reference_words
from app.extract.people import Person, settle
from app.extract.triggers import most_specific
from app.extract.types import PartialDate, Place, ResolvedDate


# --------------------------------------------------------------------------- sides


def _has_cue(doc: Document, sentence: Sentence, kind: str) -> bool:
    return bool(doc.cues_in(sentence, kind))


def judge(doc: Document, cand: Candidate) -> None:
    """complete (both sides), incomplete (may attach to a stated event) or dropped, with a reason."""
    if cand.verdict == "dropped":
        return
    if cand.negated:
        cand.verdict, cand.reason = "dropped", "negated"
        return
    if cand.background and cand.date is None:
        cand.verdict, cand.reason = "dropped", "background without a date"
        return
    if cand.invitation:
        cand.verdict, cand.reason = "dropped", "an invitation, not an event"
        return
    if cand.family == "summit" and cand.date is None:
        cand.verdict, cand.reason = "dropped", "summit without a date of its own"
        return
    settled = []
    for person in cand.persons:
        resolved = settle(person, cand.date, doc.article.reference_date, cand.persons, cand.known)
        if resolved is not None and resolved.key not in {p.key for p in settled}:
            settled.append(resolved)
    cand.persons = settled
    cn, kz = cand.side(CHINA), cand.side(KAZAKHSTAN)
    named = [p for p in cand.persons if p.via in ("named", "family_name", "office", "pronoun", "speaker", "pair")]
    if cand.type == "visit":
        if cand.destination is None:
            cand.verdict, cand.reason = "incomplete", "no destination in China or Kazakhstan"
            return
        guests = cand.side(cand.guest_country)
        if not guests:
            cand.verdict, cand.reason = "incomplete", f"no visitor from {cand.guest_country}"
            return
        cand.verdict = "complete"
        return
    if cand.type == "agreement":
        own_date = cand.date_source in ("sentence", "caption")
        if not (cn and kz) and not own_date and _has_cue(doc, cand.sentence, "since"):
            cand.verdict, cand.reason = "dropped", "a running total since some date, not a signing"
            return
        if cn and kz or {CHINA, KAZAKHSTAN} <= set(cand.states):
            cand.verdict = "complete"
            if not (cn and kz):
                cand.signals.append("states_only")
            return
        host = cand.place.country if cand.place else None
        if (cn or kz) and host in SIDES and not (cn if host == CHINA else kz) \
                and not any(p.country not in SIDES for p in cand.persons) and not cand.planned \
                and not any(state not in SIDES for state in cand.states):
            # "diteken saat Presiden Nazarbayev berkunjung ke Beijing": one side's official signing in
            # the other state, which is the counterpart
            cand.verdict = "complete"
            cand.signals.append("host_state_as_party")
            return
        cand.verdict, cand.reason = "incomplete", "no Chinese and Kazakh party"
        return
    if cand.family == "summit":
        host = cand.place.country if cand.place else None
        cn = [p for p in cn if p.via not in ("pair", "pair_states")]
        kz = [p for p in kz if p.via not in ("pair", "pair_states")]
        if cn and (kz or host == KAZAKHSTAN) or kz and host == CHINA:
            cand.verdict = "complete"
            return
        cand.verdict, cand.reason = "incomplete", "summit without both sides"
        return
    if cand.weak and not ({p.country for p in named} >= {CHINA, KAZAKHSTAN}):
        cand.verdict, cand.reason = "incomplete", "weak trigger needs named people of both sides"
        return
    if cn and kz:
        cand.verdict = "complete"
        return
    if any(p.country not in SIDES for p in cand.persons):
        cand.verdict, cand.reason = "dropped", "with a third country's official"
        return
    cand.verdict, cand.reason = "incomplete", "one side only"


# --------------------------------------------------------------------------- merging


@dataclass
class Event:
    type: str
    family: str
    members: list[Candidate]
    derived: bool = False

    @property
    def statements(self) -> list[Candidate]:
        return [c for c in self.members if c.sentence.kind != "caption"]

    @property
    def persons(self) -> list[Person]:
        """People of the members that state the event (a sentence only attached to it may name others)."""
        seen: dict[str, Person] = {}
        for cand in [c for c in self.members if c.verdict != "referenced"] or self.members:
            for person in cand.persons:
                if person.country in SIDES and person.participates:
                    seen.setdefault(person.key, person)
        return list(seen.values())

    @property
    def core(self) -> list[Candidate]:
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
            for cand in group:
                if cand.place is not None and (destination is None or cand.place.country == destination):
                    return cand.place
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


def _shares_person(event: Event, cand: Candidate) -> bool:
    keys = {p.key for p in event.persons}
    if keys & {p.key for p in cand.persons if p.country in SIDES}:
        return True
    if event.type == "agreement" and ("states_only" in cand.signals or
                                       any("states_only" in c.signals for c in event.members)):
        return True
    return False


def compatible(event: Event, cand: Candidate, *, attach: bool = False) -> bool:
    if event.type != cand.type or event.family != cand.family:
        return False
    if (cand.date is None or event.date is None) and cand.planned != event.planned:
        return False  # an undated announcement is not a report of another time, nor the other way round
    if not dates_compatible(event.date, cand.date) and not (event.type == "visit" and _days_apart(
            event.date, cand.date) <= VISIT_DAYS):
        return False
    if event.type == "visit":
        if cand.destination and event.destination and cand.destination != event.destination:
            return False
        if not cand.persons and attach:
            return True
        guests = {p.key for c in event.members for p in c.side(c.guest_country or "")}
        return bool(guests & {p.key for p in cand.side(cand.guest_country or "")}) or \
            (attach and _shares_person(event, cand))
    if not cand.persons and attach:
        return True
    if not attach and event.type == "meeting":
        for country in SIDES:
            mine = {p.key for p in cand.side(country)}
            theirs = {p.key for p in event.persons if p.country == country}
            if mine and theirs and not mine & theirs:
                return False  # Li–Masimov and Li–Nazarbayev are two meetings
    return _shares_person(event, cand)


def follow_sequels(cands: list[Candidate]) -> None:
    """ "Usai pertemuan, X dan Y menandatangani ...": the meeting is the last one stated before (of
    the same family), and whatever else the sentence tells without a date of its own happened on
    that meeting's day (not on the lead's). When the sentence dates the meeting itself ("Usai
    perundingan, Senin (7/3), ..."), that date is the day of the rest as well."""
    for cand in cands:
        if cand.anaphoric != "sequel":
            continue
        if cand.date_source in ("sentence", "caption"):
            day, place = cand.date, cand.place
        else:
            earlier = [c for c in cands if c.sentence.index < cand.sentence.index and c.type == cand.type
                       and c.family == cand.family and c.verdict == "complete" and not c.planned
                       and not c.background and c.date and c.date.start.precision != "year"]
            if not earlier:
                cand.anaphoric = None
                continue
            same_kind = [c for c in earlier if c.subtype == cand.subtype]  # "usai pembicaraan" → the talks
            told = (same_kind or earlier)[-1]
            cand.antecedent = told
            day, place = told.date, told.place
            cand.date, cand.date_source = day, "sequel"
        for other in cands:
            if other.sentence.index == cand.sentence.index and other is not cand \
                    and other.date_source not in ("sentence", "caption"):
                other.date, other.date_source = day, "sequel"
                other.place = other.place or place


def follow_frames(doc: Document, cands: list[Candidate]) -> None:
    """ "Dalam lawatan itu, Wang bertemu Tokayev", "During the visit, X met Y": a visit or meeting noun
    referring back (a demonstrative, "the", "his") right after a word of duration frames the sentence:
    what else it tells without a date of its own happened during the event last told of that type, on
    its day when that was one day, else in its month."""
    for cand in cands:
        if cand.type not in ("visit", "meeting") or cand.date_source in ("sentence", "caption"):
            continue
        head = min(cand.triggers, key=lambda t: t.match.start)
        framed = any(m.end <= head.match.start and head.match.start - m.end <= m.window
                     and m.start >= cand.sentence.tok_start for m in doc.cues_by_kind.get("during", ()))
        referring = cand.anaphoric or any(head.match.start - 1 == pos for pos in cand.pronouns)
        if not framed or not referring:
            continue
        told = [c for c in cands if c.sentence.index < cand.sentence.index and c.type == cand.type
                and c.verdict == "complete" and not c.planned and c.date is not None
                and c.date.start.precision != "year"]
        if not told:
            continue
        frame = told[-1]
        date = frame.date
        if date.start.precision == "day" and (cand.type == "visit" or date.end not in (None, date.start)):
            date = ResolvedDate(PartialDate(date.start.year, date.start.month), None, date.phrase, date.span,
                                date.rule + ";month_of_frame")
        cand.antecedent = frame
        for other in cands:
            if other.sentence.index == cand.sentence.index and other is not cand \
                    and other.date_source not in ("sentence", "caption"):
                other.date, other.date_source = date, "sequel"
                other.place = other.place or frame.place


def split_pairs(doc: Document, cands: list[Candidate]) -> list[Candidate]:
    """ "Wang bertemu Tokayev dan Menlu Nurtleu", "X is to meet Wen Jiabao and Wu Bangguo": one person
    meeting several named people of the other side, listed together in one sentence, meets each of them
    (one meeting per pair, as the gold convention counts them)."""
    joiners = reference_words("conjunction")
    out: list[Candidate] = []
    for cand in cands:
        if cand.type != "meeting" or cand.family != "meeting" or cand.verdict != "complete":
            out.append(cand)
            continue
        sides = {c: sorted((p for p in cand.persons if p.country == c), key=lambda p: p.pos) for c in SIDES}
        named = all(p.via in ("named", "family_name", "office") and p.end is not None
                    for p in cand.persons if p.country in SIDES)
        one = [c for c in SIDES if len(sides[c]) == 1]
        many = [c for c in SIDES if len(sides[c]) >= 2]
        if not named or len(one) != 1 or len(many) != 1 or not all(
                _listed(doc, a, b, joiners) for a, b in zip(sides[many[0]], sides[many[0]][1:])):
            out.append(cand)
            continue
        for person in sides[many[0]]:
            keep = {person.key, sides[one[0]][0].key}
            out.append(replace(cand, persons=[p for p in cand.persons if p.country not in SIDES or p.key in keep],
                               signals=cand.signals + ["one_meeting_per_pair"]))
    return out


def _listed(doc: Document, a: Person, b: Person, joiners: frozenset[str]) -> bool:
    """b follows a in one list: joiners between them, and perhaps b's capitalised title ("Perdana
    Menteri Zhu Rongji dan Sekretaris Jenderal Partai Komunis Cina Hu Jintao")."""
    gap = [doc.tokens[i] for i in range(a.end, b.pos)]
    if not gap or not any(t.lower in joiners for t in gap):
        return False
    return all(t.lower in joiners or t.text[:1].isupper() for t in gap)


def merge(cands: list[Candidate]) -> list[Event]:
    events: list[Event] = []
    for cand in cands:
        if cand.verdict != "complete":
            continue
        if cand.onward:  # a further leg of a trip already told: part of that visit, whatever its day
            leg = next((e for e in reversed(events) if e.type == "visit" and e.destination == cand.destination
                        and compatible(e, replace(cand, date=None), attach=True)), None)
            if leg is not None:
                leg.members.append(cand)
                cand.date, cand.date_source = None, None
                cand.verdict, cand.reason = "referenced", "an onward leg of a visit already told"
                continue
        if cand.anaphoric == "sequel" and cand.antecedent is not None:  # "usai pertemuan": the talks told
            target = next((e for e in events if any(m is cand.antecedent for m in e.members)), None)
        elif cand.anaphoric in ("demonstrative", "sequel"):  # "pembicaraan tersebut": the event just told
            target = next((e for e in reversed(events) if e.type == cand.type and e.family == cand.family), None)
        elif cand.anaphoric:
            target = next((e for e in reversed(events) if compatible(e, cand, attach=True)), None)
        else:
            target = next((e for e in reversed(events) if compatible(e, cand)), None)
        if target is None:
            events.append(Event(cand.type, cand.family, [cand]))
        else:
            target.members.append(cand)
            cand.signals.append("merged")
            if cand.anaphoric == "demonstrative":
                cand.verdict, cand.reason = "referenced", "refers back to a stated event"
    for cand in cands:
        if cand.verdict != "incomplete":
            continue
        # a mention attaches to an event of its own tense: a reported "negotiations" does not date or
        # confirm a meeting only announced ("is expected to meet")
        target = next((e for e in reversed(events) if compatible(e, cand, attach=True) and e.planned == cand.planned
                       and (e.members[0].sentence.index <= cand.sentence.index or not e.statements)), None)
        if target is not None:
            target.members.append(cand)
            if cand.anaphoric == "demonstrative":
                cand.verdict, cand.reason = "referenced", "refers back to a stated event"
            else:
                cand.verdict, cand.reason = "attached", "attached to a stated event"
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
        for cand in event.members:
            copy = replace(cand, type="visit", family="visit", subtype="visit", destination=place.country,
                           guest_country=guest_country, place=place, signals=cand.signals + ["derived_from_meeting"])
            members.append(copy)
        out.append(Event("visit", "visit", members, derived=True))
    return out
