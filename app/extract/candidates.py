"""One sentence → event candidates: its triggers grouped by event family, with the people it names
or refers to, the destination of a visit, its place, and the cues that make it planned,
background, negated or an invitation. Nothing here decides whether a candidate is an event."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache

from app.extract.document import Document, Sentence
from app.extract.entities import (
    CHINA,
    KAZAKHSTAN,
    SIDES,
    actors,
    countries,
    read_people,
    reference_words,
    slots_for,
)
from app.extract.people import (
    Context,
    Person,
    _cataphora,
    _office_of_other,
    _pair_may_fill,
    pair_member,
    principal_states,
    resolve_refs,
)
from app.extract.places import gazetteer, place_for_label
from app.extract.tokens import Match
from app.extract.triggers import TriggerSpec, most_specific, trigger_specs
from app.extract.types import Place, ResolvedDate

DESTINATION_WINDOW = 8
"""Tokens after a visit trigger in which its destination is looked for."""
NEAR_PERSON = 3
"""Tokens between "visiting"/"kunjungan" and the person it qualifies."""
SUMMIT_NAME_GAP = 4
"""A generic "meeting" this close before a summit name is part of that name."""
DATE_SPLIT_DISTANCE = 6
"""Tokens between a trigger and the date right after (or before) it that make the date that
trigger's own, so that two triggers of one family with two such dates are two events ("paid a state
visit in May ..., and returned to Beijing in October")."""
CLAUSE_MARKS = frozenset(',;:()"–—')
APPOSITION_GAP = 6
"""Tokens of an apposition between a person's comma and a relative pronoun ("Hu, the vice president who")."""
PREPARATION_GAP = 4
"""Lower-case tokens between a preparation phrase and the visit noun it governs ("mematangkan agenda
kunjungan", "preparations for the upcoming visit")."""
SUBJECT_GAP = 2
"""Tokens between a person and a trigger that needs its subject right before it (", who is in")."""


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
    named_states: list[str] = field(default_factory=list)  # states the sentence names (not "kedua negara")
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
    for cue in doc.cues_in(sentence):
        before = start - cue.end  # negative when the cue runs into the trigger ("is scheduled to" + "to meet")
        after = cue.start - end
        if cue.start < start and before <= cue.window or (cue.after and 0 <= after < cue.after):
            kinds.add(cue.kind)
    return kinds


def _destination(doc: Document, slots, trigger: Trigger, person_spans: list[tuple[int, int]],
                 ctx: Context) -> tuple[list[str], Place | None]:
    """Countries (and place) a visit goes to: the first state or place after the trigger that is
    the trigger's object or follows a destination preposition; tours list several ("ke Kazakhstan
    dan Uzbekistan")."""
    preps = reference_words("destination_preposition")
    conj = reference_words("conjunction")
    articles = reference_words("determiner_before")
    after = [s for s in slots if s.start >= trigger.match.end
             and not any(a <= s.start < b for a, b in person_spans)][:DESTINATION_WINDOW]
    # "arrived in the Kazakh capital", "to the city of Xi'an": an article before a state's name or a place
    # is transparent (not before a mere adjective: "a visit to the Chinese embassy" goes nowhere)
    after = [s for k, s in enumerate(after) if not (s.kind == "TOK" and s.value in articles and k + 1 < len(after)
                                                     and (after[k + 1].kind == "PLACE" or after[k + 1].kind == "COUNTRY"
                                                          and after[k + 1].detail == "n"))]
    countries: list[str] = []
    place: Place | None = None
    previous = None
    for slot in after:
        if slot.kind == "TRIGGER":
            break
        if slot.kind == "REF" and slot.value == "here" and ctx.dateline is not None:
            return [ctx.dateline.country], ctx.dateline
        if slot.kind == "REF" and slot.value == "state_anaphor" and previous is None and ctx.states_order:
            return [ctx.states_order[-1]], None  # "He first visited the country in June 2003"
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


def _destination_before(slots, trigger: Trigger, person_spans: list[tuple[int, int]]) -> tuple[list[str], Place | None]:
    """ "Wen Jiabao is in Kazakhstan on an official visit", "Xi, in Astana for a state visit": the state
    or place a destination preposition introduces between the visitor and the visit noun, in one clause."""
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


