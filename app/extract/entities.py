"""People and states: the actor, office, country and reference lexicons, and the role patterns.

Everything known about particular people (names, spellings, offices and their terms) lives in
``actors.yaml``/``offices.yaml``; the patterns that read "title + state + name" live in
``roles.yaml``. This module loads them, answers "who held office X of state Y on day D", and reads a
sentence's matched mentions into ``PersonRef``s (who is named, with which office and state, by which
rule). Resolution against the article's context (family names, "kedua presiden", "he") happens in
``events``; this module only reads what one sentence says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from app.extract.lexicon import load_lexicon, register_schema
from app.extract.tokens import Match, Token, cased_variants

register_schema("actors", "id", "name", "country", "aliases", "offices")
register_schema("offices", "id", "label", "forms")
register_schema("countries", "name", "names", "demonyms")
register_schema("references", "kind", "phrases")
register_schema("roles", "name", "pattern", "named")
register_schema("name_stops", "word", "kind")
register_schema("organizations", "name", "kind", "aliases")

CHINA, KAZAKHSTAN = "China", "Kazakhstan"
SIDES = (CHINA, KAZAKHSTAN)

# When an actor holds several offices on one day, the title shown is the first in this order.
OFFICE_RANK = (
    "president", "first_president", "head_of_government", "vice_president", "legislature_chair",
    "political_advisor_chair", "senate_chair", "mazhilis_chair", "first_deputy_head_of_government",
    "deputy_head_of_government", "state_councilor", "foreign_minister", "foreign_affairs_commission_director",
    "cmc_vice_chair", "political_advisor_vice_chair", "legislature_vice_chair", "supreme_council_chair",
    "presidential_administration_head", "state_secretary", "security_council_secretary", "xinjiang_party_secretary",
    "defense_minister", "commerce_minister", "ndrc_chair", "energy_minister", "oil_gas_minister", "economy_minister",
    "finance_minister", "industry_minister", "agriculture_minister", "transport_minister", "public_security_minister",
    "interior_minister", "emergency_minister", "ecology_minister", "water_minister", "digital_minister",
    "education_minister", "science_minister", "culture_minister", "health_minister", "justice_minister",
    "xinjiang_chair", "energy_administration_head", "central_bank_governor", "chief_of_general_staff", "minister",
    "deputy_foreign_minister", "deputy_minister", "ambassador", "akim", "regional_head", "xinjiang_vice_chair", "deputy_regional_head", "politburo_member",
    "party_general_secretary",
)


# --------------------------------------------------------------------------- lexicon shapes


@dataclass(frozen=True)
class Term:
    office: str
    start: dt.date
    end: dt.date | None
    to: str | None = None
    approx: bool = False

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    country: str
    aliases: tuple[str, ...]
    short: tuple[str, ...]
    terms: tuple[Term, ...]

    def offices_on(self, day: dt.date) -> list[Term]:
        held = [term for term in self.terms if term.covers(day)]
        return sorted(held, key=lambda t: OFFICE_RANK.index(t.office) if t.office in OFFICE_RANK else 99)


@dataclass(frozen=True)
class Office:
    id: str
    label: dict
    forms: tuple[str, ...]
    country: str | None = None
    multiple: bool = False
    participant: bool = True
    stands_alone: bool = False  # "The Head of State received ...": a capitalised title alone names the office
    retrospective: bool = False  # "the first President, X, visited Beijing in 1993": a title given after the fact


def _date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def actors() -> dict[str, Actor]:
    out: dict[str, Actor] = {}
    for entry in load_lexicon("actors"):
        terms = tuple(
            Term(t["office"], _date(t["start"]), _date(t.get("end")), t.get("to"), bool(t.get("approx")))
            for t in entry.get("offices") or ()
        )
        out[entry["id"]] = Actor(entry["id"], entry["name"], entry["country"], tuple(entry["aliases"]),
                                 tuple(entry.get("short") or ()), terms)
    return out


@cache
def offices() -> dict[str, Office]:
    entries = load_lexicon("offices")
    forms_of = {entry["id"]: tuple(entry["forms"]) for entry in entries}
    return {
        entry["id"]: Office(entry["id"], entry["label"], tuple(entry["forms"]) + _derived_forms(entry, forms_of),
                            entry.get("country"), bool(entry.get("multiple")), entry.get("participant", True),
                            bool(entry.get("stands_alone")), bool(entry.get("retrospective")))
        for entry in entries
    }


def _derived_forms(entry: dict, forms_of: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A deputy's titles: each prefix before each form of the offices it deputises ("Vice" + "Minister
    of Energy", "Wakil" + "Menteri Pertanian"), so that the deputy's title, being longer, wins over the
    minister's title at its end."""
    return tuple(f"{prefix} {form}" for office in entry.get("deputy_of") or () for form in forms_of[office]
                 for prefix in entry.get("prefixes") or ())


