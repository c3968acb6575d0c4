"""Synthetic data at scale, written through the real tables, for benchmarks and load tests.

Events spread over 1992 to today with a realistic mix of types, subtypes and date precisions;
participants from the actor lexicon; places from the gazetteer; topics from the taxonomy; 1–4
evidence passages each, cut from generated article texts that word the same event in several
inflected forms in each language (visit, visited, kunjungan, mengunjungi), so that the stemmed
index is exercised. Events are derived from their reports, and their rows, link rows (with the
copied filter columns) and search text built, by the store's own functions (app/ingest/store.py),
as ingest writes them; the data version is raised with them. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, fields

from sqlalchemy import Engine, func, insert, select

from app.curation.version import bump_data_version
from app.db import refresh_statistics
from app.extract.lexicon import load_lexicon
from app.extract.types import Participant, Place as PlaceValue
from app.ingest.store import LINK_TABLES, Derived, StoredReport, derive_event, event_row, known_ids, link_rows
from app.models import Article, Event, Evidence, Report
from app.search.index import Passage, article_stems
from app.taxonomy import topic_names

TYPE_MIX = [("meeting", 0.5), ("visit", 0.3), ("agreement", 0.2)]
SUBTYPES = {
    "meeting": [("talks", 0.5), ("phone_call", 0.2), ("meeting_on_sidelines", 0.15), ("video_call", 0.05),
                ("summit", 0.1)],
    "visit": [("state_visit", 0.4), ("official_visit", 0.35), ("working_visit", 0.25)],
    "agreement": [("memorandum", 0.35), ("signing", 0.3), ("joint_statement", 0.25), ("treaty", 0.1)],
}
PRECISION_MIX = [("day", 0.78), ("month", 0.14), ("year", 0.08)]
OUTLETS = [("ANTARA", "id"), ("Kompas TV", "id"), ("Radio Bharata Online", "id"), ("CRI Indonesia", "id"),
           ("Xinhua", "en"), ("Kazinform", "en"), ("The Astana Times", "en"), ("Reuters", "en"),
           ("China Daily", "en"), ("Global Times", "en")]
# The sentence that states an event, by type, as wire copy words it ({date} is spelt out).
SENTENCES = {
    "en": {
        "meeting": ["{a} held talks with {b} in {place} on {date}, discussing {topic}.",
                    "{a} and {b} met in {place} on {date} to review cooperation in {topic}.",
                    "{a} spoke with {b} by telephone on {date} about {topic}."],
        "visit": ["{a} paid a visit to {place} on {date} at the invitation of {b}.",
                  "{a} arrived in {place} on {date} for a visit at the invitation of {b}.",
                  "{a} visited {place} on {date} at the invitation of {b}."],
        "agreement": ["On {date}, {a} and {b} signed documents on {topic} in {place}.",
                      "{a} and {b} signed a memorandum of understanding on {topic} in {place} on {date}."],
    },
    "id": {
        "meeting": ["{a} mengadakan pembicaraan dengan {b} di {place} pada {date} mengenai {topic}.",
                    "{a} bertemu dengan {b} di {place} pada {date} untuk membahas kerja sama {topic}.",
                    "{a} berbicara melalui telepon dengan {b} pada {date} tentang {topic}."],
        "visit": ["{a} melakukan kunjungan ke {place} pada {date} atas undangan {b}.",
                  "{a} tiba di {place} pada {date} untuk kunjungan atas undangan {b}.",
                  "{a} mengunjungi {place} pada {date} atas undangan {b}."],
        "agreement": ["Pada {date}, {a} dan {b} menandatangani dokumen kerja sama {topic} di {place}.",
                      "{a} dan {b} menandatangani nota kesepahaman tentang {topic} di {place} pada {date}."],
    },
}
# Paragraphs that state no event: the bulk of a real article.
FILLER = {
    "en": [
        "Both sides agreed to deepen cooperation and exchanged views on regional and international issues of "
        "common concern.",
        "Trade between the two countries has grown steadily, and officials expect new projects in logistics, "
        "processing and green energy.",
        "The two neighbours are linked by a long land border and several rail crossings that carry freight "
        "between Asia and Europe.",
        "Analysts in Almaty said the talks reflected a pragmatic agenda focused on transit corridors and "
        "investment.",
        "The parties also discussed cultural exchanges, tourism and cooperation between universities.",
    ],
    "id": [
        "Kedua belah pihak sepakat memperdalam kerja sama dan bertukar pandangan tentang isu regional dan "
        "internasional yang menjadi perhatian bersama.",
        "Perdagangan kedua negara terus tumbuh, dan para pejabat mengharapkan proyek baru di bidang logistik, "
        "pengolahan, dan energi hijau.",
        "Kedua negara bertetangga itu berbagi perbatasan lebih dari 1.700 kilometer dan beberapa perlintasan "
        "kereta api yang mengangkut barang antara Asia dan Eropa.",
        "Pengamat di Almaty menilai pembicaraan itu mencerminkan agenda pragmatis yang berfokus pada koridor "
        "transit dan investasi.",
        "Para pihak juga membahas pertukaran budaya, pariwisata, dan kerja sama antaruniversitas.",
    ],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
}
WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


@dataclass
class SynthSummary:
    events: int
    articles: int
    evidence: int


@dataclass(frozen=True)
class _Official:
    person: Participant
    terms: tuple[tuple[dt.date, dt.date], ...]

    def in_office(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.terms)


def _as_date(value, default: dt.date) -> dt.date:
    if value is None:
        return default
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _people() -> dict[str, list[_Official]]:
    people: dict[str, list[_Official]] = {"China": [], "Kazakhstan": []}
    for entry in load_lexicon("actors"):
        if entry["country"] in people:
            terms = tuple((_as_date(o.get("start"), dt.date(1900, 1, 1)), _as_date(o.get("end"), dt.date.max))
                          for o in entry.get("offices") or [])
            people[entry["country"]].append(_Official(Participant(entry["name"], entry["country"]), terms))
    return people


def _official(rng: random.Random, officials: list[_Official], day: dt.date) -> Participant:
    """Someone who held an office on ``day`` (anyone when the lexicon has nobody for that day)."""
    serving = [o for o in officials if o.in_office(day)]
    return rng.choice(serving or officials).person


def _places() -> list[PlaceValue]:
    seen: dict[str, PlaceValue] = {}
    for entry in load_lexicon("places"):
        if entry.get("kind") in ("city", "capital") and entry["name"] not in seen:
            seen[entry["name"]] = PlaceValue(entry["name"], entry["country"])
    return list(seen.values())


def _topic_slugs() -> list[str]:
    return [entry["slug"] for entry in load_lexicon("topics")]


def _random_date(rng: random.Random, first_year: int, today: dt.date) -> dt.date:
    # news density grows over the years: weight later years more (the current year included)
    year = min(today.year, int(first_year + (today.year - first_year + 1) * (rng.random() ** 0.6)))
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return min(day, today)


def synthesize(engine: Engine, *, events: int, articles: int, seed: int = 1, first_year: int = 1992,
               until: dt.date | None = None, batch: int = 2000) -> SynthSummary:
    """Append ``events`` events reported by ``articles`` generated articles to the database, in one
    transaction that raises the data version.

    Each event is derived from its reports and written with its link rows and search text by the
    store's own code (app/ingest/store.py), as ingest writes them. The same ``seed`` and ``until``
    (default: today) give the same rows, ids included when the database starts empty.
    """
    if events < 0 or articles < 1:
        raise ValueError("synthetic data needs at least one article (and no negative number of events)")
    rng = random.Random(seed)
    today = until or dt.date.today()
    ingested_at = dt.datetime.combine(today, dt.time(12), dt.UTC)
    people, places, topics = _people(), _places(), _topic_slugs()
    with engine.connect() as conn:
        event_base, article_base, report_base = (
            conn.scalar(select(func.coalesce(func.max(model.id), 0))) for model in (Event, Article, Report))

    plans = [_plan_event(rng, people, places, topics, first_year, today) for _ in range(events)]
    # each event is reported by 1-4 articles, each article reports several events, and an article
    # reports events of the same weeks: articles take the events in date order, a few apart
    by_article: dict[int, list[int]] = {}
    in_date_order = sorted(range(events), key=lambda i: (plans[i].date, i))
    for rank, event_index in enumerate(in_date_order):
        home = rank * articles // max(events, 1)
        chosen = {min(articles - 1, max(0, home + rng.randint(-2, 2)))
                  for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))}
        for article_index in sorted(chosen):
            by_article.setdefault(article_index, []).append(event_index)

    article_rows, report_rows, evidence_rows = [], [], []
    reports: dict[int, list[StoredReport]] = defaultdict(list)
    passages: dict[int, list[Passage]] = defaultdict(list)
    sources: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for article_index in range(articles):
        article_id = article_base + article_index + 1
        reported = by_article.get(article_index, [])
        text, spans, row = _article(rng, article_index, [plans[i] for i in reported], seed, today)
        article_rows.append({"id": article_id, **row, "text": text, "ingested_at": ingested_at,
                             "stems": article_stems(row["title"], text, row["language"])})
        for ordinal, (event_index, (s, e)) in enumerate(zip(reported, spans, strict=True)):
            report_base += 1
            event_id = event_base + event_index + 1
            date_start, date_end = _date_span(text, s, e, plans[event_index], row["language"])
            report = _report_row(report_base, article_id, event_id, ordinal, plans[event_index],
                                 text[date_start:date_end], (date_start, date_end))
            report_rows.append(report)
            reports[event_index].append(_stored(report, row["content_hash"]))
            evidence_rows.append({"report_id": report_base, "event_id": event_id, "article_id": article_id,
                                  "start": s, "end": e, "kind": "statement", "rule": "synth"})
            passages[event_index].append(Passage(text[s:e], row["language"]))
            sources[event_index] |= {("outlet", row["outlet"]), ("language", row["language"])}

    with engine.begin() as conn:
        for first in range(0, events, batch):
            chunk = range(first, min(first + batch, events))
            _insert_events(conn, [(event_base + i + 1, derive_event(reports[i]), passages[i], sources[i])
                                  for i in chunk])
        for rows, model in ((article_rows, Article), (report_rows, Report), (evidence_rows, Evidence)):
            for first in range(0, len(rows), batch):
                conn.execute(insert(model), rows[first:first + batch])
        if conn.dialect.name == "postgresql":  # ids were given: move the sequences past them
            for table in ("events", "articles", "reports"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")
        bump_data_version(conn)
    refresh_statistics(engine)
    return SynthSummary(events=events, articles=articles, evidence=len(evidence_rows))


def _stored(report: dict, article_hash: str) -> StoredReport:
    """A report row as the store derives events from it."""
    return StoredReport(**{name: report[name] for name in _STORED_FIELDS}, article_key=article_hash)


_STORED_FIELDS = [f.name for f in fields(StoredReport) if f.init and f.name not in ("article_key", "unwritten")]


def _insert_events(conn, chunk: list[tuple[int, Derived, list[Passage], set[tuple[str, str]]]]) -> None:
    """Events with the given ids, their link rows and search text, built by the store's row builders."""
    known = known_ids(conn, [d for _, d, _, _ in chunk])
    conn.execute(insert(Event), [{"id": event_id, **event_row(d, known[0])} for event_id, d, _, _ in chunk])
    rows: dict[str, list[dict]] = defaultdict(list)
    for event_id, d, texts, facets in chunk:
        for table, table_rows in link_rows(event_id, d, known, texts, facets).items():
            rows[table] += table_rows
    for table in LINK_TABLES:
        if rows[table.name]:
            conn.execute(insert(table), rows[table.name])