def _place(slots, person_spans) -> Place | None:
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
                return place_for_label(slot.value)  # "di Astana", "berkunjung ke Beijing"
        previous = slot
    metonyms = metonym_places()
    previous = None
    for k, slot in enumerate(slots):
        # no preposition before any place: a capital standing for its state as a subject or object
        # ("Astana wants", "... yang diusung Beijing", "told him that Beijing remains") places nothing;
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


def _speaker(doc: Document, sentence: Sentence, persons: list[Person]) -> Person | None:
    """The person a reporting verb attributes the sentence to ('..., Xi said')."""
    for match in doc.cues_in(sentence, "reporting"):
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


def _under_discussion(doc: Document, sentence: Sentence, trig: Trigger) -> bool:
    """Whether a signing noun is the object of a discussion verb ("discussed ... the ratification of
    agreements", "ratifikasi perjanjian juga dibahas"): no trigger that is a verb stands between them."""
    if not trig.spec.nominal:
        return False
    specs = trigger_specs()
    verbs = [m for m in doc.mentions_in(sentence)
             if m.label.startswith("trigger|") and specs[int(m.label.split("|")[1])].role == "trigger"
             and not specs[int(m.label.split("|")[1])].nominal]
    for cue in doc.cues_in(sentence, "discussion"):
        if cue.end <= trig.match.start and trig.match.start - cue.end <= cue.window:
            lo, hi = cue.end, trig.match.start
        elif trig.match.end <= cue.start and cue.start - trig.match.end < cue.after:
            lo, hi = trig.match.end, cue.start
        else:
            continue
        if not any(lo <= m.start < hi for m in verbs):
            return True
    return False


def _drop_prepared_visits(doc: Document, cand: Candidate) -> None:
    """Visit nouns a preparation phrase governs ("untuk mematangkan agenda kunjungan", "preparations for
    the visit") name a visit being prepared, not one by the sentence's people: they leave the candidate,
    which is dropped when no other trigger states a visit. A visitor named with the noun ("his visit",
    "the visit of President Xi") keeps it."""
    links = reference_words("possessive_link")
    cues = doc.cues_in(cand.sentence, "preparation")

    def prepared(trig: Trigger) -> bool:
        if trig.match.start - 1 in cand.pronouns or any(
                0 <= p.pos - trig.match.end <= NEAR_PERSON and all(doc.tokens[i].lower in links
                                                                   for i in range(trig.match.end, p.pos))
                for p in cand.persons):
            return False
        return any(m.end <= trig.match.start and trig.match.start - m.end <= PREPARATION_GAP
                   and all(doc.tokens[i].text.islower() for i in range(m.end, trig.match.start)) for m in cues)

    kept = [t for t in cand.triggers if not prepared(t)]
    if not kept:
        cand.verdict, cand.reason = "dropped", "a visit being prepared, not one by the sentence's people"
    elif len(kept) < len(cand.triggers):
        cand.triggers = kept


def _summit_as_setting(doc: Document, sentence: Sentence, trig: Trigger) -> bool:
    """Whether a summit is where something else happened ("at the SCO summit", "di sela KTT"): a setting
    word stands before it in its clause, with no clause mark or other trigger between."""
    at_trigger = {m.start for m in doc.mentions if m.label.startswith("trigger|")}
    for cue in doc.cues_in(sentence, "setting"):
        span = range(cue.end, trig.match.start)
        if cue.end <= trig.match.start and len(span) <= cue.window \
                and not any(doc.tokens[i].text in CLAUSE_MARKS or i in at_trigger for i in span):
            return True
    return False


def _after_sequel(doc: Document, match: Match, sentence: Sentence) -> bool:
    """ "Usai pertemuan", "Following the negotiations": the trigger names an event already told,
    after which something else happened. Only lower-case words may stand between ("after the
    talks"); "setelah Tokayev bertemu Xi" states a meeting of its own."""
    for cue in doc.cues_in(sentence, "sequel"):
        if cue.end > match.start or match.start - cue.end > cue.window:
            continue
        if all(doc.tokens[i].text.islower() for i in range(cue.end, match.start)):
            return True
    return False