@cache
def countries() -> dict[str, dict]:
    return {entry["name"]: entry for entry in load_lexicon("countries")}


@cache
def actors_by_short() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for actor in actors().values():
        for surname in actor.short:
            out.setdefault(surname, []).append(actor.id)
    return {k: tuple(v) for k, v in out.items()}


@cache
def role_patterns() -> tuple[dict, ...]:
    return load_lexicon("roles")


@cache
def name_stops() -> frozenset[str]:
    words = {entry["word"].lower() for entry in load_lexicon("name_stops")}
    for entry in load_lexicon("calendar"):
        if entry.get("kind") in ("month", "weekday"):
            for key in ("names", "abbr"):
                for names in (entry.get(key) or {}).values():
                    words.update(str(n).lower() for n in names)
        elif entry.get("kind") == "relative" and len(str(entry["phrase"]).split()) == 1:
            words.add(str(entry["phrase"]).lower())  # "Yesterday, Chinese Foreign Minister Wang Yi ..."
    return frozenset(words)


def holder(office: str, country: str, day: dt.date, to: str | None = None) -> Actor | None:
    """The one person who held ``office`` of ``country`` on ``day`` (None for shared offices)."""
    spec = offices().get(office)
    if spec is None or spec.multiple and office != "ambassador":
        return None
    found = [
        actor for actor in actors().values()
        if actor.country == country
        and any(t.office == office and t.covers(day) and (to is None or t.to == to) for t in actor.terms)
    ]
    return found[0] if len(found) == 1 else None


def office_title(office: str, country: str | None, to: str | None = None, language: str = "en") -> str:
    """Display title, e.g. "President of Kazakhstan", "Ambassador of Kazakhstan to China"."""
    spec = offices().get(office)
    label = spec.label.get(language, spec.label["en"]) if spec else office
    if not country:
        return label
    joiner = " of " if language == "en" else " "
    title = f"{label}{joiner}{country}"
    if to:
        title += (" to " if language == "en" else " untuk ") + to
    return title


def entity_phrases():
    """(label, phrase, case-sensitive) for the matcher: actors, family names, offices, states, references."""
    for actor in actors().values():
        for alias in actor.aliases:
            if len(alias.split()) == 1 and "-" not in alias:
                for variant in cased_variants(alias):
                    yield f"actor|{actor.id}", variant, True
            else:
                yield f"actor|{actor.id}", alias, False
    for surname in actors_by_short():
        for variant in cased_variants(surname):
            yield f"short|{surname}", variant, True
    for office in offices().values():
        for form in office.forms:
            yield f"office|{office.id}", form, _cased(form)
    for name, entry in countries().items():
        names = list(entry.get("names") or ())
        for form in names:
            yield f"country|{name}|n", form, _cased(form)
        for form in entry.get("demonyms") or ():
            if form not in names:
                yield f"country|{name}|d", form, _cased(form)
    for entry in load_lexicon("references"):
        if entry["kind"] in WORD_KINDS:
            continue
        detail = entry.get("office") or entry.get("country")
        label = f"ref|{entry['kind']}" + (f"|{detail}" if detail else "")
        for phrases in entry["phrases"].values():
            for phrase in phrases or ():
                yield label, phrase, _cased(phrase)


def organization_phrases():
    """Organisation, company, event and outlet names: whole names, so the place inside is not a place."""
    for index, entry in enumerate(load_lexicon("organizations")):
        for alias in entry["aliases"]:
            yield f"org|{index}", str(alias), _cased(str(alias))
    for entry in load_lexicon("outlets"):
        for alias in entry.get("aliases") or ():
            if len(str(alias).split()) > 1:
                yield "org|outlet", str(alias), False


