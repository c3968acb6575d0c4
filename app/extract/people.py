"""People in context: the persons a sentence names, resolved against what the article said before.

Family names ("Li", "Wang") are resolved from earlier full mentions or from a title on the date
(``resolve_refs``); unnamed office holders ("Presiden Kazakhstan", "his Kazakh counterpart") are
resolved on the event's date by ``settle``. What the article has said so far is the ``Context``;
what one sentence says of people and states, its references resolved (``references.py``), is a
``SentencePeople``, which ``Context.remember`` then adds to the context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from app.extract.document import Sentence
from app.extract.entities import SIDES, PersonRef, Slot, actors, actors_by_short, holder, offices
from app.extract.types import PartialDate, Place, ResolvedDate


@dataclass(frozen=True)
class Person:
    key: str  # actor id, "name:<name>" or "office:<office>:<country>"
    name: str
    country: str
    pos: int
    rule: str
    via: str  # named | family_name | office | pair | pronoun | speaker
    actor_id: str | None = None
    offices: tuple[str, ...] = ()
    to: str | None = None
    from_lexicon: bool = True
    pending: bool = False  # an unnamed office holder, resolved on the event's date
    end: int | None = None  # token after the mention that names the person in this sentence

    @property
    def participates(self) -> bool:
        specs = offices()
        return not self.offices or any(specs[o].participant for o in self.offices if o in specs)


SURNAME_MIN_CHARS = 3
"""Letters a word of an unlisted person's name needs to stand for him alone."""


@dataclass
class Context:
    """What the article has said so far: people in order, the dateline place, an approximate day."""

    day: dt.date | None
    history: list[Person] = field(default_factory=list)
    dateline: Place | None = None
    sentence_people: dict[int, set[str]] = field(default_factory=dict)  # Chinese/Kazakh people per sentence
    states_seen: set[str] = field(default_factory=set)  # states named so far
    previous_people: list[Person] = field(default_factory=list)  # people of the last body sentence naming any
    parties: list[str] = field(default_factory=list)  # countries of the people named so far, in order
    states_order: list[str] = field(default_factory=list)  # states named so far, in order
    incidental: set[int] = field(default_factory=set)  # positions of people named only in passing ("sejak menggantikan X")
    old: set[int] = field(default_factory=set)  # positions of people named in a sentence about the past
    previous_old: bool | None = None  # the last body sentence told of the past (None: it named nobody)
    unlisted_words: dict[str, Person] = field(default_factory=dict)  # first and last words of unlisted people named

    def remember_unlisted(self, person: Person) -> None:
        """ "Aidar Saparov" named by title: "Aidar" and "Saparov" alone may stand for him later."""
        words = person.name.split()
        if person.key.startswith("name:") and len(words) >= 2:
            for word in (words[0], words[-1]):
                if len(word) >= SURNAME_MIN_CHARS and word.isalpha():
                    self.unlisted_words[word] = person

    def subject(self) -> Person | None:
        """Who a sentence-opening "he"/"ia" most likely is: the first person the previous sentence
        named (its subject), not the last one ("X arrived ... at the invitation of Y. He met ...")."""
        return self.previous_people[0] if self.previous_people else None

    def last(self, before: int, country: str | None = None, exclude: set[str] | frozenset = frozenset()) -> Person | None:
        for person in reversed(self.history):
            if person.pos < before and person.key not in exclude and (country is None or person.country == country):
                return person
        return None

    def remember(self, said: SentencePeople) -> None:
        """Add what one sentence said of people and states to the article so far."""
        stated = [p for p in said.persons if p.via in ("named", "family_name", "office") and not p.pending]
        for person in stated:
            self.history.append(person)
            self.remember_unlisted(person)
            if person.pos in said.in_passing:
                self.incidental.add(person.pos)
            if said.past:
                self.old.add(person.pos)
        body = said.sentence.kind == "body"
        if stated and body:  # with those its pronouns stand for ("he and Tokayev signed ...")
            pointed = [p for p in said.persons if p.via == "pronoun" and p.key not in {q.key for q in stated}]
            self.previous_people = sorted(stated + pointed, key=lambda p: p.pos)
        if body:
            self.previous_old = said.past if stated else None
        self.parties += [p.country for p in sorted(said.persons, key=lambda p: p.pos)
                         if p.via in ("named", "family_name", "office") and p.country and p.pos not in said.in_passing]
        self.states_order += [state for _, state in said.state_mentions]
        self.sentence_people[said.sentence.index] = {p.key for p in said.persons if p.country in SIDES}
        self.states_seen.update(slot.value for slot in said.slots if slot.kind == "COUNTRY")