def _close_inside_relatives(bounds: list[int], relatives: list[tuple[int, int]]) -> list[int]:
    """A clause opened inside a relative clause ends with it ("Tokayev, who took office after Nazarbayev
    resigned, arrived ..."): the main clause resumes at the relative clause's closing comma."""
    closes = {hi for b in bounds for lo, hi in relatives if lo < b < hi}
    return sorted(set(bounds) | closes)


def _clauses(doc: Document, sentence: Sentence, groups: dict[str, list[Trigger]],
             persons: list[Person]) -> list[tuple[str, list[Trigger], list[Person]]]:
    """Each family's triggers with the people they concern. Triggers of one family stay together,
    except across a subordinate clause that names people of its own ("Pertemuan kedua perdana
    menteri berlangsung setelah Presiden X bertemu Presiden Y pekan lalu": two meetings)."""
    bounds = sorted(m.start for m in doc.cues_in(sentence) if m.kind in ("sequel", "subordinate")
                    and any(m.end <= p.pos <= m.end + 1 for p in persons if p.via in ("named", "family_name")))
    bounds = _close_inside_relatives(bounds, _relative_clauses(doc, sentence))
    since = doc.cues_in(sentence, "since")
    out: list[tuple[str, list[Trigger], list[Person]]] = []
    for family, trigs in groups.items():
        # "lawatan pertama Xi ke Kazakhstan sejak kunjungan kenegaraannya pada September 2022": the visit
        # after "since" is an earlier one, told by the same people
        past = [m.start for m in since if any(m.end <= t.match.start <= m.end + 1 for t in trigs)
                and trigs[0].match.start < m.start]
        if past:
            edges = [sentence.tok_start, *past, sentence.tok_end]
            for lo, hi in zip(edges, edges[1:]):
                part = [t for t in trigs if lo <= t.match.start < hi]
                if part:
                    out.append((family, part, list(persons)))
            continue
        cuts = [b for b in bounds if trigs[0].match.start < b < trigs[-1].match.start]
        if not cuts:
            # all the family's triggers in one clause: that clause's people when it names any
            # ("Li Peng dijadwalkan menerima tamunya, sebelum Nazarbayev bertolak ke Shanghai": the
            # departure is Nazarbayev's alone)
            lo = max([b for b in bounds if b <= trigs[0].match.start], default=sentence.tok_start)
            hi = min([b for b in bounds if b > trigs[-1].match.start], default=sentence.tok_end)
            people = [p for p in persons if lo <= p.pos < hi]
            if bounds and {p.country for p in people} & set(SIDES):
                out.append((family, trigs, people))
            else:
                out.append((family, trigs, list(persons)))
            continue
        edges = [sentence.tok_start, *cuts, sentence.tok_end]
        parts = []
        for lo, hi in zip(edges, edges[1:]):
            part = [t for t in trigs if lo <= t.match.start < hi]
            people = [p for p in persons if lo <= p.pos < hi]
            if part:
                parts.append((family, part, people))
        # the clauses a subordinator opens name their own people; the first may name none ("Persiapan
        # kunjungan tersebut ..., ketika Menlu Wang Yi berkunjung ke Astana": a reference, and a visit)
        if all({p.country for p in people} & set(SIDES) for _, part, people in parts
               if part[0].match.start > cuts[0]):
            out += parts
        else:
            out.append((family, trigs, list(persons)))
    return out


