"""The people and states one sentence names or refers to, resolved against the article so far.

``read_references`` is the first pass over a sentence (input: the document, the sentence and the
``Context`` of the sentences before it; output: its ``SentencePeople``). Names are read by the role
patterns (``entities.read_people``) and resolved by ``people.resolve_refs``; the references are
resolved here, one rule per kind of reference:

* ``pair_persons``: "kedua presiden", "the two sides" → the last people named of China and of
  Kazakhstan, when the pair stands for those two states (``principal_states``);
* ``third_person``: "ia", "he" → the person named just before in the sentence, else the person an
  opening phrase points forward to, else the subject of the sentence before;
* ``speaker``: "saya", "I" → the person a reporting verb attributes the sentence to.

The sentence is then added to the context (``Context.remember``) once its frames are built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.extract.clauses import clause_of, sent_by, since_clauses
from app.extract.document import Document, Sentence
from app.extract.entities import SIDES, Slot, actors, name_stops, read_people, slots_for
from app.extract.people import Context, Person, SentencePeople, offices_alone, resolve_refs

OLD_DAYS = 62
"""A sentence whose dates all lie this long before publication tells of the past."""


def read_references(doc: Document, sentence: Sentence, ctx: Context) -> SentencePeople:
    """The sentence's people: those it names and those its references point to, with the states it
    names (a pair of states read as China and Kazakhstan adds both)."""
    slots = slots_for(doc.tokens, sentence.tok_start, sentence.tok_end, doc.mentions_in(sentence))
    refs = read_people(slots)
    persons = resolve_refs(refs, ctx)
    persons += surnames_of_named(slots, refs, ctx)
    alone = offices_alone(refs, persons, doc.article.extra.get("outlet_country"))
    persons += alone
    person_spans = [(r.start, r.end) for r in refs]
    state_mentions = [(slot.start, slot.value) for slot in slots if slot.kind == "COUNTRY" and slot.detail == "n"
                      and not any(a <= slot.start < b for a, b in person_spans)]
    past, day = sentence_time(doc, sentence, ctx)
    states: list[str] = []
    named_states: list[str] = []
    pronouns: dict[int, str] = {}
    pair_resolved = False
    for slot in slots:
        if slot.kind == "COUNTRY" and slot.detail == "n" and not any(a <= slot.start < b for a, b in person_spans):
            states.append(slot.value)
            named_states.append(slot.value)
        if slot.kind != "REF":
            continue
        present = {p.key for p in persons}
        if slot.value in ("pair_persons", "pair_states"):
            found = pair_persons(doc, sentence, ctx, slot, persons, state_mentions, states, day, past)
            if found is None:
                continue  # "the two countries" of a story about another pair of states
            pair_resolved = True
            persons += found
            if slot.value == "pair_states":
                states += list(SIDES)
        elif slot.value == "pronoun_third":
            found = third_person(doc, sentence, ctx, slot.start, persons)
            if found is not None:
                pronouns[slot.start] = found.key
            if found is not None and found.key not in present:
                persons.append(replace(found, pos=slot.start, via="pronoun", rule="ref:pronoun_third"))
        elif slot.value == "guest":
            found = guest(ctx, sentence, persons, slot.detail or None)
            if found is not None and found.key not in present:
                persons.append(replace(found, pos=slot.start, via="pronoun", rule="ref:guest"))
        elif slot.value == "pronoun_first":
            found = speaker(doc, sentence, persons)
            if found is not None:
                persons.append(replace(found, pos=slot.start, via="speaker", rule="ref:pronoun_first"))
        elif slot.value == "pronoun_plural":
            found_pair = plural_pronoun(ctx, slot.start, persons)
            if found_pair:
                pair_resolved = True
                persons += found_pair
    if not alone and any(p.rule == "ref:guest" for p in persons):  # "the President hosted the Chinese guest"
        persons += offices_alone(refs, persons, doc.article.extra.get("outlet_country"))
    persons = [p for p in persons if p.participates]
    known = [p.actor_id for p in ctx.history if p.actor_id] + [p.actor_id for p in persons if p.actor_id]
    return SentencePeople(sentence, slots, refs, persons, pronouns, state_mentions,
                          list(dict.fromkeys(states)), list(dict.fromkeys(named_states)), pair_resolved, past, day,
                          known, in_passing(doc, sentence, persons) if persons else set(),
                          previous=list(ctx.previous_people))


def surnames_of_named(slots: list[Slot], refs: list, ctx: Context) -> list[Person]:
    """ "Saparov", "Zhou" alone: one word of the name of a person the article named before through a
    title ("Agriculture Minister Aidar Saparov") and that no lexicon lists, standing for that person."""
    named = ctx.unlisted_words
    if not named:
        return []
    covered = {i for r in refs for i in range(r.start, r.end)}
    stops = name_stops()
    found = []
    for k, slot in enumerate(slots):
        token = slot.token
        if slot.kind != "TOK" or token is None or slot.start in covered or token.text not in named \
                or token.lower in stops:
            continue
        nxt = slots[k + 1] if k + 1 < len(slots) else None
        if nxt is not None and nxt.kind == "TOK" and nxt.token is not None and nxt.token.is_capitalised \
                and nxt.token.text.isalpha():
            continue  # "Saparov Street", another name
        person = named[token.text]
        found.append(replace(person, pos=slot.start, via="family_name", rule="ref:surname_of_named",
                             end=slot.end))
    return found




def sentence_time(doc: Document, sentence: Sentence, ctx: Context) -> tuple[bool, dt.date | None]:
    """Whether a sentence tells of the past (every date it gives lies well before publication; a sentence
    without a date continues the one before it when that one named people), and the day its first date
    gives (else the article's day): what a pair reference ("kedua presiden") is read against."""
    dates = [d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end) if d.span is not None]
    published = doc.article.reference_date
    if not dates:
        return bool(ctx.previous_old), ctx.day
    first = min(dates, key=lambda d: d.span.start)
    day = first.start.first_day()
    if published is None:
        return False, day
    limit = published.first_day() - dt.timedelta(days=OLD_DAYS)
    return all((d.end or d.start).last_day() < limit for d in dates), day


