"""One sentence → event candidates: its triggers grouped by event family, with the people it names
or refers to, the destination of a visit, its place, and the cues that make it planned,
background, negated or an invitation. Nothing here decides whether a candidate is an event."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.extract.document import Document, Sentence
from app.extract.entities import (
    CHINA,
    KAZAKHSTAN,
    SIDES,
    read_people,
    reference_words,
    slots_for,
)
from app.extract.people import Context, Person, _cataphora, _office_of_other, _pair_may_fill, resolve_refs
from app.extract.places import place_for_label
from app.extract.tokens import Match
from app.extract.triggers import TriggerSpec, cue_specs, most_specific, trigger_specs
from app.extract.types import Place, ResolvedDate

DESTINATION_WINDOW = 8
"""Tokens after a visit trigger in which its destination is looked for."""
NEAR_PERSON = 3
"""Tokens between "visiting"/"kunjungan" and the person it qualifies."""
SUMMIT_NAME_GAP = 4
"""A generic "meeting" this close before a summit name is part of that name."""


@dataclass(frozen=True)
class Trigger:
    match: Match
    spec: TriggerSpec
    text: str


@dataclass
class Candidate:
    sentence: Sentence
    type: str
    family: str
    subtype: str
    triggers: list[Trigger]
    persons: list[Person]
    states: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    planned: bool = False
    background: bool = False
    negated: bool = False
    invitation: bool = False
    day_of_lead: str | None = None  # first_day | last_day
    anaphoric: str | None = None  # demonstrative ("pembicaraan tersebut") | determiner ("the talks") | sequel ("usai pertemuan")
    antecedent: Candidate | None = None  # the earlier statement a sequel refers to
    onward: bool = False  # a further leg of a trip ("melanjutkan perjalanan ke Shanghai")
    weak: bool = False
    remote: bool = False
    destination: str | None = None
    guest_country: str | None = None
    place: Place | None = None
    date: ResolvedDate | None = None
    date_source: str | None = None
    known: list[str] = field(default_factory=list)  # actors the article named up to this sentence
    pronouns: dict[int, str] = field(default_factory=dict)  # token of a pronoun → person key
    verdict: str = "pending"  # complete | incomplete | dropped
    reason: str = ""
    signals: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(t.match.start for t in self.triggers)

    @property
    def end(self) -> int:
        return max(t.match.end for t in self.triggers)

    @property
    def rule(self) -> str:
        return "; ".join(f"{t.spec.rule} '{t.text}'" for t in self.triggers)

    def side(self, country: str) -> list[Person]:
        return [p for p in self.persons if p.country == country and p.participates]


def _cue_kinds(doc: Document, start: int, end: int, sentence: Sentence) -> set[str]:
    """Cue kinds that govern a trigger spanning tokens [start, end)."""
    kinds: set[str] = set()
    specs = cue_specs()
    for match in doc.cues:
        if not (sentence.tok_start <= match.start < sentence.tok_end):
            continue
        spec = specs[int(match.label.split("|")[1])]
        before = start - match.end  # negative when the cue runs into the trigger ("is scheduled to" + "to meet")
        after = match.start - end
        if match.start < start and before <= spec.window or (spec.after and 0 <= after < spec.after):
            kinds.add(spec.kind)
    return kinds


def _destination(doc: Document, slots, trigger: Trigger, person_spans: list[tuple[int, int]],
                 ctx: Context) -> tuple[list[str], Place | None]:
    """Countries (and place) a visit goes to: the first state or place after the trigger that is
    the trigger's object or follows a destination preposition; tours list several ("ke Kazakhstan
    dan Uzbekistan")."""
    preps = reference_words("destination_preposition")
    conj = reference_words("conjunction")
    after = [s for s in slots if s.start >= trigger.match.end
             and not any(a <= s.start < b for a, b in person_spans)][:DESTINATION_WINDOW]
    countries: list[str] = []
    place: Place | None = None
    previous = None
    for slot in after:
        if slot.kind == "TRIGGER":
            break
        if slot.kind == "REF" and slot.value == "here" and ctx.dateline is not None:
            return [ctx.dateline.country], ctx.dateline
        if slot.kind in ("COUNTRY", "PLACE"):
            opens = previous is None or (previous.kind == "TOK" and previous.value in preps) \
                or (countries and previous.kind == "TOK" and previous.value in conj)
            if not opens:
                if countries:
                    break
                previous = slot
                continue
            if slot.kind == "COUNTRY":
                countries.append(slot.value)
            else:
                found = place_for_label(slot.value)
                place = place or found
                countries.append(found.country)
        elif countries and not (slot.kind == "TOK" and (slot.value in conj or slot.value in preps)):
            break
        previous = slot
    return list(dict.fromkeys(countries)), place