def read_sentence(doc: Document, sentence: Sentence, ctx: Context) -> list[Candidate]:
    inside = doc.mentions_in(sentence)
    slots = slots_for(doc.tokens, sentence.tok_start, sentence.tok_end, inside)
    refs = read_people(slots)
    persons = resolve_refs(refs, ctx)
    person_spans = [(r.start, r.end) for r in refs]
    states: list[str] = []
    pronouns: dict[int, str] = {}
    pair_used = False
    named_states: list[str] = []
    sentence_states = [(slot.start, slot.value) for slot in slots if slot.kind == "COUNTRY" and slot.detail == "n"
                       and not any(a <= slot.start < b for a, b in person_spans)]
    old, day = _sentence_time(doc, sentence, ctx)
    for slot in slots:
        if slot.kind == "COUNTRY" and slot.detail == "n" and not any(a <= slot.start < b for a, b in person_spans):
            states.append(slot.value)
            named_states.append(slot.value)
        if slot.kind != "REF":
            continue
        present = {p.key for p in persons}
        if slot.value in ("pair_persons", "pair_states"):
            before = [p for p in persons if p.pos < slot.start and p.via in ("named", "family_name", "office")
                      and p.country is not None]
            lo, hi = _clause_of(doc, sentence, slot.start)
            in_clause = [v for pos, v in sentence_states if lo <= pos < hi]
            earlier = [v for pos, v in sentence_states if pos < lo]
            if principal_states(ctx, before, in_clause, earlier) != set(SIDES):
                continue  # "the two countries" of a story about another pair of states
            pair_used = True
            named_sides = {p.country: p for p in persons if p.country in SIDES}
            stated = _stated_sides(doc, sentence, persons, slot, day)
            for country in SIDES:
                if country in stated:
                    continue  # "Hu's visit returned Nazarbayev's trip, when the two leaders signed": those two
                found = pair_member(ctx, sentence.tok_start, country, slot.detail or None, day, old)
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
            # "Selain Hu, ia juga ...": not the person just set aside
            local = [p for p in persons if p.pos < slot.start and not any(
                m.start <= p.pos <= m.end + 1 for m in doc.cues_in(sentence, "exclusion"))]
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
    ref_ends = {r.end for r in refs} | {s.end for s in slots if s.kind == "REF" and s.value.startswith("pronoun")}
    found_triggers = [t for t in found_triggers if not t.spec.person_object
                      or t.match.end in ref_starts or t.match.end + 1 in ref_starts]
    # "Wang berada di Kazakhstan", "Xi, who is in Kazakhstan": a person (with at most a comma and a
    # relative word) right before
    found_triggers = [t for t in found_triggers if not t.spec.person_subject
                      or any(0 <= t.match.start - end <= SUBJECT_GAP for end in ref_ends)]
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
    onward_at = next((m.start for m in doc.cues_in(sentence, "onward")), None) if groups else None
    later_clauses = [m.start for m in doc.cues_in(sentence, "onward", "subordinate")] if groups else []
    if "summit" in groups and "meeting" in groups and all(_summit_as_setting(doc, sentence, t)
                                                          for t in groups["summit"]):
        groups.pop("summit")  # "met Xi on the sidelines of the SCO summit": the meeting, not the summit
    if "message" in groups and all(t.spec.strength == "weak" for t in groups.get("meeting", [])):
        groups.pop("meeting", None)  # "received a congratulatory message from": no meeting
    split = [(family, part, people) for family, trigs, own in _clauses(doc, sentence, groups, persons)
             for part, people in _people_of_parts(doc, _date_split(doc, sentence, trigs), own)] if groups else []
    aside = _set_aside(doc, sentence, persons) if split and persons else set()
    relative = _relative_clauses(doc, sentence) if split and persons else []
    possessive = set(_relative_clauses(doc, sentence, ("relative_possessive",))) if relative else set()
    since_spans = _since_clauses(doc, sentence) if split and persons else []
    ref_end = {r.start: r.end for r in refs}
    for family, trigs, own in split:
        own = [p for p in own if p.key not in aside]
        for lo, hi in since_spans:
            if not any(lo <= t.match.start < hi for t in trigs):
                own = [p for p in own if not lo < p.pos < hi or p.via not in ("named", "family_name", "office")]
        for lo, hi in relative:
            if not any(lo <= t.match.start < hi for t in trigs):
                own = [p for p in own if not lo < p.pos < hi]
            elif all(lo <= t.match.start < hi for t in trigs) and (
                    any(ref_end.get(p.pos) == lo for p in own) or (lo, hi) in possessive):
                # told inside the clause: its own people and the person it describes ("Zhu, who arrived
                # here on an official visit,"), not those of the main clause ("the two sides will work
                # within the SCO, whose leaders met in Moscow last week,"); a clause describing an event
                # ("a state visit to Astana, which yielded 30 documents") keeps that event's people
                own = [p for p in own if lo < p.pos < hi or ref_end.get(p.pos) == lo]
        live = [t for t in trigs if "negation" not in _cue_kinds(doc, t.match.start, t.match.end, sentence)]
        first = next((t for t in trigs if t.spec.family == family), trigs[0])
        cand = Candidate(sentence, first.spec.type, family, first.spec.subtype, live or trigs, own,
                         states=list(dict.fromkeys(states)), named_states=list(dict.fromkeys(named_states)))
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
        cand.remote = any(t.spec.remote for t in cand.triggers) or \
            any(t.spec.remote for t in qualifiers if t.spec.role == "modifier")
        if any(t.spec.needs_document for t in cand.triggers) and not cand.documents and \
                not any(not t.spec.needs_document for t in cand.triggers):
            cand.verdict, cand.reason = "dropped", "no document named for an issue/adopt/enter-into-force verb"
        if cand.type == "agreement" and cand.verdict == "pending" and \
                all(_under_discussion(doc, sentence, t) for t in cand.triggers):
            cand.verdict, cand.reason = "dropped", "a topic of talks, not a signing"
        if cand.type == "visit" and cand.verdict == "pending":
            _drop_prepared_visits(doc, cand)
        cues: set[str] = set()
        for t in cand.triggers:
            cues |= _cue_kinds(doc, t.match.start, t.match.end, sentence)
        head = min(cand.triggers, key=lambda t: t.match.start)
        # the head trigger's tense: "paid a working visit ..., where he held talks on preparations for the
        # premier's visit" is done, though a later visit noun is governed by "preparations for"
        cand.planned = "planned" in _cue_kinds(doc, head.match.start, head.match.end, sentence)
        cand.background = "background" in cues
        if any(m.end <= head.match.start <= m.end + 1 for m in doc.cues_in(sentence, "since")):
            # "the first visit since his state visit in September 2022": the event after "since" is past
            cand.planned, cand.background = False, True
        cand.invitation = "invitation" in cues
        cand.day_of_lead = "first_day" if "first_day" in cues else ("last_day" if "last_day" in cues else None)
        cand.onward = "onward" in cues and first.spec.type == "visit"
        kinds = {_anaphora(doc, t.match, sentence) for t in cand.triggers} - {None}
        cand.anaphoric = "demonstrative" if "demonstrative" in kinds else ("determiner" if kinds else None)
        if cand.anaphoric != "demonstrative" and any(_after_sequel(doc, t.match, sentence) for t in cand.triggers):
            cand.anaphoric = "sequel"  # "Following the negotiations, ...": the talks told, and what followed them
        if pair_used:
            cand.signals.append("reference_resolved")
        if cand.type == "visit":
            _visit_roles(doc, slots, cand, person_spans, ctx)
        else:  # the place of an onward leg or of a later clause ("..., sebelum melanjutkan perjalanan ke
            # Shanghai", "... sebelum terbang ke Moskow") is not the meeting's
            cut = min([c for c in later_clauses if c > cand.start], default=None)
            if onward_at is not None:
                cut = onward_at if cut is None else min(cut, onward_at)
            cand.place = _place([s for s in slots if cut is None or s.start < cut], person_spans)
        cand.known = [p.actor_id for p in ctx.history if p.actor_id] + [p.actor_id for p in persons if p.actor_id]
        candidates.append(cand)
    stated = [p for p in persons if p.via in ("named", "family_name", "office") and not p.pending]
    passing = _in_passing(doc, sentence, persons) if persons else set()
    for person in stated:
        ctx.history.append(person)
        if person.pos in passing:
            ctx.incidental.add(person.pos)
        if old:
            ctx.old.add(person.pos)
    if stated and sentence.kind == "body":
        ctx.previous_people = sorted(stated, key=lambda p: p.pos)
    if sentence.kind == "body":
        ctx.previous_old = old if stated else None
    ctx.parties += [p.country for p in sorted(persons, key=lambda p: p.pos)
                    if p.via in ("named", "family_name", "office") and p.country and p.pos not in passing]
    ctx.states_order += [value for _, value in sentence_states]
    ctx.sentence_people[sentence.index] = {p.key for p in persons if p.country in SIDES}
    ctx.states_seen.update(slot.value for slot in slots if slot.kind == "COUNTRY")
    return candidates


