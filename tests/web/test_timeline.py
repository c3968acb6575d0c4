"""The timeline page and its HTMX fragments, over HTTP against the live server."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Actor, Event, EventActor, EventTopic, Place, Topic
from tests.web.helpers import card_dates, cards, date_parts, facet_options, htmx, parse, path, query, vary


def test_full_page_is_a_document_with_a_real_form(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "HX-Request" in vary(response)
    page = parse(response)
    assert page.find("html")["lang"] == "en"
    form = page.select_one("form#filters")
    assert form["action"] == "/" and form["method"] == "get"
    assert form["hx-get"] == "/" and form["hx-push-url"] == "true" and form["hx-target"] == "#results"
    assert {field["name"] for field in form.select("input[name], select[name]")} >= {"q", "from", "to", "sort"}
    assert page.select_one("label[for=q]") and page.select_one("label[for=from]") and page.select_one("label[for=to]")
    assert page.select_one("main#main") and page.select_one("a.skip-link")["href"] == "#main"
    # every hx-* sits on a real form or link
    for element in page.select("[hx-get]"):
        assert element.name in ("form", "a")
        assert element.get("href") or element.get("action")
    for element in page.select("[hx-boost]"):
        assert element.select("a[href]")


def roots(page) -> list:
    return [child for child in page.children if getattr(child, "name", None)]


def test_fragment_is_the_results_block_only(client):
    """A filter change answers with the results (count, chips, cards, pager) and placeholders that
    ask the same URL for the facets and the axis: those are not computed for it."""
    response = client.get("/?year=2024&type=visit", headers=htmx())
    assert response.status_code == 200
    assert {"HX-Request", "HX-Target"} <= set(vary(response))
    page = parse(response)
    assert page.find("html") is None and page.find("head") is None
    root = roots(page)
    assert len(root) == 1 and root[0]["id"] == "results"
    assert {d[:4] for d in card_dates(page)} == {"2024"}
    assert page.select_one("#result-count").get_text(" ", strip=True).startswith("1 event")
    assert len(page.select(".chips .chip:not(.chip--clear)")) == 2
    assert not page.select("a.facet__option") and not page.select(".axis__ticks a") and not page.select("svg")
    for block in ("facets", "axis"):
        placeholder = page.select_one(f"#{block}")
        assert placeholder["aria-busy"] == "true"
        (loader,) = placeholder.select("[hx-get]")
        assert loader.name == "a" and loader["href"] == loader["hx-get"]  # a real link: the whole page
        assert path(loader["hx-get"]) == "/"
        assert sorted(query(loader["hx-get"])) == [("type", "visit"), ("year", "2024")]
        assert loader["hx-trigger"] == "load" and loader["hx-target"] == f"#{block}"
        assert loader["hx-swap"] == "outerHTML" and loader["hx-push-url"] == "false"
    for element in page.select("[hx-get]"):  # every hx-* of the fragment sits on a real link
        assert element.name in ("form", "a") and element.get("href")


def test_facets_and_axis_come_from_the_same_url_by_target(client):
    """The placeholders' requests get the facets and the axis, as the whole page has them."""
    url = "/?year=2024&type=visit"
    whole = parse(client.get(url))
    assert not whole.select("[aria-busy]")  # without JavaScript everything is there at once
    for block, selector in (("facets", "aside#facets"), ("axis", "figure#axis")):
        response = client.get(url, headers=htmx(**{"HX-Target": block}))
        assert response.status_code == 200 and {"HX-Request", "HX-Target"} <= set(vary(response))
        part = parse(response)
        root = roots(part)
        assert len(root) == 1 and root[0].name == selector.split("#")[0] and root[0]["id"] == block
        assert not part.select("ol.cards") and not part.select("#result-count")
        assert " ".join(str(root[0]).split()) == " ".join(str(whole.select_one(selector)).split())
    facets = parse(client.get(url, headers=htmx(**{"HX-Target": "facets"})))
    assert facet_options(facets, "type")["Visit"][0] == 1
    assert facets.select_one("aside#facets")["hx-target"] == "#results"


def test_search_words_matching_very_many_events_are_counted_to_a_bound(client, db, patched_code):
    patched_code.setattr("app.filtering.TEXT_CAP", 2)
    page = parse(client.get("/?q=astana&sort=newest", headers=htmx()))
    assert page.select_one("#result-count").get_text(" ", strip=True) == "2+ events match these filters"
    assert page.select_one(".listing__range").get_text(strip=True) == f"Showing 1–{len(cards(page))} of 2+"
    assert len(cards(page)) > 2
    newest = card_dates(page)
    assert newest == sorted(newest, reverse=True)
    assert not page.select(".year-group__count")  # per-year counts would cost what the bound spares


