"""People in context: the persons a sentence names, resolved against what the article said before.

Family names ("Li", "Wang") are resolved from earlier full mentions or from a title on the date;
unnamed office holders ("Presiden Kazakhstan", "his Kazakh counterpart") are resolved on the
event's date by ``settle``; "kedua presiden"/"the two leaders" point to the two principals; a
pronoun in an opening phrase ("On the first day of his visit, X ...") points forward.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from app.extract.document import Document, Sentence
from app.extract.entities import SIDES, PersonRef, actors, actors_by_short, holder, offices
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

    def subject(self) -> Person | None:
        """Who a sentence-opening "he"/"ia" most likely is: the first person the previous sentence
        named (its subject), not the last one ("X arrived ... at the invitation of Y. He met ...")."""
        return self.previous_people[0] if self.previous_people else None

    def last(self, before: int, country: str | None = None, exclude: set[str] | frozenset = frozenset()) -> Person | None:
        for person in reversed(self.history):
            if person.pos < before and person.key not in exclude and (country is None or person.country == country):
                return person
        return None


def _actor_person(actor_id: str, ref: PersonRef, via: str) -> Person:
    actor = actors()[actor_id]
    return Person(actor.id, actor.name, actor.country, ref.start, ref.rule, via, actor_id=actor.id,
                  offices=ref.offices, to=ref.to, end=ref.end)


def _resolve_short(ref: PersonRef, ctx: Context, local: list[Person]) -> Person | None:
    candidates = actors_by_short().get(ref.surname or "", ())
    if not candidates:
        return None
    for person in reversed(local + ctx.history):
        if person.actor_id in candidates and person.pos < ref.start:
            return replace(_actor_person(person.actor_id, ref, "family_name"), rule=ref.rule + "+earlier_mention")
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


def principal_states(ctx: Context, before: list[Person], named: list[str], earlier: list[str] = ()) -> set[str]:
    """The two states a "kedua negara" / "the two leaders" of this sentence stands for: the two the
    sentence itself names ("... antara China dan Mongolia"; when it names more, none two of them: "the
    heads of state of China, Kazakhstan, Kyrgyzstan, Russia and Tajikistan"), else the countries of the people named last
    (this sentence first, then the article), completed by the states named last (``earlier``: in this
    sentence before the reference, then the article). Never a default pair:
    in a story about China and Mongolia, "the two countries" are China and Mongolia."""
    distinct = list(dict.fromkeys(named))
    if len(distinct) >= 2:  # "... antara China dan Mongolia"; more than two: a multilateral setting
        return set(distinct)
    found: list[str] = []
    for country in [p.country for p in sorted(before, key=lambda p: -p.pos)] + ctx.parties[::-1]:
        if country not in found:
            found.append(country)
        if len(found) == 2:
            return set(found)
    for country in distinct + list(earlier)[::-1] + ctx.states_order[::-1]:
        if country not in found:
            found.append(country)
        if len(found) == 2:
            break
    return set(found)


def pair_member(ctx: Context, before: int, country: str, office: str | None, day: dt.date | None,
                old: bool) -> Person | None:
    """The person of ``country`` a pair reference points to: the last one named (not in passing),
    preferring one told of the same time as the sentence (the past or the story's present) and, for a
    pair that names an office ("kedua presiden"), one who held it on the sentence's day."""
    found = [p for p in reversed(ctx.history) if p.pos < before and p.country == country]
    if not found:
        return None
    found = [p for p in found if p.pos not in ctx.incidental] or found

    def holds(person: Person) -> bool:
        if office is None:
            return True
        if office in person.offices:
            return True
        if person.actor_id and day is not None:
            return any(t.office == office and t.covers(day) for t in actors()[person.actor_id].terms)
        return not person.offices

    same_time = [p for p in found if (p.pos in ctx.old) == old]
    for group in ([p for p in same_time if holds(p)], [p for p in found if holds(p)], same_time, found):
        if group:
            return group[0]
    return None


def _pair_may_fill(ctx: Context, missing: str, states: list[str]) -> bool:
    """Only when the story is China–Kazakhstan: the missing state is named in the article and the
    last people named are not from a third country (then "the two leaders" are someone else)."""
    if missing not in ctx.states_seen and missing not in states:
        return False
    last: list[Person] = []
    for person in reversed(ctx.history):
        if person.key not in {p.key for p in last}:
            last.append(person)
        if len(last) == 2:
            break
    return all(p.country in SIDES for p in last)


def _office_of_other(people: list[Person], missing: str, day: dt.date | None) -> str | None:
    """The office of the last named person of the side that is known ("the two leaders")."""
    for person in reversed(people):
        if person.country in SIDES and person.country != missing and person.actor_id:
            named = [o for o in person.offices if o != "counterpart"]
            if named:
                return named[0]
            held = actors()[person.actor_id].offices_on(day) if day else []
            return held[0].office if held else None
    return None


def _cataphora(doc: Document, pos: int, persons: list[Person], sentence: Sentence) -> Person | None:
    """"On the first day of his visit, Nazarbayev met ...": a pronoun in an opening phrase that a
    comma closes points to the first person named after the comma."""
    later = [p for p in persons if p.pos > pos]
    if not later:
        return None
    first = min(later, key=lambda p: p.pos)
    between = doc.tokens[pos + 1:first.pos]
    return first if any(t.text == "," for t in between) else None