CLAUSE_OPENERS = ("subordinate", "simultaneous", "relative_clause", "relative_possessive", "sequel")


def _clause_of(doc: Document, sentence: Sentence, pos: int) -> tuple[int, int]:
    """The token span of the clause around ``pos``: between the words that open clauses ("when", ", which",
    "ketika", "setelah") before and after it, so that a list of states inside it stays whole."""
    opens = sorted(m.start for m in doc.cues_in(sentence, *CLAUSE_OPENERS))
    lo = max((o for o in opens if o <= pos), default=sentence.tok_start)
    hi = min((o for o in opens if o > pos), default=sentence.tok_end)
    return lo, hi


OLD_DAYS = 62
"""A sentence whose dates all lie this long before publication tells of the past."""


def _sentence_time(doc: Document, sentence: Sentence, ctx: Context) -> tuple[bool, dt.date | None]:
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


def _in_passing(doc: Document, sentence: Sentence, persons: list[Person]) -> set[int]:
    """Positions of people named only inside a since-clause ("sejak menggantikan Nursultan Nazarbayev"):
    they take part in nothing the sentence tells, and a later "kedua pemimpin" is not them."""
    spans = _since_clauses(doc, sentence)
    return {p.pos for p in persons if any(lo < p.pos < hi for lo, hi in spans)}