@dataclass
class SentencePeople:
    """What one sentence says of people and states, its references resolved against the article
    (``references.read_references``): the input of its clauses and frames."""

    sentence: Sentence
    slots: list[Slot]  # the sentence as mentions and plain tokens
    refs: list[PersonRef]  # the people it names, as named
    persons: list[Person]  # those people resolved, and the people its references point to (participants only)
    pronouns: dict[int, str]  # token of a pronoun → key of the person it stands for
    state_mentions: list[tuple[int, str]]  # (token, state) of each state named as a noun, not in a title
    states: list[str]  # the states it names, and China and Kazakhstan for a "kedua negara" read as them
    named_states: list[str]  # the states it names
    pair_resolved: bool  # a pair reference ("kedua presiden") was read as China and Kazakhstan
    past: bool  # it tells of the past (see ``references.sentence_time``)
    day: dt.date | None  # the day its first date gives, else the article's
    known: list[str]  # actor ids the article named before it and in it
    in_passing: set[int]  # positions of people named only in a since-clause
    previous: list[Person] = field(default_factory=list)  # the people of the last body sentence naming any

    @property
    def person_spans(self) -> list[tuple[int, int]]:
        """Token spans of the people it names."""
        return [(ref.start, ref.end) for ref in self.refs]


def posted_in(person: Person, country: str, day: dt.date) -> bool:
    """An ambassador in the country of accreditation lives there: he is not visiting it."""
    if "ambassador" in person.offices:
        return person.to in (None, country)
    if person.actor_id:
        return any(t.office == "ambassador" and t.to == country and t.covers(day)
                   for t in actors()[person.actor_id].terms)
    return False


def _actor_person(actor_id: str, ref: PersonRef, via: str) -> Person:
    actor = actors()[actor_id]
    return Person(actor.id, actor.name, actor.country, ref.start, ref.rule, via, actor_id=actor.id,
                  offices=ref.offices, to=ref.to, end=ref.end)


def _resolve_short(ref: PersonRef, ctx: Context, local: list[Person]) -> Person | None:
    candidates = actors_by_short().get(ref.surname or "", ())
    if not candidates:
        return None
    for person in reversed(local + ctx.history):
        if person.pos >= ref.start:
            continue
        if person.actor_id in candidates:
            return replace(_actor_person(person.actor_id, ref, "family_name"), rule=ref.rule + "+earlier_mention")
        if person.key.startswith("name:") and ref.surname in person.name.split():
            # "Zhou" after "Vice Minister Zhou Ming": the unlisted official, not a listed namesake
            return replace(person, pos=ref.start, via="family_name", rule=ref.rule + "+earlier_named", end=ref.end)
    for person in ctx.history:  # named later in the article (a lead that uses the family name first)
        if person.actor_id in candidates:
            return replace(_actor_person(person.actor_id, ref, "family_name"), rule=ref.rule + "+later_mention")
    if ref.offices and ctx.day is not None:
        for office in ref.offices:
            found = [a for a in candidates if any(t.office == office and t.covers(ctx.day) for t in actors()[a].terms)]
            if len(found) == 1:
                return replace(_actor_person(found[0], ref, "family_name"), rule=ref.rule + "+office_on_date")
    if len(candidates) == 1:
        return _actor_person(candidates[0], ref, "family_name")
    if ctx.day is not None:  # "Hu" in 2007: the one namesake in office on the article's day
        serving = [a for a in candidates if actors()[a].offices_on(ctx.day)]
        if len(serving) == 1:
            return replace(_actor_person(serving[0], ref, "family_name"), rule=ref.rule + "+in_office_on_date")
    return None


