"""Sentences → frames: one ``Frame`` per clause, the event that clause tells with its slots.

``read_frames`` is the pass (input: the document and a fresh ``Context``; output: every frame of the
article, in sentence order). For each sentence it runs three named steps, then adds the sentence to
the context:

1. ``references.read_references``: the sentence's people and states, references resolved;
2. ``clauses.read_clauses``: its trigger groups, each with the people it concerns;
3. ``frame_of``: a frame per clause, each slot filled by a function of its own:

   * triggers: ``unnegated`` (a negated trigger states nothing), ``unprepared`` (a visit being
     prepared is not one made);
   * kind: ``kind_of`` (type, subtype, documents, weak, remote);
   * status: ``status_of`` (planned, background, invitation, first or last day of the lead, onward
     leg), from the cues that govern the triggers;
   * reference: ``reference_of`` (a trigger pointing back to an event already told);
   * people and place: ``roles.visit_roles`` for a visit (destination, guest side, place, visitor),
     ``roles.event_place`` for any other event;
   * early verdicts (``early_verdict``): ``undocumented`` and ``topic_of_talks`` drop what states no
     signing, ``unprepared`` what states no visit made.

Beyond those early verdicts nothing here decides whether a frame is an event: its date comes from
``dating``, its verdict from ``judging``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.extract.clauses import Clause, Trigger, read_clauses
from app.extract.document import Document, Sentence
from app.extract.entities import reference_words
from app.extract.people import Context, Person, SentencePeople
from app.extract.references import read_references
from app.extract.roles import event_place, names_visitor, visit_roles
from app.extract.triggers import most_specific, trigger_specs
from app.extract.types import Place, ResolvedDate

MULTILATERAL_STATES = 3
"""States named before the verb of a signing sentence that make it a multilateral document ("China,
Russia, Kazakhstan and Kyrgyzstan signed ...") when no person signs."""
PREPARATION_GAP = 4
"""Lower-case tokens between a preparation phrase and the visit noun it governs ("mematangkan agenda
kunjungan", "preparations for the upcoming visit")."""


@dataclass
class Frame:
    """One event as one clause tells it. Each group of fields is a slot, filled by the function named
    beside it; later passes change only what their docstrings say."""

    sentence: Sentence
    sentence_people: SentencePeople  # the sentence's people, pronouns, named states, actors known so far
    triggers: list[Trigger]  # unnegated, unprepared
    # kind: kind_of
    type: str
    family: str
    subtype: str
    documents: list[str]
    weak: bool
    remote: bool
    # people: the clause's people (clauses.clause_people); a visit's guests narrowed by roles.visit_roles;
    # settled on the event's date by judging, completed by dating (the lead's principals)
    persons: list[Person]
    states: list[str]  # states party to it: those named, and both for a "kedua negara"
    # status: status_of (negated: unnegated); dating marks planned an event dated ahead
    negated: bool = False
    planned: bool = False
    background: bool = False
    invitation: bool = False
    day_of_lead: str | None = None  # first_day | last_day
    onward: bool = False  # a further leg of a trip ("melanjutkan perjalanan ke Xi'an")
    # reference: reference_of; antecedents.follow_sequels / follow_enclosing set the antecedent
    anaphoric: str | None = None  # demonstrative ("pembicaraan tersebut") | determiner ("the talks") | sequel ("usai pertemuan")
    antecedent: Frame | None = None  # the earlier frame a sequel ("usai pertemuan") or "during the visit" leans on
    # place: roles.visit_roles (a visit) or roles.event_place
    destination: str | None = None
    guest_country: str | None = None
    place: Place | None = None
    # date: dating.date_frames, then antecedents (anchor_on_events, follow_sequels, follow_enclosing)
    date: ResolvedDate | None = None
    date_source: str | None = None
    # verdict: dropped here by the early rules, else judging.judge; merged by events.merge
    verdict: str = "pending"  # complete | incomplete | dropped | attached | referenced
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


@dataclass(frozen=True)
class Kind:
    """The kind slot (``kind_of``)."""

    type: str
    family: str
    subtype: str
    documents: list[str]
    weak: bool
    remote: bool


@dataclass(frozen=True)
class Status:
    """The status slot (``status_of``)."""

    planned: bool
    background: bool
    invitation: bool
    day_of_lead: str | None
    onward: bool


# --------------------------------------------------------------------------- the pass


def read_frames(doc: Document, ctx: Context) -> list[Frame]:
    """Every frame of the article, sentence by sentence; ``ctx`` grows with each sentence read."""
    frames: list[Frame] = []
    for sentence in doc.sentences:
        said = read_references(doc, sentence, ctx)
        frames += [frame_of(doc, said, clause, ctx) for clause in read_clauses(doc, said)]
        ctx.remember(said)
    return frames


def frame_of(doc: Document, said: SentencePeople, clause: Clause, ctx: Context) -> Frame:
    """The frame of one clause, its slots filled in turn."""
    sentence = said.sentence
    live = unnegated(doc, sentence, clause.triggers)
    triggers = live or clause.triggers  # a clause negated throughout keeps its triggers, and says so
    kind = kind_of(clause, triggers)
    triggers, dropped = early_verdict(doc, said, kind, triggers, clause.people)
    status = status_of(doc, sentence, triggers, kind.type)
    frame = Frame(sentence, said, triggers, kind.type, kind.family, kind.subtype, kind.documents, kind.weak,
                  kind.remote, persons=clause.people, states=list(said.states), negated=not live,
                  planned=status.planned, background=status.background, invitation=status.invitation,
                  day_of_lead=status.day_of_lead, onward=status.onward,
                  anaphoric=reference_of(doc, sentence, triggers))
    if dropped:
        frame.verdict, frame.reason = "dropped", dropped
    if said.pair_resolved:
        frame.signals.append("reference_resolved")
    if kind.type == "agreement" and doc.cues_in(sentence, "additive"):
        frame.signals.append("additive")  # "they also signed a declaration": another document
    if kind.type == "visit":
        roles = visit_roles(doc, said, frame.triggers, frame.persons, frame.anaphoric, ctx)
        frame.persons, frame.destination, frame.guest_country, frame.place = \
            roles.persons, roles.destination, roles.guest_country, roles.place
        frame.signals += roles.signals
        if roles.dropped:
            frame.verdict, frame.reason = "dropped", roles.dropped
    elif not (kind.remote or kind.family == "message"):  # a call, a video link or a letter happens nowhere
        frame.place = event_place(doc, said, frame.start)
    return frame


def early_verdict(doc: Document, said: SentencePeople, kind: Kind, triggers: list[Trigger],
                  persons: list[Person]) -> tuple[list[Trigger], str | None]:
    """What the words alone say is no event (an issue verb without a document, a signing under
    discussion, a visit being prepared), and the triggers left once prepared visits are set apart."""
    dropped = undocumented(triggers, kind.documents)
    if not dropped and kind.type == "agreement" and topic_of_talks(doc, said.sentence, triggers):
        dropped = "a topic of talks, not a signing"
    if not dropped and kind.type == "agreement" and not persons and len(
            {state for pos, state in said.state_mentions if pos < triggers[0].match.start}) >= MULTILATERAL_STATES:
        dropped = "signed by several states: a multilateral document, not a bilateral one"
    if not dropped and kind.type == "visit":
        kept = unprepared(doc, said, triggers, persons)
        if kept:
            triggers = kept
        else:
            dropped = "a visit being prepared, not one by the sentence's people"
    return triggers, dropped


# --------------------------------------------------------------------------- triggers


def governing_cues(doc: Document, sentence: Sentence, trig: Trigger) -> set[str]:
    """The kinds of the cues that govern a trigger: a cue before it within its window (it may run into
    the trigger: "is scheduled to" + "to meet"), or one after it within its ``after`` reach."""
    kinds: set[str] = set()
    start, end = trig.match.start, trig.match.end
    for cue in doc.cues_in(sentence):
        before = start - cue.end
        after = cue.start - end
        if cue.start < start and before <= cue.window or (cue.after and 0 <= after < cue.after):
            kinds.add(cue.kind)
    return kinds


def unnegated(doc: Document, sentence: Sentence, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers no negation governs ("tidak bertemu", "did not attend")."""
    return [t for t in triggers if "negation" not in governing_cues(doc, sentence, t)]


def unprepared(doc: Document, said: SentencePeople, triggers: list[Trigger], persons: list[Person]) -> list[Trigger]:
    """Visit triggers less the visit nouns a preparation phrase governs ("untuk mematangkan agenda
    kunjungan", "preparations for the visit"): they name a visit being prepared, not one by the
    sentence's people. A visitor named with the noun ("his visit", "the visit of President X") keeps it."""
    cues = doc.cues_in(said.sentence, "preparation")

    def prepared(trig: Trigger) -> bool:
        if names_visitor(doc, said, trig, persons):
            return False
        return any(m.end <= trig.match.start and trig.match.start - m.end <= PREPARATION_GAP
                   and all(doc.tokens[i].text.islower() for i in range(m.end, trig.match.start)) for m in cues)

    return [t for t in triggers if not prepared(t)]


# --------------------------------------------------------------------------- kind


def kind_of(clause: Clause, triggers: list[Trigger]) -> Kind:
    """Type and family from the clause's head trigger; the most specific subtype its triggers and
    qualifiers give (for an agreement, the documents named); weak when every trigger is; remote when a
    trigger or a modifier says so ("by telephone", "via video link")."""
    head, family = clause.head, clause.family
    documents = [t.spec.subtype for t in clause.qualifiers if t.spec.role == "document"]
    subtypes = [t.spec.subtype for t in triggers if t.spec.family == family] + \
        [t.spec.subtype for t in clause.qualifiers]
    if head.spec.type == "agreement":
        subtypes = documents or subtypes
    weak = all(t.spec.strength == "weak" for t in triggers)
    remote = any(t.spec.remote for t in triggers) or \
        any(t.spec.remote for t in clause.qualifiers if t.spec.role == "modifier")
    return Kind(head.spec.type, family, most_specific(subtypes), documents, weak, remote)


def undocumented(triggers: list[Trigger], documents: list[str]) -> str | None:
    """An issue/adopt/enter-into-force verb states a signing only with a document named ("issued a
    joint declaration"; not "issued a joint call")."""
    if any(t.spec.needs_document for t in triggers) and not documents and \
            not any(not t.spec.needs_document for t in triggers):
        return "no document named for an issue/adopt/enter-into-force verb"
    return None


def topic_of_talks(doc: Document, sentence: Sentence, triggers: list[Trigger]) -> bool:
    """Every signing noun is the object of a discussion verb ("discussed ... the ratification of
    agreements", "ratifikasi perjanjian juga dibahas"), with no trigger that is a verb between them."""
    return all(_under_discussion(doc, sentence, t) for t in triggers)


def _under_discussion(doc: Document, sentence: Sentence, trig: Trigger) -> bool:
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


# --------------------------------------------------------------------------- status


def status_of(doc: Document, sentence: Sentence, triggers: list[Trigger], type_: str) -> Status:
    """What the cues around the triggers say of the event: planned (by the first trigger's tense: "paid
    a working visit ..., where he discussed preparations for the minister's visit" is done, though a
    later visit noun is governed by "preparations for"), background, an invitation, the first or last
    day of the lead story, an onward leg of a trip. An event right after "since" ("the first visit since
    his trip of 2019") is past."""
    cues: set[str] = set()
    for t in triggers:
        cues |= governing_cues(doc, sentence, t)
    head = min(triggers, key=lambda t: t.match.start)
    planned = "planned" in governing_cues(doc, sentence, head)
    background = "background" in cues
    if any(m.end <= head.match.start <= m.end + 1 for m in doc.cues_in(sentence, "since")):
        planned, background = False, True
    day_of_lead = "first_day" if "first_day" in cues else ("last_day" if "last_day" in cues else None)
    return Status(planned, background, "invitation" in cues, day_of_lead, "onward" in cues and type_ == "visit")


# --------------------------------------------------------------------------- reference


def reference_of(doc: Document, sentence: Sentence, triggers: list[Trigger]) -> str | None:
    """How the frame points back to an event already told: a demonstrative after its noun ("pembicaraan
    tersebut"), a determiner before it ("the talks"), or a sequel word before it ("Following the
    consultations, ...": the talks told, and what followed them)."""
    kinds = {_anaphora(doc, t, sentence) for t in triggers} - {None}
    anaphoric = "demonstrative" if "demonstrative" in kinds else ("determiner" if kinds else None)
    if anaphoric != "demonstrative" and any(_after_sequel(doc, t, sentence) for t in triggers):
        return "sequel"
    return anaphoric


def _anaphora(doc: Document, trig: Trigger, sentence: Sentence) -> str | None:
    if trig.spec.describes_visitor:
        return None  # "the visiting minister": "the" belongs to the minister, not to an event told before
    after = reference_words("demonstrative_after")
    before = reference_words("determiner_before")
    nxt = trig.match.end
    if nxt < sentence.tok_end and doc.tokens[nxt].lower in after:
        return "demonstrative"
    prev = trig.match.start - 1
    if prev >= sentence.tok_start and doc.tokens[prev].lower in before:
        return "determiner"
    return None


def _after_sequel(doc: Document, trig: Trigger, sentence: Sentence) -> bool:
    """ "Usai pertemuan", "Following the consultations": the trigger names an event already told, after
    which something else happened. Only lower-case words may stand between ("after the talks");
    "setelah X bertemu Y" states a meeting of its own."""
    for cue in doc.cues_in(sentence, "sequel"):
        if cue.end > trig.match.start or trig.match.start - cue.end > cue.window:
            continue
        if all(doc.tokens[i].text.islower() for i in range(cue.end, trig.match.start)):
            return True
    return False