def _stated_sides(doc: Document, sentence: Sentence, persons: list[Person], slot, day: dt.date | None) -> set[str]:
    """The sides a pair reference ("kedua pemimpin", "the two presidents") need not fill: a person of
    that side is named earlier in the sentence, is not the speaker of a reporting verb, and (for a pair
    that names an office) is not given another office; or, for a pair that names an office, is named
    later in the sentence holding it on the sentence's day ("the two presidents signed a joint statement
    during Hu Jintao's state visit")."""
    speaker = _speaker(doc, sentence, persons)
    out = set()
    for person in persons:
        if person.country not in SIDES or person.via not in ("named", "family_name"):
            continue
        if speaker is not None and person.key == speaker.key:
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


def _set_aside(doc: Document, sentence: Sentence, persons: list[Person]) -> set[str]:
    """People right after an exclusion word whom another person of their side replaces in the sentence
    ("Selain Xi, Tokayev juga dijadwalkan bertemu PM Li Keqiang": Li, not Xi). Without such a
    replacement the word adds rather than excludes ("Selain Wang, turut hadir Menlu Kazakhstan ...")."""
    cues = doc.cues_in(sentence, "exclusion")
    # the mention may start on the cue itself ("Besides Xi Jinping" read as a given name and a surname)
    aside = {p.key: p for p in persons for m in cues if m.start <= p.pos <= m.end + 1}
    return {key for key, person in aside.items()
            if any(p.country == person.country and p.key not in aside for p in persons)}


def _relative_clauses(doc: Document, sentence: Sentence,
                      kinds: tuple[str, ...] = ("relative_clause", "relative_possessive")) -> list[tuple[int, int]]:
    """Token spans of non-restrictive relative clauses, closed by a comma (", who is accompanying Zhu,") or
    by the end of the sentence (", who succeeded Mr Jiang as party chief last month.")."""
    opens = [m.start for m in doc.cues_in(sentence, *kinds)]
    if "relative_clause" in kinds:
        opens += _apposition_relatives(doc, sentence)
    spans = []
    for start in opens:
        close = next((i for i in range(start + 1, sentence.tok_end) if doc.tokens[i].text == ","), sentence.tok_end)
        spans.append((start, close))
    return spans