def in_passing(doc: Document, sentence: Sentence, persons: list[Person]) -> set[int]:
    """Positions of people named only inside a since-clause ("sejak menggantikan pendahulunya") or as
    the sender of greetings ("conveyed the greetings of President X"): they take part in nothing the
    sentence tells, and a later "kedua pemimpin" is not them."""
    spans = since_clauses(doc, sentence)
    senders = sent_by(doc, sentence, persons)
    return {p.pos for p in persons if any(lo < p.pos < hi for lo, hi in spans) or p.key in senders}


# --------------------------------------------------------------------------- pairs


def pair_persons(doc: Document, sentence: Sentence, ctx: Context, slot: Slot, persons: list[Person],
                 state_mentions: list[tuple[int, str]], states: list[str], day: dt.date | None,
                 past: bool) -> list[Person] | None:
    """The people a pair reference ("kedua presiden", "the two sides") adds to the sentence: for each of
    China and Kazakhstan not already stated in the sentence, the last person of that side named (or,
    for "kedua kepala negara" when only one of them was ever named, the other state's office holder,
    resolved on the event's date). None when the pair is not China and Kazakhstan."""
    before = [p for p in persons if p.pos < slot.start and p.via in ("named", "family_name", "office")
              and p.country is not None]
    lo, hi = clause_of(doc, sentence, slot.start)
    in_clause = [v for pos, v in state_mentions if lo <= pos < hi] + \
        [p.country for p in persons if p.to and lo <= p.pos < hi] + [p.to for p in persons if p.to and lo <= p.pos < hi]
    # "the Kazakh ambassador to Indonesia ... the two countries": Kazakhstan and Indonesia
    earlier = [v for pos, v in state_mentions if pos < lo]
    if principal_states(ctx, before, in_clause, earlier) != set(SIDES):
        return None
    present = {p.key for p in persons if p.pos < slot.start}  # one named later may be in another clause
    named_sides = {p.country for p in persons if p.country in SIDES}
    stated = stated_sides(doc, sentence, persons, slot, day)
    added: list[Person] = []
    for country in SIDES:
        if country in stated:
            continue  # "X's visit returned Y's trip, when the two leaders signed": those two
        found = pair_member(ctx, sentence.tok_start, country, slot.detail or None, day, past)
        if found is not None and found.key not in present:
            via = "pair" if slot.value == "pair_persons" else "pair_states"
            added.append(replace(found, pos=slot.start, via=via, rule=f"ref:{slot.value}"))
        elif found is None and slot.value == "pair_persons" and country not in named_sides \
                and pair_may_fill(ctx, country, states):
            office = slot.detail or office_of_other(persons + added + ctx.history, country, ctx.day)
            if office:
                added.append(Person(f"office:{office}:{country}", office, country, slot.start,
                                    "ref:pair_persons+office", "pair", offices=(office,), pending=True))
    return added


def principal_states(ctx: Context, before: list[Person], named: list[str], earlier: list[str] = ()) -> set[str]:
    """The two states a "kedua negara" / "the two leaders" of this sentence stands for: the two the
    sentence itself names ("... antara China dan Mongolia"; when it names more, none two of them: "the
    leaders of China, Kazakhstan, Uzbekistan and Turkmenistan"), else the countries of the people named
    last (this sentence first, then the article), completed by the states named last (``earlier``: in
    this sentence before the reference, then the article). Never a default pair: in a story about China
    and Mongolia, "the two countries" are China and Mongolia."""
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