@dataclass
class _Plan:
    type: str
    subtype: str
    date: dt.date
    precision: str
    end: dt.date | None
    guest: Participant
    host: Participant
    place: PlaceValue
    topics: list[str]
    status: str


def _plan_event(rng, people, places, topics, first_year, today) -> _Plan:
    kind = _pick(rng, TYPE_MIX)
    guest_country, host_country = rng.choice([("China", "Kazakhstan"), ("Kazakhstan", "China")])
    place_pool = [p for p in places if p.country == host_country] or places
    if kind == "meeting" and rng.random() < 0.15:
        place_pool = [p for p in places if p.country not in ("China", "Kazakhstan")] or place_pool
    date = _random_date(rng, first_year, today)
    precision = _pick(rng, PRECISION_MIX)
    end = date + dt.timedelta(days=rng.randint(1, 3)) if kind == "visit" and precision == "day" and rng.random() < 0.5 else None
    return _Plan(
        type=kind, subtype=_pick(rng, SUBTYPES[kind]), date=date, precision=precision, end=end,
        guest=_official(rng, people[guest_country], date), host=_official(rng, people[host_country], date),
        place=rng.choice(place_pool), topics=rng.sample(topics, rng.randint(1, 3)),
        status="planned" if rng.random() < 0.04 else "reported",
    )