def _cased(phrase: str) -> bool:
    letters = phrase.replace(".", "").replace(" ", "")
    return letters.isupper() and len(letters) <= 4


# --------------------------------------------------------------------------- reading one sentence


@dataclass(frozen=True)
class PersonRef:
    """A person as one sentence names them, before resolution against the article."""

    start: int  # token indices
    end: int
    kind: str  # actor | short | named | office
    rule: str
    actor_id: str | None = None
    surname: str | None = None
    name: str | None = None
    country: str | None = None
    offices: tuple[str, ...] = ()
    to: str | None = None


@dataclass
class Slot:
    kind: str  # OFFICE COUNTRY ACTOR SHORT PLACE TRIGGER REF TOK
    value: str
    start: int
    end: int
    token: Token | None = None
    detail: str = ""
    capitalised: bool = False  # an OFFICE written with a capital ("the Head of State", not "a head of state")


@dataclass
class _Capture:
    offices: list[str] = field(default_factory=list)
    country: str | None = None
    to: str | None = None
    name_slot: Slot | None = None
    name_slots: list[Slot] = field(default_factory=list)


# reference kinds read as plain word sets by code, not matched as mentions
WORD_KINDS = ("conjunction", "destination_preposition", "demonstrative_after", "determiner_before",
              "possessive_link", "place_descriptor", "object_preposition", "region_word",
              "delegation_led", "led_by")


@cache
def reference_words(kind: str) -> frozenset[str]:
    """The words of a reference kind (both languages), lower case."""
    out: set[str] = set()
    for entry in load_lexicon("references"):
        if entry["kind"] == kind:
            for phrases in entry["phrases"].values():
                out.update(str(p).lower() for p in phrases or ())
    return frozenset(out)


def slots_for(tokens: list[Token], start: int, end: int, matches: list[Match]) -> list[Slot]:
    """The sentence ``[start, end)`` as a sequence of mentions and plain tokens."""
    by_start = {m.start: m for m in matches if start <= m.start < end}
    out: list[Slot] = []
    i = start
    while i < end:
        match = by_start.get(i)
        if match is not None:
            kind, value, *detail = match.label.split("|")
            out.append(Slot(kind.upper(), value, match.start, match.end, None, detail[0] if detail else "",
                            tokens[match.start].is_capitalised))
            i = match.end
        else:
            out.append(Slot("TOK", tokens[i].lower, i, i + 1, tokens[i]))
            i += 1
    return out


def _literal(element: str, slot: Slot | None) -> bool:
    return slot is not None and slot.kind == "TOK" and slot.value in element.split("|")


def _skip_parenthetical(slots: list[Slot], i: int) -> int:
    if i < len(slots) and slots[i].kind == "TOK" and slots[i].value == "(":
        for j in range(i + 1, min(i + 6, len(slots))):
            if slots[j].kind == "TOK" and slots[j].value == ")":
                return j + 1
    return i


def _offices(slots: list[Slot], i: int, cap: _Capture) -> int | None:
    """An office chain: OFFICE (COUNTRY? CONJ? OFFICE)*, with parentheticals skipped."""
    if i >= len(slots) or slots[i].kind != "OFFICE":
        return None
    cap.offices.append(slots[i].value)
    i = _skip_parenthetical(slots, i + 1)
    while i < len(slots):
        j = i
        absorbed = None
        if slots[j].kind == "COUNTRY":
            absorbed = slots[j].value
            j += 1
        if j < len(slots) and slots[j].kind == "TOK" and slots[j].value in reference_words("conjunction"):
            j += 1
        if j < len(slots) and slots[j].kind == "OFFICE":
            cap.offices.append(slots[j].value)
            if absorbed:
                cap.country = cap.country or absorbed
            i = _skip_parenthetical(slots, j + 1)
            continue
        break
    return i


def _given_name_follows(slots: list[Slot], i: int) -> bool:
    """A capitalised word that may be a given name stands right after slot ``i``."""
    following = slots[i + 1] if i + 1 < len(slots) else None
    if following is not None and following.kind == "SHORT":
        return True  # "Li Wei": two family names in a row are one person's family and given name
    return following is not None and following.kind == "TOK" and following.token is not None \
        and following.token.is_capitalised and following.token.text.isalpha() and following.value not in name_stops()


