"""A sentence's triggers → its clauses: one ``Clause`` per event family, or per part of a family that
a subordinate clause, a since-clause or a date of its own sets apart, with the people it concerns.

``read_clauses`` is the pass (input: the document and one sentence's ``SentencePeople``; output: the
sentence's clauses, in the order their families first appear). Each step is a function of its own:

* ``sentence_triggers``: the trigger mentions of the sentence, less those whose required person
  (object or subject) is missing;
* ``family_groups``: triggers grouped by event family (a generic "meeting" naming a summit joins
  the summit; a summit that is only the setting of a meeting, and a weak meeting word beside a
  message, leave);
* ``split_at_subordinates`` / ``split_at_dates`` / ``people_of_parts``: a family told in two clauses,
  or with two dates far apart, is two clauses, each with its own people;
* ``clause_people``: a clause's people, less those set aside ("besides X"), named in a since-clause
  or a relative clause it is not in.

Also here, for the other passes: the token spans of relative clauses and since-clauses, and the
clause around a token.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from app.extract.document import Document, Sentence
from app.extract.entities import SIDES, reference_words
from app.extract.people import Person, SentencePeople
from app.extract.tokens import Match
from app.extract.triggers import TriggerSpec, trigger_specs
from app.extract.types import ResolvedDate

CLAUSE_MARKS = frozenset(',;:()"–—')
"""Tokens that end a clause within a sentence."""
CLAUSE_OPENERS = ("subordinate", "simultaneous", "relative_clause", "relative_possessive", "sequel")
"""Cue kinds that open a clause ("when", ", which", "ketika", "setelah")."""
SUMMIT_NAME_GAP = 4
"""A generic "meeting" this close before a summit name is part of that name."""
DATE_SPLIT_DISTANCE = 6
"""Tokens between a trigger and the date right after (or before) it that make the date that
trigger's own, so that two triggers of one family with two such dates are two events ("opened an
embassy in March ..., and visited the capital again in November")."""
APPOSITION_GAP = 6
"""Tokens of an apposition between a person's comma and a relative pronoun ("Ma, the new envoy who")."""
SUBJECT_GAP = 2
"""Tokens between a person and a trigger that needs its subject right before it (", who is in")."""


@dataclass(frozen=True)
class Trigger:
    match: Match
    spec: TriggerSpec
    text: str


@dataclass(frozen=True)
class Clause:
    """Triggers of one event family that tell one event, with the people that event concerns."""

    family: str
    triggers: list[Trigger]
    people: list[Person]
    qualifiers: list[Trigger]  # modifiers and documents of the sentence that qualify its event type

    @property
    def head(self) -> Trigger:
        """The trigger that gives the clause its type."""
        return head_trigger(self.family, self.triggers)


def head_trigger(family: str, triggers: list[Trigger]) -> Trigger:
    """The first trigger of the family's own (a meeting word may have joined a summit's family)."""
    return next((t for t in triggers if t.spec.family == family), triggers[0])


# --------------------------------------------------------------------------- the pass


def read_clauses(doc: Document, said: SentencePeople) -> list[Clause]:
    """The clauses of one sentence: its trigger groups, each with the people it concerns."""
    sentence = said.sentence
    triggers = sentence_triggers(doc, said)
    groups = family_groups(doc, sentence, triggers)
    if not groups:
        return []
    parts = [(family, part, people)
             for family, trigs, own in split_at_subordinates(doc, sentence, groups, said.persons)
             for part, people in people_of_parts(doc, split_at_dates(doc, sentence, trigs), own)]
    out = []
    for family, trigs, own in parts:
        out.append(Clause(family, trigs, clause_people(doc, said, trigs, own),
                          qualifiers_of(triggers, family, head_trigger(family, trigs).spec.type)))
    return out


DELEGATION_REACH = 8
"""Tokens between "received" and the person heading the delegation received ("received in the
regional capital a delegation led by X")."""


def _delegation_object(doc: Document, trigger: Trigger, ref_starts: set[int]) -> bool:
    """The object of "received"/"menerima" is a delegation led by a person named right after."""
    words = reference_words("delegation_led")
    for start in ref_starts:
        gap = [doc.tokens[i].lower for i in range(trigger.match.end, start)]
        if 0 < len(gap) <= DELEGATION_REACH and any(w in words for w in gap) and gap[-1] in reference_words("led_by"):
            return True
    return False


