"""What a reader sees is true and explains itself: date wording, where a date comes from, places by the
name they bore then, states that are no people, roles in the interface language, the events that could
not be dated, and the exports' naming of sources (HTTP, parsed HTML)."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select

from app.models import Article, Event, EventActor, Evidence, Place, Report
from tests.factories import HEADER_TEXT, NUR_SULTAN_TEXT
from tests.web.helpers import cards, facet_options, parse, path


def _event(db, subtype: str, year: int) -> Event:
    """The reader case's event (tests/factories.py: add_reader_cases) of this subtype and year."""
    files = ("nur-sultan-2020.txt", "header-2021.txt")
    return db.scalar(select(Event).join(Evidence, Evidence.event_id == Event.id)
                     .join(Article, Article.id == Evidence.article_id)
                     .where(Event.subtype == subtype, Event.year == year, Article.file_name.in_(files)))


def get(client, url: str, lang: str = "en"):
    """The page in one interface language, leaving no language cookie behind for the other tests."""
    response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")
    client.cookies.clear()
    return parse(response)


def _facts(page) -> dict:
    return {row.dt.get_text(strip=True): row.dd for row in page.select(".facts__row")}


# --- dates: wording and origin ----------------------------------------------------------------------


def test_a_month_takes_in_and_a_day_on_in_both_languages(client, db):
    call = _event(db, "phone_call", 2021)
    assert call.date_precision == "month"
    summary = get(client, f"/events/{call.id}").select_one(".event-page__summary").get_text(strip=True)
    assert summary.startswith("Meeting in Jun 2021.")
    summary = get(client, f"/events/{call.id}", "id").select_one(".event-page__summary").get_text(strip=True)
    assert summary.startswith("Pertemuan pada bulan Jun 2021.")
    talks = _event(db, "talks", 2020)
    summary = get(client, f"/events/{talks.id}").select_one(".event-page__summary").get_text(strip=True)
    assert summary.startswith("Meeting on 12 May 2020 in Nur-Sultan (today Astana), Kazakhstan.")
    signing = db.scalar(select(Event).where(Event.type == "agreement", Event.date_precision == "year"))
    summary = get(client, f"/events/{signing.id}").select_one(".event-page__summary").get_text(strip=True)
    assert summary.startswith(f"Agreement in {signing.year}.")


def test_a_date_from_the_events_own_passage_is_quoted_with_its_phrase(client, db):
    talks = _event(db, "talks", 2020)
    origin = _facts(get(client, f"/events/{talks.id}"))["When"].select_one("#date-origin")
    assert origin.select_one(".origin__says").get_text(strip=True) == "The date comes from this passage:"
    quote = origin.select_one("blockquote")
    assert quote.select_one("mark").get_text() == "12 May 2020"
    assert quote.get_text() in NUR_SULTAN_TEXT and "held talks" in quote.get_text()
    assert not origin.select(".origin__says a")  # nothing borrowed


def test_a_borrowed_date_names_the_event_it_comes_from(client, db):
    talks, signing = _event(db, "talks", 2020), _event(db, "joint_statement", 2020)
    origin = _facts(get(client, f"/events/{signing.id}"))["When"].select_one("#date-origin")
    says = origin.select_one(".origin__says")
    assert says.get_text(" ", strip=True).startswith("The date was borrowed from a linked event of the same article")
    assert [a["href"] for a in says.select("a")] == [f"/events/{talks.id}"]
    assert origin.select_one("blockquote mark").get_text() == "12 May 2020"


def test_a_date_from_the_header_line_says_so_and_quotes_it(client, db):
    call = _event(db, "phone_call", 2021)
    origin = _facts(get(client, f"/events/{call.id}"))["When"].select_one("#date-origin")
    assert "publication date" in origin.select_one(".origin__says").get_text()
    assert origin.select_one("blockquote").get_text() == HEADER_TEXT.split("\n", 1)[0]
    article = db.scalar(select(Article).where(Article.file_name == "header-2021.txt"))
    assert path(origin.select_one(".origin__source a")["href"]) == f"/articles/{article.id}"


# --- places by the name they bore then ---------------------------------------------------------------


def test_a_place_keeps_the_name_it_had_then_with_todays_beside_it(client, db):
    talks = _event(db, "talks", 2020)
    card = get(client, "/?year=2020").select_one(f"li#event-{talks.id}")
    where = card.select_one(".card__where")
    assert where.select_one("a").get_text() == "Nur-Sultan"
    assert where.select_one(".place__now").get_text() == "(today Astana)"
    assert get(client, "/?year=2020", "id").select_one(f"li#event-{talks.id} .place__now").get_text() == \
        "(kini Astana)"
    visit = db.scalar(select(Event).where(Event.type == "visit", Event.year == 2024, Event.status == "reported"))
    where = get(client, "/?year=2024").select_one(f"li#event-{visit.id} .card__where")
    assert where.select_one("a").get_text() == "Astana" and where.select_one(".place__now") is None


