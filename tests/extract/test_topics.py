"""Topics from keywords, bilingual, and only from the passages handed in."""

from __future__ import annotations

import pytest

from app.extract.tokens import make_doc, tokenize
from app.extract.topics import topic_index, topic_name, topics_in, topics_of_text


@pytest.mark.parametrize("text, language, slug", [
    ("Kedua pihak sepakat memperluas perdagangan dan investasi.", "id", "trade-investment"),
    ("The two sides agreed to build a new gas pipeline.", "en", "energy"),
    ("Mereka membahas kereta api lintas batas dan konektivitas.", "id", "transport-bri"),
    ("They vowed to fight terrorism and extremism together.", "en", "security"),
    ("Pusat kebudayaan baru akan dibuka untuk para pelajar.", "id", "people-culture"),
    ("A visa-free regime for tourists took effect.", "en", "visas-tourism"),
    ("Kerja sama vaksin dan kesehatan masyarakat diperkuat.", "id", "health"),
    ("Exports of wheat and other agricultural products grew.", "en", "agriculture"),
    ("Kedua negara menegaskan kemitraan strategis komprehensif mereka.", "id", "political-relations"),
    ("Para pemimpin bertemu menjelang KTT Organisasi Kerja Sama Shanghai.", "id", "sco"),
    ("He praised the role of CICA in Asian security.", "en", "cica"),
    ("Mekanisme Tiongkok-Asia Tengah terus diperkuat.", "id", "china-central-asia"),
])
def test_golden_sentence_has_its_topic(text, language, slug):
    assert slug in topics_of_text(text, language)


def test_unrelated_text_has_no_topic():
    assert topics_of_text("Cuaca cerah sepanjang hari di ibu kota.", "id") == ()


def test_topics_only_count_inside_the_given_spans():
    text = "Mereka membahas energi. Wisatawan terus bertambah."
    tokens = tokenize(text)
    matches = topic_index("id").find(make_doc(tokens, "id"))
    first_sentence = (0, 4)
    assert topics_in(matches, [first_sentence]) == ("energy",)
    assert set(topics_in(matches, [(0, len(tokens))])) == {"energy", "visas-tourism"}


def test_more_mentioned_topic_comes_first():
    assert topics_of_text("Minyak, gas dan listrik; juga perdagangan.", "id")[0] == "energy"


def test_topic_names_in_both_languages():
    assert topic_name("energy", "en") == "Energy"
    assert topic_name("energy", "id") == "Energi"


TALKS = {
    "en": ("Friday, 7 March 2025\n\nPremiers confer\n\nBEIJING - Kazakh Prime Minister Olzhas Bektenov held "
           "talks with Premier Li Qiang at the Great Hall on Thursday, where {} was high on their agenda.\n"),
    "id": ("Jumat, 7 Maret 2025\n\nPerdana menteri berunding\n\nBEIJING - Perdana Menteri Kazakhstan Olzhas "
           "Bektenov mengadakan pembicaraan dengan PM China Li Qiang di Beijing pada Kamis, dengan {} sebagai "
           "pokok utama agenda mereka.\n"),
}


def _keywords():
    from app.extract.topics import topic_entries

    for slug, entry in topic_entries().items():
        for language, words in entry["keywords"].items():
            for word in words or ():
                yield pytest.param(slug, language, str(word), id=f"{slug}-{language}-{word}")


@pytest.mark.parametrize("slug, language, keyword", list(_keywords()))
def test_every_topic_keyword_gives_an_event_its_topic(slug, language, keyword):
    """Each topic of the taxonomy is assigned from the event's own passage, by each of its keywords."""
    from app.extract.article import parse_article
    from app.extract.pipeline import extract_events

    events = extract_events(parse_article(TALKS[language].format(keyword)))
    talks = [e for e in events if e.type == "meeting"]
    assert talks, [e.type for e in events]
    assert slug in talks[0].topics