def stated_sides(doc: Document, sentence: Sentence, persons: list[Person], slot: Slot, day: dt.date | None) -> set[str]:
    """The sides a pair reference ("kedua pemimpin", "the two presidents") need not fill: a person of
    that side is named earlier in the sentence, is not the speaker of a reporting verb, and (for a pair
    that names an office) is not given another office; or, for a pair that names an office, is named
    later in the sentence holding it on the sentence's day ("the two presidents opened the forum
    during President X's visit")."""
    found_speaker = speaker(doc, sentence, persons)
    out = set()
    for person in persons:
        if person.country not in SIDES or person.via not in ("named", "family_name"):
            continue
        if found_speaker is not None and person.key == found_speaker.key:
            continue
        explicit = [o for o in person.offices if o != "counterpart"]
        if slot.detail and explicit and slot.detail not in explicit:
            continue
        if person.pos >= slot.start:
            held = person.actor_id is not None and day is not None and any(
                t.office == slot.detail and t.covers(day) for t in actors()[person.actor_id].terms)
            if not slot.detail or not (slot.detail in explicit or held):
                continue
        out.add(person.country)
    return out


PAIR_REACH = 300
"""How many of the people named last a pair reference looks back over: more than an article names,
a bound on the work for a text of thousands of reports."""


def pair_member(ctx: Context, before: int, country: str, office: str | None, day: dt.date | None,
                old: bool) -> Person | None:
    """The person of ``country`` a pair reference points to: the last one named (not in passing),
    preferring one told of the same time as the sentence (the past or the story's present) and, for a
    pair that names an office ("kedua presiden"), one who held it on the sentence's day."""
    found = [p for p in reversed(ctx.history[-PAIR_REACH:]) if p.pos < before and p.country == country]
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


def pair_may_fill(ctx: Context, missing: str, states: list[str]) -> bool:
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


def office_of_other(people: list[Person], missing: str, day: dt.date | None) -> str | None:
    """The office of the last named person of the side that is known ("the two leaders")."""
    for person in reversed(people):
        if person.country in SIDES and person.country != missing and person.actor_id:
            named = [o for o in person.offices if o != "counterpart"]
            if named:
                return named[0]
            held = actors()[person.actor_id].offices_on(day) if day else []
            return held[0].office if held else None
    return None


# --------------------------------------------------------------------------- pronouns


def plural_pronoun(ctx: Context, pos: int, persons: list[Person]) -> list[Person]:
    """Who "they"/"mereka" at ``pos`` are: the Chinese and Kazakh people of the sentence before, when it
    named people of both sides and this sentence names none before the pronoun ("X met Y. They also
    signed ..."). Anyone else ("they" of protesters, of a third country) adds no one."""
    if any(p.pos < pos and p.country in SIDES for p in persons):
        return []
    previous = [p for p in ctx.previous_people if p.country in SIDES]
    if {p.country for p in previous} != set(SIDES) or any(p.country not in SIDES for p in ctx.previous_people):
        return []
    present = {p.key for p in persons}
    return [replace(p, pos=pos, via="pair", rule="ref:pronoun_plural") for p in previous if p.key not in present]



def third_person(doc: Document, sentence: Sentence, ctx: Context, pos: int, persons: list[Person]) -> Person | None:
    """Who "ia"/"he" at ``pos`` is: the last person named before it in the sentence (not one just set
    aside: "Selain X, ia juga ..."), else the person an opening phrase points forward to, else the
    subject of the sentence before, else the last person named."""
    local = [p for p in persons if p.pos < pos and not any(
        m.start <= p.pos <= m.end + 1 for m in doc.cues_in(sentence, "exclusion"))]
    if local:
        return local[-1]
    return cataphora(doc, pos, persons) or ctx.subject() or ctx.last(sentence.tok_start)


def guest(ctx: Context, sentence: Sentence, persons: list[Person], country: str | None) -> Person | None:
    """Who "the Chinese guest" or "his guest" is: the person of that state (else of the side the sentence
    does not name) the story is about, the first it named, not one recalled from the past."""
    if country is None:
        named = {p.country for p in persons if p.country in SIDES}
        others = [c for c in SIDES if c not in named]
        if len(others) != 1:
            return None
        country = others[0]
    for person in ctx.history:  # the visitor the story is about: named first, not one recalled from the past
        if person.pos < sentence.tok_start and person.country == country and person.pos not in ctx.old \
                and person.pos not in ctx.incidental:
            return person
    return ctx.last(sentence.tok_start, country=country)


def cataphora(doc: Document, pos: int, persons: list[Person]) -> Person | None:
    """"On the second day of his trip, X met ...": a pronoun in an opening phrase that a comma closes
    points to the first person named after the comma."""
    later = [p for p in persons if p.pos > pos]
    if not later:
        return None
    first = min(later, key=lambda p: p.pos)
    between = doc.tokens[pos + 1:first.pos]
    return first if any(t.text == "," for t in between) else None


def speaker(doc: Document, sentence: Sentence, persons: list[Person]) -> Person | None:
    """The person a reporting verb attributes the sentence to ('..., X said')."""
    for match in doc.cues_in(sentence, "reporting"):
        near = [p for p in persons if abs(p.pos - match.end) <= 2 or abs(match.start - p.pos) <= 3]
        if near:
            return near[0]
    return None