def _place(slots, person_spans) -> Place | None:
    preps = reference_words("destination_preposition")
    # "KTT Xi'an", "the Astana summit": a place naming a summit is not where the sentence's meeting was
    slots = [s for k, s in enumerate(slots) if not (s.kind == "PLACE" and (
        k and slots[k - 1].kind == "TRIGGER" and _is_summit(slots[k - 1].value)
        or k + 1 < len(slots) and slots[k + 1].kind == "TRIGGER" and _is_summit(slots[k + 1].value)))]
    previous = None
    for slot in slots:
        if slot.kind == "PLACE" and not any(a <= slot.start < b for a, b in person_spans):
            if previous is not None and previous.kind == "TOK" and previous.value in preps:
                return place_for_label(slot.value)
        previous = slot
    for slot in slots:
        if slot.kind == "PLACE" and not any(a <= slot.start < b for a, b in person_spans):
            return place_for_label(slot.value)
    return None


def _is_summit(label_value: str) -> bool:
    specs = trigger_specs()
    return label_value.isdigit() and specs[int(label_value)].family == "summit"


def _speaker(doc: Document, sentence: Sentence, persons: list[Person]) -> Person | None:
    """The person a reporting verb attributes the sentence to ('..., Xi said')."""
    specs = cue_specs()
    for match in doc.cues:
        if sentence.tok_start <= match.start < sentence.tok_end and \
                specs[int(match.label.split("|")[1])].kind == "reporting":
            near = [p for p in persons if abs(p.pos - match.end) <= 2 or abs(match.start - p.pos) <= 3]
            if near:
                return near[0]
    return None


def _anaphora(doc: Document, match: Match, sentence: Sentence) -> str | None:
    """How a trigger noun points back to an event already mentioned, if it does."""
    after = reference_words("demonstrative_after")
    before = reference_words("determiner_before")
    nxt = match.end
    if nxt < sentence.tok_end and doc.tokens[nxt].lower in after:
        return "demonstrative"
    prev = match.start - 1
    if prev >= sentence.tok_start and doc.tokens[prev].lower in before:
        return "determiner"
    return None


def _after_sequel(doc: Document, match: Match, sentence: Sentence) -> bool:
    """ "Usai pertemuan", "Following the negotiations": the trigger names an event already told,
    after which something else happened. Only lower-case words may stand between ("after the
    talks"); "setelah Tokayev bertemu Xi" states a meeting of its own."""
    specs = cue_specs()
    for cue in doc.cues:
        if not (sentence.tok_start <= cue.start < sentence.tok_end) or cue.end > match.start:
            continue
        spec = specs[int(cue.label.split("|")[1])]
        if spec.kind != "sequel" or match.start - cue.end > spec.window:
            continue
        if all(doc.tokens[i].text.islower() for i in range(cue.end, match.start)):
            return True
    return False


def _clauses(doc: Document, sentence: Sentence, groups: dict[str, list[Trigger]],
             persons: list[Person]) -> list[tuple[str, list[Trigger], list[Person]]]:
    """Each family's triggers with the people they concern. Triggers of one family stay together,
    except across a subordinate clause that names people of its own ("Pertemuan kedua perdana
    menteri berlangsung setelah Presiden X bertemu Presiden Y pekan lalu": two meetings)."""
    specs = cue_specs()
    bounds = sorted(m.start for m in doc.cues if sentence.tok_start <= m.start < sentence.tok_end
                    and specs[int(m.label.split("|")[1])].kind in ("sequel", "subordinate")
                    and any(m.end <= p.pos <= m.end + 1 for p in persons if p.via in ("named", "family_name")))
    out: list[tuple[str, list[Trigger], list[Person]]] = []
    for family, trigs in groups.items():
        cuts = [b for b in bounds if trigs[0].match.start < b < trigs[-1].match.start]
        if not cuts:
            out.append((family, trigs, list(persons)))
            continue
        edges = [sentence.tok_start, *cuts, sentence.tok_end]
        parts = []
        for lo, hi in zip(edges, edges[1:]):
            part = [t for t in trigs if lo <= t.match.start < hi]
            people = [p for p in persons if lo <= p.pos < hi]
            if part:
                parts.append((family, part, people))
        if all({p.country for p in people} & set(SIDES) for _, _, people in parts):
            out += parts
        else:
            out.append((family, trigs, list(persons)))
    return out


