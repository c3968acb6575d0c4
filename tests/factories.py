"""Build test databases through the real storage code, with events written by hand.

Web and API tests use these so that they test pages and queries, not extraction quality.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from app.curation.version import bump_data_version
from app.extract.types import (
    ExtractedEvent,
    ParsedArticle,
    PartialDate,
    Participant,
    Passage,
    Place,
    ResolvedDate,
    Span,
)
from app.ingest.store import insert_article, new_reports, recluster

XI = Participant("Xi Jinping", "China", "President of China", "guest")
TOKAYEV = Participant("Kassym-Jomart Tokayev", "Kazakhstan", "President of Kazakhstan", "host")
WANG = Participant("Wang Yi", "China", "Minister of Foreign Affairs of China", "guest")
NURTLEU = Participant("Murat Nurtleu", "Kazakhstan", "Minister of Foreign Affairs of Kazakhstan", "host")
ASTANA = Place("Astana", "Kazakhstan")
BEIJING = Place("Beijing", "China")


@dataclass
class Mention:
    """An event as one article states it: the quote must occur in the article's text."""

    type: str
    subtype: str
    date: str | None
    quote: str
    participants: tuple[Participant, ...] = (XI, TOKAYEV)
    place: Place | None = ASTANA
    topics: tuple[str, ...] = ()
    end: str | None = None
    status: str = "reported"
    date_phrase: str | None = None  # where the date stands in the text (it must occur there)
    signals: tuple[str, ...] = ()  # the extractor's signals, e.g. "date_from_lead"
    caption: str | None = None  # a photo caption that supports the event (a passage of kind "support")


def add_article(engine: Engine, *, file_name: str, text: str, mentions: list[Mention],
                published: str | None = None, outlet: str | None = "Test Wire", language: str = "en",
                title: str | None = None, boilerplate: tuple[Span, ...] = (),
                captions: tuple[Span, ...] = (), published_phrase: str | None = None) -> int:
    parsed = ParsedArticle(
        text=text, title=title or text.split("\n", 1)[0][:80], outlet=outlet,
        published=PartialDate.from_iso(published) if published else None, language=language,
        boilerplate=boilerplate, captions=captions, published_phrase=published_phrase,
    )
    events = []
    for mention in mentions:
        start = text.index(mention.quote)
        date = None
        if mention.date:
            span = None
            if mention.date_phrase:
                at = text.index(mention.date_phrase)
                span = Span(at, at + len(mention.date_phrase))
            date = ResolvedDate(PartialDate.from_iso(mention.date),
                                PartialDate.from_iso(mention.end) if mention.end else None,
                                mention.date_phrase or mention.date, span)
        passages = (Passage(start, start + len(mention.quote), "test"),)
        if mention.caption:
            at = text.index(mention.caption)
            passages = (Passage(at, at + len(mention.caption), "test", "support"), *passages)
        events.append(ExtractedEvent(
            type=mention.type, subtype=mention.subtype, participants=mention.participants,
            passages=passages, date=date, place=mention.place,
            topics=mention.topics, status=mention.status, confidence=0.6, signals=mention.signals,
        ))
    with Session(engine, expire_on_commit=False) as session, session.begin():
        article = insert_article(session, parsed, file_name=file_name, source_path=f"/test/{file_name}",
                                 content_hash=hashlib.sha256(text.encode()).hexdigest())
        reports = new_reports(article, events)
        recluster(session, reports)
        bump_data_version(session.connection())  # a write like any other: cached pages are stale
        return article.id


# --- a richer timeline for the web and browser tests ------------------------------------------

NAZARBAYEV = Participant("Nursultan Nazarbayev", "Kazakhstan", "President of Kazakhstan", "host")
LI_QIANG = Participant("Li Qiang", "China", "Premier of China", "guest")
SMAILOV = Participant("Alikhan Smailov", "Kazakhstan", "Prime Minister of Kazakhstan", "host")
ALMATY = Place("Almaty", "Kazakhstan")
SHANGHAI = Place("Shanghai", "China")
XIAN = Place("Xi'an", "China")

TRIP_TEXT = (
    "Xi Jinping begins state visit to Kazakhstan\n\n"
    "ASTANA, July 5 (Test Wire) - Chinese President Xi Jinping arrived in Astana on July 2, 2024 for a "
    "state visit to Kazakhstan that lasted until July 4.\n\n"
    "On July 3 Xi held talks with President Kassym-Jomart Tokayev on energy and transport corridors, "
    "after which the two presidents signed a joint statement on comprehensive strategic partnership.\n\n"
    "Photo: Xi Jinping and Kassym-Jomart Tokayev at the Akorda palace.\n\n"
    "Read more: subscribe to our newsletter for daily Central Asia news."
)
TRIP_TEXT_ID = (
    "Xi Jinping tiba di Astana\n\n"
    "ASTANA, ANTARA - Presiden China Xi Jinping mendarat di Astana pada Selasa (2/7/2024) sore dalam lawatan "
    "kenegaraan ke Kazakhstan atas undangan Presiden Kassym-Jomart Tokayev.\n\n"
    "Baca juga: Berita lainnya dari Asia Tengah."
)
HOSTILE_TEXT = (
    "Leaders meet <script>window.__pwned = 1</script> in Astana\n\n"
    "Kassym-Jomart Tokayev met Xi Jinping in Astana on 12 May 2021 \"><img src=x onerror=\"window.__pwned=2\"> "
    "and said {{ 7*7 }} was the number of agreements <b>prepared</b>.\n"
)