def _shouted(token: Token) -> bool:
    """An all-capitals word ("PRESIDENT OPENS TRIP"): a headline's, never read as an unknown name."""
    return len(token.text) > 1 and token.text.isupper()


def _name(slots: list[Slot], i: int, cap: _Capture) -> int | None:
    if i >= len(slots):
        return None
    slot = slots[i]
    stops = name_stops()
    given_name_follows = _given_name_follows(slots, i)
    if slot.kind == "ACTOR" or slot.kind == "SHORT" and not given_name_follows:
        cap.name_slot = slot
        return i + 1
    words: list[Slot] = []
    j = i
    if slot.kind == "SHORT":  # "Wei Minghao": a known family name with an unknown given name
        words.append(slot)
        j += 1
    while j < len(slots) and len([w for w in words if w.value != "-"]) < 4:
        s = slots[j]
        if s.kind == "SHORT" and words:  # "Li Wei": a given name that is also a family name
            words.append(s)
            j += 1
            continue
        if s.kind != "TOK" or s.token is None:
            break
        if s.value == "-" and words and j + 1 < len(slots) and slots[j + 1].token is not None \
                and slots[j + 1].token.is_capitalised:
            words.append(s)
            j += 1
            continue
        if not (s.token.is_capitalised and s.token.text.isalpha()) or s.value in stops or _shouted(s.token):
            break
        words.append(s)
        j += 1
    if not words:
        return None
    if j < len(slots) and slots[j].kind == "ACTOR" and len(words) <= 2 and words[0].kind == "TOK":
        # "Kassymzhomart Tokayev": an unlisted spelling of a given name before a known surname
        cap.name_slot = slots[j]
        return j + 1
    cap.name_slots = words
    return j


REGION_WORDS_MAX = 3
"""Capitalised words a region's name may have in a title ("Akim of North Kazakhstan region X")."""


def _region(slots: list[Slot], i: int) -> int | None:
    """A region named in a title: a place of the gazetteer, capitalised words before a region word ("of
    Zhetysu region", "of the Gansu Province"), or a region word before one capitalised word ("Wilayah
    Zhetysu")."""
    words = reference_words("region_word")

    def capitalised(k: int) -> bool:
        slot = slots[k] if k < len(slots) else None
        if slot is None or slot.kind != "TOK" or slot.token is None or slot.value in words:
            return False
        return slot.token.is_capitalised and slot.token.text.isalpha()

    if i < len(slots) and slots[i].kind == "PLACE":  # a region or city of the gazetteer, perhaps with its word
        return i + 2 if i + 1 < len(slots) and slots[i + 1].kind == "TOK" and slots[i + 1].value in words else i + 1
    j = i
    while j < len(slots) and j - i < REGION_WORDS_MAX and capitalised(j):
        j += 1
    if j > i and j < len(slots) and slots[j].kind == "TOK" and slots[j].value in words:
        return j + 1
    if i < len(slots) and slots[i].kind == "TOK" and slots[i].value in words and capitalised(i + 1):
        return i + 2
    return None


def _match(pattern: list[str], slots: list[Slot], i: int) -> tuple[int, _Capture] | None:
    cap = _Capture()
    for element in pattern:
        optional = element.endswith("?") and element != "?"
        bare = element[:-1] if optional else element
        if bare == "OFFICES":
            nxt = _offices(slots, i, cap)
        elif bare in ("COUNTRY", "TO"):
            nxt = None
            if i < len(slots) and slots[i].kind == "COUNTRY":
                if bare == "COUNTRY":
                    cap.country = slots[i].value
                else:
                    cap.to = slots[i].value
                nxt = i + 1
        elif bare == "NAME":
            nxt = _name(slots, i, cap)
        elif bare == "REGION":
            nxt = _region(slots, i)
        else:
            nxt = i + 1 if _literal(bare, slots[i] if i < len(slots) else None) else None
        if nxt is None:
            if optional:
                continue
            return None
        i = nxt
    return i, cap