def _start(plan: _Plan) -> dt.date:
    if plan.precision == "year":
        return dt.date(plan.date.year, 1, 1)
    if plan.precision == "month":
        return plan.date.replace(day=1)
    return plan.date


def _title(plan: _Plan) -> str:
    from app.extract.titles import event_title

    return event_title(plan.type, plan.subtype, [plan.guest, plan.host], plan.place, language="en")


def _topic_words(slug: str, language: str) -> str:
    english, indonesian = topic_names(slug)
    name = (indonesian if language == "id" and indonesian else english) or slug.replace("-", " ")
    return name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name


def _spelt_date(plan: _Plan, language: str) -> str:
    """The event's date as an article would write it, at the event's precision."""
    start = _start(plan)
    month = MONTHS[language][start.month - 1]
    if plan.precision == "year":
        return f"{start.year}" if language == "en" else f"tahun {start.year}"
    if plan.precision == "month":
        return f"{month} {start.year}"
    return f"{month} {start.day}, {start.year}" if language == "en" else f"{start.day} {month} {start.year}"


def _dateline(published: dt.date, language: str, outlet: str, place: str) -> tuple[str, str]:
    """The header line with the publication date, and the place/outlet lead-in of the first paragraph."""
    month = MONTHS[language][published.month - 1]
    if language == "id":
        return (f"{WEEKDAYS_ID[published.weekday()]}, {published.day} {month} {published.year} 10:{published.day:02d}:00 WIB",
                f"{place}, {outlet} - ")
    return f"{month} {published.day}, {published.year}", f"{place.upper()}, {month} {published.day} ({outlet}) -- "