PERSON_REFS = frozenset({"guest", "pronoun_third"})
"""References that stand for one person, as the object of "received" ("received the Chinese guest")."""


def sentence_triggers(doc: Document, said: SentencePeople) -> list[Trigger]:
    """The sentence's trigger mentions (and qualifiers), less those missing the person they need: an
    object right after ("menerima X"), or a subject right before ("X berada di", "X, who is in")."""
    specs = trigger_specs()
    found = [Trigger(m, specs[int(m.label.split("|")[1])], doc.text_of(m.start, m.end))
             for m in doc.mentions_in(said.sentence) if m.label.startswith("trigger|")]
    ref_starts = {r.start for r in said.refs} | {s.start for s in said.slots if s.kind == "REF" and s.value in PERSON_REFS}
    ref_ends = {r.end for r in said.refs} | {s.end for s in said.slots
                                             if s.kind == "REF" and (s.value.startswith("pronoun")
                                                                     or s.value in PERSON_REFS)}
    found = [t for t in found if not t.spec.person_object
             or t.match.end in ref_starts or t.match.end + 1 in ref_starts
             or _delegation_object(doc, t, ref_starts)]
    return [t for t in found if not t.spec.person_subject
            or any(0 <= t.match.start - end <= SUBJECT_GAP for end in ref_ends)]


def family_groups(doc: Document, sentence: Sentence, triggers: list[Trigger]) -> dict[str, list[Trigger]]:
    """The stating triggers by event family. A generic "meeting" right before a summit name is part of
    that name ("the ninth meeting of the Ministers' Council"); a summit that is only where a meeting took
    place ("met on the sidelines of the summit") and a weak meeting word beside a message ("received a
    letter from") are not events of their own."""
    groups: dict[str, list[Trigger]] = {}
    summits = [t for t in triggers if t.spec.family == "summit"]
    for trig in triggers:
        if trig.spec.role != "trigger":
            continue
        family = trig.spec.family
        if trig.spec.subtype == "meeting" and any(0 <= s.match.start - trig.match.end <= SUMMIT_NAME_GAP
                                                  for s in summits):
            family = "summit"
        groups.setdefault(family, []).append(trig)
    if "summit" in groups and "meeting" in groups and all(summit_as_setting(doc, sentence, t)
                                                          for t in groups["summit"]):
        groups.pop("summit")
    if "message" in groups and all(t.spec.strength == "weak" for t in groups.get("meeting", [])):
        groups.pop("meeting", None)
    return groups


def qualifiers_of(triggers: list[Trigger], family: str, type_: str) -> list[Trigger]:
    """The sentence's modifiers and documents of the event type (only documents for a summit or a
    message: "a video call" does not make a summit remote)."""
    return [t for t in triggers if t.spec.type == type_ and t.spec.role != "trigger"
            and (family not in ("summit", "message") or t.spec.role == "document")]


def summit_as_setting(doc: Document, sentence: Sentence, trig: Trigger) -> bool:
    """Whether a summit is where something else happened ("at the SCO summit", "di sela KTT"): a setting
    word stands before it in its clause, with no clause mark or other trigger between."""
    at_trigger = {m.start for m in doc.mentions if m.label.startswith("trigger|")}
    for cue in doc.cues_in(sentence, "setting"):
        span = range(cue.end, trig.match.start)
        if cue.end <= trig.match.start and len(span) <= cue.window \
                and not any(doc.tokens[i].text in CLAUSE_MARKS or i in at_trigger for i in span):
            return True
    return False


# --------------------------------------------------------------------------- splitting a family