def read_sentence(doc: Document, sentence: Sentence, ctx: Context) -> list[Candidate]:
    inside = [m for m in doc.mentions if sentence.tok_start <= m.start < sentence.tok_end]
    slots = slots_for(doc.tokens, sentence.tok_start, sentence.tok_end, inside)
    refs = read_people(slots)
    persons = resolve_refs(refs, ctx)
    person_spans = [(r.start, r.end) for r in refs]
    states: list[str] = []
    pronouns: dict[int, str] = {}
    pair_used = False
    for slot in slots:
        if slot.kind == "COUNTRY" and slot.detail == "n" and not any(a <= slot.start < b for a, b in person_spans):
            states.append(slot.value)
        if slot.kind != "REF":
            continue
        present = {p.key for p in persons}
        if slot.value in ("pair_persons", "pair_states"):
            pair_used = True
            named_sides = {p.country: p for p in persons if p.country in SIDES}
            for country in SIDES:
                found = ctx.last(sentence.tok_start, country)
                if found is not None and found.key not in present:
                    via = "pair" if slot.value == "pair_persons" else "pair_states"
                    persons.append(replace(found, pos=slot.start, via=via, rule=f"ref:{slot.value}"))
                elif found is None and slot.value == "pair_persons" and country not in named_sides \
                        and _pair_may_fill(ctx, country, states):
                    # "kedua kepala negara" when only one of them was named: the other state's holder
                    office = slot.detail or _office_of_other(persons + ctx.history, country, ctx.day)
                    if office:
                        persons.append(Person(f"office:{office}:{country}", office, country, slot.start,
                                              "ref:pair_persons+office", "pair", offices=(office,), pending=True))
            if slot.value == "pair_states":
                states += list(SIDES)
        elif slot.value == "pronoun_third":
            local = [p for p in persons if p.pos < slot.start]
            found = local[-1] if local else _cataphora(doc, slot.start, persons, sentence) or ctx.subject() \
                or ctx.last(sentence.tok_start)
            if found is not None:
                pronouns[slot.start] = found.key
            if found is not None and found.key not in present:
                persons.append(replace(found, pos=slot.start, via="pronoun", rule="ref:pronoun_third"))
        elif slot.value == "pronoun_first":
            found = _speaker(doc, sentence, persons)
            if found is not None:
                persons.append(replace(found, pos=slot.start, via="speaker", rule="ref:pronoun_first"))
    persons = [p for p in persons if p.participates]
    specs = trigger_specs()
    found_triggers = [Trigger(m, specs[int(m.label.split("|")[1])], doc.text_of(m.start, m.end))
                      for m in inside if m.label.startswith("trigger|")]
    ref_starts = {r.start for r in refs}
    found_triggers = [t for t in found_triggers if not t.spec.person_object
                      or t.match.end in ref_starts or t.match.end + 1 in ref_starts]
    candidates: list[Candidate] = []
    groups: dict[str, list[Trigger]] = {}
    summits = [t for t in found_triggers if t.spec.family == "summit"]
    for trig in found_triggers:
        if trig.spec.role != "trigger":
            continue
        family = trig.spec.family
        if trig.spec.subtype == "meeting" and any(0 <= s.match.start - trig.match.end <= SUMMIT_NAME_GAP
                                                  for s in summits):
            family = "summit"  # "Pertemuan ke-24 Dewan Kepala Negara", "the 22nd meeting of the Council"
        groups.setdefault(family, []).append(trig)
    cue_table = cue_specs()
    onward_at = next((m.start for m in doc.cues if sentence.tok_start <= m.start < sentence.tok_end
                      and cue_table[int(m.label.split("|")[1])].kind == "onward"), None)
    if "message" in groups and all(t.spec.strength == "weak" for t in groups.get("meeting", [])):
        groups.pop("meeting", None)  # "received a congratulatory message from": no meeting
    for family, trigs, own in _clauses(doc, sentence, groups, persons):
        live = [t for t in trigs if "negation" not in _cue_kinds(doc, t.match.start, t.match.end, sentence)]
        first = next((t for t in trigs if t.spec.family == family), trigs[0])
        cand = Candidate(sentence, first.spec.type, family, first.spec.subtype, live or trigs, own,
                         states=list(dict.fromkeys(states)))
        cand.pronouns = pronouns
        if not live:
            cand.negated = True
        qualifiers = [t for t in found_triggers if t.spec.type == first.spec.type and t.spec.role != "trigger"
                      and (family not in ("summit", "message") or t.spec.role == "document")]
        cand.documents = [t.spec.subtype for t in qualifiers if t.spec.role == "document"]
        subtypes = [t.spec.subtype for t in cand.triggers if t.spec.family == family] + \
            [t.spec.subtype for t in qualifiers]
        if first.spec.type == "agreement":
            subtypes = cand.documents or subtypes
        cand.subtype = most_specific(subtypes)
        cand.weak = all(t.spec.strength == "weak" for t in cand.triggers)
        cand.remote = any(t.spec.remote for t in cand.triggers)
        if any(t.spec.needs_document for t in cand.triggers) and not cand.documents and \
                not any(not t.spec.needs_document for t in cand.triggers):
            cand.verdict, cand.reason = "dropped", "no document named for an issue/adopt/enter-into-force verb"
        cues: set[str] = set()
        for t in cand.triggers:
            cues |= _cue_kinds(doc, t.match.start, t.match.end, sentence)
        cand.planned = "planned" in cues
        cand.background = "background" in cues
        cand.invitation = "invitation" in cues
        cand.day_of_lead = "first_day" if "first_day" in cues else ("last_day" if "last_day" in cues else None)
        cand.onward = "onward" in cues and first.spec.type == "visit"
        kinds = {_anaphora(doc, t.match, sentence) for t in cand.triggers} - {None}
        cand.anaphoric = "demonstrative" if "demonstrative" in kinds else ("determiner" if kinds else None)
        if cand.anaphoric is None and any(_after_sequel(doc, t.match, sentence) for t in cand.triggers):
            cand.anaphoric = "sequel"
        if pair_used:
            cand.signals.append("reference_resolved")
        if cand.type == "visit":
            _visit_roles(doc, slots, cand, person_spans, ctx)
        else:  # the place of an onward leg ("..., sebelum melanjutkan perjalanan ke Shanghai") is not the meeting's
            cand.place = _place([s for s in slots if onward_at is None or s.start < onward_at], person_spans)
        cand.known = [p.actor_id for p in ctx.history if p.actor_id] + [p.actor_id for p in persons if p.actor_id]
        candidates.append(cand)
    stated = [p for p in persons if p.via in ("named", "family_name", "office") and not p.pending]
    for person in stated:
        ctx.history.append(person)
    if stated and sentence.kind == "body":
        ctx.previous_people = sorted(stated, key=lambda p: p.pos)
    ctx.sentence_people[sentence.index] = {p.key for p in persons if p.country in SIDES}
    ctx.states_seen.update(slot.value for slot in slots if slot.kind == "COUNTRY")
    return candidates