def article_text(rng: random.Random, plans: list[_Plan], *, language: str, outlet: str,
                 published: dt.date) -> tuple[str, list[tuple[int, int]]]:
    """A news article reporting ``plans``: a dated header, a headline, one paragraph per event
    (its stating sentence and a paragraph of context) and the spans of the stating sentences."""
    lead = plans[0] if plans else None
    headline = (_title(lead) if lead else
                ("Kazakhstan and China discuss cooperation" if language == "en" else "Kazakhstan dan Tiongkok "
                 "membahas kerja sama"))
    dateline, lead_in = _dateline(published, language, outlet, lead.place.name if lead else "Astana")
    parts = [f"{dateline}\n\n{headline}\n\n{lead_in}"]
    cursor = len(parts[0])
    spans = []
    for plan in plans:
        sentence = rng.choice(SENTENCES[language][plan.type]).format(
            a=plan.guest.name, b=plan.host.name, place=plan.place.name, date=_spelt_date(plan, language),
            topic=_topic_words(plan.topics[0], language),
        )
        filler = " ".join(rng.sample(FILLER[language], rng.randint(1, 3)))
        spans.append((cursor, cursor + len(sentence)))
        paragraph = f"{sentence} {filler}\n\n"
        parts.append(paragraph)
        cursor += len(paragraph)
    if not plans:
        parts.append(" ".join(rng.sample(FILLER[language], 3)) + "\n")
    return "".join(parts), spans