def test_history_restore_gets_the_full_page(client):
    response = client.get("/?year=2024", headers=htmx(**{"HX-History-Restore-Request": "true"}))
    page = parse(response)
    assert page.find("html") is not None and page.select_one("form#filters")
    assert "HX-Request" in vary(response)


def test_cards_show_date_at_precision_type_people_place_sources_confidence(client, trip):
    visit, _, _ = trip
    page = parse(client.get("/?year=2024"))
    card = page.select_one(f"li#event-{visit.id}")
    assert card.select_one("time")["datetime"] == "2024-07-02"
    shown = date_parts(card.select_one("time").get_text())
    assert shown == ((["2", "4", "Jul", "2024"], True) if visit.date_end else (["2", "Jul", "2024"], False))
    assert card.select_one(".type").get_text(strip=True) == "Visit"
    people = card.select_one(".card__who").get_text().split(", ")
    assert people == ["Xi Jinping (China)", "Kassym-Jomart Tokayev (Kazakhstan)"]
    assert card.select_one(".card__where").get_text().strip().endswith("Astana, Kazakhstan")
    assert card.select_one(".card__sources").get_text(strip=True) == "2 sources"
    assert "%" in card.select_one(".card__confidence").get_text()
    assert path(card.select_one(".card__title a")["href"]) == f"/events/{visit.id}"


@pytest.mark.parametrize(("year", "shown"), [("2001", "2001"), ("2002", "May 2002")])
def test_month_and_year_precision_are_not_shown_as_days(client, db, year, shown):
    precision = "year" if shown == year else "month"
    event = db.scalar(select(Event).where(Event.year == int(year), Event.date_precision == precision))
    card = parse(client.get(f"/?year={year}")).select_one(f"li#event-{event.id}")
    assert card.select_one("time").get_text() == shown
    assert card.select_one("time")["datetime"] == (year if precision == "year" else f"{year}-05")


def test_planned_events_are_marked(client, db):
    planned = db.scalar(select(Event).where(Event.status == "planned"))
    card = parse(client.get("/?year=2025")).select_one(f"li#event-{planned.id}")
    assert "card--planned" in card["class"]
    assert card.select_one(".badge--planned").get_text(strip=True) == "Planned"


def test_events_are_grouped_by_year_in_order(client):
    page = parse(client.get("/?type=agreement"))
    headings = [h.contents[0].strip() for h in page.select(".year-group__title")]
    assert headings == sorted(headings)
    for group in page.select(".year-group"):
        year = group.select_one(".year-group__title").contents[0].strip()
        assert {d[:4] for d in card_dates(group)} == {year}


def test_repeated_filter_values_are_alternatives(client, db):
    page = parse(client.get("/?year=2023&year=2024&type=visit&type=agreement"))
    expected = db.scalar(select(func.count()).select_from(Event).where(
        Event.year.in_((2023, 2024)), Event.type.in_(("visit", "agreement"))))
    assert len(cards(page)) == expected > 2
    assert {d[:4] for d in card_dates(page)} == {"2023", "2024"}
    assert {c.select_one(".type").get_text(strip=True) for c in cards(page)} == {"Visit", "Agreement"}


@pytest.mark.parametrize("name", ["topic", "actor", "place", "outlet", "language"])
def test_each_facet_filter_narrows_the_list(client, name):
    page = parse(client.get("/"))
    label, (count, link) = next(iter(facet_options(page, name).items()))
    filtered = parse(client.get(link["href"]))
    assert [key for key, _ in query(link["href"])] == [name]
    total = int(filtered.select_one("#result-count").get_text().split()[0])
    assert total == count
    chips = [c.get_text(" ", strip=True) for c in filtered.select(".chips .chip:not(.chip--clear)")]
    assert any(label in chip for chip in chips)


def test_topic_filter_matches_the_database(client, db):
    slug, expected = db.execute(
        select(Topic.slug, func.count()).join(EventTopic, EventTopic.topic_id == Topic.id)
        .group_by(Topic.id).order_by(func.count().desc())
    ).first()
    page = parse(client.get(f"/?topic={slug}"))
    assert int(page.select_one("#result-count").get_text().split()[0]) == expected


def test_actor_and_place_filters_match_the_database(client, db):
    actor_count = db.scalar(select(func.count()).select_from(EventActor).join(Actor).where(Actor.name == "Wang Yi"))
    page = parse(client.get("/", params={"actor": "Wang Yi"}))
    assert len(cards(page)) == actor_count
    assert all("Wang Yi" in c.select_one(".card__who").get_text() for c in cards(page))
    place_count = db.scalar(select(func.count()).select_from(Event).join(Place).where(Place.name == "Xi'an"))
    page = parse(client.get("/", params={"place": "Xi'an"}))
    assert len(cards(page)) == place_count > 0


def test_date_range_filter(client):
    page = parse(client.get("/?from=2024-01-01&to=2024-12-31"))
    dates = card_dates(page)
    assert dates and all(d.startswith("2024") for d in dates)