def test_the_place_facet_groups_former_names_as_one_city(client, db):
    astana = db.scalar(select(Place).where(Place.name == "Astana"))
    in_astana = db.scalar(select(func.count()).select_from(Event).where(Event.place_id == astana.id))
    options = facet_options(parse(client.get("/", headers={"HX-Request": "true", "HX-Target": "facets"})), "place")
    assert options["Astana"][0] == in_astana
    assert "Nur-Sultan" not in options


# --- people: states, roles -----------------------------------------------------------------------------


def test_states_named_as_parties_are_no_people(client, db):
    signing = _event(db, "joint_statement", 2020)
    card = get(client, "/?year=2020").select_one(f"li#event-{signing.id}")
    assert card.select_one(".card__who") is None
    page = get(client, f"/events/{signing.id}")
    who = _facts(page)["Who"]
    assert who.select("li") == []
    assert who.select_one(".parties").get_text(strip=True) == "States named as parties: China, Kazakhstan"
    assert "China (China)" not in page.get_text() and "Kazakhstan (Kazakhstan)" not in page.get_text()
    who = _facts(get(client, f"/events/{signing.id}", "id"))["Siapa"]
    assert who.select_one(".parties").get_text(strip=True).endswith("Tiongkok, Kazakhstan")


def test_roles_are_in_the_interface_language(client, trip):
    visit, _, _ = trip
    people = [li.get_text(" ", strip=True) for li in _facts(get(client, f"/events/{visit.id}", "id"))["Siapa"]
              .select("li")]
    assert people[0].startswith("Xi Jinping , Presiden Tiongkok (Tiongkok)")
    assert any("Presiden Kazakhstan" in person for person in people)
    english = _facts(get(client, f"/events/{visit.id}"))["Who"].get_text(" ", strip=True)
    assert "President of China" in english and "Presiden " not in english


# --- every name on a card links to its page ------------------------------------------------------------


def test_every_person_place_and_topic_on_a_card_links_to_its_page(client, db):
    page = get(client, "/?year=2020&year=2024")
    checked = 0
    for card in cards(page):
        event_id = int(card["id"].removeprefix("event-"))
        actors = set(db.scalars(select(EventActor.actor_id).where(EventActor.event_id == event_id)))
        for link in card.select(".card__who a"):
            actor_id = int(link["href"].removeprefix("/actors/"))
            assert actor_id in actors
            response = client.get(link["href"])
            assert response.status_code == 200
            assert parse(response).h1.get_text(strip=True) == link.get_text()
            checked += 1
        for link in card.select(".card__where a"):
            assert int(link["href"].removeprefix("/places/")) == db.get(Event, event_id).place_id
        for link in card.select(".topics a"):
            assert client.get(link["href"]).status_code == 200
            checked += 1
    assert checked > 10


# --- events that could not be dated ----------------------------------------------------------------------


def test_the_timeline_counts_the_undated_and_lists_them_apart(client, db):
    undated = db.scalar(select(func.count()).select_from(Report).where(Report.event_id.is_(None)))
    assert undated == 1
    page = get(client, "/")
    notice = page.select_one(".listing__undated a")
    assert notice.get_text(strip=True) == "1 reported event could not be dated" and notice["href"] == "/undated"
    total = db.scalar(select(func.count()).select_from(Event))
    assert page.select_one("#result-count").get_text(" ", strip=True) == f"{total} events"
    listed = get(client, "/undated")
    assert listed.h1.get_text(strip=True) == "1 reported event could not be dated"
    report, = listed.select("article.undated__report")
    assert report.select_one("blockquote").get_text() == "Earlier the two ministers had met to prepare a summit"
    assert "Wang Yi" in report.select_one(".undated__facts").get_text()
    article = db.scalar(select(Article).where(Article.file_name == "nur-sultan-2020.txt"))
    assert listed.select_one(f"#article-{article.id} a.source__article")["href"] == f"/articles/{article.id}"
    assert get(client, "/undated", "id").h1.get_text(strip=True) == \
        "1 peristiwa yang diberitakan tidak dapat diberi tanggal"


# --- exports: sources by name, statements before captions -------------------------------------------------


def test_timelinejs_names_sources_by_outlet_title_and_date_never_by_file(client, db):
    talks = _event(db, "talks", 2020)
    items = json.loads(client.get("/export?format=timelinejs&year=2020").text)["events"]
    text = next(i for i in items if i["unique_id"] == f"event-{talks.id}")["text"]["text"]
    assert "nur-sultan-2020.txt" not in text
    assert "Sources: “Ministers meet in Nur-Sultan”, 2020-05-13" in text
    assert "Nur-Sultan (today Astana), Kazakhstan" in text
    signing = _event(db, "joint_statement", 2020)
    text = next(i for i in items if i["unique_id"] == f"event-{signing.id}")["text"]["text"]
    assert "(China)" not in text


def test_csv_quotes_a_statement_before_a_caption_and_names_its_sources(client, db):
    talks = _event(db, "talks", 2020)
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(client.get("/export?format=csv&year=2020").text))}
    row = rows[talks.id]
    assert row["first_source_text"].startswith("Wang Yi and Murat Nurtleu held talks")
    assert row["source_names"] == "“Ministers meet in Nur-Sultan”, 2020-05-13"
    assert rows[_event(db, "joint_statement", 2020).id]["participants"] == "China; Kazakhstan"