ALONE_RULE = "role:office_alone"
"""The role pattern of a capitalised title standing alone ("The President received ..."): its state is
decided by the people around it (``people.resolve_refs``)."""


def _ref_from(cap: _Capture, rule: str, start: int, end: int) -> PersonRef | None:
    office_specs = offices()
    country = cap.country
    for office in cap.offices:
        implied = office_specs[office].country if office in office_specs else None
        if country is None and implied:
            country = implied
    useful = tuple(o for o in cap.offices if o != "counterpart") or tuple(cap.offices)
    if cap.name_slot is not None:
        slot = cap.name_slot
        if slot.kind == "ACTOR":
            actor = actors()[slot.value]
            return PersonRef(start, end, "actor", rule, actor_id=actor.id, country=actor.country,
                             offices=useful, to=cap.to)
        return PersonRef(start, end, "short", rule, surname=slot.value, country=country, offices=useful, to=cap.to)
    if cap.name_slots:
        def text(slot: Slot) -> str:
            return slot.token.text if slot.token is not None else slot.value

        name = "".join(
            (text(s) if s.value == "-" else (" " if k and cap.name_slots[k - 1].value != "-" else "") + text(s))
            for k, s in enumerate(cap.name_slots)
        ).strip()
        return PersonRef(start, end, "named", rule, name=name, country=country, offices=useful, to=cap.to)
    if country is None and not (rule == ALONE_RULE and any(
            o in office_specs and office_specs[o].stands_alone for o in useful)):
        return None
    return PersonRef(start, end, "office", rule, country=country, offices=useful, to=cap.to)


_OPENERS = {"OFFICES": ("OFFICE",), "COUNTRY": ("COUNTRY",), "NAME": ("ACTOR", "SHORT", "TOK")}


@cache
def _patterns_by_opener() -> dict[str, tuple[dict, ...]]:
    """Role patterns indexed by the slot kind that can start them (so most positions try none)."""
    out: dict[str, list[dict]] = {}
    for pattern in role_patterns():
        first = pattern["pattern"][0].rstrip("?")
        for kind in _OPENERS.get(first, ("TOK",)):
            out.setdefault(kind, []).append(pattern)
    return {k: tuple(v) for k, v in out.items()}


def _may_open(slot: Slot) -> bool:
    if slot.kind != "TOK":
        return True
    return slot.token is not None and slot.token.is_capitalised and slot.token.text.isalpha()


def read_people(slots: list[Slot]) -> list[PersonRef]:
    """Role patterns first (longest at each position), then bare actor and family-name mentions."""
    if not any(slot.kind in ("OFFICE", "ACTOR", "SHORT") for slot in slots):
        return []
    by_opener = _patterns_by_opener()
    refs: list[PersonRef] = []
    i = 0
    while i < len(slots):
        best: tuple[int, _Capture, dict] | None = None
        if _may_open(slots[i]):
            for pattern in by_opener.get(slots[i].kind, ()):
                found = _match(pattern["pattern"], slots, i)
                if found is None:
                    continue
                end, cap = found
                if pattern["named"] and cap.name_slot is None and not cap.name_slots:
                    continue
                if best is None or end > best[0]:
                    best = (end, cap, pattern)
        if best is not None and best[2]["name"] == ALONE_RULE.removeprefix("role:") and not slots[i].capitalised:
            best = None  # "a head of state", "the leaders": no office of one person
        if best is not None and best[0] > i + 1 or best is not None and slots[i].kind != "TOK":
            end, cap, pattern = best
            ref = _ref_from(cap, f"role:{pattern['name']}", slots[i].start, slots[end - 1].end)
            if ref is not None:
                refs.append(ref)
                i = end
                continue
        slot = slots[i]
        if slot.kind == "ACTOR":
            actor = actors()[slot.value]
            refs.append(PersonRef(slot.start, slot.end, "actor", "actor:alias", actor_id=actor.id, country=actor.country))
        elif slot.kind == "SHORT" and not _given_name_follows(slots, i) and not (i and slots[i - 1].kind == "SHORT"):
            # "Li" alone is a known family name; "Li Ming" (a photographer's credit) is someone else
            refs.append(PersonRef(slot.start, slot.end, "short", "actor:family_name", surname=slot.value))
        i += 1
    return refs