def _visit_roles(doc: Document, slots, cand: Candidate, person_spans, ctx: Context) -> None:
    destinations: list[str] = []
    place = None
    for trig in cand.triggers:
        if trig.spec.destination:
            destinations, place = _destination(doc, slots, trig, person_spans, ctx)
            if destinations:
                break
    if place is None:
        place = _place(slots, person_spans)
        if place is not None and destinations and place.country not in destinations:
            place = None
    sides = [c for c in destinations if c in SIDES]
    if destinations and not sides:
        cand.verdict, cand.reason = "dropped", f"visit to a third country ({', '.join(destinations)})"
        return
    if sides:
        cand.destination = sides[0]
    elif place is not None and place.country in SIDES:
        cand.destination = place.country
    else:
        people = [p for p in cand.persons if p.country in SIDES]
        trig = cand.triggers[0]
        following = [p for p in people if 0 <= p.pos - trig.match.end <= NEAR_PERSON
                     and all(doc.tokens[i].is_word for i in range(trig.match.end, p.pos))]
        preceding = [p for p in people if p.pos < trig.match.start]
        guest = following[0] if following else (preceding[-1] if preceding else None)
        if guest is not None and len({p.country for p in people}) == 2 and not cand.anaphoric:
            cand.destination = KAZAKHSTAN if guest.country == CHINA else CHINA
            cand.signals.append("destination_from_host")
    if cand.destination is not None:
        cand.guest_country = KAZAKHSTAN if cand.destination == CHINA else CHINA
        _keep_possessor(doc, cand)
    if place is None and cand.destination and ctx.dateline and ctx.dateline.country == cand.destination:
        place = ctx.dateline
    cand.place = place


def _keep_possessor(doc: Document, cand: Candidate) -> None:
    """"kunjungan kenegaraan Presiden Xi", "the state visit of ... Xi Jinping": the person the visit
    noun governs is the visitor; other officials of that side in the sentence are not."""
    links = reference_words("possessive_link")
    for trig in cand.triggers:
        owner = cand.pronouns.get(trig.match.start - 1)  # "his visit", "kunjungannya"
        for person in cand.side(cand.guest_country):
            gap = range(trig.match.end, person.pos)
            if person.key == owner or person.pos >= trig.match.end and len(gap) <= NEAR_PERSON \
                    and all(doc.tokens[i].lower in links for i in gap):
                cand.persons = [p for p in cand.persons if p.country != cand.guest_country or p.key == person.key]
                return


def read_sentences(doc: Document, ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for sentence in doc.sentences:
        out += read_sentence(doc, sentence, ctx)
    return out