def test_blank_form_fields_are_ignored(client):
    """A plain HTML form sends empty fields; they mean "no filter", not an error."""
    response = client.get("/?q=&from=&to=&sort=oldest&year=2024")
    assert response.status_code == 200
    assert {d[:4] for d in card_dates(parse(response))} == {"2024"}


def test_facet_counts_follow_the_other_filters(client, db):
    page = parse(client.get("/?year=2024"))
    types = facet_options(page, "type")
    for label, type_ in (("Visit", "visit"), ("Meeting", "meeting"), ("Agreement", "agreement")):
        expected = db.scalar(select(func.count()).select_from(Event).where(Event.year == 2024, Event.type == type_))
        assert types[label][0] == expected
    # the year facet ignores the year filter itself, so other years can still be added
    years = facet_options(page, "year")
    assert years["2023"][0] == 3
    assert ("year", "2023") in query(years["2023"][1]["href"]) and ("year", "2024") in query(years["2023"][1]["href"])
    active = years["2024"][1]
    assert "is-active" in active["class"] and ("year", "2024") not in query(active["href"])


def test_chips_remove_one_value_and_clear_all_keeps_sort(client):
    page = parse(client.get("/?year=2023&year=2024&type=visit&q=Astana&sort=newest"))
    chips = {c.select_one(".chip__facet").get_text(strip=True) + ":" + c.get_text(" ", strip=True): c["href"]
             for c in page.select(".chips .chip:not(.chip--clear)")}
    year_chip = next(href for label, href in chips.items() if label.startswith("Year:") and "2023" in label)
    expected = [("year", "2024"), ("type", "visit"), ("q", "Astana"), ("sort", "newest")]
    assert sorted(query(year_chip)) == sorted(expected)
    search_chip = next(href for label, href in chips.items() if label.startswith("Search:"))
    assert ("q", "Astana") not in query(search_chip)
    clear = page.select_one(".chips .chip--clear")["href"]
    assert query(clear) == [("sort", "newest")]


def test_hidden_inputs_carry_facet_filters_into_the_search_form(client):
    page = parse(client.get("/?year=2024&type=visit&topic=energy"))
    hidden = {(i["name"], i["value"]) for i in page.select('#results input[type=hidden][form=filters]')}
    assert hidden == {("year", "2024"), ("type", "visit"), ("topic", "energy")}


def test_sort_newest_first(client):
    newest = card_dates(parse(client.get("/?sort=newest")))
    oldest = card_dates(parse(client.get("/?sort=oldest")))
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(oldest)
    assert newest[0] > oldest[0]
    assert parse(client.get("/?sort=newest")).select_one("#sort option[selected]")["value"] == "newest"


def test_paging_full_page_and_more_fragment(client, db):
    total = db.scalar(select(func.count()).select_from(Event))
    first = parse(client.get("/"))
    assert len(cards(first)) == 50
    more = first.select_one("#more a")
    assert ("page", "2") in query(more["href"]) and more["hx-get"] == more["href"]
    assert more["hx-target"] == "#more"

    second = parse(client.get("/?page=2"))
    assert len(cards(second)) == total - 50
    assert second.select_one(".pager--previous a")["href"] == "/"
    assert second.select_one("#more") is None
    assert set(card_dates(first)).isdisjoint(card_dates(second)) or card_dates(first)[-1] <= card_dates(second)[0]

    fragment_response = client.get(more["href"], headers=htmx(**{"HX-Target": "more"}))
    fragment = parse(fragment_response)
    assert fragment.find("html") is None and fragment.select_one("#results") is None
    assert [c["id"] for c in cards(fragment)] == [c["id"] for c in cards(second)]
    # the year that continues from page 1 has no second visible heading
    last_year_page1 = card_dates(first)[-1][:4]
    first_group = fragment.select_one(".year-group__title")
    if card_dates(second)[0][:4] == last_year_page1:
        assert "visually-hidden" in first_group["class"]


def test_search_highlights_matched_words_escaped(client):
    page = parse(client.get("/?q=astana"))
    assert cards(page)
    marks = page.select("ol.cards mark")
    # the word, or a spelling of the place it names: Nur-Sultan, the name Astana bore in 2020 (a card
    # names a place as it was called then)
    assert marks and all(m.get_text().lower().startswith(("astana", "nur", "sultan")) for m in marks)
    assert any(m.get_text().lower().startswith("astana") for m in marks)
    for card in cards(page):
        # the words are shown where they matched, or the card says they are in the article's text
        assert card.select("mark") or card.select_one(".card__match"), card.get_text(" ", strip=True)[:120]
    assert len([c for c in cards(page) if c.select("mark")]) >= len(cards(page)) // 2