def resolve_refs(refs: list[PersonRef], ctx: Context) -> list[Person]:
    people: list[Person] = []
    for ref in refs:
        if ref.kind == "actor":
            people.append(_actor_person(ref.actor_id, ref, "named"))
        elif ref.kind == "short":
            person = _resolve_short(ref, ctx, people)
            if person is not None:
                people.append(person)
        elif ref.kind == "named" and ref.country:
            people.append(Person(f"name:{ref.name}", ref.name, ref.country, ref.start, ref.rule, "named",
                                 offices=ref.offices, to=ref.to, from_lexicon=False, end=ref.end))
        elif ref.kind == "office" and ref.country:
            office = next((o for o in ref.offices if o in offices()), None)
            if office is None:
                continue
            people.append(Person(f"office:{office}:{ref.country}", office, ref.country, ref.start, ref.rule,
                                 "office", offices=ref.offices, to=ref.to, pending=True, end=ref.end))
    return people


def offices_alone(refs: list[PersonRef], people: list[Person], site_country: str | None) -> list[Person]:
    """A title standing alone on the pages of one of the two states' own outlets ("The Head of State
    received Chinese Minister X" on a Kazakh site) is the holder of that office of the site's state, when
    the people named with it are all of the other side; elsewhere ("Presiden" in a third country's
    paper is its own president) it is no one."""
    if site_country not in SIDES:
        return []
    sides = {p.country for p in people if p.country in SIDES and (p.via in ("named", "family_name")
                                                                   or p.rule == "ref:guest")}
    if sides != {c for c in SIDES if c != site_country}:
        return []
    out = []
    for ref in refs:
        if ref.kind != "office" or ref.country is not None:
            continue
        office = next((o for o in ref.offices if o in offices() and offices()[o].stands_alone), None)
        if office is not None:
            out.append(Person(f"office:{office}:{site_country}", office, site_country, ref.start, ref.rule,
                              "office", offices=(office,), pending=True, end=ref.end))
    return out


def _holders(office: str, country: str, lo: dt.date, hi: dt.date, to: str | None) -> list[str]:
    return [a.id for a in actors().values() if a.country == country and any(
        t.office == office and (to is None or t.to == to) and t.start <= hi and (t.end is None or lo < t.end)
        for t in a.terms)]


def settle(person: Person, date: ResolvedDate | None, published: PartialDate | None, others: list[Person],
           known: list[str] = ()) -> Person | None:
    """An unnamed office holder → the person in office at the date (None when unknown). When several
    held the office during a month or year, the one the article has already named is taken."""
    if not person.pending:
        return person
    if date is not None:
        lo, hi = date.start.first_day(), (date.end or date.start).last_day()
    elif published is not None:
        lo = hi = published.first_day()
    else:
        return None
    for office in person.offices:
        if office == "counterpart":
            office = next((o for p in others if p.country != person.country for o in p.offices
                           if o != "counterpart"), None)
            if office is None:
                for p in others:
                    if p.actor_id and p.country != person.country:
                        held = actors()[p.actor_id].offices_on(lo)
                        office = held[0].office if held else None
                        break
            if office is None:
                continue
        holders = _holders(office, person.country, lo, hi, person.to)
        chosen = next((a for a in reversed(known) if a in holders), None)
        if chosen is None:
            actor = holder(office, person.country, lo + (hi - lo) / 2, person.to)
            chosen = actor.id if actor else None
        if chosen is not None:
            actor = actors()[chosen]
            return Person(actor.id, actor.name, actor.country, person.pos, person.rule + "+office_on_date",
                          "office", actor_id=actor.id, offices=(office,), to=person.to, end=person.end)
    return None