def split_at_subordinates(doc: Document, sentence: Sentence, groups: dict[str, list[Trigger]],
                          persons: list[Person]) -> list[tuple[str, list[Trigger], list[Person]]]:
    """Each family's triggers with the people they concern. Triggers of one family stay together,
    except across a subordinate clause that names people of its own ("Pertemuan kedua menteri
    berlangsung sesudah Presiden X menerima Presiden Y kemarin": two meetings) and across "since"
    ("the first visit since his trip of 2019": two visits, told by the same people)."""
    bounds = sorted(m.start for m in doc.cues_in(sentence) if m.kind in ("sequel", "subordinate")
                    and any(m.end <= p.pos <= m.end + 1 for p in persons if p.via in ("named", "family_name")))
    bounds = _close_inside_relatives(bounds, relative_clauses(doc, sentence))
    since = doc.cues_in(sentence, "since")
    out: list[tuple[str, list[Trigger], list[Person]]] = []
    for family, trigs in groups.items():
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
            # ("X dijadwalkan menerima tamunya, sebelum Y bertolak ke Shanghai": the departure is Y's)
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
        # kunjungan itu dibahas ..., ketika Menlu X berkunjung ke Astana": a reference, and a visit)
        if all({p.country for p in people} & set(SIDES) for _, part, people in parts
               if part[0].match.start > cuts[0]):
            out += parts
        else:
            out.append((family, trigs, list(persons)))
    return out


def _close_inside_relatives(bounds: list[int], relatives: list[tuple[int, int]]) -> list[int]:
    """A clause opened inside a relative clause ends with it ("X, who took office after Y resigned,
    arrived ..."): the main clause resumes at the relative clause's closing comma."""
    closes = {hi for b in bounds for lo, hi in relatives if lo < b < hi}
    return sorted(set(bounds) | closes)


def split_at_dates(doc: Document, sentence: Sentence, trigs: list[Trigger]) -> list[list[Trigger]]:
    """Triggers of one family that each stand right next to a date of their own, the dates far apart,
    tell separate events ("held talks in Astana on 3 March, and in Beijing in November"): one group per
    such date, the other triggers with the group before them."""
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
            if last - first > DATE_SPLIT_DISTANCE:
                continue
            between = [doc.tokens[i].text for i in range(first, last)]
            if not any(t in CLAUSE_MARKS for t in between):
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


def _apart(a: ResolvedDate, b: ResolvedDate) -> bool:
    a_lo, a_hi = a.start.first_day(), (a.end or a.start).last_day()
    b_lo, b_hi = b.start.first_day(), (b.end or b.start).last_day()
    return a_hi < b_lo or b_hi < a_lo


def people_of_parts(doc: Document, parts: list[list[Trigger]],
                    people: list[Person]) -> list[tuple[list[Trigger], list[Person]]]:
    """The people of each of the events a date split found ("X visited China in May 2001, and Premier Y
    visited Kazakhstan in June 2003": each visit its own visitor): the clause of each part runs from the
    last clause mark before its first trigger. When a part names no one of the two sides ("..., and
    flew on to Beijing in June"), all share the people."""
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


# --------------------------------------------------------------------------- a clause's people


def clause_people(doc: Document, said: SentencePeople, trigs: list[Trigger], own: list[Person]) -> list[Person]:
    """The people of a clause, less those set aside by an exclusion word, those named in a
    since-clause it is not in, and those of a relative clause it is not in; a clause told inside a
    relative clause keeps its own people and the person the clause describes."""
    if not said.persons:
        return own
    sentence = said.sentence
    aside = set_aside(doc, sentence, said.persons) | sent_by(doc, sentence, said.persons)
    relative = relative_clauses(doc, sentence)
    possessive = set(relative_clauses(doc, sentence, ("relative_possessive",))) if relative else set()
    ref_end = {r.start: r.end for r in said.refs}
    own = [p for p in own if p.key not in aside]
    for lo, hi in since_clauses(doc, sentence):
        if not any(lo <= t.match.start < hi for t in trigs):
            own = [p for p in own if not lo < p.pos < hi or p.via not in ("named", "family_name", "office")]
    for lo, hi in relative:
        if not any(lo <= t.match.start < hi for t in trigs):
            own = [p for p in own if not lo < p.pos < hi]
        elif all(lo <= t.match.start < hi for t in trigs) and (
                any(ref_end.get(p.pos) == lo for p in own) or (lo, hi) in possessive):
            # told inside the clause: its own people and the person it describes ("Ma, who arrived
            # here for talks,"), not those of the main clause ("the ministers will meet within the
            # forum, whose members met in Rome last year,"); a clause describing an event ("a state
            # visit to Astana, which produced twelve accords") keeps that event's people
            own = [p for p in own if lo < p.pos < hi or ref_end.get(p.pos) == lo]
    return own