GENERATED_OUTLETS = (("Test Wire", "en"), ("ANTARA", "id"), ("Kompas", "id"), ("Xinhua", "en"),
                     ("The Astana Times", "en"))
GENERATED_TOPICS = ("trade-investment", "energy", "transport-bri", "security", "people-culture", "health")


def add_trip(engine: Engine) -> None:
    """A visit with talks and a signing during it, reported by two articles in two languages."""
    trip_boilerplate = (Span(TRIP_TEXT.index("Read more:"), len(TRIP_TEXT)),)
    caption = "Photo: Xi Jinping and Kassym-Jomart Tokayev at the Akorda palace."
    trip_captions = (Span(TRIP_TEXT.index(caption), TRIP_TEXT.index(caption) + len(caption)),)
    add_article(
        engine, file_name="trip-2024-en.txt", text=TRIP_TEXT, published="2024-07-05", outlet="Test Wire",
        title="Xi Jinping begins state visit to Kazakhstan", boilerplate=trip_boilerplate, captions=trip_captions,
        mentions=[
            Mention("visit", "state_visit", "2024-07-02", end="2024-07-04", date_phrase="July 2, 2024",
                    signals=("date_in_sentence",),
                    quote="Chinese President Xi Jinping arrived in Astana on July 2, 2024 for a state visit",
                    topics=("political-relations",)),
            Mention("meeting", "talks", "2024-07-03", date_phrase="July 3", signals=("date_in_sentence",),
                    quote="On July 3 Xi held talks with President Kassym-Jomart Tokayev on energy and transport "
                          "corridors, after which",
                    topics=("energy", "transport-bri")),
            # overlaps the passage above: the same sentence states the talks and the signing
            Mention("agreement", "joint_statement", "2024-07-03", date_phrase="July 3",
                    signals=("date_of_preceding_event",),
                    quote="after which the two presidents signed a joint statement on comprehensive strategic "
                          "partnership",
                    topics=("political-relations",)),
        ],
    )
    add_article(
        engine, file_name="trip-2024-id.txt", text=TRIP_TEXT_ID, published="2024-07-02", outlet="ANTARA",
        language="id", title="Xi Jinping tiba di Astana",
        boilerplate=(Span(TRIP_TEXT_ID.index("Baca juga"), len(TRIP_TEXT_ID)),),
        mentions=[Mention("visit", "state_visit", "2024-07-02", date_phrase="Selasa (2/7/2024)",
                          signals=("date_in_sentence",),
                          quote="Presiden China Xi Jinping mendarat di Astana pada Selasa (2/7/2024)",
                          topics=("political-relations",))],
    )


def add_generated_years(engine: Engine, first: int = 2001, last: int = 2023) -> int:
    """Three events a year (a visit, a meeting, an agreement), one article each year; returns the count."""
    count = 0
    people = ((XI, NAZARBAYEV), (LI_QIANG, SMAILOV), (WANG, NURTLEU), (XI, TOKAYEV))
    places = (ASTANA, BEIJING, ALMATY, SHANGHAI, XIAN)
    for index, year in enumerate(range(first, last + 1)):
        guest, host = people[index % len(people)]
        place = places[index % len(places)]
        outlet, language = GENERATED_OUTLETS[index % len(GENERATED_OUTLETS)]
        topic_a = GENERATED_TOPICS[index % len(GENERATED_TOPICS)]
        topic_b = GENERATED_TOPICS[(index + 2) % len(GENERATED_TOPICS)]
        month = 3 + index % 8
        topic_words = topic_a.replace("-", " and ")
        visit = (f"{guest.name} paid an official visit to {place.name} on 10 {calendar.month_name[month]} {year} "
                 f"to discuss {topic_words}.")
        meeting = f"{guest.name} and {host.name} held talks in {place.name} in {calendar.month_name[month + 1]} {year}."
        signing = f"The sides signed a memorandum on {topic_b.replace('-', ' and ')} cooperation during {year}."
        text = f"Relations in {year}\n\n{visit}\n\n{meeting}\n\n{signing}\n"
        add_article(
            engine, file_name=f"year-{year}.txt", text=text, published=f"{year}-12-20", outlet=outlet,
            language=language, title=f"China and Kazakhstan in {year}",
            mentions=[
                Mention("visit", "official_visit", f"{year}-{month:02d}-10", quote=visit[:-1],
                        participants=(guest, host), place=place, topics=(topic_a,)),
                Mention("meeting", "talks", f"{year}-{month + 1:02d}", quote=meeting[:-1],
                        participants=(guest, host), place=place, topics=(topic_a, topic_b)),
                Mention("agreement", "memorandum", f"{year}", quote=signing[:-1],
                        participants=(guest, host), place=None, topics=(topic_b,)),
            ],
        )
        count += 3
    return count


