"""The extractor's entry points: ``extract_events`` (ingest), ``explain`` (``timeline extract``).

``analyse`` runs the passes, each a function with named inputs and outputs (module in brackets):

1. ``read_document`` [document]: article → ``Document`` (normalised text, tokens, mentions, cues and
   dates, indexed per sentence);
2. ``read_frames`` [frames]: document → a ``Frame`` per clause, sentence by sentence:
   ``read_references`` [references] (the sentence's people, references resolved),
   ``read_clauses`` [clauses] (its trigger groups with their people), ``frame_of`` [frames] (one
   function per slot: kind, status, reference; place and visitor from [roles]);
3. ``date_frames`` [dating]: each frame's date, from its sentence [sentence_dates], the lead story
   or the month of publication;
4. ``judge`` [judging]: each frame complete, incomplete or dropped, its people settled on its date;
5. ``anchor_on_events``, ``follow_sequels``, ``follow_enclosing`` [antecedents]: frames that lean on
   an event told before them take its day;
6. ``split_pairs``, ``merge``, ``derive_visits`` [events]: frames of one event become one ``Event``;
7. ``to_extracted`` [here]: an ``Event`` → the ``ExtractedEvent`` that is stored (participants with
   their offices on the day, passages, confidence).

``python -m app.extract.pipeline export OUT.json FILE...`` writes the scorer's export format for a set
of article files (per-article events, no cross-article merge; ``--merge`` adds a naive one), and
``python -m app.extract.pipeline explain FILE`` prints what was found, for development.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.extract.frames import Frame, read_frames
from app.extract.dating import date_frames, event_day
from app.extract.document import Document, read_document, warm_up
from app.extract.entities import SIDES, actors, office_title
from app.extract.antecedents import anchor_on_events, follow_enclosing, follow_sequels
from app.extract.events import Event, derive_visits, merge, places_from_visits, split_pairs
from app.extract.judging import judge
from app.extract.people import Context
from app.extract.places import place_for_label
from app.extract.titles import event_title
from app.extract.types import ExtractedEvent, ParsedArticle, PartialDate, Participant, Passage, ResolvedDate

__all__ = ["extract_events", "explain", "format_explanation", "warm_up"]

UNDATED_CEILING = 0.45
"""An event without a date is never more certain than this: it cannot be placed on the timeline."""


@dataclass
class Analysis:
    document: Document
    candidates: list[Frame]  # every frame, whatever its verdict: the candidate events
    events: list[Event]


def analyse(article: ParsedArticle) -> Analysis:
    """The passes, in order (see the module docstring)."""
    doc = read_document(article)
    dateline = place_for_label(doc.dateline) if doc.dateline else None
    ctx = Context(day=event_day(None, article.reference_date), dateline=dateline)
    frames = read_frames(doc, ctx)
    date_frames(doc, frames, ctx.sentence_people)
    for frame in frames:
        judge(doc, frame)
    anchor_on_events(frames)
    follow_sequels(frames)
    follow_enclosing(doc, frames)
    frames = split_pairs(doc, frames)
    events = merge(frames)
    places_from_visits(events)
    events += derive_visits(events)
    events.sort(key=lambda e: min(c.sentence.start for c in e.members))
    return Analysis(doc, frames, events)


# --------------------------------------------------------------------------- building the result


def _participants(event: Event, day: dt.date | None) -> tuple[Participant, ...]:
    guest_country = next((c.guest_country for c in event.members if c.guest_country), None)
    out: list[Participant] = []
    for person in event.persons:
        office, to = None, person.to
        if person.actor_id:
            actor = actors()[person.actor_id]
            held = actor.offices_on(day) if day else []
            named = [t for t in held if t.office in person.offices]
            term = (named or held or [None])[0]
            if term is not None:
                office, to = term.office, term.to or to
        if office is None and person.offices:
            office = next((o for o in person.offices if o != "counterpart"), None)
        side = "participant"
        if event.type == "visit" and guest_country:
            side = "guest" if person.country == guest_country else "host"
        out.append(Participant(person.name, person.country,
                               office_title(office, person.country, to) if office else None,
                               side, person.from_lexicon))
    if event.type == "agreement":
        for country in SIDES:
            if not any(p.country == country for p in out):
                out.append(Participant(country, country, None, "participant", True))
    order = {c: i for i, c in enumerate(SIDES)}
    return tuple(sorted(out, key=lambda p: (order.get(p.country, 9), p.side != "guest")))


def _passages(event: Event, doc: Document) -> tuple[Passage, ...]:
    seen: dict[tuple[int, int], Passage] = {}
    for frame in sorted(event.members, key=lambda c: c.sentence.start):
        key = (frame.sentence.orig_start, frame.sentence.orig_end)
        rule = frame.rule
        if "derived_from_meeting" in frame.signals:
            rule = "derived_from_meeting: " + rule
        if key not in seen:
            kind = "support" if frame.sentence.kind == "caption" else "statement"
            seen[key] = Passage(key[0], key[1], rule, kind)
    return tuple(seen.values())


def _confidence(event: Event, participants: tuple[Participant, ...]) -> tuple[float, tuple[str, ...]]:
    signals: list[str] = []
    score = 0.5
    date, source = event.dated()
    if source == "sentence":
        score += 0.15
        signals.append("date_in_sentence")
    elif source == "caption":
        score += 0.1
        signals.append("date_from_caption")
    elif source in ("lead", "sequel", "shared"):
        score += 0.05
        signals.append({"lead": "date_from_lead", "sequel": "date_of_preceding_event",
                        "shared": "date_of_event_in_sentence"}[source])
    elif source == "publication":
        score -= 0.05
        signals.append("date_from_publication")
    else:
        score -= 0.2
        signals.append("no_date")
    sides_named = {p.country for p in participants if p.name not in SIDES and p.from_lexicon}
    if sides_named >= set(SIDES):
        score += 0.15
        signals.append("both_sides_named")
    if any(not p.from_lexicon for p in participants):
        score -= 0.05
        signals.append("person_from_role_pattern")
    if all(c.weak for c in event.statements):
        score -= 0.1
        signals.append("weak_trigger")
    else:
        signals.append("strong_trigger")
    statements = {c.sentence.index for c in event.statements}
    if len(statements) > 1:
        score += min(0.1, 0.05 * (len(statements) - 1))
        signals.append("several_passages")
    if any(c.sentence.kind == "caption" for c in event.members):
        signals.append("caption_support")
    if event.planned:
        score -= 0.05
        signals.append("planned")
    if event.derived:
        score -= 0.15
        signals.append("derived_from_meeting")
    if any("reference_resolved" in c.signals for c in event.members):
        score -= 0.05
        signals.append("reference_resolved")
    if any("states_only" in c.signals for c in event.members) and not sides_named >= set(SIDES):
        score -= 0.1
        signals.append("states_only")
    if any(c.background for c in event.members):
        signals.append("background_recap")
    if date is None:
        score = min(score, UNDATED_CEILING)
    return round(max(0.05, min(0.95, score)), 2), tuple(signals)


def _visit_date(event: Event) -> ResolvedDate | None:
    """A visit dated only through another event (the lead story, a meeting during it) is known to
    the month: the day of that event need not be the day the visit began."""
    date, source = event.dated()
    if date is None or date.start.precision != "day":
        return date
    if source in ("sentence", "caption") and not event.derived:
        return date
    start = PartialDate(date.start.year, date.start.month)
    end = date.end and PartialDate(date.end.year, date.end.month)
    return ResolvedDate(start, end if end != start else None, date.phrase, date.span, date.rule + ";visit_month")


def to_extracted(event: Event, doc: Document) -> ExtractedEvent:
    date = _visit_date(event) if event.type == "visit" else event.date
    day = event_day(date, doc.article.reference_date)
    participants = _participants(event, day)
    passages = _passages(event, doc)
    spans = [(c.sentence.tok_start, c.sentence.tok_end) for c in event.members]
    confidence, signals = _confidence(event, participants)
    return ExtractedEvent(
        type=event.type, subtype=event.subtype, participants=participants, passages=passages, date=date,
        place=event.place, topics=doc.topics_within(spans), status="planned" if event.planned else "reported",
        confidence=confidence, signals=signals,
    )


def extract_events(article: ParsedArticle, *, undated: bool = False) -> list[ExtractedEvent]:
    """The events one article reports, each with its passages, date, people, place and topics.

    An event whose date cannot be resolved is left out unless ``undated``: a timeline cannot place
    it, and it cannot be told apart from other meetings of the same people (ingest keeps it apart,
    to be listed; `timeline extract` shows it).
    """
    analysis = analyse(article)
    extracted = (to_extracted(event, analysis.document) for event in analysis.events)
    return [event for event in extracted if undated or event.date is not None]


# --------------------------------------------------------------------------- explain


def _date_dict(date) -> dict | None:
    if date is None:
        return None
    return {"start": date.start.iso(), "end": date.end.iso() if date.end else None, "phrase": date.phrase,
            "rule": date.rule}


def explain(article: ParsedArticle) -> dict:
    """Everything the extractor saw in one article: sentences with triggers, people, dates and the
    verdict on each candidate (with the reason when it did not become an event), and the events."""
    analysis = analyse(article)
    doc = analysis.document
    candidates = []
    for frame in analysis.candidates:
        candidates.append({
            "sentence": frame.sentence.index, "kind": frame.sentence.kind,
            "span": [frame.sentence.orig_start, frame.sentence.orig_end],
            "text": article.text[frame.sentence.orig_start:frame.sentence.orig_end],
            "type": frame.type, "subtype": frame.subtype, "triggers": frame.rule,
            "people": [{"name": p.name, "country": p.country, "via": p.via, "rule": p.rule} for p in frame.persons],
            "states": frame.states, "destination": frame.destination,
            "place": frame.place.name if frame.place else None,
            "date": _date_dict(frame.date), "date_source": frame.date_source,
            "planned": frame.planned, "background": frame.background, "anaphoric": frame.anaphoric,
            "verdict": frame.verdict, "reason": frame.reason,
        })
    events = []
    for event in analysis.events:
        extracted = to_extracted(event, doc)
        events.append({
            "title": event_title(extracted.type, extracted.subtype, extracted.participants, extracted.place),
            "type": extracted.type, "subtype": extracted.subtype, "date": _date_dict(extracted.date),
            "status": extracted.status, "confidence": extracted.confidence, "signals": list(extracted.signals),
            "kept": extracted.date is not None,
            "participants": [{"name": p.name, "country": p.country, "office": p.office, "side": p.side}
                             for p in extracted.participants],
            "place": extracted.place.name if extracted.place else None, "topics": list(extracted.topics),
            "passages": [{"span": [p.start, p.end], "kind": p.kind, "rule": p.rule,
                          "text": article.text[p.start:p.end]} for p in extracted.passages],
        })
    dates = [_date_dict(d) | {"span": [d.span.start, d.span.end]} for d in doc.dates.dates_in(0, len(article.text))
             if d.span is not None]
    return {
        "article": {"title": article.title, "published": article.published.iso() if article.published else None,
                    "language": article.language, "outlet": article.outlet},
        "events": events, "candidates": candidates, "dates": dates,
    }


def format_explanation(article: ParsedArticle, report: dict) -> str:
    """The explain report as text for a terminal."""
    lines = [f"{report['article']['title'] or '(no title)'} — published {report['article']['published'] or '?'}"
             f" [{report['article']['language']}]", ""]
    lines.append(f"EVENTS ({len(report['events'])})")
    for event in report["events"]:
        date = event["date"]
        when = f"{date['start']}{'..' + date['end'] if date and date['end'] else ''} ({date['rule']}: {date['phrase']!r})" \
            if date else "no date"
        dropped = "" if event["kept"] else "  — LEFT OUT: no date could be resolved"
        lines.append(f"* {event['title']}  [{event['type']}/{event['subtype']}, {event['status']}, "
                     f"conf {event['confidence']}]{dropped}")
        lines.append(f"    date: {when}")
        lines.append("    people: " + "; ".join(f"{p['name']} ({p['country']}, {p['office'] or '-'}, {p['side']})"
                                              for p in event["participants"]))
        lines.append(f"    place: {event['place'] or '-'}; topics: {', '.join(event['topics']) or '-'}")
        lines.append(f"    signals: {', '.join(event['signals'])}")
        for passage in event["passages"]:
            lines.append(f"    [{passage['kind']} {passage['span'][0]}-{passage['span'][1]}] {passage['rule']}")
            lines.append(f"      “{passage['text'][:300]}”")
    lines.append("")
    lines.append(f"CANDIDATES ({len(report['candidates'])})")
    for frame in report["candidates"]:
        people = ", ".join(f"{p['name']}<{p['via']}>" for p in frame["people"]) or "-"
        date = frame["date"]
        when = f"{date['start']} via {frame['date_source']} ({date['phrase']!r})" if date else "no date"
        flags = [f for f in ("planned", "background", "anaphoric") if frame[f]]
        lines.append(f"- s{frame['sentence']} {frame['kind']} {frame['type']}/{frame['subtype']} → {frame['verdict']}"
                     f"{': ' + frame['reason'] if frame['reason'] else ''} {' '.join(flags)}")
        lines.append(f"    triggers: {frame['triggers']}")
        lines.append(f"    people: {people}; dest: {frame['destination'] or '-'}; place: {frame['place'] or '-'}; {when}")
        lines.append(f"    “{frame['text'][:240]}”")
    return "\n".join(lines)


# --------------------------------------------------------------------------- development tool


def _export(paths: list[str], merge_across: bool) -> dict:
    from pathlib import Path

    from app.extract.article import parse_article

    out = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        article = parse_article(text, Path(path).name)
        for event in extract_events(article):
            out.append({
                "type": event.type, "subtype": event.subtype,
                "date_start": event.date.start.iso() if event.date else None,
                "date_end": event.date.end.iso() if event.date and event.date.end else None,
                "participants": [{"name": p.name} for p in event.participants],
                "sources": [{"article": {"file": Path(path).name}}],
                "title": event_title(event.type, event.subtype, event.participants, event.place),
                "status": event.status, "confidence": event.confidence,
            })
    if merge_across:
        out = _naive_merge(out)
    return {"events": out}


def _naive_merge(events: list[dict]) -> list[dict]:
    """Same type, same start date (at the coarser precision) and a shared participant → one event."""
    merged: list[dict] = []
    for event in events:
        names = {p["name"] for p in event["participants"]}
        for other in merged:
            if other["type"] != event["type"] or not event["date_start"] or not other["date_start"]:
                continue
            k = min(len(event["date_start"]), len(other["date_start"]))
            if event["date_start"][:k] != other["date_start"][:k]:
                continue
            if names & {p["name"] for p in other["participants"]} - set(SIDES):
                other["sources"] += event["sources"]
                if len(event["date_start"]) > len(other["date_start"]):
                    other["date_start"] = event["date_start"]
                break
        else:
            merged.append(dict(event))
    return merged


def main(argv: list[str] | None = None) -> None:
    import json
    import sys
    from pathlib import Path

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "export":
        merge_across = "--merge" in args
        args = [a for a in args if a != "--merge"]
        Path(args[1]).write_text(json.dumps(_export(args[2:], merge_across), ensure_ascii=False, indent=1))
    elif args and args[0] == "explain":
        from app.extract.article import parse_article

        for path in args[1:]:
            article = parse_article(Path(path).read_text(encoding="utf-8"), Path(path).name)
            print(format_explanation(article, explain(article)))
    else:
        print(__doc__)


if __name__ == "__main__":
    main()
