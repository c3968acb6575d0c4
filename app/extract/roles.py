"""Where a frame's event happens and, for a visit, where to and who travels: the place slot.

``visit_roles`` (input: a visit frame's triggers and people, the sentence's slots, the context;
output: ``Roles``) finds the destination after the visit word ("ke Kazakhstan", "to Astana") or
before it ("X, in Astana for talks"), else from the host named with it, else from the dateline; the
guest side is the other one; the visitor named with the visit noun ("his visit", "kunjungan
Presiden X") is the only guest of that side. ``event_place`` gives any other event its place: a
place introduced by a preposition or a visit word, else a place that does not stand for its state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.extract.clauses import CLAUSE_MARKS, Trigger
from app.extract.document import Document
from app.extract.entities import CHINA, KAZAKHSTAN, SIDES, Slot, countries, reference_words
from app.extract.people import Context, Person, SentencePeople
from app.extract.places import gazetteer, place_for_label
from app.extract.triggers import trigger_specs
from app.extract.types import Place

DESTINATION_WINDOW = 8
"""Tokens after a visit trigger in which its destination is looked for."""
NEAR_PERSON = 3
"""Tokens between "visiting"/"kunjungan" and the person it qualifies."""


@dataclass(frozen=True)
class Roles:
    """What the place slot says of a visit: where it went, which side is the guest, where it was."""

    persons: list[Person]  # the frame's people, with the visitor named with the visit noun the only guest
    destination: str | None = None
    guest_country: str | None = None
    place: Place | None = None
    signals: tuple[str, ...] = ()
    dropped: str | None = None  # why this is no China–Kazakhstan visit


def visit_roles(doc: Document, said: SentencePeople, triggers: list[Trigger], persons: list[Person],
                anaphoric: str | None, ctx: Context) -> Roles:
    """The destination, guest side and place of a visit told by ``triggers``."""
    slots, person_spans = said.slots, said.person_spans
    destinations: list[str] = []
    place = None
    for trig in triggers:
        if trig.spec.destination:
            destinations, place = destination_after(slots, trig, person_spans, ctx)
            if destinations:
                break
    if not destinations and not anaphoric:  # "ke X dibahas dalam kunjungan ini": a place told before
        destinations, place = destination_before(slots, triggers[0], person_spans)  # "this visit" is another's
    if place is None and not anaphoric:
        # a place in a later clause of another event ("X's visit also produced an accord on a railway to
        # China's western region") is not where the visit went
        end = max(t.match.end for t in triggers)
        cut = next((k for k, s in enumerate(slots) if s.start >= end and s.kind == "TRIGGER"
                    and trigger_specs()[int(s.value)].type != "visit"), len(slots))
        place = place_of([s for s in slots[:cut] if not filed_from(doc, said, s)], person_spans)
        if place is not None and destinations and place.country not in destinations:
            place = None
    sides = [c for c in destinations if c in SIDES]
    traveller = subject_traveller(doc, said, triggers, persons)
    if destinations and not sides:
        return Roles(persons, dropped=f"visit to a third country ({', '.join(destinations)})")
    destination, signals = None, ()
    if sides:
        destination = sides[0]
    elif place is not None and place.country in SIDES:
        destination = place.country
    else:
        destination, signals = destination_from_people(doc, triggers, persons, traveller, destinations,
                                                       anaphoric, ctx)
    if destination is not None and traveller is not None and traveller.country == destination:
        return Roles(persons, destination, signals=signals, dropped="going home, not a visit")
    guest_country = None
    if destination is not None:
        guest_country = KAZAKHSTAN if destination == CHINA else CHINA
        persons = keep_possessor(doc, said, triggers, persons, guest_country)
    if place is None and destination and ctx.dateline and ctx.dateline.country == destination:
        place = ctx.dateline
    return Roles(persons, destination, guest_country, place, signals)


def destination_from_people(doc: Document, triggers: list[Trigger], persons: list[Person],
                            traveller: Person | None, destinations: list[str], anaphoric: str | None,
                            ctx: Context) -> tuple[str | None, tuple[str, ...]]:
    """A visit that names no destination goes to the host's state: the other side than the guest
    (the traveller, or the person the visit word qualifies, or the one named before it; "X disambut
    oleh Y": Y is the host); else, for an arrival reported from one side's capital by a visitor of the
    other ("ASTANA - ... the premier, who arrived on Friday for a three-day stay"), to the dateline's
    state."""
    people = [p for p in persons if p.country in SIDES]
    trig = triggers[0]
    following = [p for p in people if 0 <= p.pos - trig.match.end <= NEAR_PERSON
                 and all(doc.tokens[i].is_word for i in range(trig.match.end, p.pos))]
    if not following and trig.spec.describes_visitor:
        following = _described_person(doc, trig, people)
    preceding = [p for p in people if p.pos < trig.match.start]
    if traveller is not None:
        guest = traveller
    elif trig.spec.host_after:
        guest = preceding[-1] if preceding else None
    else:
        guest = following[0] if following else (preceding[-1] if preceding else None)
    if guest is not None and len({p.country for p in people}) == 2 and not anaphoric:
        return (KAZAKHSTAN if guest.country == CHINA else CHINA), ("destination_from_host",)
    if not destinations and people and ctx.dateline is not None and ctx.dateline.country in SIDES \
            and any(t.spec.arrival for t in triggers) and all(p.country != ctx.dateline.country for p in people):
        return ctx.dateline.country, ("destination_from_dateline",)
    return None, ()


DESCRIBED_PERSON_GAP = 10
"""Tokens of a title phrase between "visiting" and the person it describes ("the visiting head of the
delegation, Deputy Minister X")."""


def _described_person(doc: Document, trig: Trigger, people: list[Person]) -> list[Person]:
    """The person right after a visit word with only the words of a title between them (words and
    commas, no other person): "met the visiting member of the Council, Foreign Minister X"."""
    after = sorted((p for p in people if p.pos >= trig.match.end), key=lambda p: p.pos)
    if not after or after[0].pos - trig.match.end > DESCRIBED_PERSON_GAP:
        return []
    gap = [doc.tokens[i] for i in range(trig.match.end, after[0].pos)]
    return [after[0]] if all(t.is_word or t.text == "," for t in gap) else []


def destination_after(slots: list[Slot], trigger: Trigger, person_spans: list[tuple[int, int]],
                      ctx: Context) -> tuple[list[str], Place | None]:
    """Countries (and place) a visit goes to: the first state or place after the trigger that is
    the trigger's object or follows a destination preposition; tours list several ("ke Kazakhstan
    dan Uzbekistan")."""
    preps = reference_words("destination_preposition")
    conj = reference_words("conjunction")
    articles = reference_words("determiner_before")
    descriptors = reference_words("place_descriptor")
    after = [s for s in slots if s.start >= trigger.match.end
             and not any(a <= s.start < b for a, b in person_spans)][:DESTINATION_WINDOW]
    # "arrived in the Kazakh capital", "to the city of Xi'an": an article before a state's name or a place
    # is transparent (not before a mere adjective: "a visit to the Chinese embassy" goes nowhere)
    after = [s for k, s in enumerate(after) if not (s.kind == "TOK" and s.value in articles and k + 1 < len(after)
                                                     and (after[k + 1].kind == "PLACE" or after[k + 1].kind == "COUNTRY"
                                                          and after[k + 1].detail == "n"))]
    found_countries: list[str] = []
    place: Place | None = None
    previous = None
    for slot in after:
        if slot.kind == "TRIGGER":
            break
        if slot.kind == "REF" and slot.value == "here" and ctx.dateline is not None:
            return [ctx.dateline.country], ctx.dateline
        if slot.kind == "REF" and slot.value == "state_anaphor" and previous is None and ctx.states_order:
            return [ctx.states_order[-1]], None  # "She last visited the country in 2011"
        if slot.kind in ("COUNTRY", "PLACE"):
            opens = previous is None or (previous.kind == "TOK" and previous.value in preps) \
                or (found_countries and previous.kind == "TOK" and previous.value in conj) \
                or (slot.kind == "PLACE" and not found_countries and _described(after, slot))
            if not opens and slot.kind == "PLACE" and place is None and previous.kind == "TOK" \
                    and previous.value in descriptors and place_for_label(slot.value).country in found_countries:
                place = place_for_label(slot.value)  # "the Kazakh capital of Astana", "ibu kota Kazakhstan, Astana"
                previous = slot
                continue
            if not opens:
                if found_countries:
                    break
                previous = slot
                continue
            if slot.kind == "COUNTRY":
                found_countries.append(slot.value)
            else:
                found = place_for_label(slot.value)
                place = place or found
                found_countries.append(found.country)
        elif found_countries and slot.kind == "TOK" and slot.value in descriptors:
            pass  # "the Kazakh capital of Astana": the place may follow the state it is in
        elif found_countries and not (slot.kind == "TOK" and (slot.value in conj or slot.value in preps)):
            break
        previous = slot
    return list(dict.fromkeys(found_countries)), place


def _described(after: list[Slot], place: Slot) -> bool:
    """A place introduced by a destination preposition through a description of it ("in the Kazakh
    capital of Astana", "ke ibu kota Kazakhstan, Astana"): only descriptor words and a state's name
    or adjective stand between the preposition and the place."""
    preps = reference_words("destination_preposition")
    descriptors = reference_words("place_descriptor")
    before = [s for s in after if s.start < place.start]
    for k in range(len(before) - 1, -1, -1):
        slot = before[k]
        if slot.kind == "TOK" and slot.value in preps:
            return k < len(before) - 1
        if not (slot.kind == "TOK" and slot.value in descriptors or slot.kind == "COUNTRY"):
            return False
    return False


def destination_before(slots: list[Slot], trigger: Trigger,
                       person_spans: list[tuple[int, int]]) -> tuple[list[str], Place | None]:
    """ "The minister is in Kazakhstan for a working visit", "X, in Astana for talks": the state or place
    a destination preposition introduces between the visitor and the visit noun, in one clause."""
    preps = reference_words("destination_preposition")
    before = [s for s in slots if s.end <= trigger.match.start][-DESTINATION_WINDOW:]
    for k in range(len(before) - 1, 0, -1):
        slot = before[k]
        if slot.kind == "TOK" and slot.value in CLAUSE_MARKS or any(a <= slot.start < b for a, b in person_spans):
            break
        if slot.kind in ("COUNTRY", "PLACE") and before[k - 1].kind == "TOK" and before[k - 1].value in preps:
            if slot.kind == "COUNTRY":
                return [slot.value], None
            found = place_for_label(slot.value)
            return [found.country], found
    return [], None


def subject_traveller(doc: Document, said: SentencePeople, triggers: list[Trigger],
                      persons: list[Person]) -> Person | None:
    """The traveller of a visit told by a return ("kembali ke", "returned to") or by a verb right after
    "sebelum"/"before" ("X met Y before visiting ..."): the subject, the first person named before it."""
    head = min((t for t in triggers if t.spec.type == "visit"), key=lambda t: t.match.start, default=None)
    if head is None:
        return None
    subordinate = any(m.end == head.match.start for m in doc.cues_in(said.sentence, "subordinate"))
    if not (head.spec.returning or subordinate):
        return None
    before = sorted((p for p in persons if p.pos < head.match.start and p.country in SIDES),
                    key=lambda p: p.pos)
    return before[0] if before else None


def keep_possessor(doc: Document, said: SentencePeople, triggers: list[Trigger], persons: list[Person],
                   guest_country: str) -> list[Person]:
    """"kunjungan kenegaraan Presiden X", "the state visit of ... X": the person the visit noun governs
    is the visitor; other officials of that side in the sentence are not."""
    links = reference_words("possessive_link")
    for trig in triggers:
        owner = said.pronouns.get(trig.match.start - 1)  # "his visit", "kunjungannya"
        guests = [p for p in persons if p.country == guest_country and p.participates]
        if owner is not None and owner not in {p.key for p in guests}:
            # "X held talks with Vice Premier Y during his visit to Beijing": "his" is the visitor, the
            # last person named before it who is not of the state visited
            before = [p for p in guests if p.pos < trig.match.start and p.via in ("named", "family_name", "office")]
            owner = before[-1].key if before else owner
        for person in guests:
            gap = range(trig.match.end, person.pos)
            if person.key == owner or person.pos >= trig.match.end and len(gap) <= NEAR_PERSON \
                    and all(doc.tokens[i].lower in links for i in gap):
                return [p for p in persons if p.country != guest_country or p.key == person.key]
    return persons


def names_visitor(doc: Document, said: SentencePeople, trig: Trigger, persons: list[Person]) -> bool:
    """Whether a visit noun names its visitor: a possessive pronoun before it ("his visit") or a person
    right after it, joined by possessive links only ("the visit of President X", "kunjungan X")."""
    links = reference_words("possessive_link")
    return trig.match.start - 1 in said.pronouns or any(
        0 <= p.pos - trig.match.end <= NEAR_PERSON and all(doc.tokens[i].lower in links
                                                           for i in range(trig.match.end, p.pos))
        for p in persons)


# --------------------------------------------------------------------------- the place of any event


def event_place(doc: Document, said: SentencePeople, start: int) -> Place | None:
    """The place of a frame that is no visit, whose first trigger is at ``start``: not one of an
    onward leg or of a later clause ("..., sebelum melanjutkan perjalanan ke Xi'an", "... before
    flying on to Tashkent")."""
    cuts = [m.start for m in doc.cues_in(said.sentence, "onward", "subordinate") if m.start > start]
    cuts += [m.start for m in doc.cues_in(said.sentence, "onward")][:1]
    cut = min(cuts, default=None)
    return place_of([s for s in said.slots if (cut is None or s.start < cut) and not filed_from(doc, said, s)],
                    said.person_spans)


def filed_from(doc: Document, said: SentencePeople, slot: Slot) -> bool:
    """A place that only says where the report was filed: the dateline, or a city in capitals opening
    the sentence before a comma or dash ("BEIJING, May 5 (Agency) --"), which a dateline the parser
    could not read still is."""
    if doc.in_dateline(slot.start):
        return True
    if slot.kind != "PLACE" or slot.start != said.sentence.tok_start:
        return False
    text = doc.text_of(slot.start, slot.end)
    following = doc.tokens[slot.end].text if slot.end < len(doc.tokens) else ""
    return text.isupper() and following in (",", "-", "–", "—", "--", ":", "(")


def place_of(slots: list[Slot], person_spans: list[tuple[int, int]]) -> Place | None:
    """The place among ``slots``: the first one a preposition or a visit word introduces ("di Astana",
    "berkunjung ke Beijing"), else the first that does not stand for its state."""
    if not any(s.kind == "PLACE" for s in slots):
        return None
    preps = reference_words("destination_preposition")
    # "KTT Xi'an", "the Astana summit": a place naming a summit is not where the sentence's meeting was
    slots = [s for k, s in enumerate(slots) if not (s.kind == "PLACE" and (
        k and slots[k - 1].kind == "TRIGGER" and _is_summit(slots[k - 1].value)
        or k + 1 < len(slots) and slots[k + 1].kind == "TRIGGER" and _is_summit(slots[k + 1].value)))]
    previous = None
    for slot in slots:
        if slot.kind == "PLACE" and not any(a <= slot.start < b for a, b in person_spans):
            if previous is not None and (previous.kind == "TOK" and previous.value in preps or previous.kind ==
                                         "TRIGGER" and trigger_specs()[int(previous.value)].destination):
                return place_for_label(slot.value)
        previous = slot
    metonyms = metonym_places()
    previous = None
    for k, slot in enumerate(slots):
        # no preposition before any place: a capital standing for its state as a subject or object
        # ("Astana wants", "... yang diusung Beijing", "assured him that Beijing supports") places nothing;
        # an apposition ("in the capital, Astana") does
        if slot.kind != "PLACE":
            previous = slot
            continue
        following = slots[k + 1] if k + 1 < len(slots) else None
        opens = previous is None and not (following is not None and following.kind == "TOK"
                                          and not following.value[:1].isalnum())  # not "BEIJING, Oct. 13 --"
        before = slots[k - 2] if k >= 2 else None
        locative = before is not None and before.kind == "TOK" and before.value in preps  # "di bandara Astana"
        as_state = slot.value in metonyms and (opens or previous is not None and previous.kind == "TOK"
                                               and previous.token is not None and previous.token.text[:1].islower()
                                               and not locative)
        if slot.kind == "PLACE" and not any(a <= slot.start < b for a, b in person_spans) and not as_state:
            return place_for_label(slot.value)
        previous = slot
    return None


@cache
def metonym_places() -> frozenset[str]:
    """Gazetteer labels of the capitals and seats of power that countries.yaml lists as metonyms."""
    words = {str(w).lower() for entry in countries().values() for w in entry.get("metonyms") or ()}
    return frozenset(str(i) for i, entry in enumerate(gazetteer().entries)
                     if entry.get("kind") in ("capital", "city", "palace")
                     and any(str(alias).lower() in words for alias in entry["aliases"]))


def _is_summit(label_value: str) -> bool:
    specs = trigger_specs()
    return label_value.isdigit() and specs[int(label_value)].family == "summit"