def _article(rng, index, plans, seed, today) -> tuple[str, list[tuple[int, int]], dict]:
    outlet, language = OUTLETS[index % len(OUTLETS)]
    latest = max((p.date for p in plans), default=_random_date(rng, 1992, today))
    published = min(latest + dt.timedelta(days=rng.randint(0, 2)), today)
    text, spans = article_text(rng, plans, language=language, outlet=outlet, published=published)
    digest = hashlib.sha256(f"{seed}:{index}:{text}".encode()).hexdigest()
    return text, spans, {
        "file_name": f"synth-{seed}-{index:06d}.txt", "source_path": f"synth://{seed}/{index}",
        "content_hash": digest, "title": text.split("\n\n", 2)[1], "outlet": outlet,
        "published": published.isoformat(), "published_date": published, "published_precision": "day",
        "published_phrase": text.split("\n", 1)[0], "language": language, "boilerplate": [], "captions": [],
    }


def write_article_files(folder, count: int, *, seed: int = 1, events_per_article: int = 3,
                        until: dt.date | None = None) -> list:
    """Write ``count`` generated articles as ``.txt`` files into ``folder`` (for ingest benchmarks)."""
    from pathlib import Path

    rng = random.Random(seed)
    today = until or dt.date.today()
    people, places, topics = _people(), _places(), _topic_slugs()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        plans = [_plan_event(rng, people, places, topics, 1992, today)
                 for _ in range(rng.randint(1, events_per_article))]
        outlet, language = OUTLETS[index % len(OUTLETS)]
        published = min(max(p.date for p in plans) + dt.timedelta(days=rng.randint(0, 2)), today)
        text, _ = article_text(rng, plans, language=language, outlet=outlet, published=published)
        path = folder / f"{index:06d}_{language}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def long_article_text(size: int, *, line_breaks: bool, seed: int = 1, language: str = "en",
                      until: dt.date | None = None) -> str:
    """One article of about ``size`` bytes: a header and paragraph after paragraph of generated
    reports (visits, talks, signings with names, places and dates), for the hostile-input tests and
    the ingest benchmark. Without ``line_breaks`` it is one line, as a careless scrape gives."""
    rng = random.Random(seed)
    today = until or dt.date(2026, 1, 1)
    people, places, topics = _people(), _places(), _topic_slugs()
    outlet = next(name for name, lang in OUTLETS if lang == language)
    pieces, length = [], 0
    while length < size:
        plans = [_plan_event(rng, people, places, topics, 1992, today) for _ in range(20)]
        text, _ = article_text(rng, plans, language=language, outlet=outlet, published=today)
        if pieces:
            text = text.split("\n\n", 2)[2]  # one header for the whole article
        pieces.append(text)
        length += len(text.encode("utf-8"))
    text = "".join(pieces)
    while len(text.encode("utf-8")) > size:
        text = text[: len(text) - (len(text.encode("utf-8")) - size)]
    return text if line_breaks else " ".join(text.split())


def _date_span(text: str, start: int, end: int, plan: _Plan, language: str) -> tuple[int, int]:
    """Where the stating sentence (``text[start:end]``) writes the event's date."""
    phrase = _spelt_date(plan, language)
    at = text.index(phrase, start, end)
    return at, at + len(phrase)


def _report_row(report_id, article_id, event_id, ordinal, plan: _Plan, date_phrase: str,
                date_span: tuple[int, int]) -> dict:
    """A report as ingest writes one, dated by its own sentence (the phrase at ``date_span``)."""
    return {
        "id": report_id, "article_id": article_id, "event_id": event_id, "ordinal": ordinal, "type": plan.type,
        "subtype": plan.subtype, "status": plan.status, "date_start": _start(plan), "date_end": plan.end,
        "date_precision": plan.precision, "date_phrase": date_phrase, "date_source": "sentence",
        "date_span_start": date_span[0], "date_span_end": date_span[1], "place_name": plan.place.name,
        "place_country": plan.place.country,
        "participants": [{"name": plan.guest.name, "country": plan.guest.country, "office": None, "side": "guest"},
                         {"name": plan.host.name, "country": plan.host.country, "office": None, "side": "host"}],
        "topics": plan.topics, "signals": ["synthetic"], "confidence": 0.6,
    }