def set_aside(doc: Document, sentence: Sentence, persons: list[Person]) -> set[str]:
    """People right after an exclusion word whom another person of their side replaces in the sentence
    ("Selain X, Y juga dijadwalkan menerima Menlu Z": Y, not X). Without such a replacement the word
    adds rather than excludes ("Selain X, hadir pula Menlu Kazakhstan ...")."""
    cues = doc.cues_in(sentence, "exclusion")
    # the mention may start on the cue itself ("Besides Xi Jinping" read as a given name and a surname)
    aside = {p.key: p for p in persons for m in cues if m.start <= p.pos <= m.end + 1}
    return {key for key, person in aside.items()
            if any(p.country == person.country and p.key not in aside for p in persons)}


def sent_by(doc: Document, sentence: Sentence, persons: list[Person]) -> set[str]:
    """People named as the sender of greetings or the one on whose behalf someone acts ("conveyed the
    warm greetings of President X", "atas nama Presiden X"): within the cue's reach, titles between."""
    out = set()
    for cue in doc.cues_in(sentence, "sent_by_possessive"):
        if cue.start and doc.tokens[cue.start - 1].text in ("'s", "’s"):
            out.update(p.key for p in persons if p.end == cue.start - 1)
    for cue in doc.cues_in(sentence, "sent_by"):
        after = sorted((p for p in persons if p.pos >= cue.end), key=lambda p: p.pos)
        if after and after[0].pos - cue.end <= cue.window:
            out.add(after[0].key)
    return out


# --------------------------------------------------------------------------- clause spans


def relative_clauses(doc: Document, sentence: Sentence,
                     kinds: tuple[str, ...] = ("relative_clause", "relative_possessive")) -> list[tuple[int, int]]:
    """Token spans of non-restrictive relative clauses, closed by a comma (", who is travelling with
    him,") or by the end of the sentence (", who became foreign minister in May.")."""
    opens = [m.start for m in doc.cues_in(sentence, *kinds)]
    if "relative_clause" in kinds:
        opens += _apposition_relatives(doc, sentence)
    spans = []
    for start in opens:
        close = next((i for i in range(start + 1, sentence.tok_end) if doc.tokens[i].text == ","), sentence.tok_end)
        spans.append((start, close))
    return spans


def _apposition_relatives(doc: Document, sentence: Sentence) -> list[int]:
    """Commas that open a relative clause after an apposition to the person before them ("Ma Lin, the
    deputy minister who was appointed in spring"): the apposition names no one, and no clause mark
    stands between the comma and the relative pronoun."""
    actors_here = [m for m in doc.mentions_in(sentence) if m.label.startswith("actor|")]
    ends = {m.end for m in actors_here}
    starts = {m.start for m in actors_here}
    out = []
    for cue in doc.cues_in(sentence, "relative_apposition"):
        for comma in range(cue.start - 1, max(cue.start - APPOSITION_GAP - 2, sentence.tok_start - 1), -1):
            text = doc.tokens[comma].text
            if text == "," and comma in ends and not any(comma < i < cue.start for i in starts):
                out.append(comma)
            if text in CLAUSE_MARKS:
                break
    return out


def since_clauses(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """Token spans from "since"/"sejak" to the end of its clause ("sejak menggantikan pendahulunya pada
    musim semi"): people named there take no part in an event told outside it."""
    spans = []
    for cue in doc.cues_in(sentence, "since", "years_after"):  # "five years after X opened relations in 1992,"
        close = next((i for i in range(cue.end, sentence.tok_end) if doc.tokens[i].text in CLAUSE_MARKS),
                     sentence.tok_end)
        spans.append((cue.start, close))
    return spans


def clause_of(doc: Document, sentence: Sentence, pos: int) -> tuple[int, int]:
    """The token span of the clause around ``pos``: between the words that open clauses ("when", ", which",
    "ketika", "setelah") before and after it, so that a list of states inside it stays whole."""
    opens = sorted(m.start for m in doc.cues_in(sentence, *CLAUSE_OPENERS))
    lo = max((o for o in opens if o <= pos), default=sentence.tok_start)
    hi = min((o for o in opens if o > pos), default=sentence.tok_end)
    return lo, hi
