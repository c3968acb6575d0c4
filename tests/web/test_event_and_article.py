"""The event page, the article reading view, and the path from one to the other."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from app.models import Article, Event, Evidence
from tests.web.helpers import htmx, parse, path, query, text_without_labels, vary


def test_event_page_states_what_when_who_where(client, trip):
    visit, talks, signing = trip
    response = client.get(f"/events/{visit.id}")
    assert response.status_code == 200 and "HX-Request" in vary(response)
    page = parse(response)
    title = page.select_one("h1#event-title").get_text(strip=True)
    assert title == visit.title
    assert page.title.get_text().startswith(visit.title)
    og = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
    assert og["og:title"].startswith(visit.title) and og["og:type"] == "article"
    assert "og:url" not in og  # absolute only, and no public address is configured (never the Host header)
    assert page.find("link", rel="canonical")["href"] == f"/events/{visit.id}"
    assert og["og:description"] == page.select_one(".event-page__summary").get_text(strip=True)
    facts = {row.dt.get_text(strip=True): row.dd for row in page.select(".facts__row")}
    assert facts["When"].time["datetime"] == "2024-07-02"
    assert "known to the day" in facts["When"].get_text()
    assert facts["When"].select_one("#date-origin blockquote mark").get_text() == visit.date_phrase
    people = [li.get_text(" ", strip=True) for li in facts["Who"].select("li")]
    assert people[0].startswith("Xi Jinping , President of China (China)")
    assert "Kassym-Jomart Tokayev" in people[1] and "Kazakhstan" in people[1]
    assert facts["Where"].get_text(" ", strip=True) == "Astana , Kazakhstan"
    assert facts["Status"].get_text(strip=True) == "Reported as having taken place"
    assert facts["Topics"].select("a.tag")


def test_event_sources_from_several_outlets_link_to_their_passages(client, db, trip):
    visit, _, _ = trip
    page = parse(client.get(f"/events/{visit.id}?back=year%3D2024"))
    sources = page.select("ol.sources__list > li.source")
    outlets = [s.select_one(".source__outlet").get_text(strip=True) for s in sources]
    assert sorted(outlets) == ["ANTARA", "Test Wire"]
    evidence = {e.id: e for e in db.scalars(select(Evidence).where(Evidence.event_id == visit.id))}
    for source in sources:
        for figure in source.select("figure.quote"):
            href = figure.select_one("figcaption a")["href"]
            ev_id = int(urlsplit(href).fragment.removeprefix("ev-"))
            row = evidence[ev_id]
            assert path(href) == f"/articles/{row.article_id}"
            assert dict(query(href)) == {"evidence": str(ev_id), "back": "year=2024"}
            article = db.get(Article, row.article_id)
            assert figure.blockquote.get_text() == article.text[row.start:row.end]


def test_event_page_groups_the_trip(client, trip):
    visit, talks, signing = trip
    for event in trip:
        page = parse(client.get(f"/events/{event.id}"))
        items = page.select(".trip__list > li")
        assert len(items) == 3
        linked = {path(a["href"]) for a in page.select(".trip__list a")}
        assert linked == {f"/events/{e.id}" for e in trip if e.id != event.id}
        assert page.select_one(".trip__list [aria-current=page]").get_text(strip=True) == event.title
    first = parse(client.get(f"/events/{visit.id}")).select(".trip__list > li")[0]
    assert "trip__item--visit" in first["class"]


def test_back_link_is_only_ever_the_timeline(client, trip):
    visit, _, _ = trip
    for back, expected in [
        ("year=2024&type=visit", "/?year=2024&type=visit"),
        ("https://evil.example/phish", "/"),
        ("//evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("year=2024&next=https://evil.example", "/?year=2024"),
        ("q=%3Cscript%3E", "/?q=%3Cscript%3E"),
    ]:
        page = parse(client.get(f"/events/{visit.id}", params={"back": back}))
        assert page.select_one("nav.breadcrumb a")["href"] == expected, back


def test_article_marks_exactly_each_passage(client, db, trip_article):
    page = parse(client.get(f"/articles/{trip_article.id}"))
    body = page.select_one(".reader__text")
    assert text_without_labels(body) == trip_article.text
    rows = db.scalars(select(Evidence).where(Evidence.article_id == trip_article.id)).all()
    assert len(rows) == 3
    for row in rows:
        pieces = body.select(f'mark[data-ev="{row.id}"]')
        assert pieces[0]["id"] == f"ev-{row.id}"
        assert "".join(text_without_labels(p) for p in pieces) == trip_article.text[row.start:row.end]
        label = body.select_one(f'a.plabel[href="/events/{row.event_id}"]')
        assert label is not None and label.get_text(" ", strip=True).endswith(db.get(Event, row.event_id).title)


def test_overlapping_passages_nest_properly(client, db, trip, trip_article):
    _, talks, signing = trip
    page = parse(client.get(f"/articles/{trip_article.id}"))
    talks_ev = db.scalar(select(Evidence).where(Evidence.event_id == talks.id, Evidence.article_id == trip_article.id))
    signing_ev = db.scalar(select(Evidence).where(Evidence.event_id == signing.id,
                                                  Evidence.article_id == trip_article.id))
    assert talks_ev.start < signing_ev.start < talks_ev.end < signing_ev.end  # they really overlap
    talks_pieces = page.select(f'mark[data-ev="{talks_ev.id}"]')
    signing_pieces = page.select(f'mark[data-ev="{signing_ev.id}"]')
    assert len(talks_pieces) == 1 and len(signing_pieces) == 2
    assert signing_pieces[0].parent is talks_pieces[0]  # the shared words sit inside both
    joined = "".join(text_without_labels(p) for p in signing_pieces)
    assert joined == trip_article.text[signing_ev.start:signing_ev.end]


def test_article_sets_apart_boilerplate_and_captions(client, trip_article):
    page = parse(client.get(f"/articles/{trip_article.id}"))
    (start, end), = trip_article.boilerplate
    boilerplate = page.select(".reader__text .boilerplate")
    assert [b.get_text() for b in boilerplate] == [trip_article.text[start:end]]
    (start, end), = trip_article.captions
    assert [c.get_text() for c in page.select(".reader__text .caption")] == [trip_article.text[start:end]]


def test_passage_labels_keep_the_way_back(client, trip_article):
    page = parse(client.get(f"/articles/{trip_article.id}", params={"back": "year=2024"}))
    labels = page.select(".reader__text a.plabel")
    assert labels and all(dict(query(a["href"])) == {"back": "year=2024"} for a in labels)


def test_article_passage_navigation_and_current_passage(client, db, trip_article):
    rows = db.scalars(select(Evidence).where(Evidence.article_id == trip_article.id)
                      .order_by(Evidence.start, Evidence.end.desc())).all()
    middle = rows[1]
    page = parse(client.get(f"/articles/{trip_article.id}", params={"evidence": middle.id, "back": "year=2024"}))
    assert [m["data-ev"] for m in page.select("mark.is-current")][0] == str(middle.id)
    nav = page.select_one("nav.passage-nav")
    previous, following = nav.select_one(".passage-nav__prev")["href"], nav.select_one(".passage-nav__next")["href"]
    assert urlsplit(previous).fragment == f"ev-{rows[0].id}" and dict(query(previous))["evidence"] == str(rows[0].id)
    assert urlsplit(following).fragment == f"ev-{rows[2].id}"
    assert nav.select_one(".passage-nav__pos").get_text(strip=True) == "Passage 2 of 3"
    assert page.select_one("nav.breadcrumb a")["href"] == "/?year=2024"


def test_article_lists_the_events_taken_from_it(client, trip, trip_article):
    page = parse(client.get(f"/articles/{trip_article.id}"))
    linked = [path(a["href"]) for a in page.select(".article-events .article-event__title a")]
    assert sorted(linked) == sorted(f"/events/{e.id}" for e in trip)


def test_hostile_article_text_is_escaped_everywhere(client, db, hostile_article):
    page = parse(client.get(f"/articles/{hostile_article.id}"))
    assert not page.select(".reader__text script, .reader__text img, .reader__text b")
    assert page.select_one("h1#article-title").get_text() == hostile_article.title
    assert not page.select("h1 script")
    assert text_without_labels(page.select_one(".reader__text")) == hostile_article.text
    assert "{{ 7*7 }}" in page.select_one(".reader__text").get_text()
    assert "49" not in page.select_one(".reader__text").get_text()
    scripts = page.find_all("script")
    assert all(s.get("src") and not s.string for s in scripts)  # only our own files

    event = db.scalar(select(Event).join(Evidence, Evidence.event_id == Event.id)
                      .where(Evidence.article_id == hostile_article.id))
    event_page = parse(client.get(f"/events/{event.id}"))
    quote = event_page.select_one("figure.quote blockquote")
    assert "<img src=x" in quote.get_text() and not quote.select("img")
    assert "{{ 7*7 }}" in quote.get_text()
    assert all(s.get("src") for s in event_page.find_all("script"))

    listing = parse(client.get("/", params={"q": "onerror"}))
    snippet = listing.select_one(".card__snippet")
    assert not snippet.select("img") and "onerror" in snippet.get_text()


def test_event_and_article_pages_have_no_fragment_variant(client, trip, trip_article):
    """They have no block to swap: an HTMX request (e.g. a boosted link) still gets the whole page."""
    visit, _, _ = trip
    for url in (f"/events/{visit.id}", f"/articles/{trip_article.id}"):
        response = client.get(url, headers=htmx())
        assert parse(response).find("html") is not None
        assert "HX-Request" in vary(response)