def add_planned(engine: Engine) -> None:
    text = "Tokayev to visit China\n\nPresident Kassym-Jomart Tokayev will pay a state visit to China in September 2025.\n"
    add_article(
        engine, file_name="planned-2025.txt", text=text, published="2025-06-01", outlet="Kompas", language="id",
        title="Tokayev to visit China",
        mentions=[Mention("visit", "state_visit", "2025-09", status="planned",
                          quote="President Kassym-Jomart Tokayev will pay a state visit to China in September 2025",
                          participants=(Participant(TOKAYEV.name, TOKAYEV.country, TOKAYEV.office, "guest"),
                                        Participant(XI.name, XI.country, XI.office, "host")),
                          place=BEIJING, topics=("political-relations",))],
    )


def add_hostile_article(engine: Engine) -> int:
    """An article whose text carries markup and template syntax; stored like any other."""
    return add_article(
        engine, file_name="hostile.txt", text=HOSTILE_TEXT, published="2021-05-13", outlet="Test Wire",
        title=HOSTILE_TEXT.split("\n", 1)[0],
        mentions=[Mention("meeting", "talks", "2021-05-12",
                          quote="Kassym-Jomart Tokayev met Xi Jinping in Astana on 12 May 2021 \"><img src=x "
                                "onerror=\"window.__pwned=2\"> and said {{ 7*7 }}",
                          participants=(TOKAYEV, XI))],
    )


# --- what a reader must be told: dates' origins, former place names, states, undated events --------

CHINA_STATE = Participant("China", "China")
KAZAKHSTAN_STATE = Participant("Kazakhstan", "Kazakhstan")
NUR_SULTAN_TEXT = (
    "Ministers meet in Nur-Sultan\n\n"
    "Photo: the two ministers before their talks.\n\n"
    "NUR-SULTAN (Test Wire) - Wang Yi and Murat Nurtleu held talks in Nur-Sultan on 12 May 2020 about grain "
    "corridors, and the two governments signed a joint statement on water sharing.\n\n"
    "Earlier the two ministers had met to prepare a summit, the ministry said.\n"
)
HEADER_TEXT = (
    "date 2021-06-03\n"
    "Leaders talk by phone\n\n"
    "Kassym-Jomart Tokayev spoke to Xi Jinping by telephone, the presidents' offices reported.\n"
)


def add_reader_cases(engine: Engine) -> None:
    """Events whose page must explain itself: talks dated by their own passage in 2020 (Nur-Sultan,
    with a caption before the statement), a statement of the two states alone that borrows the talks'
    date, a call dated only by the article's header line (known to the month), and an undated meeting."""
    add_article(
        engine, file_name="nur-sultan-2020.txt", text=NUR_SULTAN_TEXT, published="2020-05-13", outlet=None,
        title="Ministers meet in Nur-Sultan",
        mentions=[
            Mention("meeting", "talks", "2020-05-12", date_phrase="12 May 2020", signals=("date_in_sentence",),
                    quote="Wang Yi and Murat Nurtleu held talks in Nur-Sultan on 12 May 2020 about grain corridors",
                    caption="Photo: the two ministers before their talks.", participants=(WANG, NURTLEU),
                    topics=("agriculture",)),
            Mention("agreement", "joint_statement", "2020-05-12", date_phrase="12 May 2020",
                    signals=("date_of_event_in_sentence",),
                    quote="the two governments signed a joint statement on water sharing",
                    participants=(CHINA_STATE, KAZAKHSTAN_STATE)),
            Mention("meeting", "meeting", None, quote="Earlier the two ministers had met to prepare a summit",
                    participants=(WANG, NURTLEU), place=None),
        ],
    )
    add_article(
        engine, file_name="header-2021.txt", text=HEADER_TEXT, published="2021-06-03", outlet="Kompas",
        language="id", title="Leaders talk by phone", published_phrase="date 2021-06-03",
        mentions=[Mention("meeting", "phone_call", "2021-06", signals=("date_from_publication",), place=None,
                          quote="Kassym-Jomart Tokayev spoke to Xi Jinping by telephone",
                          participants=(XI, TOKAYEV))],
    )


def build_timeline(engine: Engine) -> None:
    """The web tests' timeline: 78 events over 2001–2025, a trip, a planned visit, a hostile article,
    and the cases a reader must be told about (add_reader_cases)."""
    add_generated_years(engine)
    add_trip(engine)
    add_planned(engine)
    add_hostile_article(engine)
    add_reader_cases(engine)