def test_search_matches_passage_text_and_shows_snippet(client, trip):
    _, _, signing = trip
    page = parse(client.get("/?q=comprehensive strategic partnership"))
    assert signing.id in {int(c["id"].removeprefix("event-")) for c in cards(page)}
    snippets = page.select(".card__snippet")
    assert len(snippets) == 1  # only the signing's own passage says it; the others matched in article text
    assert snippets[0].find_parent("li")["id"] == f"event-{signing.id}"
    assert [m.get_text().lower() for m in snippets[0].select("mark")] == ["comprehensive", "strategic", "partnership"]


def test_search_never_fails_on_query_syntax(client):
    for q in ['"', "AND OR NOT", "a*", "(", "NEAR(", "'; drop table events; --", "<script>"]:
        response = client.get("/", params={"q": q})
        assert response.status_code == 200, q
        assert not parse(response).select("#results script")


def test_axis_years_are_links_that_filter_and_follow_filters(client, db):
    page = parse(client.get("/?type=visit"))
    axis = page.select_one("figure.axis")
    ticks = {a.select_one(".tick__label").get_text(): a for a in axis.select(".axis__ticks--years a")}
    assert list(ticks) == [str(y) for y in range(2001, 2026)]
    assert sorted(query(ticks["2024"]["href"])) == [("type", "visit"), ("year", "2024")]
    count = ticks["2024"].select_one(".tick__count")
    assert [t for t in count.strings if "visually-hidden" not in (t.parent.get("class") or [])] == ["1"]
    assert count.get_text() == ": 1 event"  # the link's name reads "2024: 1 event"
    assert axis["data-start"] == "2001-01-01" and axis["data-end"] == "2025-12-31"
    lanes = {g["class"][1]: g for g in axis.select("svg g.lane")}
    assert set(lanes) == {"lane--visit", "lane--meeting", "lane--agreement"}
    assert lanes["lane--visit"].select("path.bar--day")
    assert not lanes["lane--meeting"].select("path")  # filtered to visits: nothing drawn for meetings


def test_axis_draws_precision_as_spans(client):
    axis = parse(client.get("/")).select_one("figure.axis")
    assert axis.select("g.lane--agreement path.band")  # year-only memoranda: a band across the year
    assert axis.select("g.lane--meeting path.bar--month")  # month-only talks: a bar over the month


def test_axis_zooms_into_one_year_with_month_links(client):
    axis = parse(client.get("/?year=2024")).select_one("figure.axis")
    assert axis["data-start"] == "2024-01-01" and axis["data-end"] == "2024-12-31"
    months = axis.select(".axis__ticks--months a")
    assert len(months) == 12
    july = dict(query(months[6]["href"]))
    assert july == {"from": "2024-07-01", "to": "2024-07-31"}


def test_exports_links_carry_the_filters(client):
    page = parse(client.get("/?year=2024&type=visit"))
    links = {a["data-format"]: a["href"] for a in page.select("a.exports__link")}
    assert set(links) == {"csv", "json", "ics", "timelinejs"}
    for fmt, href in links.items():
        assert path(href) == "/export"
        assert sorted(query(href)) == sorted([("year", "2024"), ("type", "visit"), ("format", fmt)])


def test_event_links_carry_the_timeline_state_back(client):
    page = parse(client.get("/?year=2024&sort=newest"))
    link = cards(page)[0].select_one(".card__title a")["href"]
    back = dict(query(link))["back"]
    assert sorted(query("?" + back)) == [("sort", "newest"), ("year", "2024")]


def test_first_page_stays_small(client):
    response = client.get("/")
    assert len(response.content) < 100_000


def test_security_headers(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = parse(response)
    assert not [s for s in page.find_all("script") if s.string and s.string.strip()]  # no inline script
    assert not page.select("[style]")  # no inline style
    assert not [e for e in page.find_all(True) if any(a.startswith("on") for a in e.attrs)]


def test_trip_members_link_to_their_visit(client, trip):
    visit, talks, signing = trip
    page = parse(client.get("/?year=2024&sort=newest"))
    for member in (talks, signing):
        note = page.select_one(f"li#event-{member.id} .card__trip a")
        assert path(note["href"]) == f"/events/{visit.id}" and note.get_text(strip=True) == visit.title
    assert page.select_one(f"li#event-{visit.id} .card__trip") is None


@pytest.mark.parametrize("shown", ["2–4 Jul 2024", "2\u2009–\u20094 Jul 2024", "2 – 4 Jul 2024", "2\u202f–\u202f4 Jul 2024"])
def test_a_date_range_is_read_for_its_meaning_whatever_the_spacing(shown):
    """The Babel case: a newer release puts thin spaces around the dash; the date is the same."""
    assert date_parts(shown) == (["2", "4", "Jul", "2024"], True)
    assert date_parts("2 Jul 2024") == (["2", "Jul", "2024"], False)
