"""Search cases: what a reader looking for something types, and the events that must (and must not)
come back, in Indonesian and in English, on SQLite and PostgreSQL.

The articles are invented for these needs (one event each, so that a word of one article cannot
bring in another's event), half in each language; most cases can only pass by stemming, by a
spelling of a name the article does not use, or across the language barrier.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, make_url, select, text
from sqlmodel import Session

from app import queries
from app.db import make_engine
from app.extract.types import Participant, Place
from app.migrate import upgrade_database
from app.models import Report
from tests.conftest import BACKENDS, POSTGRES_URL
from tests.factories import (
    ALMATY,
    ASTANA,
    BEIJING,
    LI_QIANG,
    NAZARBAYEV,
    NURTLEU,
    SHANGHAI,
    SMAILOV,
    TOKAYEV,
    WANG,
    XI,
    XIAN,
    Mention,
    add_article,
)

LI_PENG = Participant("Li Peng", "China", "Premier of China", "guest")


@dataclass(frozen=True)
class Story:
    """An invented article reporting one event: the whole text is the passage that states it."""

    key: str
    language: str
    type: str
    subtype: str
    date: str
    text: str
    people: tuple[Participant, ...]
    place: Place | None
    topics: tuple[str, ...] = ()


STORIES = [
    Story("en_state_visit_beijing", "en", "visit", "state_visit", "2019-09-11",
          "Kassym-Jomart Tokayev began a state visit to China on 11 September 2019, with grain exports high on "
          "his agenda", (TOKAYEV, Participant(XI.name, XI.country, XI.office, "host")), BEIJING, ("agriculture",)),
    Story("id_state_visit_astana", "id", "visit", "state_visit", "2022-09-14",
          "Presiden Xi Jinping memulai kunjungan kenegaraan di Astana pada 14 September 2022 dan disambut "
          "Presiden Tokayev di bandara", (XI, TOKAYEV), ASTANA, ("transport-bri",)),
    Story("en_official_visit_almaty", "en", "visit", "official_visit", "2023-03-02",
          "Foreign Minister Wang Yi paid an official visit to Almaty on 2 March 2023 to discuss visa rules for "
          "tourists", (WANG, NURTLEU), ALMATY, ("visas-tourism",)),
    Story("id_working_visit_shanghai", "id", "visit", "working_visit", "2023-11-05",
          "Perdana Menteri Alikhan Smailov melakukan kunjungan kerja ke Shanghai pada 5 November 2023 untuk "
          "menghadiri pameran impor", (SMAILOV, Participant(LI_QIANG.name, LI_QIANG.country, LI_QIANG.office, "host")),
          SHANGHAI, ("trade-investment",)),
    Story("id_visit_beijing", "id", "visit", "visit", "2024-04-10",
          "Menteri Luar Negeri Murat Nurtleu mengunjungi Beijing pada 10 April 2024 atas undangan Wang Yi",
          (Participant(NURTLEU.name, NURTLEU.country, NURTLEU.office, "guest"),
           Participant(WANG.name, WANG.country, WANG.office, "host")), BEIJING),
    Story("en_visit_akmola", "en", "visit", "official_visit", "1997-09-24",
          "Chinese Premier Li Peng arrived in Akmola on 24 September 1997 and was received by Nursultan Nazarbaev",
          (LI_PENG, NAZARBAYEV), ASTANA, ("energy",)),
    Story("en_phone_call", "en", "meeting", "phone_call", "2020-03-20",
          "Xi Jinping and Kassym-Jomart Tokayev spoke by telephone on 20 March 2020 about medical supplies and the "
          "epidemic", (XI, TOKAYEV), None, ("health",)),
    Story("id_phone_call", "id", "meeting", "phone_call", "2023-05-10",
          "Menteri Luar Negeri Wang Yi berbicara melalui telepon dengan Murat Nurtleu pada 10 Mei 2023 tentang "
          "perbatasan", (WANG, NURTLEU), None, ("security",)),
    Story("en_talks_astana", "en", "meeting", "talks", "2023-06-15",
          "Premier Li Qiang held talks with Prime Minister Alikhan Smailov in Astana on 15 June 2023 on gas "
          "pipelines and power grids", (LI_QIANG, SMAILOV), ASTANA, ("energy",)),
    Story("id_talks_beijing", "id", "meeting", "talks", "2015-08-31",
          "Presiden Xi Jinping dan Presiden Nursultan Nazarbayev membicarakan kemitraan strategis di Beijing pada "
          "31 Agustus 2015", (XI, NAZARBAYEV), BEIJING, ("political-relations",)),
    Story("en_summit_xian", "en", "meeting", "summit", "2023-05-19",
          "Leaders gathered in Xi'an on 19 May 2023 for a summit where Xi Jinping welcomed Kassym-Jomart Tokayev",
          (XI, TOKAYEV), XIAN, ("china-central-asia",)),
    Story("en_joint_statement", "en", "agreement", "joint_statement", "2024-07-03",
          "In Astana on 3 July 2024 the two presidents signed a joint statement on deepening their comprehensive "
          "strategic partnership", (XI, TOKAYEV), ASTANA, ("political-relations",)),
    Story("id_joint_statement", "id", "agreement", "joint_statement", "2017-06-08",
          "Xi Jinping dan Nursultan Nazarbayev menandatangani Pernyataan Bersama di Beijing pada 8 Juni 2017",
          (XI, NAZARBAYEV), BEIJING, ("political-relations",)),
    Story("en_memorandum", "en", "agreement", "memorandum", "2023-11-06",
          "On 6 November 2023 in Shanghai the governments signed a memorandum of understanding on cross-border "
          "e-commerce", (LI_QIANG, SMAILOV), SHANGHAI, ("trade-investment",)),
    Story("id_memorandum", "id", "agreement", "memorandum", "2024-02-20",
          "Nota kesepahaman tentang pertukaran pelajar ditandatangani di Almaty pada 20 Februari 2024 oleh Wang Yi "
          "dan Murat Nurtleu", (WANG, NURTLEU), ALMATY, ("people-culture",)),
    Story("id_signing_astana", "id", "agreement", "signing", "2022-12-01",
          "Penandatanganan kontrak pembangkit listrik tenaga angin berlangsung di Astana pada 1 Desember 2022",
          (SMAILOV, LI_QIANG), ASTANA, ("energy",)),
    Story("id_visa_free", "id", "agreement", "visa_exemption", "2023-11-10",
          "Perjanjian bebas visa antara Kazakhstan dan Tiongkok mulai berlaku pada 10 November 2023",
          (XI, TOKAYEV), None, ("visas-tourism",)),
]
VISITS = {"en_state_visit_beijing", "id_state_visit_astana", "en_official_visit_almaty", "id_working_visit_shanghai",
          "id_visit_beijing", "en_visit_akmola"}
MEETINGS = {"en_phone_call", "id_phone_call", "en_talks_astana", "id_talks_beijing", "en_summit_xian"}
AGREEMENTS = {"en_joint_statement", "id_joint_statement", "en_memorandum", "id_memorandum", "id_signing_astana",
              "id_visa_free"}
TOKAYEV_EVENTS = {"en_state_visit_beijing", "id_state_visit_astana", "en_phone_call", "en_summit_xian",
                  "en_joint_statement", "id_visa_free"}
NAZARBAYEV_EVENTS = {"en_visit_akmola", "id_talks_beijing", "id_joint_statement"}
IN_BEIJING = {"en_state_visit_beijing", "id_visit_beijing", "id_talks_beijing", "id_joint_statement"}
IN_ASTANA = {"id_state_visit_astana", "en_visit_akmola", "en_talks_astana", "en_joint_statement", "id_signing_astana"}
IN_ALMATY = {"en_official_visit_almaty", "id_memorandum"}


@dataclass(frozen=True)
class Case:
    need: str  # what the reader wants
    query: str
    found: set[str]  # must all be found
    not_found: set[str]  # must none be found

    def __str__(self) -> str:
        return self.query


INDONESIAN = [
    Case("state visits, whatever language reported them", "kunjungan kenegaraan",
         {"en_state_visit_beijing", "id_state_visit_astana"},
         {"en_official_visit_almaty", "id_working_visit_shanghai"}),
    Case("the same, in another word for a visit", "lawatan kenegaraan",
         {"en_state_visit_beijing", "id_state_visit_astana"}, {"id_visit_beijing", "en_visit_akmola"}),
    Case("every visit, by a verb form no article uses", "berkunjung", VISITS, MEETINGS | AGREEMENTS),
    Case("every visit, by the noun", "kunjungan", VISITS, MEETINGS | AGREEMENTS),
    Case("a working visit, reported in Indonesian, not the state visits", "kunjungan kerja",
         {"id_working_visit_shanghai"}, {"en_state_visit_beijing", "id_state_visit_astana", "en_phone_call"}),
    Case("a joint statement reported only in English", "pernyataan bersama",
         {"en_joint_statement", "id_joint_statement"}, {"en_memorandum", "id_memorandum", "id_signing_astana"}),
    Case("memoranda in both languages", "nota kesepahaman",
         {"en_memorandum", "id_memorandum"}, {"en_joint_statement", "id_joint_statement", "id_visa_free"}),
    Case("phone calls in both languages", "percakapan telepon",
         {"en_phone_call", "id_phone_call"}, {"en_talks_astana", "id_talks_beijing", "en_summit_xian"}),
    Case("talks, by the noun, whatever the language", "pembicaraan",
         {"en_talks_astana", "id_talks_beijing"}, VISITS | AGREEMENTS),
    Case("negotiations, by another word for them", "perundingan",
         {"en_talks_astana", "id_talks_beijing"}, VISITS | {"en_phone_call"}),
    Case("summits, by their Indonesian abbreviation", "KTT", {"en_summit_xian"}, VISITS | AGREEMENTS),
    Case("every signed agreement, by a form of the verb", "menandatangani",
         {"id_joint_statement", "id_memorandum", "id_signing_astana", "en_joint_statement", "en_memorandum"},
         VISITS | MEETINGS),
    Case("every agreement, by the type's Indonesian name", "perjanjian", AGREEMENTS, VISITS | MEETINGS),
    Case("every meeting, by the type's Indonesian name", "pertemuan", MEETINGS, VISITS | AGREEMENTS),
    Case("energy, the topic, in English reports too", "energi",
         {"en_talks_astana", "id_signing_astana", "en_visit_akmola"}, {"en_phone_call", "id_memorandum"}),
    Case("health, the topic, in an English report", "kesehatan", {"en_phone_call"},
         {"id_phone_call", "en_talks_astana"}),
    Case("agriculture, the topic, in an English report", "pertanian", {"en_state_visit_beijing"},
         {"id_state_visit_astana", "en_official_visit_almaty"}),
    Case("Tokayev, spelt as Kazakh sources spell him", "Toqaev", TOKAYEV_EVENTS, NAZARBAYEV_EVENTS),
    Case("Nazarbayev, in a Russian-style spelling", "Nazarbaev", NAZARBAYEV_EVENTS, TOKAYEV_EVENTS),
    Case("events in Beijing, by its old name", "Peking", IN_BEIJING, IN_ASTANA),
    Case("events in Astana, by the name it had from 2019 to 2022", "Nur-Sultan", IN_ASTANA, IN_BEIJING | IN_ALMATY),
    Case("an invitation, by another form of the word", "mengundang", {"id_visit_beijing"},
         {"id_state_visit_astana", "id_working_visit_shanghai"}),
    Case("a partnership, by the root of the word", "mitra", {"id_talks_beijing"}, {"id_joint_statement"}),
    Case("students, by a related verb", "belajar", {"id_memorandum"}, {"id_joint_statement", "id_signing_astana"}),
    Case("Tokayev's state visit to Beijing, names spelt another way", "kunjungan kenegaraan Tokaev Peking",
         {"en_state_visit_beijing"}, {"id_state_visit_astana", "id_visit_beijing", "id_talks_beijing"}),
]

ENGLISH = [
    Case("state visits, whatever language reported them", "state visit",
         {"en_state_visit_beijing", "id_state_visit_astana"},
         {"en_official_visit_almaty", "id_working_visit_shanghai"}),
    Case("every visit, by a past tense", "visited", VISITS, MEETINGS | AGREEMENTS),
    Case("every visit, by a gerund", "visiting", VISITS, MEETINGS | AGREEMENTS),
    Case("a working visit reported only in Indonesian", "working visit", {"id_working_visit_shanghai"},
         {"en_state_visit_beijing", "id_state_visit_astana"}),
    Case("a joint statement reported only in Indonesian", "joint statement",
         {"id_joint_statement", "en_joint_statement"}, {"en_memorandum", "id_memorandum"}),
    Case("memoranda in both languages", "memorandum of understanding", {"id_memorandum", "en_memorandum"},
         {"id_joint_statement", "en_joint_statement"}),
    Case("phone calls in both languages", "phone call", {"id_phone_call", "en_phone_call"},
         {"en_talks_astana", "id_talks_beijing", "en_summit_xian"}),
    Case("talks reported in Indonesian", "talks", {"id_talks_beijing", "en_talks_astana"}, VISITS | AGREEMENTS),
    Case("negotiations, another word for talks", "negotiations", {"id_talks_beijing", "en_talks_astana"},
         VISITS | {"en_summit_xian"}),
    Case("visa-free travel agreed in an Indonesian report", "visa-free", {"id_visa_free"},
         {"en_memorandum", "id_memorandum", "en_official_visit_almaty"}),
    Case("every agreement, by the type's name", "agreements", AGREEMENTS, VISITS | MEETINGS),
    Case("every meeting, by the type's name", "meetings", MEETINGS, VISITS | AGREEMENTS),
    Case("security, the topic, in an Indonesian report", "security", {"id_phone_call"},
         {"en_phone_call", "en_talks_astana"}),
    Case("trade, the topic, in both languages", "trade", {"id_working_visit_shanghai", "en_memorandum"},
         {"en_phone_call", "id_phone_call"}),
    Case("culture and student exchange, in an Indonesian report", "culture", {"id_memorandum"},
         {"en_memorandum", "id_joint_statement"}),
    Case("Tokayev, in the spelling of Russian sources", "Tokaev", TOKAYEV_EVENTS, NAZARBAYEV_EVENTS),
    Case("Tokayev by his full name in another spelling", "Kassym-Jomart Tokaev", TOKAYEV_EVENTS, NAZARBAYEV_EVENTS),
    Case("Nazarbayev under his title of Leader of the Nation", "Elbasy", NAZARBAYEV_EVENTS, TOKAYEV_EVENTS),
    Case("Almaty, by its Soviet name", "Alma-Ata", IN_ALMATY, IN_ASTANA | IN_BEIJING),
    Case("Astana, by its name of the 1990s", "Akmola", IN_ASTANA, IN_BEIJING | IN_ALMATY),
    Case("pipelines, singular", "pipeline", {"en_talks_astana"}, {"id_signing_astana", "en_visit_akmola"}),
    Case("the epidemic, plural", "epidemics", {"en_phone_call"}, {"id_phone_call"}),
    Case("a tourist, singular", "tourist", {"en_official_visit_almaty"}, {"id_memorandum"}),
    Case("a name typed halfway", "Nazarb", NAZARBAYEV_EVENTS, TOKAYEV_EVENTS),
    Case("Tokayev's visits to China, names spelt another way", "Toqaev visit Peking", {"en_state_visit_beijing"},
         {"id_state_visit_astana", "id_visit_beijing", "en_phone_call"}),
]


def _build(url: str) -> dict[str, int]:
    """The stories stored through the real storage code; each story's key → its event's id."""
    engine = make_engine(url)
    articles = {}
    for story in STORIES:
        articles[story.key] = add_article(
            engine, file_name=f"{story.key}.txt", text=story.text + ".\n", language=story.language,
            outlet="Kompas" if story.language == "id" else "Test Wire", published=story.date, title=story.key,
            mentions=[Mention(story.type, story.subtype, story.date, story.text, participants=story.people,
                              place=story.place, topics=story.topics)])
    with engine.connect() as conn:
        rows = conn.execute(select(Report.article_id, Report.event_id)).all()
    engine.dispose()
    event_of = dict(rows)
    events = {key: event_of[article_id] for key, article_id in articles.items()}
    assert len(set(events.values())) == len(STORIES), "each story must stay an event of its own"
    return events


@pytest.fixture(scope="module", params=BACKENDS)
def stories(request, tmp_path_factory):
    """(database URL, key → event id), built once per database for all the cases."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'stories.db'}"
        upgrade_database(url)
        yield url, _build(url)
        return
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    yield url, _build(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _found(url: str, events: dict[str, int], query: str) -> set[str]:
    engine = make_engine(url)
    with Session(engine) as session:
        ids = set(queries.all_event_ids(session, queries.EventFilters(q=query)))
    engine.dispose()
    return {key for key, event_id in events.items() if event_id in ids}


def test_there_are_twenty_cases_or_more_in_each_language():
    assert len(INDONESIAN) >= 20 and len(ENGLISH) >= 20
    keys = {story.key for story in STORIES}
    for case in INDONESIAN + ENGLISH:
        assert case.found and case.not_found and (case.found | case.not_found) <= keys, case.need
        assert not case.found & case.not_found, case.need


@pytest.mark.parametrize("case", INDONESIAN, ids=str)
def test_indonesian_search(stories, case):
    url, events = stories
    found = _found(url, events, case.query)
    assert case.found <= found, f"{case.need}: missing {sorted(case.found - found)}"
    assert not found & case.not_found, f"{case.need}: should not find {sorted(found & case.not_found)}"


@pytest.mark.parametrize("case", ENGLISH, ids=str)
def test_english_search(stories, case):
    url, events = stories
    found = _found(url, events, case.query)
    assert case.found <= found, f"{case.need}: missing {sorted(case.found - found)}"
    assert not found & case.not_found, f"{case.need}: should not find {sorted(found & case.not_found)}"
