"""Event triggers and the cues around them (triggers.yaml, cues.yaml).

A trigger is a phrase that states (or, for modifiers and documents, qualifies) an event of a type
and subtype; cues are the words that make a statement planned, background, negated or reported.
Both are data; this module turns them into matcher phrases and typed specs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.extract.lexicon import load_lexicon, register_schema
from app.extract.tokens import is_case_sensitive

register_schema("triggers", "type", "subtype", "role", "strength", "phrases")
register_schema("cues", "kind", "phrases", "window")

# Meeting subtypes from the most to the least specific: the most specific one found in a sentence
# (or across the sentences merged into one event) names the event.
SUBTYPE_ORDER = (
    "state_visit", "official_visit", "working_visit", "visit",
    "phone_call", "video_call", "message", "summit", "meeting_on_sidelines", "talks", "meeting",
    "joint_statement", "treaty", "memorandum", "visa_exemption", "entry_into_force",
    "cooperation_documents", "signing",
)


@dataclass(frozen=True)
class TriggerSpec:
    index: int
    type: str
    subtype: str
    role: str  # trigger | modifier | document
    strength: str  # strong | weak
    destination: bool = False
    remote: bool = False
    multilateral: bool = False
    needs_document: bool = False
    person_object: bool = False
    host_after: bool = False
    person_subject: bool = False
    arrival: bool = False
    returning: bool = False
    nominal: bool = False
    describes_visitor: bool = False  # "the visiting minister": the visitor is named after it, title and all

    @property
    def family(self) -> str:
        """Triggers of one family in one sentence describe one event."""
        if self.type == "meeting" and self.subtype in ("summit", "message"):
            return self.subtype
        return self.type

    @property
    def rule(self) -> str:
        return f"trigger:{self.type}/{self.subtype}#{self.index}"


@dataclass(frozen=True)
class CueSpec:
    index: int
    kind: str
    window: int
    after: int


@cache
def trigger_specs() -> tuple[TriggerSpec, ...]:
    return tuple(
        TriggerSpec(i, e["type"], e["subtype"], e["role"], e["strength"], bool(e.get("destination")),
                    bool(e.get("remote")), bool(e.get("multilateral")), bool(e.get("needs_document")),
                    bool(e.get("person_object")), bool(e.get("host_after")), bool(e.get("person_subject")),
                    bool(e.get("arrival")), bool(e.get("returning")), bool(e.get("nominal")),
                    bool(e.get("describes_visitor")))
        for i, e in enumerate(load_lexicon("triggers"))
    )


@cache
def cue_specs() -> tuple[CueSpec, ...]:
    return tuple(CueSpec(i, e["kind"], int(e["window"]), int(e.get("after") or 0))
                 for i, e in enumerate(load_lexicon("cues")))


def trigger_phrases():
    for i, entry in enumerate(load_lexicon("triggers")):
        for phrases in entry["phrases"].values():
            for phrase in phrases or ():
                yield f"trigger|{i}", str(phrase), is_case_sensitive(str(phrase))


def cue_phrases():
    for i, entry in enumerate(load_lexicon("cues")):
        for phrases in entry["phrases"].values():
            for phrase in phrases or ():
                yield f"cue|{i}", str(phrase), is_case_sensitive(str(phrase))


def most_specific(subtypes) -> str:
    ranked = sorted(subtypes, key=lambda s: SUBTYPE_ORDER.index(s) if s in SUBTYPE_ORDER else len(SUBTYPE_ORDER))
    return ranked[0]


@cache
def meeting_mode(subtype: str) -> str:
    """How a meeting of ``subtype`` takes place: ``remote`` (a call, a message), ``multilateral``
    (a summit) or ``in_person``. Reports of different modes are never the same event."""
    for spec in trigger_specs():
        if spec.type == "meeting" and spec.subtype == subtype:
            if spec.remote:
                return "remote"
            if spec.multilateral:
                return "multilateral"
    return "in_person"