def _apposition_relatives(doc: Document, sentence: Sentence) -> list[int]:
    """Commas that open a relative clause after an apposition to the person before them ("Hu Jintao, the
    vice president who was named party chief last month"): the apposition names no one, and no clause
    mark stands between the comma and the relative pronoun."""
    ends = {m.end for m in doc.mentions_in(sentence) if m.label.startswith("actor|")}
    starts = {m.start for m in doc.mentions if m.label.startswith("actor|")}
    out = []
    for cue in doc.cues_in(sentence, "relative_apposition"):
        for comma in range(cue.start - 1, max(cue.start - APPOSITION_GAP - 2, sentence.tok_start - 1), -1):
            text = doc.tokens[comma].text
            if text == "," and comma in ends and not any(comma < i < cue.start for i in starts):
                out.append(comma)
            if text in CLAUSE_MARKS:
                break
    return out


def _since_clauses(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """Token spans from "since"/"sejak" to the end of its clause ("sejak menggantikan Nursultan Nazarbayev
    pada Maret lalu"): people named there take no part in an event told outside it."""
    spans = []
    for cue in doc.cues_in(sentence, "since"):
        close = next((i for i in range(cue.end, sentence.tok_end) if doc.tokens[i].text in CLAUSE_MARKS),
                     sentence.tok_end)
        spans.append((cue.start, close))
    return spans


def _date_split(doc: Document, sentence: Sentence, trigs: list[Trigger]) -> list[list[Trigger]]:
    """Triggers of one family that each stand right next to a date of their own, the dates far apart,
    tell separate events ("paid a state visit ... from 17 to 19 May last year, ..., and returned to
    Beijing in October"): one group per such date, the other triggers with the group before them."""
    if len(trigs) < 2:
        return [trigs]
    dates = [d for d in doc.dates.dates_in(sentence.orig_start, sentence.orig_end) if d.span is not None]
    if len(dates) < 2:
        return [trigs]
    own: list[ResolvedDate | None] = []
    for trig in trigs:
        start, end = doc.tok_orig[trig.match.start], doc.tok_orig[trig.match.end - 1]
        near = None
        for date in dates:
            if date.span.start > end:  # tokens after the trigger's last token, before the date
                first, last = bisect_right(doc.tok_orig, end), bisect_left(doc.tok_orig, date.span.start)
            else:  # tokens from the end of the date (a comma right after it included) to the trigger
                first, last = bisect_left(doc.tok_orig, date.span.end), bisect_left(doc.tok_orig, start)
            between = [doc.tokens[i].text for i in range(first, last)]
            if len(between) <= DATE_SPLIT_DISTANCE and not any(t in CLAUSE_MARKS for t in between):
                near = date
                break
        own.append(near)
    groups: list[list[Trigger]] = []
    current: ResolvedDate | None = None
    for trig, date in zip(trigs, own):
        if groups and (date is None or current is None or not _apart(current, date)):
            groups[-1].append(trig)
            current = current or date
        else:
            groups.append([trig])
            current = date
    return groups


def _people_of_parts(doc: Document, parts: list[list[Trigger]],
                     people: list[Person]) -> list[tuple[list[Trigger], list[Person]]]:
    """The people of each of the events a date split found ("Nazarbayev paid his first official visit to
    China in October 1993, and Chinese Premier Li Peng visited Kazakhstan in April 1994": each visit its
    own visitor): the clause of each part runs from the last clause mark before its first trigger. When a
    part names no one of the two sides ("..., and returned to Beijing in October"), all share the people."""
    if len(parts) < 2:
        return [(part, people) for part in parts]
    edges = []
    for before, after in zip(parts, parts[1:]):
        lo, hi = max(t.match.end for t in before), min(t.match.start for t in after)
        marks = [i for i in range(lo, hi) if doc.tokens[i].text in CLAUSE_MARKS]
        edges.append(marks[-1] if marks else hi)
    bounds = [-1, *edges, 10 ** 9]
    regions = [[p for p in people if lo <= p.pos < hi] for lo, hi in zip(bounds, bounds[1:])]
    if all({p.country for p in region} & set(SIDES) for region in regions):
        return list(zip(parts, regions))
    return [(part, people) for part in parts]


def _apart(a: ResolvedDate, b: ResolvedDate) -> bool:
    a_lo, a_hi = a.start.first_day(), (a.end or a.start).last_day()
    b_lo, b_hi = b.start.first_day(), (b.end or b.start).last_day()
    return a_hi < b_lo or b_hi < a_lo


def _visit_roles(doc: Document, slots, cand: Candidate, person_spans, ctx: Context) -> None:
    destinations: list[str] = []
    place = None
    for trig in cand.triggers:
        if trig.spec.destination:
            destinations, place = _destination(doc, slots, trig, person_spans, ctx)
            if destinations:
                break
    if not destinations:
        destinations, place = _destination_before(slots, cand.triggers[0], person_spans)
    if place is None:
        # a place in a later clause of another event ("Li Peng's visit also produced an accord on a pipeline
        # to China's Xinjiang region") is not where the visit went
        end = max(t.match.end for t in cand.triggers)
        cut = next((k for k, s in enumerate(slots) if s.start >= end and s.kind == "TRIGGER"
                    and trigger_specs()[int(s.value)].type != "visit"), len(slots))
        place = _place(slots[:cut], person_spans)
        if place is not None and destinations and place.country not in destinations:
            place = None
    sides = [c for c in destinations if c in SIDES]
    traveller = _subject_traveller(doc, cand)
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
        if traveller is not None:
            guest = traveller
        elif trig.spec.host_after:  # "X disambut oleh Y": Y is the host
            guest = preceding[-1] if preceding else None
        else:
            guest = following[0] if following else (preceding[-1] if preceding else None)
        if guest is not None and len({p.country for p in people}) == 2 and not cand.anaphoric:
            cand.destination = KAZAKHSTAN if guest.country == CHINA else CHINA
            cand.signals.append("destination_from_host")
        elif not destinations and people and ctx.dateline is not None and ctx.dateline.country in SIDES \
                and any(t.spec.arrival for t in cand.triggers) and all(p.country != ctx.dateline.country for p in people):
            # "BEIJING - ... Mr Nazarbayev, who arrived on Sunday for a four-day state visit": a visitor
            # from the other side, with no destination named, is where the story is filed from
            cand.destination = ctx.dateline.country
            cand.signals.append("destination_from_dateline")
    if cand.destination is not None and traveller is not None and traveller.country == cand.destination:
        cand.verdict, cand.reason = "dropped", "going home, not a visit"
        return
    if cand.destination is not None:
        cand.guest_country = KAZAKHSTAN if cand.destination == CHINA else CHINA
        _keep_possessor(doc, cand)
    if place is None and cand.destination and ctx.dateline and ctx.dateline.country == cand.destination:
        place = ctx.dateline
    cand.place = place


def _subject_traveller(doc: Document, cand: Candidate) -> Person | None:
    """The traveller of a visit told by a return ("kembali ke", "returned to") or by a verb right after
    "sebelum"/"before" ("X met Y before visiting ..."): the subject, the first person named before it."""
    head = min((t for t in cand.triggers if t.spec.type == "visit"), key=lambda t: t.match.start, default=None)
    if head is None:
        return None
    subordinate = any(m.end == head.match.start for m in doc.cues_in(cand.sentence, "subordinate"))
    if not (head.spec.returning or subordinate):
        return None
    before = sorted((p for p in cand.persons if p.pos < head.match.start and p.country in SIDES),
                    key=lambda p: p.pos)
    return before[0] if before else None


def _keep_possessor(doc: Document, cand: Candidate) -> None:
    """"kunjungan kenegaraan Presiden Xi", "the state visit of ... Xi Jinping": the person the visit
    noun governs is the visitor; other officials of that side in the sentence are not."""
    links = reference_words("possessive_link")
    for trig in cand.triggers:
        owner = cand.pronouns.get(trig.match.start - 1)  # "his visit", "kunjungannya"
        guests = cand.side(cand.guest_country)
        if owner is not None and owner not in {p.key for p in guests}:
            # "X held talks with Vice Premier Y during his visit to Beijing": "his" is the visitor, the
            # last person named before it who is not of the state visited
            before = [p for p in guests if p.pos < trig.match.start and p.via in ("named", "family_name", "office")]
            owner = before[-1].key if before else owner
        for person in guests:
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
